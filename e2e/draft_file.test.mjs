// End to end: the draft saved to a file restores exactly on a fresh browser; a bad file is
// refused with a clear message and replaces nothing; a second completed assessment is compared
// with the first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, TEXTILE_PLANT } from './assessment_page.mjs';

let server;
let browser;
let dir;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'sxsh-e2e-'));
});
after(async () => { await browser?.close(); await server?.close(); });

test('a draft saved to a file opens on a fresh browser exactly as it was', async () => {
  const first = await watchedPage(browser);
  const w = new AssessmentPage(first.page);
  await w.open(server.url);
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.continue();
  await w.answer('energy.lighting.led', 'partly');
  await w.continueToReview();
  await w.root.getByTestId('see-results').click();
  const [download] = await Promise.all([first.page.waitForEvent('download'), w.root.getByTestId('save-file').click()]);
  assert.match(download.suggestedFilename(), /^SXSH-cong-ty-det-nhuom-phu-bai-vi-du-\d{4}-\d{2}-\d{2}\.json$/);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const saved = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(saved.kind, 'sxsh-assessment');
  assert.equal(saved.draft.profile.company, TEXTILE_PLANT.company);
  assert.ok(saved.results.scorecard.overall.answered >= 1);
  assert.deepEqual(first.problems, []);
  await first.context.close();

  const second = await watchedPage(browser);
  const v = new AssessmentPage(second.page);
  second.page.on('dialog', (dialog) => dialog.accept());
  await v.open(server.url);
  await v.root.getByTestId('restore-file').setInputFiles(path);
  await v.root.locator('#cp-review-title').waitFor();
  assert.match(await v.root.locator('[data-review="energy.lighting.led"]').textContent(), /Thực hiện một phần/);
  await v.root.locator('[data-review="energy.lighting.led"] button').click();
  assert.ok(await v.root.locator('fieldset[data-question="energy.lighting.led"] input[value=partly]').isChecked());
  assert.equal(await second.page.evaluate(() => document.activeElement?.dataset.question), 'energy.lighting.led');
  await v.root.getByTestId('continue').click();
  await v.root.locator('#cp-review-title').waitFor();
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test('a file saved with the previous checklist opens, is re-scored with the end-use model and says so', async () => {
  // The released version-1 file of the textile plant, made with checklist 2026.11.1 (whose
  // stream-wide savings gave electricity 1,7–6,4 %).
  const path = 'crates/core/tests/fixtures/files/sxsh-assessment-v1.json';
  assert.equal(JSON.parse(await readFile(path, 'utf8')).checklist_version, '2026.11.1');
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  page.on('dialog', (dialog) => dialog.accept());
  await w.open(server.url);
  await w.root.getByTestId('restore-file').setInputFiles(path);
  await w.root.locator('#cp-review-title').waitFor();
  await w.root.getByTestId('see-results').click();
  await w.root.locator('#cp-results-title').waitFor();
  const notice = await w.root.getByTestId('rescored').textContent();
  assert.match(notice, /phiên bản 2026\.11\.1; kết quả đã được tính lại theo phiên bản 2026\.12\.2/);
  assert.match(await w.root.locator('tr[data-stream=electricity]').textContent(), /2,6–5,6 %/);
  assert.equal(await w.root.getByTestId('score-value').textContent(), '43', 'the answers are unchanged');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad file is refused with a clear message and replaces nothing', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.field('company').fill('Công ty Giữ Nguyên');
  await w.root.getByRole('button', { name: 'Quay lại' }).click();
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"kind":"sxsh-assessment","version":99,"draft":{"profile":{"company":"<img src=x onerror=alert(1)>"}}}');
  await w.root.getByTestId('restore-file').setInputFiles(bad);
  const message = w.root.getByTestId('restore-message');
  await message.waitFor();
  assert.match(await message.textContent(), /phiên bản mới hơn/);
  await w.start();
  assert.equal(await w.field('company').inputValue(), 'Công ty Giữ Nguyên');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a second completed assessment is compared with the first', async () => {
  const { context, page, problems } = await watchedPage(browser);
  page.on('dialog', (dialog) => dialog.accept());
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.continue();
  await w.answer('energy.lighting.led', 'not_yet');
  await w.continueToReview();
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('score-value').waitFor();
  assert.equal(await w.root.getByTestId('previous').count(), 0);
  await w.root.getByRole('button', { name: 'Kiểm tra câu trả lời' }).click();
  await w.root.locator('[data-review="energy.lighting.led"] button').click();
  await w.answer('energy.lighting.led', 'done');
  await w.continue();
  await w.root.getByTestId('see-results').click();
  assert.match(await w.root.getByTestId('previous').textContent(), /Lần trước \(\d{2}\/\d{2}\/\d{4}\): 0 điểm\. Lần này: 100 điểm\./);
  assert.deepEqual(problems, []);
  await context.close();
});
