// End to end: the checklist content is a separate file, in the user's language, that the widget
// fetches once its first screen is up. The welcome screen and the profile (the first question,
// whose code comes in one file with the page) work without it; a screen that needs something
// waits, says why when it cannot load, and loads it on "Try again" or when the browser comes back
// online. Nothing the user entered is lost meanwhile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage } from './assessment_page.mjs';

const CONTENT = '**/sxsh-content-*.json';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Holds every content request until `release()` is called. */
async function holdContent(page) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const held = [];
  await page.route(CONTENT, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  return { held, release };
}

test('the first screen and the first question work before the content arrives; the question pages wait for it', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const { held, release } = await holdContent(page);
  const requested = page.waitForRequest(/\/sxsh-content-[0-9a-f]{16}\.vi\.json$/);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('start').waitFor();
  await requested;
  assert.equal(held.length, 1, 'the content is requested once, in the user\'s language only');

  // The welcome screen's own controls do not need the content, and nor does the profile: its
  // choices are in the page module.
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-switch').click();
  await w.start();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cp-profile-title');
  assert.ok(await w.root.locator('input[name=cp-sector]').count() > 5, 'the sectors are offered');
  assert.ok(await w.root.locator('input[id^=cp-field-equipment]').count() > 5, 'the equipment is offered');
  // The notes the profile shows from the content are there too.
  const voltage = w.root.locator('select.cp-select').first();
  const tariff = await w.root.locator(`#${await voltage.getAttribute('aria-describedby')}`).textContent();
  assert.match(tariff, /^Biểu giá: .*1279\/QĐ-BCT/);
  await w.root.locator('.cp-steps').waitFor();
  await w.field('company').fill('Công ty Dệt Phú Bài');
  await w.root.locator('input[name=cp-sector][value=textile]').check();
  assert.equal(held.length, 1, 'still waiting for the content');

  // The question pages wait for it.
  await w.continue();
  const pending = w.root.getByTestId('content-pending');
  await pending.waitFor();
  assert.equal((await pending.getByRole('status').textContent()).trim(), 'Đang tải bảng kiểm…');
  release();
  await w.root.locator('#cp-section-title').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cp-section-title');

  // A draft begun before the content loaded records the checklist version it was answered on.
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('sxsh-widget/v1/draft')));
  assert.match(saved.checklist_version, /^\d{4}\.\d{2}\.\d+$/);
  assert.equal(saved.draft.profile.company, 'Công ty Dệt Phú Bài');
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Refuses the files matching `pattern` (as if offline) until `allow()`, opens the widget, starts,
 * fills the profile's required fields, goes on to the first question page and waits for the
 * gate's failure message there.
 */
async function startWithRefused(page, pattern) {
  let refuse = true;
  await page.route(pattern, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.field('company').fill('Công ty Dệt Phú Bài');
  await w.root.locator('input[name=cp-sector][value=textile]').check();
  await w.continue();
  const failed = w.root.getByTestId('content-failed');
  await failed.waitFor();
  return { w, failed, allow: () => { refuse = false; } };
}

test('a failed load is told with a retry, and the retry or coming back online loads it', async () => {
  const { context, page } = await watchedPage(browser);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const { w, failed, allow } = await startWithRefused(page, CONTENT);
  assert.match(await failed.textContent(), /Chưa tải được bảng kiểm/);
  assert.equal(await failed.getAttribute('role'), 'alert');
  assert.ok(warnings.some((t) => /SXSH widget: the checklist could not be loaded/.test(t)), warnings.join('\n'));
  assert.deepEqual(await w.axeViolations(), []);

  // Still failing: "Try again" tells it again, and "Back to the start" leads back.
  await w.root.getByTestId('content-retry').click();
  await failed.waitFor();
  await w.root.getByRole('button', { name: 'Về trang đầu' }).click();
  await w.root.getByTestId('start').waitFor();

  // Back online: the browser's online event loads it without a click.
  allow();
  await w.start();
  await w.continue();
  await failed.waitFor();
  await context.setOffline(true);
  await context.setOffline(false);
  await w.root.locator('#cp-section-title').waitFor();
  await context.close();
});

test('a saved draft is offered on the welcome screen before the content arrives, and nothing is lost', async () => {
  const { context, page } = await watchedPage(browser);
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('sxsh-widget/v1/draft', JSON.stringify({
      kind: 'sxsh-assessment', version: 1, saved_at: '2026-11-28T08:00:00Z', checklist_version: '2026.11.1',
      draft: { checklist_version: '2026.11.1', profile: { company: 'Công ty Gỗ Hương Thủy', sector: 'wood' }, answers: {} },
    }));
  });
  await page.route(CONTENT, (route) => route.abort('internetdisconnected'));
  const w = new AssessmentPage(page);
  await w.open(server.url);
  const resume = w.root.getByTestId('resume');
  await resume.waitFor();
  assert.match(await resume.textContent(), /Công ty Gỗ Hương Thủy/);
  // The profile opens with the saved answers; the question pages wait for the content.
  await w.root.getByTestId('resume-continue').click();
  await w.root.locator('#cp-profile-title').waitFor();
  assert.equal(await w.field('company').inputValue(), 'Công ty Gỗ Hương Thủy');
  await w.continue();
  await w.root.getByTestId('content-failed').waitFor();

  await page.unroute(CONTENT);
  await w.root.getByTestId('content-retry').click();
  await w.root.locator('#cp-section-title').waitFor();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('sxsh-widget/v1/draft')));
  assert.equal(saved.draft.checklist_version, '2026.11.1', 'a draft keeps the version it was answered on');
  assert.equal(saved.draft.profile.company, 'Công ty Gỗ Hương Thủy');
  await context.close();
});

