// End to end (issue 24): the enterprise's action plan and its progress year on year. Three
// prioritised actions adopted, their owner, target date, status and saving set, kept over a
// reload and in the saved file (version 2); a year later the assessment is carried forward, from
// the browser and from the file: the previous answers are shown under a notice that says so, and
// the progress chart and table have both years. axe finds nothing on the plan, progress and
// progress-update screens. The browser's clock is set (Playwright's clock) so the two
// assessments fall in 2026 and 2027. Last, against the real service (SXSH_SERVER_BIN): a request,
// then a progress update, stored once with its reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, CONTACT } from './assessment_page.mjs';
import { startIntake } from './intake.mjs';

/** The released version-1 file of the textile plant: an old file opens, and has actions. */
const V1_FILE = 'crates/core/tests/fixtures/files/sxsh-assessment-v1.json';
const FIRST_YEAR = new Date('2026-06-15T09:00:00+07:00');
const NEXT_YEAR = new Date('2027-06-20T09:00:00+07:00');

let server;
let browser;
let dir;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'sxsh-plan-'));
});
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the widget on `page` and reaches the results of the version-1 file. */
async function resultsOfOldFile(page) {
  const w = new AssessmentPage(page);
  page.on('dialog', (dialog) => dialog.accept());
  await w.open(server.url);
  await w.root.getByTestId('restore-file').setInputFiles(V1_FILE);
  await w.root.locator('#cp-review-title').waitFor();
  await w.root.getByTestId('see-results').click();
  await w.root.locator('#cp-results-title').waitFor();
  return w;
}

/** The plan action of a measure on the plan screen. */
const action = (w, measure) => w.root.locator(`li[data-measure="${measure}"]`);
const domId = (field) => `#cp-field-${field.replace(/[.:]/g, '-')}`;

let savedFile;
let measures;

