// Page object for the assessment widget: the few actions and reads the end-to-end tests need.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The Textile dyeing plant of crates/core/tests/fixtures/mod.rs, as a user would enter it. */
export const TEXTILE_PLANT = {
  company: 'Công ty Dệt nhuộm Phú Bài (ví dụ)',
  ward: 'Phường Phú Bài',
  numbers: {
    employees: '420',
    output: '3.000',
    'electricity-kwh': '2.000.000',
    'electricity-cost_vnd': '3.600.000.000',
    'fuel-coal_3_4-quantity': '1.000',
    'water-quantity': '200.000',
    'water-cost_vnd': '3.000.000.000',
  },
  answers: {
    'energy.compressed_air.leaks': 'not_yet',
    'energy.lighting.led': 'partly',
    'energy.boilers_steam.traps': 'not_yet',
    'energy.boilers_steam.condensate': 'done',
    'water.water_use.leaks': 'not_yet',
    'water.water_reuse.cascade': 'not_applicable',
    'management.commitment.policy': 'done',
  },
  liquorRatio: '8',
};

/** The contact person of the request form. */
export const CONTACT = {
  'contact-name': 'Nguyễn Văn An',
  'contact-position': 'Trưởng phòng kỹ thuật',
  'contact-phone': '0234 3822 000',
  'contact-email': 'an.nguyen@detphubai.vn',
  'contact-preferred_period': 'Tháng 3/2027',
  'production-equipment': 'Lò hơi đốt than 4 tấn hơi/giờ (2012)',
  'production-schedule': '2 ca/ngày, 300 ngày/năm',
  'contact-notes': 'Xin liên hệ buổi sáng.',
};

export class AssessmentPage {
  constructor(page) {
    this.page = page;
    this.root = page.locator('#sxsh-widget');
  }

  async open(url) {
    await this.page.goto(url);
    await this.root.locator('h1').waitFor();
  }

  heading() {
    return this.root.locator('main h2').first();
  }

  async start() {
    await this.root.getByTestId('start').click();
    await this.root.locator('#cp-profile-title').waitFor();
  }

  async continue() {
    await this.root.getByTestId('continue').click();
  }

  field(id) {
    return this.root.locator(`#cp-field-${id}`);
  }

  async fillProfile(plant) {
    await this.field('company').fill(plant.company);
    await this.root.locator('input[name=cp-sector][value=textile]').check();
    await this.field('ward').fill(plant.ward);
    await this.field('output_unit').fill('t');
    await this.field('equipment-boiler').check();
    await this.field('equipment-compressor').check();
    for (const [id, value] of Object.entries(plant.numbers)) {
      await this.field(id).fill(value);
    }
  }

  /** Answers a question shown on the current step by its id and level. */
  async answer(questionId, level) {
    const fieldset = this.root.locator(`fieldset[data-question="${questionId}"]`);
    await fieldset.locator(`input[value=${level}]`).check();
  }

  /** Answers every listed question that is on the current step, then continues. */
  async answerStep(answers, numbers = {}) {
    for (const [id, level] of Object.entries(answers)) {
      if (await this.root.locator(`fieldset[data-question="${id}"]`).count()) await this.answer(id, level);
    }
    for (const [id, value] of Object.entries(numbers)) {
      const input = this.root.locator(`fieldset[data-question="${id}"] input[type=text]`);
      if (await input.count()) await input.fill(value);
    }
  }

  /** Continues step by step until the review page. */
  async continueToReview() {
    for (let i = 0; i < 10 && (await this.stepTitle()) !== 'Kiểm tra câu trả lời'; i += 1) {
      await this.continue();
    }
    await this.root.locator('#cp-review-title').waitFor();
  }

  /**
   * Walks a fresh page through the whole assessment of TEXTILE_PLANT to the results, calling
   * `atEachStep` on every screen.
   */
  async completeJourney(atEachStep = async () => {}) {
    if (await this.root.getByTestId('start').count()) await this.start();
    await atEachStep('profile');
    await this.fillProfile(TEXTILE_PLANT);
    await this.continue();
    for (let i = 0; i < 6; i += 1) {
      if ((await this.stepTitle()) === 'Kiểm tra câu trả lời') break;
      await this.answerStep(TEXTILE_PLANT.answers, { 'textile.water_use.liquor_ratio': TEXTILE_PLANT.liquorRatio });
      await atEachStep(`step-${i + 1}`);
      await this.continue();
    }
    assert.equal(await this.stepTitle(), 'Kiểm tra câu trả lời');
    await atEachStep('review');
    await this.root.getByTestId('see-results').click();
    await this.root.locator('#cp-results-title').waitFor();
    await atEachStep('results');
  }

  /** From the results: opens the request form and fills it with `contact`. */
  async fillRequest(contact = CONTACT, { consent = true, news = false } = {}) {
    await this.root.getByTestId('request-open').click();
    await this.root.locator('#cp-request-title').waitFor();
    for (const [id, value] of Object.entries(contact)) await this.field(id).fill(value);
    await this.field('production-bills').check();
    if (consent) await this.field('consent-request').check();
    if (news) await this.field('consent-news').check();
  }

  /** From a filled request form: the check page, then send. */
  async sendRequest() {
    await this.root.getByTestId('request-check').click();
    await this.root.locator('#cp-request-check-title').waitFor();
    await this.root.getByTestId('request-send').click();
    await this.root.locator('#cp-results-title').waitFor();
  }

  /** The state of the (only) request shown: waiting, sending, refused or sent. */
  requestState() {
    return this.root.locator('[data-testid=request-status] li.cp-request').first().getAttribute('data-state');
  }

  async stepTitle() {
    return (await this.heading().textContent()).trim();
  }

  /** Runs axe-core with the WCAG 2.1 A/AA rules and returns the violations. */
  async axeViolations() {
    if (!(await this.page.evaluate(() => typeof window.axe !== 'undefined'))) {
      await this.page.addScriptTag({ content: AXE_SOURCE });
    }
    return this.page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('#sxsh-widget'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
  }
}
