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
  const heading = page.locator('#cp-section-title');
  await heading.waitFor();
  assert.equal(await heading.textContent(), 'Năng lượng');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cp-section-title');
  assert.ok(await page.locator('fieldset.cp-question').count() >= 20);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language switch shows English and keeps the step', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
  await page.locator('fieldset.cp-question input[value=not_yet]').first().check();
  await page.getByTestId('lang-switch').click();
  assert.equal(await page.locator('#cp-section-title').textContent(), 'Energy');
  assert.ok(await page.locator('fieldset.cp-question input[value=not_yet]').first().isChecked());
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