test('three adopted actions keep their owner, date, status and saving over a reload and in the saved file', async () => {
  const { context, page, problems } = await watchedPage(browser, { acceptDownloads: true });
  await page.clock.setFixedTime(FIRST_YEAR);
  const w = await resultsOfOldFile(page);
  assert.match(await w.root.getByTestId('plan-summary').textContent(), /Chưa có giải pháp nào trong kế hoạch/);
  const adopt = w.root.locator('[data-testid=actions] [data-testid=adopt]');
  assert.ok((await adopt.count()) >= 3, 'the results offer at least three actions');
  measures = [];
  for (let i = 0; i < 3; i += 1) {
    measures.push(await w.root.locator('[data-testid=actions] li.cp-action').nth(i).getAttribute('data-action'));
    await adopt.nth(i).click();
    await w.root.locator(`li.cp-action[data-action="${measures[i]}"] [data-testid=adopt][data-adopted=true]`).waitFor();
  }
  assert.equal(await adopt.nth(0).textContent(), 'Đã có trong kế hoạch – xem kế hoạch');
  assert.equal(await w.root.getByTestId('plan-summary').textContent(), 'Kế hoạch có 3 giải pháp, 0 giải pháp đã hoàn thành.');

  await w.root.getByTestId('plan-open').click();
  await w.root.locator('#cp-plan-title').waitFor();
  assert.equal(await w.root.locator('[data-testid=plan-actions] > li').count(), 3);
  const [first, second, third] = measures;
  assert.match(await action(w, first).textContent(), /Đưa vào kế hoạch ngày 15\/06\/2026/);
  await w.root.locator(domId(`plan.${first}.owner`)).fill('Trưởng phòng kỹ thuật');
  await w.root.locator(domId(`plan.${first}.due`)).fill('2026-09-30');
  await w.root.locator(domId(`plan.${first}.status`)).selectOption('in_progress');
  await w.root.locator(domId(`plan.${second}.status`)).selectOption('done');
  await w.root.locator(domId(`plan.${second}.vnd`)).fill('12.500.000');
  await w.root.locator(domId(`plan.${third}.tco2`)).fill('abc');
  assert.match(await action(w, third).locator('.cp-field__error').textContent(), /Lượng CO2 giảm: hãy nhập một số/);
  await w.root.locator(domId(`plan.${third}.tco2`)).fill('1,5');
  assert.equal(await action(w, third).locator('.cp-field__error').count(), 0);
  assert.deepEqual(await w.axeViolations(), [], 'axe on the plan');

  // A reload: the plan is read back with the saved work.
  await page.reload();
  await w.root.getByTestId('resume-continue').click();
  await w.continueToReview();
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('plan-open').click();
  await w.root.locator('#cp-plan-title').waitFor();
  assert.equal(await w.root.locator(domId(`plan.${first}.owner`)).inputValue(), 'Trưởng phòng kỹ thuật');
  assert.equal(await w.root.locator(domId(`plan.${first}.due`)).inputValue(), '2026-09-30');
  assert.equal(await w.root.locator(domId(`plan.${first}.status`)).inputValue(), 'in_progress');
  assert.equal(await w.root.locator(domId(`plan.${second}.status`)).inputValue(), 'done');
  assert.equal(await w.root.locator(domId(`plan.${second}.vnd`)).inputValue(), '12.500.000');
  assert.equal(await w.root.locator(domId(`plan.${third}.tco2`)).inputValue(), '1,5');
  assert.match(await action(w, second).textContent(), /Tình trạng cập nhật ngày 15\/06\/2026/);

  // The saved file: version 2, with the plan.
  await w.root.getByRole('button', { name: 'Quay lại kết quả' }).click();
  await w.root.locator('#cp-results-title').waitFor();
  assert.equal(await w.root.getByTestId('plan-summary').textContent(), 'Kế hoạch có 3 giải pháp, 1 giải pháp đã hoàn thành.');
  const [download] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('save-file').click()]);
  savedFile = join(dir, download.suggestedFilename());
  await download.saveAs(savedFile);
  const saved = JSON.parse(await readFile(savedFile, 'utf8'));
  assert.equal(saved.version, 2);
  assert.deepEqual(saved.plan.actions.map((a) => a.measure), measures);
  assert.deepEqual(saved.plan.actions.map((a) => a.status), ['in_progress', 'done', 'planned']);
  assert.equal(saved.plan.actions[0].owner, 'Trưởng phòng kỹ thuật');
  assert.equal(saved.plan.actions[0].due, '2026-09-30');
  assert.equal(saved.plan.actions[0].adopted_on, '2026-06-15');
  assert.equal(saved.plan.actions[1].achieved.vnd, 12_500_000);
  assert.equal(saved.plan.actions[2].achieved.tco2, 1.5);
  assert.equal(saved.history, undefined, 'no earlier assessment yet');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Checks the progress screen: two years, 2026 (assessed on `day`) and 2027 (this one). */
async function checkTwoYears(w, day) {
  await w.root.locator('#cp-progress-title').waitFor();
  const rows = w.root.locator('[data-testid=progress-table] tbody tr');
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.year)), ['2026', '2027']);
  assert.equal((await rows.nth(0).locator('th').textContent()).trim(), `2026 (đánh giá ngày ${day})`);
  assert.equal((await rows.nth(1).locator('th').textContent()).trim(), '2027 (đang đánh giá)');
  // The plan carried: 1 of 3 done, then and now.
  assert.equal(await rows.nth(0).locator('td').nth(2).textContent(), '1 / 3');
  assert.equal(await rows.nth(1).locator('td').nth(2).textContent(), '1 / 3');
  // The same answers give the same score in both years.
  assert.equal(await rows.nth(0).locator('td').nth(0).textContent(), await rows.nth(1).locator('td').nth(0).textContent());
  const chart = w.root.getByTestId('progress-chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.locator('title').textContent(), /qua các năm/);
  for (const series of ['score', 'savings', 'actionsdone']) {
    const years = await chart.locator(`g[data-series=${series}] text.cp-chart__label[text-anchor=middle]`).allTextContents();
    assert.deepEqual(years, ['2026', '2027'], `${series}: a labelled bar per year`);
  }
  assert.deepEqual(await chart.locator('g[data-series=actionsdone] text.cp-chart__value').allTextContents(), ['1 / 3', '1 / 3']);
  assert.deepEqual(await w.axeViolations(), [], 'axe on the progress screen');
}

