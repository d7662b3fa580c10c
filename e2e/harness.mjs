// Shared end-to-end harness: a static server for dist/ on loopback, and a Chromium page (Debian's
// /usr/bin/chromium driven by playwright-core) that fails the test on any console error or
// failed request.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** The Content-Security-Policy the department's pages use (issue 8). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/**
 * Host pages made from the demo portal page (`dist/demo/index.html`) for the embedding tests:
 * the same page with another configuration, with a hostile stylesheet, or with bad attributes.
 */
const DEMO_VARIANTS = {
  'en.html': (html) => html
    .replace('data-lang="vi"', 'data-lang="en"')
    .replace('data-accent="#0b6e4f"', 'data-accent="#1f4e79"')
    .replace('data-department="Sở Công Thương thành phố Huế"', 'data-department="Huế Department of Industry and Trade (demo)"'),
  'hostile.html': (html) => html.replace('</head>', '<link rel="stylesheet" href="/fixtures/hostile.css" />\n  </head>'),
  'no-endpoint.html': (html) => html.replace('data-endpoint="/api/requests"', ''),
  // Without anything only the Department can say, and with a contact person and a bad value.
  'no-offer.html': (html) => html.replace(/\s+data-(rapid-assessment|courses)-[a-z]+="[^"]*"/g, ''),
  'offer-contact.html': (html) => html.replace('data-accent=', 'data-contact-name="Nguyễn Văn A" data-contact-phone="0234 3822 000" data-contact-email="sxsh@example.gov.vn" data-courses-url="javascript:alert(1)" data-accent='),
  'bad-config.html': (html) => html
    .replace('data-lang="vi"', 'data-lang="fr"')
    .replace('data-accent="#0b6e4f"', 'data-accent="yellow"')
    .replace('data-email="sxsh@example.gov.vn"', 'data-email="nobody"'),
};

/**
 * The widget's own page (`dist/index.html`, which states nothing only the Department can say)
 * configured as a Department would: its offer, its courses and a contact person.
 */
const INDEX_VARIANTS = {
  'offer.html': (html) => html.replace('data-lang="vi"', 'data-lang="vi" data-rapid-assessment-free="true" '
    + 'data-rapid-assessment-days="2-3" data-courses-vi="Lớp tập huấn SXSH cho doanh nghiệp." '
    + 'data-courses-en="CP training courses for enterprises." data-contact-name="Nguyễn Văn A" '
    + 'data-contact-phone="0234 3822 000" data-contact-email="sxsh@example.gov.vn"'),
};

async function indexVariant(root, name) {
  const html = await readFile(join(root, 'index.html'), 'utf8');
  const page = INDEX_VARIANTS[name](html.replace(/(href|src)="(?![/a-z]+:|\/)/g, '$1="/'));
  if (!page.includes('data-contact-name')) throw new Error(`index variant ${name} changed nothing: index.html changed`);
  return page;
}

async function demoVariant(root, name) {
  const html = await readFile(join(root, 'demo', 'index.html'), 'utf8');
  const rooted = html.replace('href="portal.css"', 'href="/demo/portal.css"').replaceAll('"../', '"/');
  const page = DEMO_VARIANTS[name](rooted);
  if (page === rooted) throw new Error(`demo variant ${name} changed nothing: the demo page changed`);
  return page;
}

/**
 * Serves `root` on 127.0.0.1 at a free port, plus `e2e/fixtures` and the demo variants under
 * /fixtures/, every response with `headers`; resolves to { url, close }.
 */
export async function serveDist(root = 'dist', headers = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.startsWith('/fixtures/') ? join('e2e', path) : join(root, path);
    try {
      const name = path.startsWith('/fixtures/') ? path.slice('/fixtures/'.length) : '';
      if (DEMO_VARIANTS[name] || INDEX_VARIANTS[name]) {
        res.writeHead(200, { 'content-type': TYPES['.html'], ...headers });
        res.end(await (DEMO_VARIANTS[name] ? demoVariant : indexVariant)(root, name));
        return;
      }
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium with the flags this sandbox needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** A fresh page that records console errors, page errors and failed requests in `problems`. */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  return { context, page, problems };
}
