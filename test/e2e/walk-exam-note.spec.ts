import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { expectShownNumber, openWithExam, screenshot } from './support/ui';

/**
 * Issue 6, walk (a): the first course note (Exam) done by a student who only
 * clicks. Every model is built in the Model view and fitted as a job; the numbers
 * asserted are lme4's and R's, read from the committed fixtures.
 */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const fixtureRoot = resolve(process.cwd(), 'test/fixtures/lme4');
const fixture = (id: string) => JSON.parse(readFileSync(join(fixtureRoot, `${id}.json`), 'utf8')) as { fit: Record<string, unknown> };

/** R's print of a number to `digits` significant digits, as the Results tables show it. */
const shown = (x: number, digits: number) => String(Number(x.toPrecision(digits)));

const formula = (page: Page) => page.getByTestId('formula-input');

async function pick(page: Page, variable: string, slot: 'response' | 'fixed' | 'random'): Promise<void> {
  await page.getByTestId(`model-var-${variable}`).click();
  await page.getByTestId(`assign-${slot}`).click();
}

/** Fits what the builder holds and waits for Results to show it. */
async function fit(page: Page, expected: string): Promise<void> {
  // The checks pass (notes may remain): Fit is enabled.
  await expect(page.locator('[data-testid=check][data-level=error]')).toHaveCount(0);
  await expect(page.getByTestId('fit-model')).toBeEnabled();
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('model-formula')).toHaveText(expected);
}

async function newModel(page: Page, kind: 'lm' | 'lmList' | 'lmer'): Promise<void> {
  await page.getByTestId('tab-model').click();
  // "New model" empties the builder (it is disabled while the builder is empty).
  const reset = page.getByTestId('model-reset');
  if (await reset.isEnabled()) await reset.click();
  await page.locator(`label:has([data-testid=kind-${kind}])`).click();
  await expect(page.getByTestId(`kind-${kind}`)).toBeChecked();
}

