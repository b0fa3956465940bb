import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * Issue 6, walk (b): the second course note (JSP-style school data read with
 * read.table) by clicking. jsp.txt comes from disk through the import dialog as
 * whitespace text, `fail` is made as a recipe, three random-intercept models are
 * fitted and two compared as the note's anova(fitRI2, fitRI3). The numbers are
 * lme4's, read from the committed fixtures.
 */
const root = resolve(import.meta.dirname, '..', '..');
const JSP = join(root, 'resources/sample-data/jsp.txt');
type Fit = { fixef: { names: string[]; estimate: number[]; se: number[] }; REMLcrit: number };
const fixture = (id: string) => JSON.parse(readFileSync(join(root, 'test/fixtures/lme4', `${id}.json`), 'utf8')) as { fit: Fit; anova?: { Chisq: (number | null)[]; Df: (number | null)[]; p: (number | null)[] } };

/** R's print of a number to `digits` significant digits, as the Results tables show it. */
const shown = (x: number, digits: number) => String(Number(x.toPrecision(digits)));

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const formula = (page: Page) => page.getByTestId('formula-input');

async function fit(page: Page, expected: string): Promise<void> {
  await expect(page.locator('[data-testid=check][data-level=error]')).toHaveCount(0);
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('model-formula')).toHaveText(expected);
}

async function expectFixef(page: Page, id: string): Promise<void> {
  const { fixef, REMLcrit } = fixture(id).fit;
  const table = page.getByTestId('table-fixef');
  for (let i = 0; i < fixef.names.length; i++) {
    await expect(table.locator(`tr[data-row="${fixef.names[i]}"] td[data-col="Estimate"]`)).toHaveText(shown(fixef.estimate[i], 4));
    await expect(table.locator(`tr[data-row="${fixef.names[i]}"] td[data-col="Std. Error"]`)).toHaveText(shown(fixef.se[i], 4));
  }
  await expect(page.getByTestId('table-stats').locator('tr[data-row="REML criterion at convergence"] td[data-col="Value"]')).toHaveText(shown(REMLcrit, 7));
}

test('the JSP note by clicking: jsp.txt imported as whitespace text, fail made, three models fitted, social tested by LRT', async ({ page }) => {
  test.setTimeout(180_000);
  await openWithExam(page, host.url);

  // read.table(header = TRUE): File > Import Data…, the file from disk, whitespace-separated.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-import').click();
  await (await chooser).setFiles(JSP);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-file-name')).toHaveText('jsp.txt');
  await dialog.getByTestId('import-delimiter').selectOption('whitespace');
  await expect(dialog.getByTestId('import-header')).toBeChecked();
  await expect(dialog.getByTestId('import-column')).toHaveCount(5);
  await dialog.getByTestId('import-name').fill('dataset');
  await screenshot(page, 'walk-b-01-import');
  await dialog.getByTestId('import-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dataset-picker')).toHaveValue(/.+/);
  await expect(page.getByTestId('dataset-rows')).toHaveText('1,154', { timeout: 30_000 });

  // dataset$fail <- ifelse(dataset$math < -10, 1, 0), as a recipe.
  const field = page.getByTestId('recipe-input');
  await field.fill('fail = ifelse(math < -10, 1, 0)');
  await expect(page.getByTestId('recipe-hint')).toHaveText('Computes the variable fail');
  await field.press('Enter');
  await expect(page.getByTestId('recipe-item')).toHaveCount(1);
  await screenshot(page, 'walk-b-02-recipe');

  // fitRI1: math ~ raven + gender + (1 | school), built by clicking. school holds numbers, as in the note.
  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-lmer])').click();
  for (const [variable, slot] of [
    ['math', 'response'],
    ['raven', 'fixed'],
    ['gender', 'fixed'],
    ['school', 'random'],
  ] as const) {
    await page.getByTestId(`model-var-${variable}`).click();
    await page.getByTestId(`assign-${slot}`).click();
  }
  await expect(formula(page)).toHaveValue('math ~ raven + gender + (1 | school)');
  await fit(page, 'math ~ raven + gender + (1 | school)');
  await expectFixef(page, 'jsp_ri_gender');
  await screenshot(page, 'walk-b-03-gender');

  // fitRI2 and fitRI3, typed as the note writes them.
  for (const [text, id] of [
    ['math ~ raven + (1 | school)', 'jsp_ri'],
    ['math ~ raven + social + (1 | school)', 'jsp_ri_social'],
  ] as const) {
    await page.getByTestId('tab-model').click();
    await formula(page).fill(text);
    await fit(page, text);
    await expectFixef(page, id);
  }

  // anova(fitRI2, fitRI3): lme4 refits both by ML; social's three contrasts give Chisq on 3 df.
  await expect(page.getByTestId('model-tab')).toHaveText(['m1', 'm2', 'm3']);
  await page.getByTestId('compare-open').click();
  const popover = page.getByTestId('compare-popover');
  await popover.locator('label', { hasText: 'm2' }).getByTestId('compare-choice').check();
  await popover.locator('label', { hasText: 'm3' }).getByTestId('compare-choice').check();
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('comparison')).toBeVisible({ timeout: 60_000 });
  const anova = fixture('jsp_ri_social').anova!;
  const row = page.getByTestId('table-anova').locator('tr[data-row="m3"]');
  await expect(row.locator('td[data-col="Chisq"]')).toHaveText(anova.Chisq[1]!.toFixed(3));
  await expect(row.locator('td[data-col="Df"]')).toHaveText(String(anova.Df[1]));
  await expect(row.locator('td[data-col="Pr(>Chisq)"]')).toHaveText(shown(anova.p[1]!, 3));
  await expect(page.getByTestId('comparison-note')).toContainText('refitting model(s) with ML (instead of REML)');
  await screenshot(page, 'walk-b-04-anova');
});