test('a year later the assessment is carried forward from this browser: the answers shown as before, two years of progress', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.clock.setFixedTime(FIRST_YEAR);
  const w = await resultsOfOldFile(page);
  const adopt = w.root.locator('[data-testid=actions] [data-testid=adopt]');
  for (let i = 0; i < 3; i += 1) await adopt.nth(i).click();
  await w.root.getByTestId('plan-open').click();
  await w.root.locator('#cp-plan-title').waitFor();
  await w.root.locator('[data-testid=plan-actions] select').nth(1).selectOption('done');

  await page.clock.setFixedTime(NEXT_YEAR);
  await w.root.getByTestId('progress-open').click();
  await w.root.locator('#cp-progress-title').waitFor();
  assert.equal(await w.root.getByTestId('progress-none').count(), 1, 'one year only so far');
  assert.deepEqual(await w.axeViolations(), [], 'axe on the progress screen with one year');
  await w.root.getByTestId('carry-browser').click();
  await w.root.locator('#cp-review-title').waitFor();
  assert.match(await w.root.getByTestId('carried-notice').textContent(), /bắt đầu từ câu trả lời của lần đánh giá ngày 15\/06\/2026/);
  assert.match(await w.root.locator('[data-review="energy.lighting.led"]').textContent(), /Thực hiện một phần/);
  assert.deepEqual(await w.axeViolations(), [], 'axe on the review with the carried answers');
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('progress-open').click();
  await checkTwoYears(w, '15/06/2026');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the saved file carries forward on another browser, and the progress update form and check page pass axe', async () => {
  assert.ok(savedFile, 'the first test saved a file');
  const { context, page, problems } = await watchedPage(browser);
  await page.clock.setFixedTime(NEXT_YEAR);
  const w = new AssessmentPage(page);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.accept(); });
  await w.open(server.url);
  // A receipt of a request sent earlier from this browser, as the outbox keeps it.
  await page.evaluate(() => localStorage.setItem('sxsh-widget/v1/sent', JSON.stringify([{
    receipt: 'SXSH-2026-0007', company: 'Công ty Dệt nhuộm Phú Bài (ví dụ)', idempotency_key: 'k',
    queued_at: '2026-06-15T02:00:00Z', delivered_at: '2026-06-15T02:00:01Z',
  }])));
  await page.reload();
  await w.root.getByTestId('restore-file').setInputFiles(savedFile);
  await w.root.locator('#cp-review-title').waitFor();
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('progress-open').click();
  await w.root.locator('#cp-progress-title').waitFor();
  await w.root.getByTestId('carry-file').setInputFiles(savedFile);
  await w.root.locator('#cp-review-title').waitFor();
  // The work open on this browser is replaced, and the question said so.
  assert.match(dialogs.at(-1), /sẽ thay thế bài đánh giá và kế hoạch đang làm trên trình duyệt này/);
  // The file was saved on the first test's day (its clock), in Vietnam's time.
  assert.match(await w.root.getByTestId('carried-notice').textContent(), /lần đánh giá ngày 15\/06\/2026/);
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('progress-open').click();
  await checkTwoYears(w, '15/06/2026');

  // The progress update: the receipt prefilled, the tax code typed again, consent unticked.
  await w.root.getByRole('button', { name: 'Mở kế hoạch hành động' }).click();
  await w.root.getByTestId('update-open').click();
  await w.root.locator('#cp-update-title').waitFor();
  assert.equal(await w.root.locator('#cp-field-receipt').inputValue(), 'SXSH-2026-0007');
  assert.equal(await w.root.locator('#cp-field-tax_code').inputValue(), '');
  assert.equal(await w.root.locator('#cp-field-consent-request').isChecked(), false);
  await w.root.getByTestId('update-check').click();
  const summary = w.root.getByTestId('error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /mã số thuế/i);
  assert.deepEqual(await w.axeViolations(), [], 'axe on the update form with errors');
  await w.root.locator('#cp-field-tax_code').fill('3300100001');
  await w.root.locator('#cp-field-consent-request').check();
  await w.root.getByTestId('update-check').click();
  await w.root.locator('#cp-update-check-title').waitFor();
  const lines = await w.root.getByTestId('update-check-table').textContent();
  assert.match(lines, /SXSH-2026-0007/);
  assert.match(lines, /3300100001/);
  assert.match(lines, /Đang thực hiện \(cập nhật ngày 15\/06\/2026\)/);
  assert.match(lines, /Người phụ trách: Trưởng phòng kỹ thuật/);
  assert.match(lines, /Số tiền tiết kiệm: 12\.500\.000/);
  assert.deepEqual(await w.axeViolations(), [], 'axe on the update check page');
  // Nothing has left the browser: no update is queued until "send".
  assert.equal(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/progress-outbox')), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('against the real service: a request, then a progress update with two actions done, stored once with its reference', async (t) => {
  const intake = await startIntake();
  t.after(() => intake.stop());
  // The service's CSP forbids inline scripts; bypassing it lets the test inject axe-core.
  const { context, page, problems } = await watchedPage(browser, { bypassCSP: true });
  t.after(() => context.close());
  const posts = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/progress')) posts.push(r.postData()); });
  const w = new AssessmentPage(page);
  page.on('dialog', (dialog) => dialog.accept());
  await w.open(`${intake.url}demo/`);
  await w.completeJourney();
  const adopt = w.root.locator('[data-testid=actions] [data-testid=adopt]');
  for (let i = 0; i < 3; i += 1) await adopt.nth(i).click();
  await w.fillRequest(CONTACT);
  await w.field('contact-tax_code').fill('3300100001');
  await w.sendRequest();
  await w.root.locator('[data-testid=request-status] li.cp-request[data-state=sent]').waitFor({ timeout: 15_000 });
  const receipt = await w.root.locator('li.cp-request[data-state=sent]').getAttribute('data-receipt');

  await w.root.getByTestId('plan-open').click();
  await w.root.locator('#cp-plan-title').waitFor();
  const selects = w.root.locator('[data-testid=plan-actions] select');
  await selects.nth(0).selectOption('done');
  await selects.nth(1).selectOption('done');
  await w.root.getByTestId('update-open').click();
  await w.root.locator('#cp-update-title').waitFor();
  assert.equal(await w.root.locator('#cp-field-receipt').inputValue(), receipt, 'the receipt of the sent request');
  await w.root.locator('#cp-field-tax_code').fill('3300100001');
  await w.root.locator('#cp-field-consent-request').check();
  await w.root.getByTestId('update-check').click();
  await w.root.locator('#cp-update-check-title').waitFor();
  assert.deepEqual(posts, [], 'nothing is sent before "send"');
  await w.root.getByTestId('update-send').click();
  await w.root.locator('#cp-plan-title').waitFor();
  const sent = w.root.locator('[data-testid=update-status] li.cp-request[data-state=sent]');
  await sent.waitFor({ timeout: 15_000 });
  assert.equal(await sent.getAttribute('data-reference'), `${receipt}-P1`);
  assert.deepEqual(await w.axeViolations(), [], 'axe on the plan with the update sent');
  assert.equal(posts.length, 1);
  const body = JSON.parse(posts[0]);
  assert.equal(body.kind, 'sxsh-progress-update');
  assert.equal(body.receipt, receipt);
  assert.deepEqual(body.actions.map((a) => a.status), ['done', 'done', 'planned']);
  assert.equal(intake.query('SELECT COUNT(*) AS n FROM progress_updates')[0].n, 1);
  // Delivered: the outbox is empty and the tax code is not kept.
  assert.equal(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/progress-outbox')), null);
  assert.ok(!(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/progress-sent'))).includes('3300100001'));
  assert.deepEqual(problems, []);
});
