// End to end against the real intake service and its SQLite file: a request for a rapid
// assessment arrives exactly once through offline spells, server errors, a lost response and a
// reload, and nothing leaves the browser without consent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, watchedPage } from './harness.mjs';
import { AssessmentPage, CONTACT } from './assessment_page.mjs';
import { startIntake } from './intake.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * A fresh service and page, the assessment completed, the request form filled; with `clock`,
 * the page's timers are Playwright's, so a test can jump ahead in time.
 */
async function readyToSend(t, options = {}, { clock = false } = {}) {
  const intake = await startIntake();
  t.after(() => intake.stop());
  // The service's CSP forbids inline scripts; bypassing it lets the tests inject axe-core (the
  // CSP itself is tested in embed.test.mjs).
  const watched = await watchedPage(browser, { bypassCSP: true });
  t.after(() => watched.context.close());
  const posts = [];
  watched.page.on('request', (r) => { if (r.url().endsWith('/api/requests')) posts.push(r.postData()); });
  if (clock) await watched.page.clock.install();
  const w = new AssessmentPage(watched.page);
  await w.open(`${intake.url}demo/`);
  await w.completeJourney();
  await w.fillRequest(CONTACT, options);
  return { intake, w, posts, ...watched };
}

async function waitForState(w, state, timeout = 15_000) {
  await w.root.locator(`[data-testid=request-status] li.cp-request[data-state=${state}]`).first().waitFor({ timeout });
}

test('a full journey ends with one row whose answers and results match the widget', async (t) => {
  const run = await readyToSend(t, { news: true });
  const { w, intake, page, problems } = run;
  assert.deepEqual(await w.axeViolations(), [], 'request form');
  await w.root.getByTestId('request-check').click();
  await w.root.locator('#cp-request-check-title').waitFor();
  const table = await w.root.getByTestId('request-check-table').textContent();
  for (const value of Object.values(CONTACT)) assert.ok(table.includes(value), `check page shows ${value}`);
  assert.match(table, /Nhận bản tin SXSH\s*Có/);
  assert.match(table, /Quan tâm khóa đào tạo SXSH\s*Không/);
  assert.match(table, /43 \/ 100/);
  assert.deepEqual(await w.axeViolations(), [], 'check page');
  await w.root.getByTestId('request-send').click();
  await waitForState(w, 'sent');
  const shown = await w.root.locator('li.cp-request[data-state=sent]').getAttribute('data-receipt');
  assert.deepEqual(await w.axeViolations(), [], 'results with the sent request');

  const rows = intake.query('SELECT receipt, assessment_json, results_json, contact_json, consent_json FROM requests');
  assert.equal(rows.length, 1);
  assert.equal(rows[0].receipt, shown, 'the receipt shown is the stored one');
  const stored = JSON.parse(rows[0].assessment_json).draft;
  const local = JSON.parse(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/draft'))).draft;
  assert.deepEqual(stored.answers, local.answers, 'the answers stored are the widget\'s');
  assert.deepEqual(stored.profile, local.profile);
  const overall = JSON.parse(rows[0].results_json).scorecard.overall;
  assert.equal(String(Math.round((overall.earned / overall.possible) * 100)), await w.root.getByTestId('score-value').textContent());
  assert.equal(JSON.parse(rows[0].contact_json).email, CONTACT['contact-email']);
  const consent = JSON.parse(rows[0].consent_json);
  assert.deepEqual([consent.request, consent.training, consent.news, consent.notice_version], [true, false, true, '2026-12']);
  assert.ok(!(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/outbox'))), 'no contact details left in storage');
  assert.match(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/sent')), new RegExp(shown));
  assert.deepEqual(problems, []);
});

test('without consent nothing is sent', async (t) => {
  const run = await readyToSend(t, { consent: false });
  const { w, intake, posts, problems } = run;
  for (const purpose of ['request', 'training', 'news']) {
    assert.equal(await w.field(`consent-${purpose}`).isChecked(), false, `the ${purpose} consent starts unticked`);
  }
  await w.root.getByTestId('request-check').click();
  await w.root.getByTestId('error-summary').waitFor();
  assert.match(await w.root.getByTestId('error-summary').textContent(), /Đánh dấu đồng ý/);
  assert.equal(await w.field('consent-request').getAttribute('aria-describedby'), 'cp-field-consent-request-error');
  assert.equal(await w.field('contact-name').inputValue(), CONTACT['contact-name'], 'nothing cleared');
  assert.deepEqual(await w.axeViolations(), [], 'form with errors');
  await w.root.getByTestId('error-summary').locator('a').first().click();
  assert.equal(await w.page.evaluate(() => document.activeElement.id), 'cp-field-consent-request');
  assert.deepEqual(posts, []);
  assert.equal(intake.rows(), 0);
  assert.deepEqual(problems, []);
});

test('offline: queued, then delivered once when the browser is back online', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, context, problems } = run;
  await context.setOffline(true);
  await w.sendRequest();
  await waitForState(w, 'waiting');
  assert.match(await w.root.getByTestId('request-status').textContent(), /Chưa có kết nối mạng/);
  assert.deepEqual(await w.axeViolations(), [], 'queued state');
  assert.equal(intake.rows(), 0);
  await context.setOffline(false);
  await waitForState(w, 'sent');
  assert.equal(intake.rows(), 1);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
});

test('a 500, then success: one row', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, page, problems } = run;
  let calls = 0;
  await page.route('**/api/requests', async (route) => {
    calls += 1;
    if (calls === 1) {
      await route.fulfill({ status: 500, headers: { 'retry-after': '1' }, contentType: 'application/json', body: '{"error":"internal","errors":[]}' });
    } else {
      await route.continue();
    }
  });
  await w.sendRequest();
  await waitForState(w, 'sent');
  assert.equal(calls, 2);
  assert.equal(intake.rows(), 1);
  assert.deepEqual(problems.filter((p) => !p.startsWith('HTTP 500') && !p.includes('status of 500')), []);
});

