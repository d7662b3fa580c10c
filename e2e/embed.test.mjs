// End to end: the widget embedded in the demo portal page, served with the department's strict
// Content-Security-Policy: the journey works with zero CSP violations; the host page's styles are
// untouched; a hostile host stylesheet does not change the widget; two configurations behave as
// configured; bad attributes warn by name and the widget still starts; no new globals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, watchedPage, STRICT_CSP } from './harness.mjs';
import { AssessmentPage, TEXTILE_PLANT } from './assessment_page.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist('dist', { 'content-security-policy': STRICT_CSP });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

/** A watched page that also records CSP violations and console warnings. */
async function embedPage(options) {
  const watched = await watchedPage(browser, options);
  await watched.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  watched.warnings = [];
  watched.page.on('console', (m) => { if (m.type() === 'warning') watched.warnings.push(m.text()); });
  return watched;
}

test('the full journey works in the demo portal under the strict CSP with zero violations', async () => {
  const { context, page, problems } = await embedPage();
  const w = new AssessmentPage(page);
  await w.open(`${server.url}demo/`);
  assert.equal(await w.root.locator('.cp-app__department').textContent(), 'Sở Công Thương thành phố Huế');
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.continue();
  await w.answerStep(TEXTILE_PLANT.answers);
  await w.continueToReview();
  await w.root.getByTestId('see-results').click();
  assert.match(await w.root.getByTestId('score-value').textContent(), /^\d{1,3}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('download-pdf').click()]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  assert.match(await w.root.textContent(), /sxsh@example\.gov\.vn · 0234 000 0000/);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.equal(page.url(), `${server.url}demo/`, 'the host URL (and hash) is untouched');
  assert.deepEqual(problems, []);
  await context.close();
});

const HOST_PARTS = ['body', '.portal-top h1', '.portal-menu a', '.portal-side h3', '.portal-side a', '.portal-foot', '.portal-main h2'];
const STYLE_PROPS = ['font-family', 'font-size', 'color', 'background-color', 'margin-top', 'padding-left', 'box-sizing', 'line-height'];

async function computed(page, selectors) {
  return page.evaluate(([sels, props]) => Object.fromEntries(sels.map((s) => {
    const style = getComputedStyle(document.querySelector(s));
    return [s, Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]))];
  })), [selectors, STYLE_PROPS]);
}

test('the host page looks the same with and without the widget', async () => {
  const withWidget = await embedPage();
  await withWidget.page.goto(`${server.url}demo/`);
  await withWidget.page.locator('#sxsh-widget h1').waitFor();
  const after = await computed(withWidget.page, HOST_PARTS);
  const globalsWith = await withWidget.page.evaluate(() => Object.keys(window));
  await withWidget.context.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/sxsh-widget.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await page.goto(`${server.url}demo/`);
  const before = await computed(page, HOST_PARTS);
  const globalsWithout = await page.evaluate(() => Object.keys(window));
  await context.close();
  assert.deepEqual(after, before);
  const added = globalsWith.filter((k) => !globalsWithout.includes(k) && k !== '__csp'); // __csp: this test's probe
  assert.deepEqual(added, [], 'the widget adds no global names');
});

const WIDGET_PARTS = [
  '#sxsh-widget h1', '#sxsh-widget h2', '#sxsh-widget .cp-welcome__lead', '[data-testid=start]',
  '[data-testid=lang-switch]', '#sxsh-widget li',
];

test('neither the portal\'s styles nor a hostile host stylesheet change the widget', async () => {
  const measure = async (path) => {
    const { context, page, problems } = await embedPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}${path}`);
    await page.locator('#sxsh-widget h1').waitFor();
    const styles = await computed(page, WIDGET_PARTS);
    const boxes = await page.evaluate((sels) => sels.map((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height)];
    }), WIDGET_PARTS);
    const startVisible = await page.getByTestId('start').isVisible();
    assert.deepEqual(problems, []);
    await context.close();
    return { styles, boxes, startVisible };
  };
  const bare = await measure('');
  const normal = await measure('demo/');
  const hostile = await measure('fixtures/hostile.html');
  assert.deepEqual(normal.styles, bare.styles, "the portal's own rules (such as .portal-main h2) do not reach the widget");
  assert.equal(hostile.startVisible, true, 'buttons stay visible');
  assert.deepEqual(hostile.styles, normal.styles);
  assert.deepEqual(hostile.boxes, normal.boxes);
});

test('two pages with different configurations behave as configured', async () => {
  const vi = await embedPage();
  await vi.page.goto(`${server.url}demo/`);
  await vi.page.locator('#sxsh-widget h1').waitFor();
  const en = await embedPage();
  await en.page.goto(`${server.url}fixtures/en.html`);
  await en.page.locator('#sxsh-widget h1').waitFor();
  assert.equal(await vi.page.locator('#sxsh-widget h1').textContent(), 'Tự đánh giá sản xuất sạch hơn');
  assert.equal(await en.page.locator('#sxsh-widget h1').textContent(), 'Cleaner production self-assessment');
  const background = (p) => p.getByTestId('start').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await background(vi.page), 'rgb(11, 110, 79)');
  assert.equal(await background(en.page), 'rgb(31, 78, 121)');
  assert.equal(await en.page.locator('.cp-app__department').textContent(), 'Huế Department of Industry and Trade (demo)');
  for (const w of [vi, en]) {
    assert.deepEqual(await w.page.evaluate(() => window.__csp), []);
    assert.deepEqual(w.problems, []);
    await w.context.close();
  }
});

test('wrong attributes warn by name and the widget still starts with defaults', async () => {
  const { context, page, problems, warnings } = await embedPage();
  await page.goto(`${server.url}fixtures/bad-config.html`);
  await page.locator('#sxsh-widget h1').waitFor();
  assert.equal(await page.locator('#sxsh-widget h1').textContent(), 'Tự đánh giá sản xuất sạch hơn');
  for (const name of ['data-lang', 'data-accent', 'data-email']) {
    assert.ok(warnings.some((w) => w.includes(name)), `no warning names ${name}: ${warnings}`);
  }
  assert.equal(await page.getByTestId('start').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(11, 110, 79)');
  assert.deepEqual(problems, []);
  await context.close();
});
