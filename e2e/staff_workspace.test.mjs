// The staff workspace in a real browser against the real service and its SQLite file: each role
// logs in and every page it reaches, in Vietnamese and in English, has no axe-core violation
// (WCAG 2.1 A and AA); the keyboard reaches the content through the skip link; and the pages
// are photographed at 1280 × 900 px in Vietnamese (the list in English too) for
// server/README.md (docs/staff/*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { launchBrowser, watchedPage } from './harness.mjs';
import { freePort, startIntake } from './intake.mjs';
import { loggedIn as logIn, PASSWORD, SHOTS, violations } from './staff.mjs';

const BINARY = process.env.SXSH_SERVER_BIN ?? 'target/debug/sxsh_server';

let browser;
/** A desktop page logged in as `username`, closed when `t` ends. */
const loggedIn = (t, username) => logIn(browser, intake.url, t, username, { bypassCSP: true, viewport: { width: 1280, height: 900 } });
let intake;
const receipts = [];
before(async () => {
  browser = await launchBrowser();
  // Staff form posts must come from the service's own origin, so the service is told its port.
  const port = await freePort();
  process.env.SXSH_PUBLIC_ORIGIN = `http://127.0.0.1:${port}`;
  process.env.SXSH_DEPARTMENT_NAME = 'Sở Công Thương thành phố Huế';
  process.env.SXSH_DEPARTMENT_PHONE = '0234 3822 000';
  intake = await startIntake({ listen: `127.0.0.1:${port}` });
  for (const [name, role] of [['canbo', 'officer'], ['chuyengia', 'assessor'], ['quantri', 'admin']]) {
    execFileSync(BINARY, ['create-staff', name, '--role', role], {
      env: { ...process.env, SXSH_DATABASE: intake.database, SXSH_NEW_PASSWORD: PASSWORD },
    });
  }
  // Four requests: a large brewery (a key energy user), two from one textile enterprise (the
  // same tax code: possible duplicates) and a small wood workshop.
  const requests = [
    ['Công ty TNHH Bia Hương Giang', 'beverage', 9_000_000, 16_000_000_000, '0100109106'],
    ['Công ty Cổ phần Dệt Phú Bài', 'textile', 2_000_000, 3_600_000_000, '3300100018'],
    ['Dệt Phú Bài – chi nhánh Hương Thủy', 'textile', 800_000, 1_500_000_000, '3300100018'],
    ['Xưởng mộc Hương Trà', 'wood', 60_000, 120_000_000, ''],
  ];
  for (const [n, [company, sector, kwh, cost, tax]] of requests.entries()) {
    const body = {
      kind: 'sxsh-assessment-request', version: 1, idempotency_key: `e2e-staff-${n}-0000000000`,
      contact: { name: 'Nguyễn Văn An', tax_code: tax, phone: '0234 3822 000', email: 'an@example.vn' },
      consent: { request: true, notice_version: '2026-11', given_at: '2026-11-28T08:00:00Z' },
      assessment: {
        kind: 'sxsh-assessment', version: 1, saved_at: '2026-11-28T08:00:00Z', checklist_version: '2026.11.1',
        draft: {
          profile: { company, sector, electricity: { kwh, cost_vnd: cost } },
          answers: { 'energy.lighting.led': { level: 'not_yet' }, 'energy.motors.vfd': { level: 'partly' } },
        },
      },
    };
    const response = await fetch(`${intake.url}api/requests`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.text();
    assert.equal(response.status, 201, answer);
    receipts.push(JSON.parse(answer).receipt);
  }
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await intake?.stop(); });

/** A logged-in page for `username` (the staff pages' CSP bypassed only so axe can be injected). */
/** Opens `path` in each language, checks axe and the page's language; photographs it as `shot`. */
async function checkBothLanguages(page, path, shot) {
  // English first, so the reader is back in Vietnamese afterwards.
  for (const lang of ['en', 'vi']) {
    const separator = path.includes('?') ? '&' : '?';
    await page.goto(`${intake.url}${path.replace(/^\//, '')}${separator}lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang, `${path} in ${lang}`);
    assert.deepEqual(await violations(page), [], `${path} in ${lang}`);
    if (shot && (lang === 'vi' || shot === 'list')) await page.screenshot({ path: `${SHOTS}/${shot}-${lang}.png` });
  }
}

test('the login page, and a failed login, in both languages', async (t) => {
  const { page, context } = await watchedPage(browser, { bypassCSP: true, locale: 'vi-VN', viewport: { width: 1280, height: 720 } });
  t.after(() => context.close());
  await checkBothLanguages(page, '/staff/login', 'login');
  await page.fill('#u', 'canbo');
  await page.fill('#p', 'not the password');
  await page.click('button[type=submit]');
  assert.match(await page.locator('[role=alert]').textContent(), /Sai tên đăng nhập hoặc mật khẩu/);
  assert.deepEqual(await violations(page), [], 'the refused login');
});

test('an officer triages, assigns an assessor, and every page passes axe in both languages', async (t) => {
  const { page, problems } = await loggedIn(t, 'canbo');
  // The list: ranked by triage, the reasons beside each rank.
  const first = await page.locator('tbody tr').first().textContent();
  assert.match(first, /Bia Hương Giang/, 'the key energy user first');
  assert.match(first, /Cơ sở sử dụng năng lượng trọng điểm/);
  assert.match(await page.locator('tbody').textContent(), /Có thể trùng doanh nghiệp với/);
  await checkBothLanguages(page, '/staff', 'list');
  await checkBothLanguages(page, '/staff?sort=date&sector=textile', null);
  // The keyboard: the first Tab reaches the skip link, which moves focus to the content.
  await page.goto(`${intake.url}staff`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // A request's page; assign the assessor with the keyboard-reachable form.
  const detail = `/staff/requests/${receipts[0]}`;
  await page.goto(`${intake.url}${detail.slice(1)}`);
  await page.selectOption('#assessor', { label: 'chuyengia' });
  await Promise.all([page.waitForURL(`**${detail}`), page.click('form[action$="/assessor"] button')]);
  assert.match(await page.locator('.facts').textContent(), /Đã lên lịch/);
  await checkBothLanguages(page, detail, 'detail');
  await checkBothLanguages(page, '/staff/audit', 'log');
  // A refusal: the receipt typed to confirm a deletion does not match.
  await page.goto(`${intake.url}${detail.slice(1)}`);
  await page.locator('summary', { hasText: 'Xóa yêu cầu' }).click();
  await page.fill('#d-confirm', 'SXSH-0000-0000');
  await page.locator('form:has(#d-confirm) button').click();
  await page.locator('[role=alert]').waitFor();
  assert.match(await page.locator('[role=alert]').textContent(), /không khớp/);
  assert.deepEqual(await violations(page), [], 'the refusal page');
  // The accounts are not an officer's: a 403 page, in words.
  await page.goto(`${intake.url}staff/accounts`);
  assert.match(await page.locator('h1').textContent(), /Không có quyền truy cập/);
  assert.deepEqual(await violations(page), [], 'the 403 page');
  assert.deepEqual(problems.filter((p) => !/(HTTP|status of) (403|422)/.test(p)), []);
});

test('an assessor sees the request assigned to them, and nothing else', async (t) => {
  const { page, problems } = await loggedIn(t, 'chuyengia');
  const list = await page.locator('main').textContent();
  assert.match(list, /Yêu cầu được giao cho bạn/);
  assert.ok(list.includes(receipts[0]) && !list.includes(receipts[1]), list);
  await checkBothLanguages(page, '/staff', 'assessor-list');
  await checkBothLanguages(page, `/staff/requests/${receipts[0]}`, null);
  await page.goto(`${intake.url}staff/requests/${receipts[1]}`);
  assert.match(await page.locator('h1').textContent(), /Không tìm thấy/);
  assert.deepEqual(await violations(page), [], 'the 404 page');
  assert.deepEqual(problems.filter((p) => !/(HTTP|status of) 404/.test(p)), []);
});

test('an administrator manages accounts on pages that pass axe in both languages', async (t) => {
  const { page, problems } = await loggedIn(t, 'quantri');
  assert.match(page.url(), /\/staff\/accounts$/, 'an administrator starts at the accounts');
  await checkBothLanguages(page, '/staff/accounts', 'accounts');
  // A weak password: the error summary, then a good one.
  await page.goto(`${intake.url}staff/accounts`);
  await page.fill('#new-username', 'chuyengia2');
  await page.selectOption('#new-role', 'assessor');
  await page.fill('#new-password', 'aaaaaaaaaaaa');
  await page.locator('form[action="/staff/accounts"] button').click();
  await page.locator('.cp-error-summary').waitFor();
  assert.match(await page.locator('.cp-error-summary').textContent(), /ít nhất 6 ký tự khác nhau/);
  assert.deepEqual(await violations(page), [], 'the refused creation');
  await page.fill('#new-password', PASSWORD);
  await Promise.all([page.waitForURL('**/staff/accounts/chuyengia2?done=created'), page.locator('form[action="/staff/accounts"] button').click()]);
  assert.match(await page.locator('[role=status]').textContent(), /Đã tạo tài khoản/);
  await checkBothLanguages(page, '/staff/accounts/chuyengia2', 'account');
  await page.goto(`${intake.url}staff/requests/${receipts[0]}`);
  assert.match(await page.locator('h1').textContent(), /Không có quyền truy cập/, 'no request for an administrator');
  assert.deepEqual(problems.filter((p) => !/(HTTP|status of) (403|422)/.test(p)), []);
});
