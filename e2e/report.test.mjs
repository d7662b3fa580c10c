// End to end: the results page's buttons download real files that pass the same checks as the
// native tests (qpdf --check, pdftotext, Python's csv reader), and the PDF worker and its fonts
// load only with the results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, TEXTILE_PLANT } from './assessment_page.mjs';

let server;
let browser;
let dir;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'sxsh-report-'));
});
after(async () => { await browser?.close(); await server?.close(); });

test('the PDF, CSV and print buttons work on a completed assessment', async () => {
  const { context, page, problems } = await watchedPage(browser);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.fillProfile({ ...TEXTILE_PLANT, company: 'Công ty <b>Huế</b> =1+1' });
  await w.continue();
  await w.answerStep(TEXTILE_PLANT.answers);
  await w.continueToReview();
  assert.equal(requested.filter((p) => p.includes('/fonts/')).length, 0, 'no font before the results');
  await w.root.getByTestId('see-results').click();
  await w.root.getByTestId('download-pdf').waitFor();

  const [pdf] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('download-pdf').click()]);
  assert.match(pdf.suggestedFilename(), /^SXSH-cong-ty-b-hue-b-1-1-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfPath = join(dir, 'report.pdf');
  await pdf.saveAs(pdfPath);
  execFileSync('qpdf', ['--check', pdfPath]);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  assert.match(text, /Báo cáo tự đánh giá sản xuất sạch hơn/);
  assert.match(text, /Công ty <b>Huế<\/b> =1\+1/);
  assert.equal(requested.filter((p) => p.includes('/fonts/')).length, 2, 'each font fetched once');
  assert.ok((await readFile(pdfPath)).length < 250_000);

  const [csv] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('download-csv').click()]);
  const csvPath = join(dir, 'report.csv');
  await csv.saveAs(csvPath);
  const check = `
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
bad = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\\t", "\\r")]
company = [r[3] for r in rows if r[1] == "company"][0]
print(len(rows), len(bad))
print(company)
`;
  const [counts, company] = execFileSync('python3', ['-c', check, csvPath], { encoding: 'utf8' }).trim().split('\n');
  const [count, bad] = counts.split(' ');
  assert.ok(Number(count) > 60);
  assert.equal(bad, '0');
  assert.equal(company, 'Công ty <b>Huế</b> =1+1');

  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await w.root.getByTestId('print').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await w.root.getByTestId('download-pdf').isVisible(), false, 'no buttons in the print view');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The widget's own console warnings on `page` ("SXSH widget: …"), collected as they come. */
function widgetWarnings(page) {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' && m.text().startsWith('SXSH widget:')) warnings.push(m.text()); });
  return warnings;
}

test('the PDF worker loads with the results and ends when idle; fonts that fail are told and tried again', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.clock.install();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const warnings = widgetWarnings(page);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  let workerStarted;
  await w.completeJourney(async (at) => {
    if (at !== 'review') return;
    assert.deepEqual(requested.filter((p) => p.includes('pdf') || p.includes('fonts')), [], 'no PDF file before the results');
    // Offline while the results load: the early font fetch fails, and so does the retry on click.
    await page.route('**/fonts/**', (route) => route.abort('internetdisconnected'));
    workerStarted = page.waitForEvent('worker');
  });
  assert.match((await workerStarted).url(), /\/sxsh-pdf-worker\.js$/, 'the results screen starts the worker');
  await w.root.getByTestId('download-pdf').click();
  await w.root.getByTestId('export-status').getByText('Không tạo được báo cáo PDF', { exact: false }).waitFor();
  assert.equal(warnings.length, 1, 'one console warning says why');
  assert.match(warnings[0], /^SXSH widget: .*fonts\/NotoSans-(Regular|Bold)-vi\.ttf: network error$/);
  // The early fetch and the retry, two fonts each: each failed request, and the browser's own
  // console line for it.
  const failed = problems.filter((p) => /^request failed: .*\/fonts\/NotoSans-(Regular|Bold)-vi\.ttf net::ERR_INTERNET_DISCONNECTED$/.test(p));
  const logged = problems.filter((p) => p === 'console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED');
  assert.equal(failed.length, 4, problems.join('\n'));
  assert.equal(logged.length, 4, problems.join('\n'));
  assert.equal(problems.length, 8, problems.join('\n'));
  problems.length = 0;
  assert.equal(page.workers().length, 0, 'a failed worker is ended');

  // Back online: a click starts a new worker and the PDF arrives.
  await page.unroute('**/fonts/**');
  const [pdf] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('download-pdf').click()]);
  assert.match(pdf.suggestedFilename(), /\.pdf$/);
  assert.equal(await w.root.getByTestId('export-status').count(), 0, 'the failure message is gone');
  const workers = page.workers();
  assert.equal(workers.length, 1);
  assert.ok(requested.some((p) => /\/sxsh_pdf-[0-9a-f]{16}_bg\.wasm$/.test(p)), 'the worker loads its hashed wasm');

  const closed = new Promise((resolve) => workers[0].once('close', resolve));
  await page.clock.runFor(31_000);
  await closed;
  assert.equal(page.workers().length, 0, 'the worker is ended 30 s after its last use, freeing its memory');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a PDF worker whose wasm is missing is told at once, not waited for', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.route(/\/sxsh_pdf-[0-9a-f]{16}_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const warnings = widgetWarnings(page);
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.completeJourney();
  await w.root.getByTestId('download-pdf').click();
  await w.root.getByTestId('export-status').getByText('Không tạo được báo cáo PDF', { exact: false }).waitFor();
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^SXSH widget: the PDF worker did not start: cannot load sxsh_pdf-[0-9a-f]{16}_bg\.wasm: /);
  assert.ok(problems.length > 0 && problems.every((p) => /404|sxsh_pdf|Failed to load/.test(p)), problems.join('\n'));
  assert.equal(await w.root.getByTestId('download-pdf').isEnabled(), true, 'the button can be used again');
  await context.close();
});

test('a PDF worker script that fails to load while the results show leaves no unhandled error, and a click tells the user', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.route('**/sxsh-pdf-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.completeJourney();
  await page.waitForTimeout(1_000); // the early start fails while nobody waits for it
  await w.root.getByTestId('download-pdf').click();
  await w.root.getByTestId('export-status').getByText('Không tạo được báo cáo PDF', { exact: false }).waitFor();
  // Only the worker script's own failure is seen (Chromium may or may not also report its 404
  // response): no unhandled rejection, no page error.
  const seen = problems.filter((p) => p !== `HTTP 404: ${server.url}sxsh-pdf-worker.js`);
  assert.deepEqual(seen, [`request failed: ${server.url}sxsh-pdf-worker.js net::ERR_FAILED`]);
  await context.close();
});
