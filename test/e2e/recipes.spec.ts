import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { examColumn, expectShownNumber, openWithExam, screenshot } from './support/ui';

/** Recipes in the Data view: a computed variable and a filter, checked as typed, applied by Summarize, removed again. */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('a typo is pointed at, a variable and a filter are added, and the summary uses them', async ({ page }) => {
  await openWithExam(page, host.url);
  const panel = page.getByTestId('recipes-panel');
  const field = page.getByTestId('recipe-input');
  const items = page.getByTestId('recipe-item');
  await expect(panel.getByTestId('recipes-note')).toContainText('never change the imported data');
  await expect(items).toHaveCount(0);

  // A misspelt variable: the message names it and the caret sits under its first letter.
  const typo = 'fail = ifelse(normexm < -2, 1, 0)';
  await field.fill(typo);
  const error = page.getByTestId('recipe-error');
  await expect(error).toContainText('there is no variable "normexm" (did you mean "normexam"?)');
  const at = typo.indexOf('normexm') + 1;
  await expect(page.getByTestId('recipe-error-position')).toHaveText(`Character ${at}:`);
  await expect(page.getByTestId('recipe-error-caret')).toHaveText(`${' '.repeat(at - 1)}^`);
  await expect(page.getByTestId('recipe-submit')).toBeDisabled();
  await field.press('Enter');
  await expect(items).toHaveCount(0);
  await screenshot(page, 'recipes-typo');

  // Fixed, and added with Enter.
  await field.fill('fail = ifelse(normexam < -2, 1, 0)');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('recipe-hint')).toHaveText('Computes the variable fail');
  await field.press('Enter');
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'compute');
  await expect(items.nth(0)).toContainText('fail = ifelse(normexam < -2, 1, 0)');
  await expect(field).toHaveValue('');

  // The filter sees fail as a variable; it is added with the button.
  await field.fill('school != 48 & fail >= 0');
  await expect(error).toHaveCount(0);
  await field.fill('school != 48');
  await page.getByTestId('recipe-submit').click();
  await expect(items).toHaveCount(2);
  await expect(items.nth(1)).toHaveAttribute('data-kind', 'filter');
  await expect(items.nth(1)).toContainText('school != 48');
  await screenshot(page, 'recipes-list');

  // Summarize reads the data after the recipes: school 48's two rows are gone and fail is there.
  await page.getByTestId('summarize').click();
  const table = page.getByTestId('summary-table');
  await expect(table).toContainText('4,057 rows · 11 variables', { timeout: 30_000 });
  const school = examColumn('school');
  const normexam = examColumn('normexam');
  let kept = 0;
  let failing = 0;
  for (let i = 0; i < school.length; i++) {
    if (school[i] === 48) continue;
    kept++;
    if (normexam[i] < -2) failing++;
  }
  expect(kept).toBe(4057);
  const fail = page.getByTestId('summary-row-fail');
  await expect(fail.locator('[data-stat=n]')).toHaveText('4,057');
  expectShownNumber(await fail.locator('[data-stat=mean]').textContent(), failing / kept);
  await expect(page.getByTestId('summary-row-normexam').locator('[data-stat=n]')).toHaveText('4,057');
  // The imported data did not change.
  await expect(page.getByTestId('dataset-rows')).toHaveText('4,059');
  await screenshot(page, 'recipes-summary');

  // Editing puts the recipe back in the field; Escape leaves it as it was.
  await items.nth(1).getByTestId('recipe-edit').click();
  await expect(field).toHaveValue('school != 48');
  await expect(field).toBeFocused();
  await expect(page.getByTestId('recipe-submit')).toHaveText('Save');
  await field.fill('school != 48 & normexm > 0');
  await expect(error).toContainText('there is no variable "normexm"');
  await screenshot(page, 'recipes-edit');
  await field.press('Escape');
  await expect(field).toHaveValue('');
  await expect(page.getByTestId('recipe-submit')).toHaveText('Add');
  await expect(items.nth(1)).toContainText('school != 48');

  // Saving an edit: from the keyboard, Enter on the recipe opens it and Enter in the field saves.
  await items.nth(1).getByTestId('recipe-edit').focus();
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await field.fill('school != 48 & school != 1');
  await field.press('Enter');
  await expect(items.nth(1)).toContainText('school != 48 & school != 1');
  await expect(page.getByTestId('recipe-submit')).toHaveText('Add');

  // Removed from the keyboard too; the summary is back to every row.
  await items.nth(1).getByTestId('recipe-remove').focus();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(1);
  await expect(field).toBeFocused();
  await page.getByTestId('summarize').click();
  await expect(table).toContainText('4,059 rows · 11 variables', { timeout: 30_000 });
  await screenshot(page, 'recipes-removed');
});
