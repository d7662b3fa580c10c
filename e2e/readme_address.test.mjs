// End to end at the README's address (issue 22): the real intake service on exactly
// 127.0.0.1:8080, as `scripts/run.sh` starts it, and its root page (not /demo/) carrying a user
// through the whole assessment, the three downloads and a request that reaches the SQLite file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, watchedPage } from './harness.mjs';
import { AssessmentPage, CONTACT, TEXTILE_PLANT } from './assessment_page.mjs';
import { startIntake } from './intake.mjs';

/** The address README.md gives for `scripts/run.sh`. */
const README_ADDRESS = '127.0.0.1:8080';

let browser;
let intake;
let dir;
before(async () => {
  // A busy port fails here, naming it: the test is about this address, so it never picks another.
  intake = await startIntake({ listen: README_ADDRESS });
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'sxsh-readme-'));
});
after(async () => { await browser?.close(); await intake?.stop(); });

/** Clicks the button with `testId` and saves the download it starts; resolves to the file's bytes. */
async function download(w, testId) {
  const [file] = await Promise.all([w.page.waitForEvent('download'), w.root.getByTestId(testId).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return readFile(path);
}

test('the README and scripts/run.sh name the address this test uses', async () => {
  assert.ok((await readFile('README.md', 'utf8')).includes(`http://${README_ADDRESS}`));
  assert.ok((await readFile('scripts/run.sh', 'utf8')).includes(`SXSH_LISTEN:-${README_ADDRESS}`));
});

test('the root page at the README address: every step, the downloads, and a request stored once', async () => {
  const url = `http://${README_ADDRESS}/`;
  assert.equal(intake.url, url, 'the service listens where the README says');
  const { context, page, problems } = await watchedPage(browser);
  const w = new AssessmentPage(page);
  await w.open(url);
  const seen = [];
  await w.completeJourney(async (screen) => { seen.push(screen); });
  const steps = seen.filter((s) => s.startsWith('step-'));
  assert.deepEqual(seen, ['profile', ...steps, 'review', 'results']);
  assert.ok(steps.length >= 2, `the checklist's steps: ${seen}`);

  const pdf = await download(w, 'download-pdf');
  assert.ok(pdf.length > 1_000, `PDF of ${pdf.length} bytes`);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-32).toString('latin1'), /%%EOF\s*$/);
  const csv = (await download(w, 'download-csv')).toString('utf8');
  assert.match(csv, /^\uFEFF"Phần","id","Câu hỏi","Trả lời",""\r\n/, 'the CSV header');
  assert.ok(csv.includes(`"company","Doanh nghiệp","${TEXTILE_PLANT.company}"`), 'the CSV names the company');
  const json = JSON.parse((await download(w, 'save-file')).toString('utf8'));
  assert.equal(json.kind, 'sxsh-assessment');
  assert.equal(json.draft.profile.company, TEXTILE_PLANT.company);

  await w.fillRequest(CONTACT);
  await w.root.getByTestId('request-check').click();
  await w.root.locator('#cp-request-check-title').waitFor();
  const notConnected = w.root.getByTestId('mail-only');
  assert.equal(await notConnected.count(), 0,
    `the check page says: ${await notConnected.textContent({ timeout: 1_000 }).catch(() => '')}`);
  await w.root.getByTestId('request-send').click();
  await w.root.locator('#cp-results-title').waitFor();
  const sent = w.root.locator('[data-testid=request-status] li.cp-request[data-state=sent]');
  await sent.waitFor({ timeout: 15_000 });
  const receipt = await sent.getAttribute('data-receipt');
  assert.match(receipt, /^SXSH-\d{4}-\d{4}$/);
  assert.ok((await sent.textContent()).includes(receipt), 'the receipt is shown to the user');

  const rows = intake.query('SELECT receipt, company, contact_json FROM requests');
  assert.equal(rows.length, 1);
  assert.equal(rows[0].receipt, receipt);
  assert.equal(rows[0].company, TEXTILE_PLANT.company);
  assert.equal(JSON.parse(rows[0].contact_json).email, CONTACT['contact-email']);
  assert.deepEqual(problems, []);
  await context.close();
});
