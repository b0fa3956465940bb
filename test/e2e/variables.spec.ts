import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * The Variables panel's settings, driven as a person would: rename standLRT to
 * lrt, make M the reference level of sex, see a refused type change, then fit
 * normexam ~ lrt + sex from the model builder and get R's sexF coefficient
 * (test/fixtures/tools/make-variables-fixtures.R), and an R script that says so.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/variables/exam-settings.json'), 'utf8'));
let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function clipboard(page: Page): Promise<string> {
  type ClipboardGlobals = { navigator: { clipboard: { readText(): Promise<string> } } };
  return page.evaluate(() => (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText());
}

const row = (page: Page, imported: string) => page.locator(`[data-testid=variable-row][data-imported="${imported}"]`);

test('rename and reference level in the Variables panel reach the model, its coefficients and its R code', async ({ page, context }) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await openWithExam(page, host.url);
  const editor = page.getByTestId('variable-editor');

  // standLRT → lrt: a name R cannot use is refused as typed, then lrt is saved with Enter.
  await row(page, 'standLRT').getByTestId('variable-edit').click();
  await expect(editor).toBeVisible();
  const name = page.getByTestId('variable-name');
  await expect(name).toHaveValue('standLRT');
  await name.fill('my lrt');
  await expect(page.getByTestId('variable-name-note')).toContainText('"my lrt" is not a plain R name');
  await expect(page.getByTestId('variable-save')).toBeDisabled();
  await name.fill('lrt');
  await expect(page.getByTestId('variable-name-note')).toHaveText('Imported as standLRT.');
  await screenshot(page, 'variables-rename');
  await name.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(row(page, 'standLRT')).toHaveAttribute('data-name', 'lrt');
  await expect(row(page, 'standLRT').getByTestId('variable-set-marker')).toBeVisible();
  await expect(row(page, 'standLRT').locator('th')).toHaveAttribute('title', 'lrt. Set in Nestor: renamed from standLRT.');
  // Focus is back on the row's edit button; the grid's header shows the new name.
  await expect(row(page, 'standLRT').getByTestId('variable-edit')).toBeFocused();
  await expect(page.locator('[data-column="lrt"]')).toBeVisible();

  // sex, from the keyboard: M becomes the reference level.
  await row(page, 'sex').getByTestId('variable-edit').focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeVisible();
  const levels = page.getByTestId('level-item');
  await expect(levels).toHaveText([/F\s*reference/, /M\s*Make reference/]);
  await page.getByRole('button', { name: 'Make M the reference level' }).click();
  await expect(levels.nth(0)).toHaveAttribute('data-level', 'M');
  await expect(levels.nth(0).getByTestId('reference-badge')).toBeVisible();
  // The button that moved M is gone with M first; the keyboard stays on M.
  await expect(levels.nth(0).getByTestId('level-down')).toBeFocused();
  await screenshot(page, 'variables-levels');
  await page.getByTestId('variable-save').click();
  await expect(editor).toHaveCount(0);
  await expect(row(page, 'sex').locator('.levels')).toContainText('M, F');

  // A type main refuses: vr's levels are not numbers, and the dialog says so.
  await row(page, 'vr').getByTestId('variable-edit').click();
  await page.getByTestId('variable-type').selectOption('numeric');
  await page.getByTestId('variable-save').click();
  await expect(page.getByTestId('variable-error')).toHaveText(
    'Exam, variable vr: cannot be numeric: its level "bottom 25%" is not a number (as.numeric(as.character(vr)) would make those rows NA); keep it a factor.',
  );
  await screenshot(page, 'variables-refused');
  await page.getByTestId('variable-cancel').click();
  await expect(editor).toHaveCount(0);
  await expect(row(page, 'vr')).not.toHaveAttribute('data-set', 'true');

  // A numeric column made a factor: Apply lists R's levels of factor(schavg); Reset makes it numeric again.
  await row(page, 'schavg').getByTestId('variable-edit').click();
  await page.getByTestId('variable-type').selectOption('factor');
  await expect(page.getByTestId('levels-pending')).toContainText('as factor(schavg) makes them');
  await page.getByTestId('variable-apply').click();
  const { count, first } = fixture.conversions.factor_of_schavg;
  await expect(levels).toHaveCount(count);
  for (let i = 0; i < first.length; i++) await expect(levels.nth(i)).toHaveAttribute('data-level', first[i]);
  await expect(row(page, 'schavg').locator('.badge')).toHaveText('fct');
  await expect(page.getByTestId('variable-save')).toBeDisabled();
  await screenshot(page, 'variables-factor');
  await page.getByTestId('variable-reset').click();
  await expect(editor).toHaveCount(0);
  await expect(row(page, 'schavg').locator('.badge')).toHaveText('num');
  await screenshot(page, 'variables-panel');

  // The model builder lists lrt (not standLRT) and fits normexam ~ lrt + sex as a linear model.
  await page.getByTestId('tab-model').click();
  await expect(page.getByTestId('model-var-standLRT')).toHaveCount(0);
  await page.locator('label:has([data-testid=kind-lm])').click();
  await page.getByTestId('model-var-normexam').click();
  await page.getByTestId('assign-response').click();
  await page.getByTestId('model-var-lrt').click();
  await page.getByTestId('assign-fixed').click();
  await page.getByTestId('model-var-sex').click();
  await page.getByTestId('assign-fixed').click();
  await expect(page.getByTestId('formula-input')).toHaveValue('normexam ~ lrt + sex');
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });

  // R's coefficients for Exam with standLRT renamed and relevel(sex, "M"): sexF, to four digits on screen…
  const ref = fixture.lm.coef;
  const fixef = page.getByTestId('table-fixef');
  await expect(fixef.locator('tbody tr')).toHaveCount(3);
  const shown = ['-0.1032', '0.5906', '0.17'];
  for (let i = 0; i < ref.names.length; i++) {
    expect(Math.abs(Number(shown[i]) - Number(ref.estimate[i]))).toBeLessThan(5e-5);
    await expect(fixef.locator(`tr[data-row="${ref.names[i]}"] td[data-col="Estimate"]`)).toHaveText(shown[i]);
  }
  await expect(page.getByTestId('printed-summary')).toContainText('sexF');
  await screenshot(page, 'variables-fit');

  // …and to full precision in each cell's title.
  for (let i = 0; i < ref.names.length; i++) {
    const r = fixef.locator(`tr[data-row="${ref.names[i]}"]`);
    expect(Math.abs(Number(await r.locator('td[data-col="Estimate"]').getAttribute('title')) - Number(ref.estimate[i]))).toBeLessThan(1e-12);
    expect(Math.abs(Number(await r.locator('td[data-col="Std. Error"]').getAttribute('title')) - Number(ref.se[i]))).toBeLessThan(1e-12);
  }

  // Copy R code: the settings come after the import and before the model.
  await page.getByTestId('copy-r-code').click();
  await expect(page.getByTestId('copy-r-code')).toHaveText('Copied');
  const script = await clipboard(page);
  expect(script).toContain(
    [
      '# Variable settings made in Nestor (new names, types, level orders).',
      'names(d)[names(d) == "standLRT"] <- "lrt"',
      'd$sex <- relevel(d$sex, ref = "M")',
      '',
      'library(lme4)',
      'm1 <- lm(normexam ~ lrt + sex, data = d)',
    ].join('\n'),
  );
  // Kept beside the screenshots, so the script can be run in R by hand.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results', 'variables-script.R'), script);

  // Reset all: the columns are as imported again.
  await page.getByTestId('tab-data').click();
  await page.getByTestId('variables-reset-all').click();
  await expect(row(page, 'standLRT')).toHaveAttribute('data-name', 'standLRT');
  await expect(row(page, 'sex').locator('.levels')).toContainText('F, M');
  await expect(page.getByTestId('variable-set-marker')).toHaveCount(0);
});
