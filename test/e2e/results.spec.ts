import { expect, test, type Page } from '@playwright/test';
import { fitOnExam, joinSession, newSessionToken } from './support/contract';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * The Results view with three models fitted through the contract (not the
 * Model view): the course's m1 (lm), m2 (random intercept) and its singular
 * random-slopes model, read, copied, sorted and renamed as a person would.
 */
let host: RunningHost;
const token = newSessionToken();

async function clipboard(page: Page): Promise<string> {
  // Node's typecheck has no DOM library, hence the cast.
  type ClipboardGlobals = { navigator: { clipboard: { readText(): Promise<string> } } };
  return page.evaluate(() => (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText());
}

test.beforeAll(async () => {
  host = await startHost();
  await fitOnExam(host.url, token, [
    { kind: 'lm', formula: 'normexam ~ standLRT', reml: true },
    { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
    { kind: 'lmer', formula: 'normexam ~ standLRT + sex + (standLRT + sex | school)', reml: true },
  ]);
});
test.afterAll(async () => {
  await host?.stop();
});

test('fitted models are tabs with R’s summary, tables, the singular-fit box, copies and renames', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  // The page joins the session the models were fitted in.
  await joinSession(page, token);
  await openWithExam(page, host.url);
  await page.getByTestId('tab-results').click();

  const tabs = page.getByTestId('model-tab');
  await expect(tabs).toHaveText(['m1', 'm2', 'm3']);
  await expect(page.getByTestId('results-tab-summaries')).toBeVisible();

  // The newest model opens first: the course's m4, whose random slope of sex the data cannot support.
  await expect(page.getByTestId('model-formula')).toHaveText('normexam ~ standLRT + sex + (standLRT + sex | school)');
  const singular = page.getByTestId('singular-box');
  await expect(singular).toBeVisible();
  await expect(singular).toContainText('sexM');
  await expect(singular).toContainText('Simpler random effects to try');
  await expect(page.getByTestId('table-corr')).toBeVisible();
  await screenshot(page, 'results-singular');

  // m2: lme4's printed summary, and the same numbers as a table.
  await tabs.nth(1).click();
  await expect(page.getByTestId('printed-summary')).toContainText('REML criterion at convergence: 9368.8');
  await expect(page.getByTestId('singular-box')).toHaveCount(0);
  const fixef = page.getByTestId('table-fixef');
  await expect(fixef.locator('tr[data-row="standLRT"] td[data-col="Estimate"]')).toHaveText('0.5633');
  await expect(fixef.locator('tr[data-row="standLRT"] td[data-col="Std. Error"]')).toHaveText('0.01247');
  await expect(page.getByTestId('table-ranef').locator('tr[data-row="school"] td[data-col="Std. Dev."]')).toHaveText('0.3063');
  await expect(page.getByTestId('table-stats').locator('tr[data-row="REML criterion at convergence"] td[data-col="Value"]')).toHaveText('9368.765');

  // A tooltip explains the REML criterion.
  await page.getByTestId('table-stats').getByTestId('tip-reml').hover();
  await expect(page.getByTestId('tooltip')).toContainText('restricted log-likelihood');
  await screenshot(page, 'results-m2');
  await page.mouse.move(0, 0);

  // Sorting by Estimate, descending, puts standLRT first; a third click restores R's order.
  const sortEstimate = page.getByTestId('sort-fixef-1');
  await sortEstimate.click();
  await sortEstimate.click();
  await expect(fixef.locator('tbody tr').first()).toHaveAttribute('data-row', 'standLRT');
  await expect(fixef.locator('th').nth(1)).toHaveAttribute('aria-sort', 'descending');
  await sortEstimate.press('Enter');
  await expect(fixef.locator('tbody tr').first()).toHaveAttribute('data-row', '(Intercept)');

  // Copy as LaTeX puts a tabular on the clipboard.
  await page.getByTestId('copy-fixef').click();
  await page.getByTestId('copy-fixef-latex').click();
  const tex = await clipboard(page);
  expect(tex).toContain('\\begin{tabular}{lrrrrr}');
  expect(tex).toContain('  standLRT & 0.5633 & 0.01247 & 45.18 & 0.5389 & 0.5877 \\\\');
  expect(tex).toContain('Wald 2.5 \\%');
  // TSV keeps full precision.
  await page.getByTestId('copy-fixef').click();
  await page.getByTestId('copy-fixef-tsv').click();
  const tsv = (await clipboard(page)).split('\n').find((l) => l.startsWith('standLRT\t'))!;
  expect(Math.abs(Number(tsv.split('\t')[1]) - 0.563306914123509)).toBeLessThan(1e-6);
  // The printed summary copies as text.
  await page.getByTestId('copy-printed').click();
  expect(await clipboard(page)).toContain('REML criterion at convergence: 9368.8');
  // Copy R code: a script that refits m2 in lme4.
  await page.getByTestId('copy-r-code').click();
  await expect(page.getByTestId('copy-r-code')).toHaveText('Copied');
  expect(await clipboard(page)).toContain('lmer(normexam ~ standLRT + (1 | school)');

  // m1 (lm): R²'s table and p-values as R prints them; then it is renamed.
  await tabs.nth(0).click();
  await expect(page.getByTestId('printed-summary')).toContainText('Multiple R-squared:   0.35');
  await expect(page.getByTestId('table-fixef').locator('tr[data-row="standLRT"] td[data-col="Pr(>|t|)"]')).toHaveText('< 2e-16');
  await page.getByTestId('rename-model').click();
  await page.getByTestId('rename-input').fill('m2');
  await page.getByTestId('rename-input').press('Enter');
  await expect(page.getByTestId('rename-error')).toContainText('already called "m2"');
  await page.getByTestId('rename-input').fill('single-level regression');
  await page.getByTestId('rename-input').press('Enter');
  await expect(page.getByTestId('model-name')).toHaveText('single-level regression');
  await expect(tabs).toHaveText(['single-level regression', 'm2', 'm3']);
  await screenshot(page, 'results-m1-renamed');

  // Renamed in the project: a reload lists it under the new name.
  await page.reload();
  // The reload comes back to the Results view (the project's view state).
  await expect(page.getByTestId('view-results')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-results').click();
  await expect(page.getByTestId('model-tab')).toHaveText(['single-level regression', 'm2', 'm3']);
});
