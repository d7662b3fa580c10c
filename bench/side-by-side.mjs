// Side-by-side benchmark: the widget against SurveyJS (the peer of performance.md), the same
// questionnaire (bench/make-surveyjs.py turns the widget's checklist into the peer's survey), the
// same page shell, one loopback server with precompressed brotli, Chromium driven over CDP under
// slow 4G (562.5 ms, 188,743 B/s down, 86,400 B/s up) and 4x CPU throttling, then unthrottled as
// a control; interleaved pairs (SurveyJS, widget, SurveyJS, widget…); medians and the ratio of
// medians.
//
//   node bench/side-by-side.mjs [--pairs 5] [--no-build] [--dist dist] [--out bench/out]
//
//   --pairs N    throttled pairs (default 5); the control runs max(2, ceil(N / 2)) pairs.
//   --no-build   do not run `trunk build --release`; use the build already in the --dist folder.
//   --dist DIR   the widget's build folder to copy from (default dist, where trunk writes; give
//                another folder together with --no-build, e.g. a copy taken while dist is rebuilt).
//   --out DIR    the folder assembled, served and written to (default bench/out; emptied first).
//
// It installs the peer from bench/surveyjs/package-lock.json, assembles the --out folder, prints a
// Markdown table per profile plus the issue-22 gates, and writes every run to side-by-side.json in
// the --out folder.
//
// Each run of a side is two visits, each in a fresh browser context with the HTTP cache disabled:
//
// 1. The load visit (nothing is clicked, so the first screen's own work is measured alone):
//    - bytes until ready: the sum of CDP Network.loadingFinished encodedDataLength (headers
//      included; finished requests only) at the moment the page reports ready;
//    - ready: performance.now() one animation frame after the first interactive control is in the
//      page (SurveyJS: its first radio input; the widget: its welcome screen's start button);
//    - LCP, CLS, total blocking time (long tasks from FCP to ready + 3 s, each beyond 50 ms) and the
//      longest task until ready + 3 s; memory (measureUserAgentSpecificMemory) 3 s after ready.
// 2. The user's visit (as performance.md's "user's metric": act as soon as the page lets you):
//    - first answerable question (firstQuestion): ms from navigation start, measured in the page.
//      The widget: its start button is clicked in the page the first frame it is visible and
//      enabled (a DOM click from an init script, so that no round trip to this script delays it),
//      and the clock stops one frame after the first profile field (#cp-field-company) is visible
//      and enabled. SurveyJS: one frame after its first radio input is in the page (its first page
//      already holds questions: the same instant as its ready);
//    - bytes until the first question (firstQuestionBytes): counted as for ready, at the moment the
//      page reports the first question (requests still in flight then are not counted);
//    - tap: on a settled question page (1 s without a request in flight and 1 s without a long
//      task), the second choice of its first radio question is tapped and the longest Event Timing
//      duration of that interaction is taken. The widget: its first area page, reached by filling
//      the profile (company, first sector, all equipment) and Continue; SurveyJS: its first page;
//    - bytes for the whole questionnaire (questionnaireBytes): every question page in the user's
//      language is walked (the widget: Continue until the review page, waiting on each page until
//      no request has been in flight for 1 s; SurveyJS: its Next button to the last page) and the
//      bytes are taken as the last question page shows (the widget's: the page just before review;
//      what that page starts loading for the review and results is not counted; SurveyJS: after
//      1 s without a request, as it loads everything at start);
//      (CDP's page session does not see a worker's requests: the script warns if a worker started
//      before this count, as none does now on either side);
//    - PDF: cold (with its lazy downloads; the widget's from its results screen on) and warm,
//      click to Blob, the longest main-thread task during each, the extra bytes (Playwright's
//      request sizes, which see the widget's worker), the PDF's size, memory after the exports.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
/** The value after `name` on the command line, or `fallback`. */
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const PAIRS = Number(option('--pairs', 5)) || 5;
const DIST = option('--dist', 'dist');
const OUT = option('--out', 'bench/out');
const BUILD = !args.includes('--no-build');
const SJ = 'bench/surveyjs/node_modules';

// The out folder is emptied: never let that be this folder or one above it.
if (`${resolve('.')}${sep}`.startsWith(`${resolve(OUT)}${sep}`)) throw new Error(`--out ${OUT} would empty the working folder`);

