// End to end: the hostile payloads of crates/core/tests/fixtures/xss-payloads.txt (script tags,
// event handlers, javascript: URLs, SVG, broken entities, RTL overrides, very long strings,
// emoji, combining marks, CSV formulas, PDF syntax). Those every field takes go through an
// imported file (every profile text field and a typed number), typed again into every profile
// text field, and typed into every free-text field of the request form, then sent to the real
// intake service: nothing executes (a sentinel and a dialog watch), everything shows as literal
// text, and the service stores it unchanged. Those the fields refuse (sxsh_core::free_text: a
// control, bidi or line-separator character, or more than 200 characters, the shortest limit of
// the fields typed here) are named on the profile form when a file brings them, and nothing runs.
// The PDF, CSV and staff pages get the same corpus natively (crates/core/tests/reports.rs,
// server/tests/staff.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage } from './assessment_page.mjs';
import { startIntake } from './intake.mjs';

const ALL_PAYLOADS = readFileSync('crates/core/tests/fixtures/xss-payloads.txt', 'utf8').split('\n').filter((l) => l !== '');
// What no one-line field takes (free_text::character_problem); a JS length counts UTF-16 units,
// never fewer than the characters the core counts.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const takenEverywhere = (payload) => !FORBIDDEN.test(payload) && payload.length <= 200;
const PAYLOADS = ALL_PAYLOADS.filter(takenEverywhere);
const REFUSED = ALL_PAYLOADS.filter((payload) => !takenEverywhere(payload));
const FILE = JSON.parse(readFileSync('crates/core/tests/fixtures/files/sxsh-assessment-v1.json', 'utf8'));
const PROFILE_TEXT = ['company', 'ward', 'products', 'output_unit', 'materials_name'];
const REQUEST_TEXT = ['contact-name', 'contact-position', 'contact-preferred_period', 'contact-notes', 'production-equipment', 'production-schedule'];

