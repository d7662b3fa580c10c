// The whole loop of issue 24 in a real browser against the real service and its SQLite file:
// an enterprise assesses itself, adopts three actions into its plan, saves its file and requests
// a rapid assessment; an officer assigns an assessor, who records the visit with the three
// opportunities agreed; six months later the enterprise opens its file, marks two actions done
// with what they saved and sends a progress update; the follow-up falls due and is cleared by the
// update; an officer verifies one saving. The dashboard, the annual XLSX and CSV (read back with
// Python's openpyxl and csv) and the open data then hold the sums worked by hand below, and the
// open data names no one and suppresses a group of two.
//
// The dates follow the real day (the service's clock): the visit is the day before "six months
// ago", so the 6-month follow-up is due today; the enterprise's first session runs with the
// browser's clock set ten days before the visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, CONTACT } from './assessment_page.mjs';
import { freePort, startIntake } from './intake.mjs';
import { loggedIn as logIn, PASSWORD, violations } from './staff.mjs';

const BINARY = process.env.SXSH_SERVER_BIN ?? 'target/debug/sxsh_server';
const TAX_CODE = '3300100001';
const DAY_MS = 86_400_000;

/** A day `YYYY-MM-DD` in Vietnam (UTC+7) of a time in ms. */
const vnDay = (ms) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
/** `day` moved by `months` calendar months, the day of the month kept or, past the month's end,
 *  its last day (as the service's follow-up dates). */
function addMonths(day, months) {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}
const dayBefore = (day) => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
const ddmmyyyy = (day) => day.split('-').reverse().join('/');

const TODAY = vnDay(Date.now());
const VISIT = dayBefore(addMonths(TODAY, -6));
const FIRST_SESSION = new Date(`${dayBefore(dayBefore(VISIT))}T09:00:00+07:00`);
const YEAR = TODAY.slice(0, 4);

let browser;
let intake;
let dir;
before(async () => {
  browser = await launchBrowser();
  const port = await freePort();
  process.env.SXSH_PUBLIC_ORIGIN = `http://127.0.0.1:${port}`;
  intake = await startIntake({ listen: `127.0.0.1:${port}` });
  for (const [name, role] of [['canbo', 'officer'], ['chuyengia', 'assessor']]) {
    execFileSync(BINARY, ['create-staff', name, '--role', role], {
      env: { ...process.env, SXSH_DATABASE: intake.database, SXSH_NEW_PASSWORD: PASSWORD },
    });
  }
  dir = mkdtempSync(join(tmpdir(), 'sxsh-loop-'));
});
after(async () => { await browser?.close(); await intake?.stop(); });

/** Runs a Python script with `input` on its standard input; its standard output as JSON. */
const python = (script, input) => JSON.parse(execFileSync('python3', ['-c', script], { input }));

/** A stable path's element id in the assessor's app. */
const ra = (path) => `#ra-${path.replace(/[._:]/g, '-')}`;
/** A field's element id in the widget. */
const cp = (field) => `#cp-field-${field.replace(/[.:]/g, '-')}`;