test('a lost response, then a retry: one row and the same receipt', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, page, posts, problems } = run;
  let lost = false;
  await page.route('**/api/requests', async (route) => {
    if (!lost) {
      lost = true;
      await route.fetch(); // the service stores the request...
      await route.abort('connectionreset'); // ...and its answer never reaches the browser
    } else {
      await route.continue();
    }
  });
  await w.sendRequest();
  await waitForState(w, 'sent');
  const stored = intake.query('SELECT receipt FROM requests');
  assert.equal(stored.length, 1);
  assert.equal(await w.root.locator('li.cp-request[data-state=sent]').getAttribute('data-receipt'), stored[0].receipt);
  assert.equal(posts.length, 2);
  assert.equal(JSON.parse(posts[0]).idempotency_key, JSON.parse(posts[1]).idempotency_key);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_CONNECTION_RESET')), []);
});

test('a reload while queued: delivered once after the page comes back', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, page, problems } = run;
  await page.route('**/api/requests', (route) => route.abort('internetdisconnected'));
  await w.sendRequest();
  await waitForState(w, 'waiting');
  await page.reload();
  await w.root.locator('h1').waitFor();
  await waitForState(w, 'waiting');
  assert.equal(intake.rows(), 0);
  await page.unroute('**/api/requests');
  await waitForState(w, 'sent', 20_000);
  assert.equal(intake.rows(), 1);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
});

test('a refusal is shown beside the field and the corrected request is delivered', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, page, problems } = run;
  await page.route('**/api/requests', (route) => route.fulfill({
    status: 422,
    contentType: 'application/json',
    body: JSON.stringify({ error: 'invalid_fields', errors: [{ field: 'contact.email', vi: 'Địa chỉ thư không nhận được thư', en: 'The address does not receive mail' }] }),
  }));
  await w.sendRequest();
  await waitForState(w, 'refused');
  assert.match(await w.root.getByTestId('request-status').textContent(), /Địa chỉ thư không nhận được thư/);
  await page.unroute('**/api/requests');
  await w.root.getByRole('button', { name: 'Sửa và gửi lại' }).click();
  await w.root.locator('#cp-request-title').waitFor();
  assert.match(await w.root.locator('#cp-field-contact-email-error').textContent(), /Địa chỉ thư không nhận được thư/);
  await w.field('contact-email').fill('an@detphubai.vn');
  await w.sendRequest();
  await waitForState(w, 'sent');
  assert.equal(intake.query('SELECT contact_json FROM requests').map((r) => JSON.parse(r.contact_json).email).join(), 'an@detphubai.vn');
  assert.deepEqual(problems.filter((p) => !p.startsWith('HTTP 422') && !p.includes('status of 422')), []);
});

