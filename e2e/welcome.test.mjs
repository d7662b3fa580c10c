// End to end: the release build loads in Chromium in Vietnamese, with no console error or failed
// request, switches language, and starts the assessment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page opens in Vietnamese and starts the assessment', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.goto(server.url);
  const title = page.locator('#sxsh-widget h1');
  await title.waitFor();
  assert.equal(await title.textContent(), 'Tự đánh giá sản xuất sạch hơn');
  assert.match(await page.locator('#sxsh-widget').textContent(), /15–20 phút/);

  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
  const heading = page.locator('#cp-profile-title');
  await heading.waitFor();
  assert.equal(await heading.textContent(), 'Thông tin doanh nghiệp');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cp-profile-title');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language switch shows English on the welcome screen', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.goto(server.url);
  await page.getByTestId('lang-switch').click();
  assert.equal(await page.locator('#sxsh-widget h1').textContent(), 'Cleaner production self-assessment');
  assert.equal(await page.locator('.cp-app').getAttribute('lang'), 'en');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget mounts inside its host element only', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.goto(server.url);
  await page.locator('#sxsh-widget h1').waitFor();
  const outside = await page.evaluate(() =>
    [...document.body.children].filter((el) => el.id !== 'sxsh-widget' && el.tagName !== 'SCRIPT' && el.tagName !== 'LINK').length);
  assert.equal(outside, 0);
  assert.deepEqual(problems, []);
  await context.close();
});