function assemble() {
  if (BUILD) execFileSync('trunk', ['build', '--release'], { stdio: 'inherit' });
  if (BUILD && resolve(DIST) !== resolve('dist')) console.warn(`built into dist, but copying the widget from ${DIST}`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: 'bench/surveyjs', stdio: 'inherit' });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(`${OUT}/widget`, { recursive: true });
  mkdirSync(`${OUT}/surveyjs`, { recursive: true });
  cpSync(DIST, `${OUT}/widget`, { recursive: true });
  rmSync(`${OUT}/widget/demo`, { recursive: true, force: true });
  for (const side of ['widget', 'surveyjs']) cpSync('bench/pages/shell.css', `${OUT}/${side}/shell.css`);
  cpSync('bench/pages/widget.html', `${OUT}/widget/index.html`);
  cpSync('bench/pages/surveyjs.html', `${OUT}/surveyjs/index.html`);
  cpSync('bench/pages/surveyjs-page.js', `${OUT}/surveyjs/surveyjs-page.js`);
  for (const [from, to] of [
    ['survey-core/survey.core.min.js', 'survey.core.min.js'],
    ['survey-core/survey-core.fontless.min.css', 'survey-core.fontless.min.css'],
    ['survey-core/i18n/vietnamese.min.js', 'vietnamese.min.js'],
    ['survey-js-ui/survey-js-ui.min.js', 'survey-js-ui.min.js'],
    ['jspdf/dist/jspdf.umd.min.js', 'jspdf.umd.min.js'],
    ['survey-pdf/survey.pdf.min.js', 'survey.pdf.min.js'],
    ['survey-pdf/survey.pdf.fonts.min.js', 'survey.pdf.fonts.min.js'],
  ]) cpSync(join(SJ, from), `${OUT}/surveyjs/${to}`);
  const survey = execFileSync('python3', ['bench/make-surveyjs.py'], { encoding: 'utf8' });
  writeFileSync(`${OUT}/surveyjs/survey.js`, `window.SXSH_SURVEY = ${survey};\n`);
  // Precompressed brotli beside every text and wasm file, as a production server would serve.
  const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  for (const file of walk(OUT)) {
    if (/\.(html|js|css|wasm|json|svg|ttf)$/.test(file)) execFileSync('brotli', ['-q', '11', '-k', '-f', file]);
  }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve() {
  const server = createServer((req, res) => {
    let path = join(OUT, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        // Cross-origin isolation, so both pages can measure their memory the same way.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cache-control': 'no-store',
      };
      let body;
      try {
        body = readFileSync(`${path}.br`);
        headers['content-encoding'] = 'br';
      } catch {
        body = readFileSync(path);
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Collected in the page from its first script on: paints, shifts, long tasks, event timings, and
 * the two instants the page reports to the script (ready and the first answerable question). */
const PROBE = `
  window.__m = { fcp: 0, lcp: 0, cls: 0, longtasks: [], events: [] };
  const watch = (type, f, extra = {}) => { try { new PerformanceObserver((l) => l.getEntries().forEach(f)).observe({ type, buffered: true, ...extra }); } catch {} };
  watch('paint', (e) => { if (e.name === 'first-contentful-paint') window.__m.fcp = e.startTime; });
  watch('largest-contentful-paint', (e) => { window.__m.lcp = e.startTime; });
  watch('layout-shift', (e) => { if (!e.hadRecentInput) window.__m.cls += e.value; });
  watch('longtask', (e) => window.__m.longtasks.push([e.startTime, e.duration]));
  watch('event', (e) => window.__m.events.push([e.name, e.duration, e.interactionId]), { durationThreshold: 16 });
  const surveyjs = location.pathname.startsWith('/surveyjs');
  // Ready: one frame after the first interactive control of the questionnaire is in the page.
  const ready = surveyjs ? 'input[type=radio]' : '[data-testid=start]';
  new MutationObserver((_, observer) => {
    if (document.querySelector(ready)) {
      observer.disconnect();
      requestAnimationFrame(() => { window.__readyAt = performance.now(); window.__benchReady?.(); });
    }
  }).observe(document, { childList: true, subtree: true });
  // First answerable question: one frame after the widget's first profile field is visible and
  // enabled; for SurveyJS, after its first radio input is in the page (SurveyJS draws its own radio
  // over a hidden input, so only its presence is asked for, as for ready).
  const first = surveyjs ? 'input[type=radio]' : '#cp-field-company';
  const answerable = () => {
    const el = document.querySelector(first);
    return !!el && (surveyjs || (el.matches(':enabled') && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })));
  };
  const markFirst = () => {
    if (window.__firstQuestionAt !== undefined) return;
    window.__firstQuestionAt = performance.now();
    window.__benchFirstQuestion?.();
  };
  // Once the field is in the page but not yet answerable (hidden, fading in, disabled), it is
  // checked every frame: a style or animation can make it visible without any DOM mutation.
  let polling = false;
  const pollFrames = () => requestAnimationFrame(() => {
    if (window.__firstQuestionAt !== undefined) return;
    if (answerable()) { firstObserver.disconnect(); markFirst(); } else pollFrames();
  });
  const firstObserver = new MutationObserver(() => {
    if (answerable()) {
      firstObserver.disconnect();
      requestAnimationFrame(markFirst);
    } else if (!polling && document.querySelector(first)) {
      polling = true;
      pollFrames();
    }
  });
  firstObserver.observe(document, { childList: true, subtree: true, attributes: true });
`;

const THROTTLED = { latency: 562.5, downloadThroughput: 188743, uploadThroughput: 86400, cpu: 4 };

/**
 * A fresh context and page with the probe, the network and CPU profile, and a meter of the page's
 * network traffic as CDP sees it: the encoded bytes of finished requests, the requests in flight,
 * and the byte count at the instants the page reports ready and its first answerable question.
 */
async function openPage(browser, profile) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.downloadThroughput, uploadThroughput: profile.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  const meter = { bytes: 0, inFlight: new Map(), lastActivity: Date.now(), readyBytes: undefined, firstQuestionBytes: undefined, workers: [] };
  // A worker's requests are not in the count: the workers started are noted, to warn of it.
  page.on('worker', (worker) => meter.workers.push(worker.url()));
  const activity = () => { meter.lastActivity = Date.now(); };
  cdp.on('Network.requestWillBeSent', (e) => { meter.inFlight.set(e.requestId, e.request.url); activity(); });
  cdp.on('Network.loadingFinished', (e) => { meter.bytes += e.encodedDataLength; meter.inFlight.delete(e.requestId); activity(); });
  cdp.on('Network.loadingFailed', (e) => { meter.inFlight.delete(e.requestId); activity(); });
  // The bytes are taken when the page reports, not when a poll notices it: unthrottled, the files
  // a page fetches just after its first screen would otherwise finish in between.
  await page.exposeBinding('__benchReady', () => { meter.readyBytes ??= meter.bytes; });
  await page.exposeBinding('__benchFirstQuestion', () => { meter.firstQuestionBytes ??= meter.bytes; });
  return { context, page, meter };
}

/** Resolves once no request of the page has been in flight for `quietMs` (CDP's view). */
async function networkIdle(meter, quietMs = 1_000, timeoutMs = 60_000) {
  const start = Date.now();
  while (meter.inFlight.size > 0 || Date.now() - meter.lastActivity < quietMs) {
    if (Date.now() - start > timeoutMs) {
      console.warn(`network not idle after ${timeoutMs} ms, still in flight: ${[...meter.inFlight.values()].join(', ')}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A settled page, before a tap is timed: the network idle for 1 s, then no long task for 1 s. */
async function settle(page, meter) {
  await networkIdle(meter);
  await page.waitForFunction(() => {
    const last = window.__m.longtasks.at(-1);
    return !last || performance.now() - (last[0] + last[1]) >= 1_000;
  }, null, { polling: 100, timeout: 60_000 });
}

const memoryNow = (page) => page.evaluate(async () => (self.crossOriginIsolated ? (await performance.measureUserAgentSpecificMemory()).bytes : null));

/** The load visit: bytes until ready, ready, LCP, CLS, TBT, longest task, memory after ready. */
async function measureLoad(browser, base, side, profile) {
  const { context, page, meter } = await openPage(browser, profile);
  await page.goto(`${base}${side}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 120_000 });
  meter.readyBytes ??= meter.bytes;
  await page.waitForTimeout(3_000);
  const load = await page.evaluate(() => {
    const m = window.__m;
    const end = window.__readyAt + 3_000;
    const during = m.longtasks.filter(([start]) => start >= m.fcp && start <= end);
    return {
      ready: window.__readyAt,
      lcp: m.lcp,
      cls: m.cls,
      tbt: during.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
      longest: m.longtasks.filter(([start]) => start <= end).reduce((max, [, d]) => Math.max(max, d), 0),
    };
  });
  const memory = await memoryNow(page);
  await context.close();
  return { bytes: meter.readyBytes, ...load, memory };
}

/** In the page, for the user's visit only: clicks the widget's start button (a DOM click, in the
 * page, so no round trip to the test runner delays it) the first frame it is in the page,
 * visible and enabled, as a user who came to answer would; records when (`__startClickedAt`). */
const AUTO_START = `
  const clickWhenShown = () => {
    const button = document.querySelector('[data-testid=start]');
    if (button && button.matches(':enabled') && button.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      window.__startClickedAt = performance.now();
      button.click();
    } else {
      requestAnimationFrame(clickWhenShown);
    }
  };
  if (!location.pathname.startsWith('/surveyjs')) requestAnimationFrame(clickWhenShown);
`;

/** Taps the second choice of the page's first radio question; the longest Event Timing duration
 * of that interaction (pointer, click, input and change events), ms. */
async function measureTap(page) {
  await page.evaluate(() => { window.__m.events = []; });
  const choice = page.locator('input[type=radio]').nth(1);
  // SurveyJS draws its own radio over the input: click where the user would, whatever is on top.
  await choice.click({ force: true });
  await page.waitForTimeout(1_000);
  return page.evaluate(() => Math.max(0, ...window.__m.events.filter(([name]) => ['pointerdown', 'pointerup', 'click', 'input', 'change'].includes(name)).map(([, d]) => d)));
}

/** In the page: where the widget is: 'review', 'error' (an error summary: it refused to go on),
 * or its question page's step counter and title (different on every page), or null. */
function widgetWhere() {
  if (document.querySelector('#cp-review-title')) return 'review';
  if (document.querySelector('[data-testid=error-summary]')) return 'error';
  const title = document.querySelector('#cp-section-title');
  if (!title) return null;
  return `${title.closest('section')?.querySelector('.cp-section__counter')?.textContent}|${title.textContent}`;
}

/**
 * The widget, from its first area page: Continue until the review page. On every question page it
 * takes the byte count as the page shows, then waits for 1 s without a request in flight before
 * going on; the count taken on the last one (the page just before review) is the whole
 * questionnaire's. Throttled, what that page starts loading for the closing screens (one round
 * trip of 562 ms at least) cannot have finished by then, so it is not counted.
 */
async function walkWidget(page, meter) {
  let questionnaireBytes;
  for (let pages = 1; pages <= 50; pages += 1) {
    // The count as the page shows, once what the pages before it asked for is in: what this page
    // needs to be answered. (Code it starts loading for later screens is not counted.)
    questionnaireBytes = meter.bytes;
    await networkIdle(meter);
    const from = await page.evaluate(widgetWhere);
    await page.getByTestId('continue').click();
    // The next place: review, an error, or another question page.
    const next = await page.waitForFunction(`((where) => where !== null && where !== ${JSON.stringify(from)} && where)((${widgetWhere})())`, null, { timeout: 60_000 });
    const where = await next.jsonValue();
    if (where === 'error') throw new Error(`the widget refused to continue from "${from}"`);
    if (where === 'review') return { questionnaireBytes, pages };
  }
  throw new Error('the widget never reached its review page');
}

/**
 * SurveyJS, from its first page: its Next button until the last page, then 1 s without a request
 * in flight; the byte count then is the whole questionnaire's (it loaded it all at start).
 */
async function walkSurveyJs(page, meter) {
  let pages = 1;
  while (!(await page.evaluate(() => window.__survey.isLastPage))) {
    const from = await page.evaluate(() => window.__survey.currentPageNo);
    await page.locator('.sd-navigation__next-btn').click();
    // The next page is shown once its first question is in the page.
    await page.waitForFunction((from) => {
      const survey = window.__survey;
      return survey.currentPageNo > from && !!document.querySelector(`[data-name="${survey.currentPage.questions[0].name}"]`);
    }, from, { timeout: 60_000 });
    pages += 1;
  }
  await networkIdle(meter);
  return { questionnaireBytes: meter.bytes, pages };
}

/** The user's visit: first answerable question and its bytes, tap, whole questionnaire, PDF. */
async function measureUserFlow(browser, base, side, profile) {
  const { context, page, meter } = await openPage(browser, profile);
  await page.addInitScript(AUTO_START);
  // The page's CDP session does not see a worker's requests; Playwright's request events do
  // (headers + encoded body), so the PDF's extra bytes are counted with them, on both sides.
  let pdfWire = 0;
  page.on('requestfinished', async (r) => { const s = await r.sizes(); pdfWire += s.responseHeadersSize + s.responseBodySize; });
  await page.goto(`${base}${side}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstQuestionAt !== undefined, null, { timeout: 120_000 });
  const startShown = side === 'widget' ? await page.evaluate(() => window.__startClickedAt) : null;
  meter.firstQuestionBytes ??= meter.bytes;
  const firstQuestion = await page.evaluate(() => window.__firstQuestionAt);

  // Tap on the first question page (the widget's first area page), once it has settled.
  if (side === 'widget') {
    await page.locator('#cp-field-company').fill('Công ty Dệt Phú Bài');
    await page.locator('input[name=cp-sector]').first().check();
    for (const box of await page.locator('input[id^=cp-field-equipment]').all()) await box.check();
    await page.getByTestId('continue').click();
    await page.locator('#cp-section-title').waitFor();
  }
  await settle(page, meter);
  const tap = await measureTap(page);

  // Every question page, to the last one.
  const walk = side === 'widget' ? await walkWidget(page, meter) : await walkSurveyJs(page, meter);
  if (meter.workers.length) console.warn(`${side}: a worker ran before the questionnaire's bytes were taken, its requests are not counted: ${meter.workers.join(', ')}`);

  // PDF: cold (with its lazy downloads) and warm, click to Blob. The widget loads its PDF worker
  // and fonts when the results screen shows, so its extra bytes count from there.
  let pdfStart = pdfWire;
  // Also the longest main-thread task while the export runs (the long-task observer sees tasks
  // of 50 ms and more; 0 means none was that long).
  const longestSince = () => page.evaluate(() => Math.max(0, ...window.__m.longtasks.filter(([start]) => start >= window.__pdfFrom).map(([, d]) => d)));
  const pdf = async () => {
    await page.evaluate(() => { window.__pdfFrom = performance.now(); });
    const timed = await exportPdf();
    await page.waitForTimeout(200);
    return { ...timed, longest: await longestSince() };
  };
  const exportPdf = async () => {
    if (side === 'surveyjs') {
      return page.evaluate(async () => {
        const start = performance.now();
        const blob = await window.__exportPdf();
        return { ms: performance.now() - start, size: blob.size };
      });
    }
    const start = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download-pdf').click()]);
    const ms = Date.now() - start;
    return { ms, size: statSync(await download.path()).size };
  };
  if (side === 'widget') {
    // walkWidget stopped on the review page.
    pdfStart = pdfWire;
    await page.getByTestId('see-results').click();
    await page.locator('#cp-results-title').waitFor();
  }
  const cold = await pdf();
  const pdfBytes = pdfWire - pdfStart;
  const warm = await pdf();
  const pdfMemory = await memoryNow(page);
  await context.close();
  return {
    firstQuestion, firstQuestionBytes: meter.firstQuestionBytes, startShown, tap,
    questionnaireBytes: walk.questionnaireBytes, questionPages: walk.pages,
    pdfCold: cold.ms, pdfWarm: warm.ms, pdfBytes, pdfSize: warm.size,
    pdfColdLongest: cold.longest, pdfWarmLongest: warm.longest, pdfMemory,
  };
}

/** One run of a side: its load visit, then its user's visit. */
async function run(browser, base, side, profile) {
  return { ...(await measureLoad(browser, base, side, profile)), ...(await measureUserFlow(browser, base, side, profile)) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function batch(browser, base, profile, pairs) {
  const results = { surveyjs: [], widget: [] };
  for (let i = 0; i < pairs; i += 1) {
    for (const side of ['surveyjs', 'widget']) results[side].push(await run(browser, base, side, profile));
  }
  return results;
}

/** The median of one metric on one side, or null when no run has it. */
const medianOf = (results, side, key) => {
  const xs = results[side].map((r) => r[key]).filter((x) => x !== null && x !== undefined);
  return xs.length ? median(xs) : null;
};

function table(title, results) {
  const rows = [
    ['bytes on the wire until ready', 'bytes', 0],
    ['ready (first control interactive + 1 frame), ms', 'ready', 0],
    ['first answerable question (widget: start clicked when shown, then its first field visible and enabled; + 1 frame), ms', 'firstQuestion', 0],
    ['bytes on the wire until the first question', 'firstQuestionBytes', 0],
    ['bytes on the wire for the whole questionnaire (last question page, after 1 s without a request)', 'questionnaireBytes', 0],
    ['question pages walked', 'questionPages', 0],
    ['LCP, ms', 'lcp', 0],
    ['total blocking time, ms', 'tbt', 0],
    ['longest task, ms', 'longest', 0],
    ['tap on a choice to next paint, ms', 'tap', 0],
    ['CLS', 'cls', 3],
    ['memory after ready, bytes', 'memory', 0],
    ['PDF cold (click to Blob, lazy downloads included), ms', 'pdfCold', 0],
    ['PDF warm, ms', 'pdfWarm', 0],
    ['longest main-thread task during the cold PDF export, ms (0: none of 50 ms or more)', 'pdfColdLongest', 0],
    ['longest main-thread task during the warm PDF export, ms (0: none of 50 ms or more)', 'pdfWarmLongest', 0],
    ['memory after the PDF exports, bytes', 'pdfMemory', 0],
    ['PDF extra bytes on the wire', 'pdfBytes', 0],
    ['PDF size, bytes', 'pdfSize', 0],
  ];
  const lines = [`### ${title}`, '', '| metric | SurveyJS median (min–max) | widget median (min–max) | widget / SurveyJS |', '|---|---|---|---|'];
  for (const [label, key, digits] of rows) {
    const cell = (side) => {
      const xs = results[side].map((r) => r[key]).filter((x) => x !== null && x !== undefined);
      if (!xs.length) return ['n/a', null];
      const m = median(xs);
      return [`${m.toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`, m];
    };
    const [sj, a] = cell('surveyjs');
    const [wi, b] = cell('widget');
    lines.push(`| ${label} | ${sj} | ${wi} | ${a && b !== null ? (b / a).toFixed(2) : 'n/a'} |`);
  }
  return lines.join('\n');
}

/** Issue 22's gates on the ratio of medians (a report: the exit code does not depend on them). */
function gates(results) {
  const gate = (label, key, limit) => {
    const sj = medianOf(results, 'surveyjs', key);
    const wi = medianOf(results, 'widget', key);
    if (!sj || wi === null) return `${label} n/a`;
    const ratio = wi / sj;
    return `${label} ${ratio.toFixed(2)}× (≤ ${limit.toFixed(1)}×) ${ratio <= limit ? 'PASS' : 'FAIL'}`;
  };
  return `Gates (issue 22): ${[
    gate('first question time', 'firstQuestion', 0.6),
    gate('first-question bytes', 'firstQuestionBytes', 0.6),
    gate('whole-questionnaire bytes', 'questionnaireBytes', 1.0),
  ].join('; ')}`;
}

assemble();
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync', '--enable-blink-features=ForceEagerMeasureMemory'],
});
const throttled = await batch(browser, base, THROTTLED, PAIRS);
const control = await batch(browser, base, null, Math.max(2, Math.ceil(PAIRS / 2)));
await browser.close();
server.close();
writeFileSync(`${OUT}/side-by-side.json`, JSON.stringify({ throttled, control }, null, 2));
console.log(table(`Slow 4G + 4x CPU, ${PAIRS} interleaved pairs`, throttled));
console.log();
console.log(gates(throttled));
console.log();
console.log(table('Unthrottled control', control));
