// End to end: what only the Department can say (its free rapid assessment and its length, its
// courses, its contact person) shows on the results, the learn page and the request form only
// when the host page gives it as data-* attributes (the demo portal does), and nowhere without
// them. The notes (sources, estimate notes, learn pages) come in a file of their own: if it cannot
// be loaded the results still show every figure, say what is missing and offer a retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage } from './assessment_page.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The texts of the closing screens a user meets: results, learn page, request form. */
async function closingTexts(w) {
  await w.completeJourney();
  const results = await w.root.locator('main').innerText();
  const next = await w.root.getByTestId('next-request').innerText();
  await w.root.locator('[data-action] .cp-link-button').first().click();
  await w.root.locator('#cp-learn-title').waitFor();
  await w.root.locator('.cp-learn__technique').first().waitFor();
  const learn = await w.root.locator('main').innerText();
  const learnOffer = await w.root.getByTestId('offer').count();
  await w.root.getByTestId('learn-back').click();
  await w.root.getByTestId('request-open').click();
  await w.root.locator('#cp-request-title').waitFor();
  const request = await w.root.locator('main').innerText();
  const training = await w.field('consent-training').count();
  return { results, next, learn, learnOffer, request, training };
}

test('with the attributes the closing screens state the offer, the courses and the contact person', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await w.open(`${server.url}fixtures/offer-contact.html`);
  const t = await closingTexts(w);
  assert.match(t.next, /\(miễn phí, trong 2–3 ngày\)\./);
  assert.match(t.results, /Khóa đào tạo SXSH của Sở: Lớp tập huấn SXSH/);
  assert.match(t.results, /Người liên hệ ở Sở: Nguyễn Văn A · 0234 3822 000 · sxsh@example\.gov\.vn/);
  assert.equal(t.learnOffer, 1);
  assert.match(t.learn, /miễn phí, trong 2–3 ngày/);
  assert.match(t.request, /miễn phí, trong 2–3 ngày/);
  assert.match(t.request, /Người liên hệ ở Sở: Nguyễn Văn A/);
  assert.equal(t.training, 1, 'the training-interest consent is asked');
  assert.ok(!t.results.includes('javascript:'), 'a bad courses URL is ignored');
  assert.ok(warnings.some((m) => m.includes('data-courses-url')), `a warning names the bad attribute: ${warnings}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without the attributes the widget says nothing of a free assessment, its days, courses or contacts', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(`${server.url}fixtures/no-offer.html`);
  const t = await closingTexts(w);
  assert.equal(t.next, 'Đề nghị Sở Công Thương đánh giá nhanh SXSH tại nhà máy.');
  for (const [screen, text] of [['results', t.results], ['learn', t.learn], ['request', t.request]]) {
    assert.ok(!/miễn phí|2–3 ngày|Khóa đào tạo SXSH của Sở|Người liên hệ ở Sở/.test(text), `${screen} says nothing of the offer`);
  }
  assert.equal(t.learnOffer, 0);
  assert.equal(t.training, 0, 'no training-interest consent without courses');
  assert.deepEqual(problems, []);
  await context.close();
});

test('if the notes cannot be loaded the results show every figure, say so, and a retry brings them', async () => {
  const { context, page } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  const notes = /\.notes\.vi\.json$/;
  await page.route(notes, (route) => route.abort());
  await w.open(server.url);
  await w.completeJourney();
  await w.root.getByTestId('notes-failed').waitFor();
  assert.match(await w.root.getByTestId('score').innerText(), /\d/);
  assert.ok(await w.root.locator('[data-action]').count() > 0, 'the actions are listed');
  await page.unroute(notes);
  await w.root.getByTestId('notes-retry').click();
  await w.root.getByTestId('notes-failed').waitFor({ state: 'detached' });
  assert.ok(await w.root.locator('.cp-action__sources').count() > 0, 'the sources are back');
  await context.close();
});