test('without an endpoint the request goes by e-mail, with a prompt to attach the PDF', async () => {
  const server = await serveDist();
  const { context, page, problems } = await watchedPage(browser);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  const w = new AssessmentPage(page);
  await w.open(`${server.url}fixtures/no-endpoint.html`);
  await w.completeJourney();
  await w.fillRequest();
  await w.root.getByTestId('request-check').click();
  await w.root.getByTestId('mail-only').waitFor();
  assert.equal(await w.root.getByTestId('request-send').count(), 0);
  const href = await w.root.getByTestId('request-mail').getAttribute('href');
  assert.ok(href.startsWith('mailto:sxsh@example.gov.vn?subject='), href);
  const body = decodeURIComponent(href.split('&body=')[1]);
  assert.match(body, /Nguyễn Văn An/);
  assert.match(body, /PDF/);
  assert.match(decodeURIComponent(href.split('subject=')[1].split('&')[0]), /Đề nghị đánh giá nhanh SXSH – Công ty Dệt nhuộm Phú Bài/);
  assert.ok(await w.root.getByTestId('download-pdf').count(), 'the PDF can be downloaded to attach');
  assert.deepEqual(await w.axeViolations(), []);
  assert.deepEqual(posts, []);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('a 503 with Retry-After: the widget waits as told, then delivers once', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, page, problems } = run;
  const attempts = [];
  await page.route('**/api/requests', async (route) => {
    attempts.push(Date.now());
    if (attempts.length === 1) {
      await route.fulfill({ status: 503, headers: { 'retry-after': '3' }, contentType: 'application/json', body: '{"error":"unavailable","errors":[]}' });
    } else {
      await route.continue();
    }
  });
  await w.sendRequest();
  await waitForState(w, 'waiting');
  assert.match(await w.root.getByTestId('request-status').textContent(), /Hệ thống của Sở đang gặp sự cố/);
  await waitForState(w, 'sent');
  assert.equal(attempts.length, 2);
  assert.ok(attempts[1] - attempts[0] >= 2_900, `waited ${attempts[1] - attempts[0]} ms for Retry-After: 3`);
  assert.equal(intake.rows(), 1);
  assert.deepEqual(problems.filter((p) => !p.startsWith('HTTP 503') && !p.includes('status of 503')), []);
});

test('no answer in time: the attempt is abandoned after 30 s, retried, and delivered once', async (t) => {
  const intakeRun = await readyToSend(t, {}, { clock: true });
  const { w, intake, page, problems } = intakeRun;
  let hung = 0;
  await page.route('**/api/requests', async (route) => {
    if (hung === 0) {
      hung += 1;
      return; // never answered: only the widget's own deadline ends this attempt
    }
    await route.continue();
  });
  await w.sendRequest();
  await waitForState(w, 'sending');
  await page.clock.fastForward(31_000);
  await waitForState(w, 'waiting');
  assert.match(await w.root.getByTestId('request-status').textContent(), /Sở chưa phản hồi kịp/);
  await page.clock.fastForward(5_000);
  await waitForState(w, 'sent');
  assert.equal(intake.rows(), 1);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_ABORTED')), []);
});

test('a slow answer: the status says sending until the receipt arrives, one row', async (t) => {
  const run = await readyToSend(t);
  const { w, intake, page, problems } = run;
  await page.route('**/api/requests', async (route) => {
    await new Promise((resolve) => { setTimeout(resolve, 4_000); });
    await route.continue();
  });
  await w.sendRequest();
  await waitForState(w, 'sending');
  assert.match(await w.root.getByTestId('request-status').textContent(), /Đang gửi…/);
  await waitForState(w, 'sent');
  assert.equal(intake.rows(), 1);
  assert.deepEqual(problems, []);
});

test('deleting the data on this device removes every key of the widget', async (t) => {
  const run = await readyToSend(t);
  const { w, page, problems } = run;
  await w.sendRequest();
  await waitForState(w, 'sent');
  await w.root.getByTestId('lang-switch').click(); // remembers the language too
  const widgetKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sxsh-widget/')));
  assert.ok((await widgetKeys()).length >= 4, `${await widgetKeys()}`);
  await page.reload();
  await w.root.locator('h1').waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await w.root.getByTestId('clear-data').click();
  await w.root.getByTestId('clear-status').filter({ hasText: /deleted/ }).waitFor();
  assert.deepEqual(await widgetKeys(), []);
  assert.equal(await w.root.getByTestId('resume').count(), 0);
  assert.equal(await w.root.locator('li.cp-request').count(), 0);
  await page.reload();
  await w.root.locator('h1').waitFor();
  assert.deepEqual(await widgetKeys(), [], 'nothing comes back');
  assert.equal(await w.root.getByTestId('resume').count(), 0);
  assert.deepEqual(await w.axeViolations(), []);
  assert.deepEqual(problems, []);
});
