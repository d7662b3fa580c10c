// End to end: the learn pages (reachable from the welcome screen and from recommended actions;
// axe finds no violation), and the key-energy-user notice for a factory above the threshold on
// the results screen and in the PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, TEXTILE_PLANT } from './assessment_page.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the learn pages open from the welcome screen, read well in both languages and pass axe', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('open-learn').click();
  await w.root.locator('#cp-learn-title').waitFor();
  // The learn pages are notes: they come in a file of their own, then the page is built again.
  await w.root.locator('.cp-learn__technique').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-learn-title');
  assert.equal(await w.root.locator('.cp-learn__technique').count(), 8);
  assert.ok(await w.root.locator('[data-learn]').count() >= 5);
  assert.deepEqual(await w.axeViolations(), []);
  await w.root.getByTestId('lang-switch').click();
  assert.equal(await w.root.locator('#cp-learn-title').textContent(), 'Learn about cleaner production');
  assert.deepEqual(await w.axeViolations(), []);
  await w.root.getByTestId('learn-back').click();
  await w.root.getByTestId('start').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a factory above 1,000 TOE sees the key-energy-user notice on screen and in the PDF', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  // 2,000,000 kWh × 0.0001543 = 308.6 TOE; 1,200 t coal 3–4 × 0.60 = 720 TOE → 1,028.6 TOE.
  await w.fillProfile({ ...TEXTILE_PLANT, numbers: { ...TEXTILE_PLANT.numbers, 'fuel-coal_3_4-quantity': '1.200' } });
  await w.continue();
  await w.answer('energy.compressed_air.leaks', 'not_yet');
  await w.continueToReview();
  await w.root.getByTestId('see-results').click();
  const notice = w.root.getByTestId('energy-user');
  assert.match(await notice.textContent(), /1\.028,6 TOE\/năm: từ 1\.000 TOE\/năm trở lên, doanh nghiệp là cơ sở sử dụng năng lượng trọng điểm/);
  await notice.locator('summary').click();
  assert.match(await notice.textContent(), /Than cám 3–4: 1\.200 t × 0,6 TOE\/t = 720 TOE/);
  // From a recommended action to its technique on the learn page, and back.
  await w.root.locator('[data-action="energy.compressed_air.leaks"] .cp-link-button').click();
  await w.root.locator('#cp-learn-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-technique-good_housekeeping');
  await w.root.getByTestId('learn-back').click();
  await w.root.locator('#cp-results-title').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('download-pdf').click()]);
  const path = join(await mkdtemp(join(tmpdir(), 'sxsh-learn-')), 'r.pdf');
  await download.saveAs(path);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(text, /cơ sở sử dụng năng lượng trọng điểm/);
  assert.match(text, /1\.028,6 TOE/);
  assert.deepEqual(problems, []);
  await context.close();
});
