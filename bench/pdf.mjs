// Benchmark (not a test): time from "download PDF" to the file, cold (the PDF worker and fonts,
// started when the results showed, may still be loading) and warm,
// in headless Chromium on loopback, for a complete textile assessment; and the PDF's size.
// Run after `trunk build --release`:  node bench/pdf.mjs [runs]
import { serveDist, launchBrowser } from '../e2e/harness.mjs';
import { AssessmentPage, TEXTILE_PLANT } from '../e2e/assessment_page.mjs';

const runs = Number(process.argv[2] ?? 5);
const server = await serveDist();
const browser = await launchBrowser();
const cold = [];
const warm = [];
let size = 0;
for (let i = 0; i < runs; i += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const w = new AssessmentPage(page);
  await w.open(server.url);
  await w.start();
  await w.fillProfile(TEXTILE_PLANT);
  await w.continue();
  await w.answerStep(TEXTILE_PLANT.answers);
  // Answer every question on every step, so the appendix is complete.
  for (let step = 0; step < 8 && (await w.stepTitle()) !== 'Kiểm tra câu trả lời'; step += 1) {
    for (const input of await w.root.locator('fieldset.cp-question input[value=not_yet]').all()) await input.check();
    await w.continue();
  }
  await w.root.getByTestId('see-results').click();
  for (const bucket of [cold, warm]) {
    const start = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), w.root.getByTestId('download-pdf').click()]);
    const path = await download.path();
    bucket.push(Date.now() - start);
    size = (await import('node:fs')).statSync(path).size;
  }
  await context.close();
}
await browser.close();
await server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`PDF click → file, unthrottled, ${runs} runs: cold median ${median(cold)} ms (${Math.min(...cold)}–${Math.max(...cold)}), warm median ${median(warm)} ms (${Math.min(...warm)}–${Math.max(...warm)}); PDF ${size} bytes`);
