// End to end: a textile factory's complete journey in Vietnamese, checked against the core's
// hand-computed result (crates/core/tests/scoring.rs, textile_dyeing_plant); reload, language switch,
// keyboard-only use, axe-core on every step, and screenshots of every step for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, CONTACT, TEXTILE_PLANT } from './assessment_page.mjs';

const SHOTS = 'e2e/artifacts/screenshots';
let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await server?.close(); });

test('a textile factory completes the assessment in Vietnamese and sees the core result', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.completeJourney();
  // Score 8.5 / 20 = 42.5 → shown rounded as 43.
  assert.equal(await w.root.getByTestId('score-value').textContent(), '43');
  const total = await w.root.getByTestId('savings-total').textContent();
  // Electricity and water bills entered; coal has no current reference price, so the fuel row
  // asks for the plant's cost and its money is not in the total.
  assert.match(total, /162\.521\.000 ₫ – 315\.480\.000 ₫/);
  assert.match(total, /59,3–150,7/);
  const electricity = await w.root.locator('tr[data-stream=electricity]').textContent();
  assert.match(electricity, /2,6–5,6 %/);
  assert.match(electricity, /51\.250–112\.500 kWh/);
  const fuel = await w.root.locator('tr[data-stream=fuel]').textContent();
  assert.match(fuel, /Cần nhập chi phí/);
  // The savings by end use: lighting saves 1,3–2,6 % of the plant's electricity (15–30 % of
  // lighting, which is 7 / 80 = 8,75 % of it: no stage ticked, so all four textile stages and
  // their end uses count), never more than lighting itself.
  assert.equal(await w.root.getByTestId('end-use-chart').count(), 1);
  const lighting = await w.root.locator('[data-testid=end-use-savings] li[data-end-use="electricity.lighting"]').textContent();
  assert.match(lighting, /chiếm 8,8 % điện; tiết kiệm 1,3–2,6 % điện/);
  assert.match(await w.root.getByTestId('share-note').first().textContent(), /Tỷ trọng theo mục đích sử dụng của điện, nhiên liệu, nước: mặc định của ngành Dệt nhuộm và may mặc/);
  assert.equal(await w.root.getByTestId('rescored').count(), 0, 'an assessment of this version is not re-scored');
  const firstAction = w.root.locator('[data-testid=actions] li').first();
  // Ranked by money per relative cost (tests/scoring.rs): air leaks 38,25 M ahead of the
  // liquor ratio's 36,09 M.
  assert.equal(await firstAction.getAttribute('data-action'), 'energy.compressed_air.leaks');
  assert.match(await firstAction.textContent(), /Vì sao: bạn trả lời 'Chưa thực hiện'/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the factory's own split by end use replaces the sector's default and the results follow", async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.completeJourney();
  const panel = w.root.getByTestId('end-use-split');
  await panel.locator('summary').click();
  // Lighting measured at 20 % of the electricity: the other end uses share the remaining 80 %
  // in the default proportions (motors 9, pumps and fans 10, compressed air 10, spinning 18,
  // humidification 10, looms 8, sewing 3, other 5 = 73), so compressed air is 80 × 10 / 73 =
  // 10,959 %. Leaks 10–24 % of it plus LED partly 15–30 % of lighting: 1,096 + 3 = 4,1 % to
  // 2,630 + 6 = 8,6 %.
  await w.field('end_use-electricity-lighting').fill('20');
  await page.waitForFunction(() => /4,1–8,6 %/.test(document.querySelector('#sxsh-widget tr[data-stream=electricity]')?.textContent ?? ''));
  const notes = await w.root.getByTestId('share-note').allTextContents();
  assert.ok(notes.some((n) => /của điện: theo số liệu doanh nghiệp nhập/.test(n)), notes.join('\n'));
  // Back to the default split.
  await panel.getByRole('button', { name: /Dùng lại tỷ trọng mặc định cho điện/ }).click();
  await page.waitForFunction(() => /2,6–5,6 %/.test(document.querySelector('#sxsh-widget tr[data-stream=electricity]')?.textContent ?? ''));
  assert.equal(await w.field('end_use-electricity-lighting').inputValue(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload in the middle loses nothing and offers to continue', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.field('water-cost_vnd').fill('3.000.000,5x'); // an invalid entry is kept, not cleared
  await w.continue();
  assert.match(await w.root.getByTestId('error-summary').textContent(), /Nhập tiền nước cả năm bằng chữ số/);
  await w.field('water-cost_vnd').fill('3.000.000.000');
  await w.continue();
  await w.answer('energy.compressed_air.leaks', 'not_yet');
  await page.reload();
  await w.root.getByTestId('resume').waitFor();
  assert.match(await w.root.getByTestId('resume').textContent(), /Công ty Dệt nhuộm Phú Bài/);
  await w.root.getByTestId('resume-continue').click();
  assert.equal(await w.field('company').inputValue(), TEXTILE_PLANT.company);
  assert.equal(await w.field('electricity-kwh').inputValue(), '2.000.000');
  assert.ok(await w.root.locator('input[name=cp-sector][value=textile]').isChecked());
  await w.continue();
  assert.ok(await w.root.locator('fieldset[data-question="energy.compressed_air.leaks"] input[value=not_yet]').isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching language in the middle keeps every answer', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.continue();
  await w.answer('energy.lighting.led', 'partly');
  // The page loaded the Vietnamese content only; English comes with the switch, and the page is
  // shown again in English, with focus left on the switch.
  const english = page.waitForResponse(/\/sxsh-content-[0-9a-f]{16}\.en\.json$/);
  await w.root.getByTestId('lang-switch').click();
  await english;
  const question = w.root.locator('fieldset[data-question="energy.lighting.led"]');
  const content = JSON.parse(readFileSync(`dist/${readdirSync('dist').find((f) => /^sxsh-content-[0-9a-f]{16}\.en\.json$/.test(f))}`, 'utf8'));
  const expected = content.questions.find((q) => q.id === 'energy.lighting.led').text_en;
  assert.ok(expected.length > 20);
  await w.root.locator('legend', { hasText: expected }).waitFor();
  assert.equal(await w.stepTitle(), 'Energy');
  assert.ok(await question.locator('input[value=partly]').isChecked());
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'lang-switch');
  await w.root.getByRole('button', { name: 'Back', exact: true }).click();
  // The number typed in Vietnamese is now shown the English way.
  assert.equal(await w.field('electricity-kwh').inputValue(), '2,000,000');
  assert.equal(await w.field('company').inputValue(), TEXTILE_PLANT.company);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the whole journey works with the keyboard alone', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  const tabTo = async (selector, limit = 200) => {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  await tabTo('[data-testid=start]');
  await page.keyboard.press('Enter');
  await w.root.locator('#cp-profile-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-profile-title');
  await tabTo('#cp-field-company');
  await page.keyboard.type('Công ty Bàn Phím');
  await tabTo('input[name=cp-sector]');
  await page.keyboard.press('Space');
  await tabTo('[data-testid=continue]');
  await page.keyboard.press('Enter');
  await w.root.locator('#cp-section-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-section-title');
  await tabTo('fieldset.cp-question input[type=radio]');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('fieldset.cp-question').first().locator('input:checked').count(), 1);
  for (let step = 0; step < 6; step += 1) {
    if ((await w.stepTitle()) === 'Kiểm tra câu trả lời') break;
    await tabTo('[data-testid=continue]', 600);
    await page.keyboard.press('Enter');
  }
  await tabTo('[data-testid=see-results]');
  await page.keyboard.press('Enter');
  await w.root.locator('#cp-results-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-results-title');
  // The request for a rapid assessment, by keyboard too, up to the check page.
  await tabTo('[data-testid=request-open]', 400);
  await page.keyboard.press('Enter');
  await w.root.locator('#cp-request-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-request-title');
  for (const [id, value] of Object.entries({ 'contact-name': 'Lê Văn Phím', 'contact-phone': '0234 3822 000', 'contact-email': 'phim@congty.vn' })) {
    await tabTo(`#cp-field-${id}`);
    await page.keyboard.type(value);
  }
  await tabTo('#cp-field-consent-request');
  await page.keyboard.press('Space');
  await tabTo('[data-testid=request-check]');
  await page.keyboard.press('Enter');
  await w.root.locator('#cp-request-check-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cp-request-check-title');
  assert.match(await w.root.getByTestId('request-check-table').textContent(), /Lê Văn Phím/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds no WCAG 2.1 AA violation on any step at 320, 390 and 1366 px, and screenshots are saved', async () => {
  for (const [width, height] of [[320, 640], [390, 844], [1366, 900]]) {
    const { context, page, problems } = await watchedPage(browser, { viewport: { width, height } });
    const w = new AssessmentPage(page);
    // The page as a Department configures it: the offer's lines are on the screens checked, and
    // the request form asks about its courses.
    await w.open(`${server.url}fixtures/offer.html`);
    const check = async (name) => {
      assert.deepEqual(await w.axeViolations(), [], `axe on ${name} at ${width}px`);
      const scrollsSideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(scrollsSideways, false, `${name} at ${width}px needs horizontal scrolling`);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    };
    await check('welcome');
    await w.start();
    await w.continue(); // errors shown
    await w.root.getByTestId('error-summary').waitFor();
    await check('profile-errors');
    await w.completeJourney(check);
    await w.root.getByTestId('lang-switch').click();
    await check('results-en');
    // The questionnaire in English too: the review page, an area step and the profile.
    await w.root.getByRole('button', { name: 'Check your answers' }).click();
    await w.root.locator('#cp-review-title').waitFor();
    await check('review-en');
    await w.root.locator('[data-review="energy.lighting.led"] button').click();
    await w.root.locator('#cp-section-title').waitFor();
    await check('energy-en');
    await w.continue();
    await w.root.locator('#cp-review-title').waitFor();
    await w.root.getByTestId('see-results').click();
    await w.root.locator('#cp-results-title').waitFor();
    await w.root.getByTestId('request-open').click();
    await w.root.locator('#cp-request-title').waitFor();
    await w.root.getByTestId('request-check').click();
    await w.root.getByTestId('error-summary').waitFor();
    await check('request-errors-en');
    for (const [id, value] of Object.entries(CONTACT)) await w.field(id).fill(value);
    await w.field('consent-request').check();
    await w.field('consent-training').check();
    await check('request-en');
    await w.root.getByTestId('request-check').click();
    await w.root.locator('#cp-request-check-title').waitFor();
    await check('request-check-en');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