let intake;
let browser;
before(async () => { intake = await startIntake(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await intake?.stop(); });

/** An assessment file whose every profile text field, and one typed number, is `payload`. */
function hostileFile(payload) {
  const file = structuredClone(FILE);
  for (const field of PROFILE_TEXT) file.draft.profile[field] = payload;
  file.draft.typed = { 'electricity.kwh': payload };
  return Buffer.from(JSON.stringify(file));
}

/** A watched page that accepts the import's confirm and counts every other dialog (an alert
 *  would mean a payload ran). */
async function pageCountingAlerts() {
  const watched = await watchedPage(browser);
  const alerts = [];
  watched.page.on('dialog', (dialog) => {
    if (dialog.type() === 'confirm') return dialog.accept();
    alerts.push(dialog.message());
    return dialog.dismiss();
  });
  return { ...watched, alerts };
}

test('the payloads every field takes, through the import and every free-text field: nothing runs, all literal, stored unchanged', async () => {
  assert.ok(PAYLOADS.length >= 45, `${PAYLOADS.length} payloads`);
  const { context, page, problems, alerts } = await pageCountingAlerts();
  const w = new AssessmentPage(page);
  for (const [i, payload] of PAYLOADS.entries()) {
    const label = `payload ${i + 1}: ${payload.slice(0, 60)}`;
    await w.open(`${intake.url}demo/`);
    await w.root.getByTestId('restore-file').setInputFiles({ name: `hostile-${i}.json`, mimeType: 'application/json', buffer: hostileFile(payload) });
    await w.root.locator('#cp-review-title').waitFor();
    // And typed: each profile text field filled again by hand, then back to the review.
    await w.root.getByRole('button', { name: 'Thay đổi' }).first().click();
    await w.root.locator('#cp-profile-title').waitFor();
    for (const field of PROFILE_TEXT) await w.field(field).fill(payload);
    // The imported "number" is kept verbatim in its field, and must be fixed to continue.
    assert.equal(await w.field('electricity-kwh').inputValue(), payload, `typed number kept (${label})`);
    await w.field('electricity-kwh').fill('2.000.000');
    await w.continue();
    await w.root.locator('#cp-review-title').waitFor();
    assert.ok((await w.root.textContent()).includes(payload), `review shows it literally (${label})`);
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/draft'))).draft.profile;
    for (const field of PROFILE_TEXT) assert.equal(saved[field], payload, `${field} kept as typed (${label})`);
    await w.root.getByTestId('see-results').click();
    await w.root.locator('#cp-results-title').waitFor();
    await w.root.getByTestId('request-open').click();
    for (const field of REQUEST_TEXT) await w.field(field).fill(payload);
    await w.root.getByTestId('request-check').click();
    // First try: consent, phone and e-mail are missing, so the form shows its errors (and keeps
    // every payload); then they are given and the check page opens.
    await w.root.locator('#cp-field-consent-request-error').waitFor();
    await w.field('consent-request').check();
    await w.field('contact-phone').fill('0234 3822 000');
    await w.field('contact-email').fill('an@detphubai.vn');
    await w.root.getByTestId('request-check').click();
    await w.root.locator('#cp-request-check-title').waitFor();
    const shown = await w.root.getByTestId('request-check-table').locator('dd.cp-summary__value').allTextContents();
    // The check page shows each value trimmed, as it is validated and sent: the company and the six
    // request fields.
    assert.equal(shown.filter((v) => v === payload.trim()).length, 1 + REQUEST_TEXT.length, `check page (${label})`);
    if (i % 8 === 0) {
      await w.root.getByTestId('request-send').click();
      await w.root.locator('li.cp-request[data-state=sent]').first().waitFor();
    }
    assert.equal(await page.evaluate(() => window.__xss), undefined, `sentinel (${label})`);
    assert.equal(await page.locator('#sxsh-widget script, #sxsh-widget img, #sxsh-widget iframe, #sxsh-widget svg:not(.cp-chart), #sxsh-widget a[href^="javascript"]').count(), 0, `no markup made (${label})`);
  }
  assert.deepEqual(alerts, []);
  const stored = intake.query('SELECT company, contact_json, production_json FROM requests ORDER BY id');
  assert.equal(stored.length, Math.ceil(PAYLOADS.length / 8));
  stored.forEach((row, n) => {
    const payload = PAYLOADS[n * 8];
    assert.equal(row.company, payload.trim());
    assert.equal(JSON.parse(row.contact_json).notes, payload);
    assert.equal(JSON.parse(row.production_json).equipment, payload);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the payloads the fields refuse, brought by a file: kept, named on the profile form, nothing runs', async () => {
  assert.ok(REFUSED.length >= 5, `${REFUSED.length} refused payloads`);
  const { context, page, problems, alerts } = await pageCountingAlerts();
  const w = new AssessmentPage(page);
  for (const [i, payload] of REFUSED.entries()) {
    const label = `refused payload ${i + 1}: ${payload.slice(0, 60)}`;
    await w.open(`${intake.url}demo/`);
    await w.root.getByTestId('restore-file').setInputFiles({ name: `refused-${i}.json`, mimeType: 'application/json', buffer: hostileFile(payload) });
    await w.root.locator('#cp-review-title').waitFor();
    // The file is read whole: nothing in it is lost.
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('sxsh-widget/v1/draft'))).draft.profile;
    for (const field of PROFILE_TEXT) assert.equal(saved[field], payload, `${field} kept (${label})`);
    await w.root.getByRole('button', { name: 'Thay đổi' }).first().click();
    await w.root.locator('#cp-profile-title').waitFor();
    await w.field('electricity-kwh').fill('2.000.000');
    await w.continue();
    const summary = w.root.getByTestId('error-summary');
    await summary.waitFor();
    const text = await summary.textContent();
    assert.ok(text.includes('Tên doanh nghiệp'), `the company is named (${label}): ${text.slice(0, 200)}`);
    assert.ok(/quá dài|ký tự điều khiển|đảo chiều văn bản|xuống dòng/.test(text), `what is wrong is said (${label})`);
    await w.root.locator('#cp-profile-title').waitFor();
    assert.equal(await page.evaluate(() => window.__xss), undefined, `sentinel (${label})`);
  }
  assert.deepEqual(alerts, []);
  assert.deepEqual(problems, []);
  await context.close();
});