test("the question pages' code and the checklist's reader load with the content; when they cannot, the same retry brings them", async () => {
  const { context, page, problems } = await watchedPage(browser);
  const { w, allow } = await startWithRefused(page, '**/split_sxsh_*.wasm');
  allow();
  await w.root.getByTestId('content-retry').click();
  await w.root.locator('#cp-section-title').waitFor();
  // The failed load was told and retried, and nothing crashed: the only console errors are the
  // browser's and the chunk loader's (wasm-split-cli's generated script, part of the entry file,
  // logs the failed fetch).
  const expected = /^(request failed: \S*split_sxsh_|console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED|console error: TypeError: Failed to fetch\s+at (early \()?\S*\/sxsh-widget\.js:)/;
  assert.deepEqual(problems.filter((p) => !expected.test(p)), []);
  assert.ok(problems.some((p) => p.includes('TypeError: Failed to fetch')), 'the chunk was refused at first');
  await context.close();
});

test("the first question's code comes in one file with the page; without it, from its own files; without those, a retry", async () => {
  // Normally: one request for the profile's chunks, none for its files one by one.
  {
    const { context, page, problems } = await watchedPage(browser);
    const asked = [];
    page.on('request', (r) => asked.push(r.url().split('/').pop()));
    const w = new AssessmentPage(page);
    await w.open(server.url);
    await w.start();
    assert.equal(asked.filter((n) => /^sxsh-first-question-[0-9a-f]{16}\.wasm$/.test(n)).length, 1);
    assert.deepEqual(asked.filter((n) => n.startsWith('split_sxsh_profile-')), [], 'the bundle served the profile');
    assert.deepEqual(problems, []);
    await context.close();
  }
  // The bundle refused: the chunk loader asks for the files themselves.
  {
    const { context, page } = await watchedPage(browser);
    await page.route('**/sxsh-first-question-*.wasm', (route) => route.abort('internetdisconnected'));
    const asked = [];
    page.on('request', (r) => asked.push(r.url().split('/').pop()));
    const w = new AssessmentPage(page);
    await w.open(server.url);
    await w.start();
    assert.ok(asked.some((n) => n.startsWith('split_sxsh_profile-')), 'the profile came from its own file');
    await context.close();
  }
  // Both refused: the profile says so with a retry, which brings it once they are back.
  {
    const { context, page } = await watchedPage(browser);
    let refuse = true;
    await page.route(/\/(sxsh-first-question|split_sxsh_profile)-[0-9a-f]{16}\.wasm$/, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
    const w = new AssessmentPage(page);
    await w.open(server.url);
    await w.root.getByTestId('start').click();
    const failed = w.root.getByTestId('content-failed');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('role'), 'alert');
    refuse = false;
    await w.root.getByTestId('content-retry').click();
    await w.root.locator('#cp-profile-title').waitFor();
    await context.close();
  }
});
