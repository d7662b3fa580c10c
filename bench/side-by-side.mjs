// Side-by-side benchmark: the widget against SurveyJS (the peer of performance.md), the same
// questionnaire (bench/make-surveyjs.py turns the widget's checklist into the peer's survey), the
// same page shell, one loopback server with precompressed brotli, Chromium driven over CDP under
// slow 4G (562.5 ms, 188,743 B/s down, 86,400 B/s up) and 4x CPU throttling, then unthrottled as
// a control; interleaved pairs, a fresh context per run; medians and the ratio of medians.
//
//   node bench/side-by-side.mjs [--pairs 5] [--no-build]
//
// It builds the widget (trunk build --release) unless --no-build, installs the peer from
// bench/surveyjs/package-lock.json, assembles bench/out/, and prints a Markdown table (also
// written to bench/out/side-by-side.json).
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const PAIRS = Number(args[args.indexOf('--pairs') + 1]) || 5;
const OUT = 'bench/out';
const SJ = 'bench/surveyjs/node_modules';

function assemble() {
  if (!args.includes('--no-build')) execFileSync('trunk', ['build', '--release'], { stdio: 'inherit' });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: 'bench/surveyjs', stdio: 'inherit' });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(`${OUT}/widget`, { recursive: true });
  mkdirSync(`${OUT}/surveyjs`, { recursive: true });
  cpSync('dist', `${OUT}/widget`, { recursive: true });
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

/** Collected in the page from its first script on: paints, shifts, long tasks, event timings. */
const PROBE = `
  window.__m = { fcp: 0, lcp: 0, cls: 0, longtasks: [], events: [] };
  const watch = (type, f, extra = {}) => { try { new PerformanceObserver((l) => l.getEntries().forEach(f)).observe({ type, buffered: true, ...extra }); } catch {} };
  watch('paint', (e) => { if (e.name === 'first-contentful-paint') window.__m.fcp = e.startTime; });
  watch('largest-contentful-paint', (e) => { window.__m.lcp = e.startTime; });
  watch('layout-shift', (e) => { if (!e.hadRecentInput) window.__m.cls += e.value; });
  watch('longtask', (e) => window.__m.longtasks.push([e.startTime, e.duration]));
  watch('event', (e) => window.__m.events.push([e.name, e.duration, e.interactionId]), { durationThreshold: 16 });
  // Ready: one frame after the first interactive control of the questionnaire is in the page.
  const ready = location.pathname.startsWith('/surveyjs') ? 'input[type=radio]' : '[data-testid=start]';
  new MutationObserver((_, observer) => {
    if (document.querySelector(ready)) {
      observer.disconnect();
      requestAnimationFrame(() => { window.__readyAt = performance.now(); window.__benchReady(); });
    }
  }).observe(document, { childList: true, subtree: true });
`;

const THROTTLED = { latency: 562.5, downloadThroughput: 188743, uploadThroughput: 86400, cpu: 4 };

async function run(browser, base, side, profile) {
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
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  // The bytes are taken when the page reports ready, not when a poll notices it: unthrottled, the
  // files a page fetches just after its first screen would otherwise finish in between.
  let readyBytes;
  await page.exposeBinding('__benchReady', () => { readyBytes ??= bytes; });
  // The page's CDP session does not see a worker's requests; Playwright's request events do
  // (headers + encoded body), so the PDF's extra bytes are counted with them, on both sides.
  let pdfWire = 0;
  page.on('requestfinished', async (r) => { const s = await r.sizes(); pdfWire += s.responseHeadersSize + s.responseBodySize; });
  await page.goto(`${base}${side}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 120_000 });
  readyBytes ??= bytes;
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
  const memory = await page.evaluate(async () => (self.crossOriginIsolated ? (await performance.measureUserAgentSpecificMemory()).bytes : null));

  // Tap a choice of a question page and take the Event Timing duration of that interaction.
  if (side === 'widget') {
    await page.getByTestId('start').click();
    await page.locator('#cp-field-company').fill('Công ty Dệt Phú Bài');
    await page.locator('input[name=cp-sector]').first().check();
    for (const box of await page.locator('input[id^=cp-field-equipment]').all()) await box.check();
    await page.getByTestId('continue').click();
    await page.locator('#cp-section-title').waitFor();
  }
  await page.evaluate(() => { window.__m.events = []; });
  const choice = page.locator('input[type=radio]').nth(1);
  // SurveyJS draws its own radio over the input: click where the user would, whatever is on top.
  await choice.click({ force: true });
  await page.waitForTimeout(1_000);
  const tap = await page.evaluate(() => Math.max(0, ...window.__m.events.filter(([name]) => ['pointerdown', 'pointerup', 'click', 'input', 'change'].includes(name)).map(([, d]) => d)));

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
    for (let i = 0; i < 8 && !(await page.locator('#cp-review-title').count()); i += 1) await page.getByTestId('continue').click();
    pdfStart = pdfWire;
    await page.getByTestId('see-results').click();
    await page.locator('#cp-results-title').waitFor();
  }
  const cold = await pdf();
  const pdfBytes = pdfWire - pdfStart;
  const warm = await pdf();
  const pdfMemory = await page.evaluate(async () => (self.crossOriginIsolated ? (await performance.measureUserAgentSpecificMemory()).bytes : null));
  await context.close();
  return {
    bytes: readyBytes, ...load, memory, tap, pdfCold: cold.ms, pdfWarm: warm.ms, pdfBytes, pdfSize: warm.size,
    pdfColdLongest: cold.longest, pdfWarmLongest: warm.longest, pdfMemory,
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function batch(browser, base, profile, pairs) {
  const results = { surveyjs: [], widget: [] };
  for (let i = 0; i < pairs; i += 1) {
    for (const side of ['surveyjs', 'widget']) results[side].push(await run(browser, base, side, profile));
  }
  return results;
}

function table(title, results) {
  const rows = [
    ['bytes on the wire until ready', 'bytes', 0],
    ['ready (first control interactive + 1 frame), ms', 'ready', 0],
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
      const xs = results[side].map((r) => r[key]).filter((x) => x !== null);
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
console.log(table('Unthrottled control', control));
