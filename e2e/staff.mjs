// Shared by the staff end-to-end tests: the staff accounts' password, where screenshots go,
// logging in as an account, and axe-core's WCAG 2.1 A/AA violations on a page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { watchedPage } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The password every test account is created with. */
export const PASSWORD = 'mùa thu Huế 2026 sông Hương';
/** Where the screenshots for server/README.md go. */
export const SHOTS = 'docs/staff';

/**
 * A Vietnamese-locale page logged in to the service at `url` as `username`; closed when test `t`
 * ends. `options` go to `watchedPage` (viewport, bypassCSP…).
 */
export async function loggedIn(browser, url, t, username, options = {}) {
  const watched = await watchedPage(browser, { locale: 'vi-VN', ...options });
  t.after(() => watched.context.close());
  const { page } = watched;
  await page.goto(`${url}staff/login`);
  await page.fill('#u', username);
  await page.fill('#p', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.click('button[type=submit]')]);
  return watched;
}

/** axe-core's WCAG 2.1 A/AA violations on the whole page (axe evaluated into the page, not
 * added as a script tag, which the service's CSP refuses). */
export async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}
