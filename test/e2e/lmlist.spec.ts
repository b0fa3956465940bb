import { expect, test, type Page } from '@playwright/test';
import { fitOnExam, joinSession, newSessionToken } from './support/contract';
import { startHost, type RunningHost } from './support/host';
import { expectShownNumber, openWithExam, screenshot } from './support/ui';

/**
 * The first course note's m1_lst, built as a person would: lmList chosen in the
 * Model view, normexam ~ standLRT | school with the subset school != 48, fitted
 * as a job, then read in Results (nlme's print beside the per-school table of
 * coefficients and intervals), copied as R code, and kept out of anova().
 */
let host: RunningHost;
const token = newSessionToken();

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function clipboard(page: Page): Promise<string> {
  // Node's typecheck has no DOM library, hence the cast.
  type ClipboardGlobals = { navigator: { clipboard: { readText(): Promise<string> } } };
  return page.evaluate(() => (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText());
}

const formula = (page: Page) => page.getByTestId('formula-input');

test('m1_lst built in the Model view, fitted, and read in Results with nlme’s numbers', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await openWithExam(page, host.url);
  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-lmList])').click();
  await expect(page.getByTestId('kind-lmList')).toBeChecked();

  await page.getByTestId('model-var-normexam').click();
  await page.getByTestId('assign-response').click();
  await page.getByTestId('model-var-standLRT').click();
  await page.getByTestId('assign-fixed').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT');
  // No group yet: the checks ask for one and Fit waits.
  await expect(page.locator('[data-testid=check][data-id=lmlist-no-group]')).toBeVisible();
  await expect(page.getByTestId('fit-model')).toBeDisabled();

  await page.getByTestId('lmlist-group').selectOption('school');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT | school');
  // School 48's two students are counted from the data: as many rows as coefficients.
  await expect(page.locator('[data-testid=check][data-id=lmlist-exact-rows]')).toContainText('school 48 has exactly as many rows as the 2 coefficients');
  await page.getByTestId('subset-input').fill('school != 48');
  await expect(page.getByTestId('estimates-total')).toHaveText('at most 131 parameters');
  await expect(page.getByTestId('fit-model')).toBeEnabled();
  await screenshot(page, 'lmlist-builder');

  // The text moves the controls too.
  await formula(page).fill('normexam ~ standLRT + sex | type');
  await expect(page.getByTestId('lmlist-group')).toHaveValue('type');
  await expect(page.getByTestId('fixed-term')).toHaveCount(2);
  await formula(page).fill('normexam ~ standLRT|school');
  await expect(page.getByTestId('lmlist-group')).toHaveValue('school');

  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('model-formula')).toHaveText('normexam ~ standLRT | school');
  const printed = page.getByTestId('printed-summary');
  await expect(printed).toContainText('Model: normexam ~ standLRT | school');
  await expect(printed).toContainText('1   0.383334972 0.70934154');
  await expect(printed).toContainText('Degrees of freedom: 4057 total; 3929 residual');
  await expect(printed).toContainText('Residual standard error: 0.7438713');

  const groups = page.getByTestId('table-groups');
  await expect(groups.locator('tbody tr')).toHaveCount(64);
  const school1 = groups.locator('tr[data-row="1"]');
  await expect(school1.locator('td[data-col="(Intercept)"]')).toHaveText('0.3833');
  expectShownNumber(await school1.locator('td[data-col="(Intercept)"]').getAttribute('title'), 0.383334972);
  expectShownNumber(await school1.locator('td[data-col="standLRT"]').getAttribute('title'), 0.7093415);
  expectShownNumber(await school1.locator('td[data-col="standLRT lower"]').getAttribute('title'), 0.5474799);
  expectShownNumber(await school1.locator('td[data-col="standLRT upper"]').getAttribute('title'), 0.8712031);
  await expect(groups.locator('tr[data-row="48"]')).toHaveCount(0);
  await expect(groups).toContainText('σ = 0.7438713 on 3929 degrees of freedom');
  await expect(page.getByTestId('fit-notes')).toContainText('school 48 has no rows in the data used');
  await screenshot(page, 'lmlist-results');

  // The table copies as the other tables do.
  await page.getByTestId('copy-groups').click();
  await page.getByTestId('copy-groups-tsv').click();
  const tsv = await clipboard(page);
  expect(tsv.split('\n')[0]).toBe('school\tRows\t(Intercept)\t(Intercept) lower\t(Intercept) upper\tstandLRT\tstandLRT lower\tstandLRT upper');
  expect(tsv.split('\n')[1]).toMatch(/^1\t73\t0\.38333497/);

  await page.getByTestId('copy-r-code').click();
  await expect(page.getByTestId('copy-r-code')).toHaveText('Copied');
  const script = await clipboard(page);
  expect(script).toContain('library(nlme)\nm1 <- lmList(normexam ~ standLRT | school, data = d, subset = school != 48)\nm1\nintervals(m1)\n');

  // Scrolled to the bottom of the table: the pooled SD and the rows are noted there.
  await page.getByTestId('table-stats').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('table-stats').locator('tr[data-row="Levels of school with no rows"] td[data-col="Value"]')).toHaveText('48');
  await screenshot(page, 'lmlist-results-stats');
});

test('Compare models leaves the lmList out and says why', async ({ page }) => {
  await fitOnExam(host.url, token, [
    { kind: 'lm', formula: 'normexam ~ standLRT', reml: true },
    { kind: 'lmList', formula: 'normexam ~ standLRT | school', reml: true },
    { kind: 'lm', formula: 'normexam ~ standLRT + sex', reml: true },
  ]);
  await joinSession(page, token);
  await openWithExam(page, host.url);
  await page.getByTestId('tab-results').click();
  await expect(page.getByTestId('model-tab')).toHaveText(['m1', 'm2', 'm3']);
  await page.getByTestId('model-tab').nth(1).click();
  await expect(page.getByTestId('model-formula')).toHaveText('normexam ~ standLRT | school');
  // Without the subset school 48 is fitted through its two points: NA intervals, said in the notes.
  await expect(page.getByTestId('fit-notes')).toContainText('no standard errors or intervals: school 48');
  await expect(page.getByTestId('table-groups').locator('tr[data-row="48"] td[data-col="standLRT lower"]')).toHaveText('');

  await page.getByTestId('compare-open').click();
  const popover = page.getByTestId('compare-popover');
  await expect(popover.getByTestId('compare-choice')).toHaveCount(2);
  await expect(popover).not.toContainText('normexam ~ standLRT | school');
  await expect(page.getByTestId('compare-lmlist')).toContainText('Not offered: m2. lmList fits (one regression per group) are not compared with anova()');
  await screenshot(page, 'lmlist-compare');
  await page.keyboard.press('Escape');

  // A stored lmList is a starting point in the Model view: its kind, formula and group come back.
  await page.getByTestId('tab-model').click();
  await page.getByTestId('model-start-from').selectOption({ label: 'm2: normexam ~ standLRT | school' });
  await expect(page.getByTestId('kind-lmList')).toBeChecked();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT | school');
  await expect(page.getByTestId('lmlist-group')).toHaveValue('school');
  // To lmer and back: the group becomes a random intercept, then the group again.
  await page.locator('label:has([data-testid=kind-lmer])').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');
  await screenshot(page, 'lmlist-start-from');
  await page.locator('label:has([data-testid=kind-lmList])').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT | school');
});
