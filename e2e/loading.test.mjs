// End to end: how the widget's own code arrives. The page preloads the page module under its
// stable name and the entry uses that one download; a page module of another build (a stale
// cache) or none at all is replaced by the content-hashed copy. A returning user's saved work is
// read before the first screen, so the offer to continue is there when the screen first shows;
// when its code cannot load, the screen still shows and nothing saved is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage } from './assessment_page.mjs';

const BUILD = readFileSync('dist/sxsh-widget.js', 'utf8').match(/const BUILD = "([0-9a-f]{16})";/)?.[1];
const HASHED = `sxsh_widget-${BUILD}_bg.wasm`;
const SAVED_DRAFT = JSON.stringify({
  kind: 'sxsh-assessment', version: 1, saved_at: '2026-11-28T08:00:00Z', checklist_version: '2026.11.1',
  draft: { checklist_version: '2026.11.1', profile: { company: 'Công ty Gỗ Hương Thủy' }, answers: {} },
});

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The names of the files the page asks for, in order. */
function requested(page) {
  const names = [];
  page.on('request', (r) => names.push(new URL(r.url()).pathname.split('/').pop()));
  return names;
}

test('the preloaded page module is the one the widget runs: one download, no other script', async () => {
  assert.ok(BUILD, 'dist/sxsh-widget.js names its build');
  const { context, page, problems } = await watchedPage(browser);
  const names = requested(page);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('start').waitFor();
  assert.ok(/<link rel="preload" href="sxsh-widget\.wasm" as="fetch"/.test(await page.content()), 'index.html preloads the page module');
  assert.equal(names.filter((n) => n === 'sxsh-widget.wasm').length, 1, names.join(' '));
  assert.ok(!names.includes(HASHED), 'the content-hashed copy is not needed');
  assert.deepEqual(names.filter((n) => n.endsWith('.js')), ['sxsh-widget.js'], 'the entry holds the glue and the chunk loader');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [what, serve] of [
  ['of another build', (route, bytes) => route.fulfill({
    status: 200,
    contentType: 'application/wasm',
    body: Buffer.from(bytes.toString('latin1').replace(`sxsh-build${BUILD}`, `sxsh-build${'0'.repeat(16)}`), 'latin1'),
  })],
  ['missing', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })],
]) {
  test(`a stable page module ${what} is not run: the content-hashed copy of this build is`, async () => {
    const { context, page } = await watchedPage(browser);
    const bytes = readFileSync('dist/sxsh-widget.wasm');
    await page.route('**/sxsh-widget.wasm', (route) => serve(route, bytes));
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const names = requested(page);
    const w = new AssessmentPage(page);
    await w.open(server.url);
    await w.start();
    await w.root.locator('#cp-profile-title').waitFor();
    assert.ok(names.includes(HASHED), names.join(' '));
    assert.ok(warnings.some((t) => t.includes(`loading ${HASHED}`)), warnings.join('\n'));
    await context.close();
  });
}

/**
 * Records, when the start button first appears, whether the offer to continue is already there
 * and the button's background (styled: the accent colour).
 */