test('the loop: assess, adopt, request, visit, six months on report progress, verify, and count it all', async (t) => {
  // (0) Another textile plant of the same ward and size sends a request (to the API directly):
  // with ours, a group of two in the open data.
  const other = {
    kind: 'sxsh-assessment-request', version: 1, idempotency_key: 'e2e-loop-other-00000000000',
    contact: { name: 'Trần Thị Bình', phone: '0234 3000 111', email: 'binh@dethuongtra.vn' },
    consent: { request: true, notice_version: '2026-12', given_at: `${VISIT}T01:00:00Z` },
    assessment: {
      kind: 'sxsh-assessment', version: 1, saved_at: `${VISIT}T01:00:00Z`, checklist_version: '2026.12.2',
      draft: {
        profile: { company: 'Công ty Dệt Hương Trà (ví dụ)', sector: 'textile', ward: 'Phường Phú Bài', employees: 250, electricity: { kwh: 900_000 } },
        answers: {},
      },
    },
  };
  const response = await fetch(`${intake.url}api/requests`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(other),
  });
  assert.equal(response.status, 201, await response.text());

  // (1) The enterprise assesses itself, adopts the first three actions, saves its file and
  // requests a rapid assessment (its browser's clock ten days before the visit).
  const first = await watchedPage(browser, { acceptDownloads: true });
  t.after(() => first.context.close());
  await first.page.clock.setFixedTime(FIRST_SESSION);
  first.page.on('dialog', (dialog) => dialog.accept());
  const w = new AssessmentPage(first.page);
  await w.open(`${intake.url}demo/`);
  await w.completeJourney();
  const actions = w.root.locator('[data-testid=actions] li.cp-action');
  const measures = [];
  for (let i = 0; i < 3; i += 1) {
    measures.push(await actions.nth(i).getAttribute('data-action'));
    await actions.nth(i).locator('[data-testid=adopt]').click();
    await w.root.locator(`li.cp-action[data-action="${measures[i]}"] [data-testid=adopt][data-adopted=true]`).waitFor();
  }
  const [a, b, c] = measures;
  const [download] = await Promise.all([first.page.waitForEvent('download'), w.root.getByTestId('save-file').click()]);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await w.fillRequest(CONTACT);
  await w.field('contact-tax_code').fill(TAX_CODE);
  await w.sendRequest();
  const sent = w.root.locator('[data-testid=request-status] li.cp-request[data-state=sent]');
  await sent.waitFor({ timeout: 15_000 });
  const receipt = await sent.getAttribute('data-receipt');
  assert.match(receipt, /^SXSH-\d{4}-\d{4}$/);

  // (2) An officer assigns the assessor, who records the visit: the three adopted measures
  // agreed with the savings estimated on site, the others removed, the record complete.
  const officer = await logIn(browser, intake.url, t, 'canbo', { viewport: { width: 1280, height: 900 } });
  await officer.page.goto(`${intake.url}staff/requests/${receipt}`);
  await officer.page.selectOption('#assessor', { label: 'chuyengia' });
  await Promise.all([
    officer.page.waitForURL(`**/staff/requests/${receipt}`),
    officer.page.click('form[action$="/assessor"] button'),
  ]);
  const assessor = await logIn(browser, intake.url, t, 'chuyengia', { viewport: { width: 768, height: 1024 } });
  const ap = assessor.page;
  ap.on('dialog', (dialog) => dialog.accept());
  await ap.goto(`${intake.url}staff/assessments/${receipt}`);
  await ap.locator('#ra-visit-date').waitFor();
  await ap.fill('#ra-visit-date', VISIT);
  await ap.fill(ra('visit.team'), 'Nguyễn Văn Hùng (Trung tâm Khuyến công Huế)');
  // On site: A saves 100.000.000 đ and 40 t CO2 a year, B 60.000.000 đ and 25 t, C 40.000.000 đ
  // and 10 t; all three agreed.
  const onSite = { [a]: ['100.000.000', '40'], [b]: ['60.000.000', '25'], [c]: ['40.000.000', '10'] };
  const cards = ap.locator('.ra-card');
  for (let i = (await cards.count()) - 1; i >= 0; i -= 1) {
    const id = await cards.nth(i).locator('input[id$="-title"]').getAttribute('id');
    if (!measures.some((m) => id === `${ra(`opportunities.${m}.title`).slice(1)}`)) {
      await cards.nth(i).getByRole('button', { name: 'Xóa cơ hội này' }).click();
    }
  }
  assert.equal(await cards.count(), 3, 'the three adopted measures were prefilled from the answers');
  for (const m of measures) {
    await ap.fill(ra(`opportunities.${m}.saving_vnd`), onSite[m][0]);
    await ap.fill(ra(`opportunities.${m}.saving_tco2`), onSite[m][1]);
    await ap.check(`${ra(`opportunities.${m}`)}-agreement-agreed`);
  }
  await ap.check('#ra-complete');
  await ap.getByRole('button', { name: 'Lưu' }).click();
  await ap.waitForFunction(() => /Đã đồng bộ lúc \d\d:\d\d/.test(document.querySelector('[data-testid=sync-status]')?.textContent ?? ''), null, { timeout: 20_000 });
  const requestStatus = () => intake.query(`SELECT status FROM requests WHERE receipt = '${receipt}'`)[0].status;
  assert.equal(requestStatus(), 'assessed');

  // Six months after the visit the follow-up is due.
  await officer.page.goto(`${intake.url}staff/follow-up`);
  const due = officer.page.locator(`tr:has(a[href="/staff/requests/${receipt}#follow-up"])`);
  assert.equal(await due.count(), 1, 'the 6-month follow-up is listed as due');
  assert.match(await due.textContent(), new RegExp(ddmmyyyy(addMonths(VISIT, 6))));
  assert.deepEqual(await violations(officer.page), [], 'axe on the follow-ups due');

  // (3) Six months later, in another browser: the enterprise opens its file, marks A and B done
  // with what they saved (A 90.000.000 đ; B 50.000.000 đ and 20 t CO2) and sends an update.
  const later = await watchedPage(browser, { bypassCSP: true });
  t.after(() => later.context.close());
  later.page.on('dialog', (dialog) => dialog.accept());
  const v = new AssessmentPage(later.page);
  await v.open(`${intake.url}demo/`);
  await v.root.getByTestId('restore-file').setInputFiles(file);
  await v.root.locator('#cp-review-title').waitFor();
  await v.root.getByTestId('see-results').click();
  await v.root.getByTestId('plan-open').click();
  await v.root.locator('#cp-plan-title').waitFor();
  assert.equal(await v.root.locator('[data-testid=plan-actions] > li').count(), 3, 'the plan came with the file');
  await v.root.locator(cp(`plan.${a}.status`)).selectOption('done');
  await v.root.locator(cp(`plan.${a}.vnd`)).fill('90.000.000');
  await v.root.locator(cp(`plan.${b}.status`)).selectOption('done');
  await v.root.locator(cp(`plan.${b}.vnd`)).fill('50.000.000');
  await v.root.locator(cp(`plan.${b}.tco2`)).fill('20');
  assert.deepEqual(await v.axeViolations(), [], 'axe on the plan');
  await v.root.getByTestId('update-open').click();
  await v.root.locator('#cp-update-title').waitFor();
  await v.root.locator('#cp-field-receipt').fill(receipt);
  await v.root.locator('#cp-field-tax_code').fill(TAX_CODE);
  await v.root.locator('#cp-field-consent-request').check();
  await v.root.getByTestId('update-check').click();
  await v.root.locator('#cp-update-check-title').waitFor();
  assert.deepEqual(await v.axeViolations(), [], 'axe on the update\'s check page');
  await v.root.getByTestId('update-send').click();
  const reference = v.root.locator('[data-testid=update-status] li.cp-request[data-state=sent]');
  await reference.waitFor({ timeout: 15_000 });
  assert.equal(await reference.getAttribute('data-reference'), `${receipt}-P1`);

  // The update answered the follow-up: no longer due. A and B are self-reported as implemented.
  await officer.page.goto(`${intake.url}staff/follow-up`);
  assert.equal(await due.count(), 0, 'the update answered the due follow-up');
  const rows = intake.query(`SELECT opportunity_id, status, evidence, achieved_vnd FROM follow_ups ORDER BY id`);
  assert.deepEqual(rows, [
    { opportunity_id: a, status: 'implemented', evidence: 'self_reported', achieved_vnd: 90_000_000 },
    { opportunity_id: b, status: 'implemented', evidence: 'self_reported', achieved_vnd: 50_000_000 },
    { opportunity_id: c, status: 'not_implemented', evidence: 'self_reported', achieved_vnd: null },
  ]);

  // (4) The officer verifies A from six months of bills: 80.000.000 đ and 30 t CO2 a year.
  await officer.page.goto(`${intake.url}staff/requests/${receipt}`);
  const form = officer.page.locator(`form:has(input[name=opportunity][value="${a}"])`);
  await form.locator('xpath=ancestor::details').locator('summary').click();
  await form.locator('select[name=status]').selectOption('implemented');
  await form.locator('input[name=vnd]').fill('80.000.000');
  await form.locator('input[name=tco2]').fill('30');
  await form.locator('select[name=evidence]').selectOption('verified');
  await form.locator('input[name=method]').fill('Hóa đơn điện 6 tháng trước và sau khi thay');
  await Promise.all([officer.page.waitForURL(`**/staff/requests/${receipt}**`), form.locator('button[type=submit]').click()]);
  assert.match(await officer.page.locator(`#follow-up-${a.replace(/[.]/g, '\\.')}`).textContent(), /80\.000\.000/);

  // (5) The dashboard, worked by hand. Requests 2 (ours and the other); contacted 1 (ours, now
  // assessed); visited 1; opportunities agreed 3; implemented 2 (A verified, B self-reported);
  // enterprises implementing 1. Rates: 2 of 3 = 66,7 %; 1 of the 1 visited = 100 %.
  // VND a year: identified 100 + 60 + 40 = 200 million; implemented 80 (A, verified: the
  // officer's row is newer than the self-report) + 50 (B) = 130 million, of which self-reported
  // 50 and verified 80. tCO2: identified 40 + 25 + 10 = 75; implemented 30 + 20 = 50, of which
  // self-reported 20 and verified 30.
  await officer.page.goto(`${intake.url}staff/dashboard?year=${YEAR}`);
  const funnel = [];
  for (let i = 1; i <= 6; i += 1) funnel.push(await officer.page.getByTestId(`funnel-${i}`).textContent());
  assert.deepEqual(funnel, ['2', '1', '1', '3', '2', '1']);
  assert.equal(await officer.page.getByTestId('rate-1').textContent(), '66,7 %');
  assert.equal(await officer.page.getByTestId('rate-2').textContent(), '100 %');
  const savings = await officer.page.locator('table:has(caption#savings-units-caption) tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent.trim(),
      [...tr.querySelectorAll('td')].map((td) => td.textContent.trim().split(/\s/)[0])]));
  const row = (label) => savings.find(([th]) => th.startsWith(label))?.[1];
  // Columns: đồng, kWh, TOE, m³, t, tCO2.
  assert.equal(row('Đã xác định')[0], '200.000.000');
  assert.equal(row('Đã xác định')[5], '75');
  assert.equal(row('Đã thực hiện')[0], '130.000.000');
  assert.equal(row('Đã thực hiện')[5], '50');
  assert.equal(row('— doanh nghiệp tự báo cáo')[0], '50.000.000');
  assert.equal(row('— doanh nghiệp tự báo cáo')[5], '20');
  assert.equal(row('— Sở đã xác minh')[0], '80.000.000');
  assert.equal(row('— Sở đã xác minh')[5], '30');
  assert.deepEqual(await violations(officer.page), [], 'axe on the dashboard');

  // (6) The annual XLSX and CSV read back to the same figures.
  const get = async (path) => {
    const answer = await officer.context.request.get(`${intake.url}${path}`);
    assert.equal(answer.status(), 200, path);
    return answer.body();
  };
  const period = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
  const book = python(`
import io, sys, json, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
json.dump([[c for c in row] for row in book["figures"].iter_rows(values_only=True)], sys.stdout)
`, await get(`staff/reports/annual.xlsx?${period}`));
  const csv = python(`
import csv, io, sys, json
text = sys.stdin.buffer.read().decode("utf-8")
json.dump(list(csv.reader(io.StringIO(text.lstrip("\\ufeff"), newline=""))), sys.stdout)
`, await get(`staff/reports/annual.csv?${period}`));
  const expected = {
    requests: 2, contacted: 1, visited: 1, opportunities_agreed: 3, opportunities_implemented: 2,
    enterprises_implementing: 1, identified_vnd: 200_000_000, implemented_vnd: 130_000_000,
    self_reported_vnd: 50_000_000, verified_vnd: 80_000_000, identified_tco2: 75,
    implemented_tco2: 50, self_reported_tco2: 20, verified_tco2: 30,
  };
  for (const [code, value] of Object.entries(expected)) {
    const inBook = book.find((r) => r[0] === 'total' && (r[1] ?? '') === '' && r[2] === code);
    const inCsv = csv.find((r) => r[0] === 'total' && r[1] === '' && r[2] === code);
    assert.equal(Number(inBook?.[4]), value, `XLSX ${code}`);
    assert.equal(Number(inCsv?.[4]), value, `CSV ${code}`);
  }
  // Every figure traces back to its records: the implemented ones to our receipt alone.
  assert.equal(csv.find((r) => r[0] === 'total' && r[2] === 'implemented_vnd')[5], receipt);

  // (7) The anonymised open data: no name, phone or e-mail; our group of two enterprises is
  // under 3: merged into the year's textile row "khác"/"other" (its ward not written), still
  // two, every figure suppressed.
  const open = (await get(`staff/open-data.csv?year=${YEAR}`)).toString('utf8');
  for (const personal of [CONTACT['contact-name'], CONTACT['contact-phone'], CONTACT['contact-email'],
    other.contact.name, other.contact.phone, other.contact.email, 'Công ty Dệt', receipt, TAX_CODE,
    'Phú Bài']) {
    assert.ok(!open.includes(personal), `${personal} is not in the open data`);
  }
  const table = python(`
import csv, io, sys, json
text = sys.stdin.buffer.read().decode("utf-8")
json.dump(list(csv.reader(io.StringIO(text.lstrip("\\ufeff"), newline=""))), sys.stdout)
`, Buffer.from(open));
  const group = table.find((r) => r[0] === YEAR && r[1] === 'textile' && r[2] === 'khác' && r[3] === 'other');
  assert.ok(group, 'the group of the two textile plants is a row');
  assert.ok(group.slice(4).every((cell) => cell === 'suppressed'), `suppressed: ${group}`);
});