test('the Exam note by clicking: lm, lmList, two mixed models built in the builder, their LRT, the singular m4, saved and reopened', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openWithExam(page, host.url);
  await screenshot(page, 'walk-a-01-exam');

  // 4.1 A simple linear model.
  await newModel(page, 'lm');
  await pick(page, 'normexam', 'response');
  await pick(page, 'standLRT', 'fixed');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT');
  await fit(page, 'normexam ~ standLRT');
  const m1 = fixture('exam_m1_lm').fit as { coef: { estimate: number[]; se: number[] }; sigma: number };
  const fixef = page.getByTestId('table-fixef');
  await expect(fixef.locator('tr[data-row="standLRT"] td[data-col="Estimate"]')).toHaveText(shown(m1.coef.estimate[1], 4));
  await expect(fixef.locator('tr[data-row="standLRT"] td[data-col="Std. Error"]')).toHaveText(shown(m1.coef.se[1], 4));
  await expect(page.getByTestId('printed-summary')).toContainText('Residual standard error: 0.8054 on 4057 degrees of freedom');
  await screenshot(page, 'walk-a-02-lm');

  // 4.2 One OLS line per school (lmList), school 48 and its two students left out.
  await newModel(page, 'lmList');
  await pick(page, 'normexam', 'response');
  await pick(page, 'standLRT', 'fixed');
  await page.getByTestId('lmlist-group').selectOption('school');
  await page.getByTestId('subset-input').fill('school != 48');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT | school');
  await fit(page, 'normexam ~ standLRT | school');
  const groups = page.getByTestId('table-groups');
  await expect(groups.locator('tbody tr')).toHaveCount(64);
  await expect(groups.locator('tr[data-row="48"]')).toHaveCount(0);
  // The note's head(coef(m1_lst)): school 1 and school 10.
  await expect(page.getByTestId('printed-summary')).toContainText('1   0.383334972 0.70934154');
  expectShownNumber(await groups.locator('tr[data-row="10"] td[data-col="(Intercept)"]').getAttribute('title'), -0.325234425);
  expectShownNumber(await groups.locator('tr[data-row="10"] td[data-col="standLRT"]').getAttribute('title'), 0.2950453);
  await screenshot(page, 'walk-a-03-lmlist');

  // 4.3 The random-intercept model (the note's m2), built by clicking.
  await newModel(page, 'lmer');
  await pick(page, 'normexam', 'response');
  await pick(page, 'standLRT', 'fixed');
  await pick(page, 'school', 'random');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');
  await fit(page, 'normexam ~ standLRT + (1 | school)');
  const m2 = fixture('exam_m2_ri').fit as { REMLcrit: number };
  await expect(page.getByTestId('table-stats').locator('tr[data-row="REML criterion at convergence"] td[data-col="Value"]')).toHaveText(
    shown(m2.REMLcrit, 7),
  );
  await expect(page.getByTestId('printed-summary')).toContainText('REML criterion at convergence: 9368.8');

  // 4.4 Random slopes (the note's m3): the same card, with the slope of standLRT ticked.
  await newModel(page, 'lmer');
  await pick(page, 'normexam', 'response');
  await pick(page, 'standLRT', 'fixed');
  await pick(page, 'school', 'random');
  await page.getByTestId('random-slope-standLRT').check();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (standLRT | school)');
  await fit(page, 'normexam ~ standLRT + (standLRT | school)');
  const m3 = fixture('exam_m3_rs').fit as { REMLcrit: number };
  await expect(page.getByTestId('table-stats').locator('tr[data-row="REML criterion at convergence"] td[data-col="Value"]')).toHaveText(
    shown(m3.REMLcrit, 7),
  );
  await screenshot(page, 'walk-a-04-m3');

  // The likelihood-ratio test of m2 against m3, refitted with ML as lme4's anova does.
  const tabs = page.getByTestId('model-tab');
  await expect(tabs).toHaveText(['m1', 'm2', 'm3', 'm4']);
  await page.getByTestId('compare-open').click();
  const popover = page.getByTestId('compare-popover');
  await popover.locator('label', { hasText: 'm3' }).getByTestId('compare-choice').check();
  await popover.locator('label', { hasText: 'm4' }).getByTestId('compare-choice').check();
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('comparison')).toBeVisible({ timeout: 60_000 });
  const anova = page.getByTestId('table-anova');
  await expect(anova.locator('tr[data-row="m4"] td[data-col="Chisq"]')).toHaveText('40.372');
  await expect(anova.locator('tr[data-row="m4"] td[data-col="Df"]')).toHaveText('2');
  await expect(page.getByTestId('comparison-note')).toContainText('refitting model(s) with ML (instead of REML)');
  await screenshot(page, 'walk-a-05-anova');

  // 4.5 The note's m4: random slopes for standLRT and sex, typed as the note writes it; the fit is singular.
  await newModel(page, 'lmer');
  await formula(page).fill('normexam ~ standLRT + sex + (standLRT + sex | school)');
  await expect(page.getByTestId('random-slope-sex')).toBeChecked();
  await fit(page, 'normexam ~ standLRT + sex + (standLRT + sex | school)');
  const singular = page.getByTestId('singular-box');
  await expect(singular).toBeVisible();
  await expect(singular).toContainText('sexM');
  await expect(page.getByTestId('printed-summary')).toContainText("boundary (singular) fit: see help('isSingular')");
  await screenshot(page, 'walk-a-06-m5-singular');

  // Save (a download in the browser host), start afresh, open the file: everything is back, nothing refitted.
  // The fit's time is stored with its result: the same time after opening means it was not refitted.
  const fittedAt = await page.getByTestId('model-context').textContent();
  expect(fittedAt).toMatch(/fitted /);
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const download = await downloading;
  const saved = join(testInfo.outputDir, download.suggestedFilename());
  await download.saveAs(saved);

  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('data-empty')).toBeVisible();
  // An empty project's Results view leads back to the data, not to a model it cannot fit yet.
  await page.getByTestId('tab-results').click();
  await page.getByTestId('results-empty-data').click();
  await expect(page.getByTestId('data-empty')).toBeVisible();
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-open').click();
  await (await choosing).setFiles(saved);
  // The status bar no longer reports the previous project's last job.
  await expect(page.getByTestId('job-outcome')).toHaveCount(0);
  // The project opens where it was saved: Results, with m5 on screen.
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true');
  await expect(tabs).toHaveText(['m1', 'm2', 'm3', 'm4', 'm5']);
  await expect(page.getByTestId('model-formula')).toHaveText('normexam ~ standLRT + sex + (standLRT + sex | school)');
  await expect(page.getByTestId('singular-box')).toContainText('sexM');
  await expect(page.getByTestId('model-context')).toHaveText(fittedAt!);
  await page.getByTestId('results-tab-comparisons').click();
  await expect(page.getByTestId('table-anova').locator('tr[data-row="m4"] td[data-col="Chisq"]')).toHaveText('40.372');
  await screenshot(page, 'walk-a-07-reopened');
  await page.getByTestId('tab-data').click();
  await expect(page.getByTestId('dataset-rows')).toHaveText('4,059');
});