function watchFirstScreen(page) {
  return page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const start = document.querySelector('[data-testid=start]');
      if (start) {
        observer.disconnect();
        window.__resumeAtFirstScreen = document.querySelector('[data-testid=resume]') !== null;
        window.__startBackground = getComputedStyle(start).backgroundColor;
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

test('embedded, the first screen is drawn with its styles even when they come after the code', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await watchFirstScreen(page);
  // The demo portal links only sxsh-widget.js: the entry adds the widget's style sheets itself.
  await page.route(/\/(tokens|base|components|print)-[0-9a-f]+\.css$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  const w = new AssessmentPage(page);
  await w.open(`${server.url}demo/`);
  await w.root.getByTestId('start').waitFor();
  assert.equal(await page.evaluate(() => window.__startBackground), 'rgb(11, 110, 79)');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Seeds this browser with a saved draft, once (not again on reload). */
function seedDraft(page) {
  return page.addInitScript((draft) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('sxsh-widget/v1/draft', draft);
  }, SAVED_DRAFT);
}

/**
 * Opens the widget until its first screen, watching that screen and the requests; returns the
 * page object, whether the offer to continue was in the first frame, and the positions of the
 * saved work's reader and the content among the requests (-1: not asked for).
 */
async function openFirstScreen(page) {
  await watchFirstScreen(page);
  const names = requested(page);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('start').waitFor();
  return {
    w,
    names,
    resumeAtFirstScreen: await page.evaluate(() => window.__resumeAtFirstScreen),
    keeping: names.findIndex((n) => n.startsWith('split_sxsh_keeping-')),
    content: names.findIndex((n) => n.startsWith('sxsh-content-')),
  };
}

test('saved work is read before the first screen: the offer to continue is there when it shows', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await seedDraft(page);
  const { w, names, resumeAtFirstScreen, keeping, content } = await openFirstScreen(page);
  assert.equal(resumeAtFirstScreen, true);
  assert.ok(keeping >= 0 && keeping < content, `the saved work's reader loads before the content: ${names.join(' ')}`);
  assert.match(await w.root.getByTestId('resume').textContent(), /Công ty Gỗ Hương Thủy/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a first visit does not wait for the saved work's reader", async () => {
  const { context, page } = await watchedPage(browser);
  const { names, resumeAtFirstScreen, keeping, content } = await openFirstScreen(page);
  assert.equal(resumeAtFirstScreen, false);
  assert.ok(content >= 0 && (keeping < 0 || keeping > content), `it loads with the content: ${names.join(' ')}`);
  await context.close();
});

test("when the saved work's reader cannot load, the first screen shows, and the draft is kept and read later", async () => {
  const { context, page } = await watchedPage(browser);
  await seedDraft(page);
  let refuse = true;
  await page.route('**/split_sxsh_keeping-*.wasm', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('start').waitFor();
  assert.equal(await w.root.getByTestId('resume').count(), 0);
  assert.ok(warnings.some((t) => /saved work could not be opened yet/.test(t)), warnings.join('\n'));

  // Nothing leads to a screen that edits until the reader is there, and nothing is written over
  // the stored draft meanwhile.
  await w.root.getByTestId('start').click();
  await w.root.getByTestId('content-failed').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/draft')), SAVED_DRAFT);

  refuse = false;
  await w.root.getByTestId('content-retry').click();
  await w.root.locator('#cp-profile-title').waitFor();
  assert.equal(await w.field('company').inputValue(), 'Công ty Gỗ Hương Thủy');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('sxsh-widget/v1/draft')));
  assert.equal(stored.draft.profile.company, 'Công ty Gỗ Hương Thủy');
  await context.close();
});

test("a stalled download of the saved work's reader does not keep the first screen blank", async () => {
  const { context, page } = await watchedPage(browser);
  await seedDraft(page);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route('**/split_sxsh_keeping-*.wasm', async (route) => { await released; await route.continue(); });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('start').waitFor({ timeout: 10_000 });
  assert.equal(await w.root.getByTestId('resume').count(), 0);
  assert.ok(warnings.some((t) => /saved work is slow to load/.test(t)), warnings.join('\n'));

  // When it comes, the saved work is read and offered.
  release();
  const resume = w.root.getByTestId('resume');
  await resume.waitFor();
  assert.match(await resume.textContent(), /Công ty Gỗ Hương Thủy/);
  await w.root.getByTestId('resume-continue').click();
  await w.root.locator('#cp-profile-title').waitFor();
  assert.equal(await w.field('company').inputValue(), 'Công ty Gỗ Hương Thủy');
  await context.close();
});

test('opening a file before the saved work was read reads it first: the user is asked about the work they have', async () => {
  const { context, page } = await watchedPage(browser);
  await seedDraft(page);
  let refuse = true;
  await page.route('**/split_sxsh_keeping-*.wasm', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.root.getByTestId('start').waitFor();
  assert.equal(await w.root.getByTestId('resume').count(), 0);

  refuse = false;
  // The user keeps what they have: the stored draft is offered, untouched.
  const asked = new Promise((resolve) => page.once('dialog', (dialog) => { resolve(dialog.message()); dialog.dismiss(); }));
  await w.root.getByTestId('restore-file').setInputFiles('crates/core/tests/fixtures/files/sxsh-assessment-v1.json');
  assert.match(await asked, /\S/);
  const resume = w.root.getByTestId('resume');
  await resume.waitFor();
  assert.match(await resume.textContent(), /Công ty Gỗ Hương Thủy/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('sxsh-widget/v1/draft')));
  assert.equal(stored.draft.profile.company, 'Công ty Gỗ Hương Thủy', 'the stored draft is the one the user had, not the file');
  await context.close();
});
