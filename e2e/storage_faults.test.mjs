// End to end: the widget under storage faults. A corrupt or future-version autosave is kept aside
// and the user is told; full storage and unavailable storage give a clear notice, the
// assessment goes on in memory, and saving to a file is offered. Nothing crashes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, TEXTILE_PLANT } from './assessment_page.mjs';

const DRAFT_KEY = 'sxsh-widget/v1/draft';
const BACKUP_KEY = 'sxsh-widget/v1/draft-unreadable';
let server;
let browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [name, stored] of [
  ['corrupt JSON', '{"kind":"sxsh-assessment","version":1,"draft":{'],
  ['wrong types', '{"kind":"sxsh-assessment","version":1,"saved_at":"x","checklist_version":"x","draft":{"answers":{"a":{"level":5}}}}'],
  ['a future version', '{"kind":"sxsh-assessment","version":7,"saved_at":"x","checklist_version":"x","draft":{}}'],
]) {
  test(`an autosave with ${name} is kept aside, the user is told, and the widget works`, async () => {
    const { context, page, problems } = await watchedPage(browser);
    await page.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, value); sessionStorage.setItem('seeded', '1'); }
    }, [DRAFT_KEY, stored]);
    const w = new AssessmentPage(page);
    await w.open(server.url);
    assert.match(await w.root.getByTestId('storage-notice').textContent(), /Không đọc được bài đánh giá đã lưu/);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), BACKUP_KEY), stored);
    await w.start();
    await w.fillProfile(TEXTILE_PLANT);
    await w.continue();
    await w.answer('energy.lighting.led', 'partly');
    assert.equal(await w.stepTitle(), 'Năng lượng');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('full storage gives a notice, keeps the answers in memory and offers a file', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function setItem() { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.field('company').fill('Công ty Bộ Nhớ Đầy');
  const notice = w.root.getByTestId('storage-notice');
  assert.match(await notice.textContent(), /Bộ nhớ của trình duyệt đã đầy/);
  assert.equal(await notice.getByTestId('save-file').count(), 1);
  await w.root.locator('input[name=cp-sector][value=wood]').check();
  await w.continue();
  await w.answer('energy.lighting.led', 'done');
  await w.continue();
  await w.root.getByRole('button', { name: 'Quay lại' }).click();
  assert.ok(await w.root.locator('fieldset[data-question="energy.lighting.led"] input[value=done]').isChecked());
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByTestId('save-file').click()]);
  assert.match(download.suggestedFilename(), /^SXSH-cong-ty-bo-nho-day-/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('unavailable storage still gives a working widget with a notice', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const w = new AssessmentPage(page);
  await w.open(server.url);
  assert.match(await w.root.getByTestId('storage-notice').textContent(), /không cho phép lưu dữ liệu/);
  await w.root.getByTestId('lang-switch').click();
  assert.equal(await w.root.locator('h1').textContent(), 'Cleaner production self-assessment');
  await w.root.getByTestId('lang-switch').click(); // back to Vietnamese for the Vietnamese-format numbers
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.continue();
  await w.answer('energy.lighting.led', 'not_yet');
  await w.continueToReview();
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('score-value').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
