import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { examHostWithFits } from './support/exam-host';
import { screenshot } from './support/ui';

/**
 * The diagnostics gallery of the course's Exam m3 (normexam ~ standLRT + (standLRT | school)):
 * the engine evaluates the stored fit on the data and the Plots view draws eight panels,
 * saved as one 2× PNG.
 */
const exam = examHostWithFits([
    { kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true },
    { kind: 'lm', formula: 'normexam ~ standLRT + sex', reml: true },
  ]);

test('Plots → Diagnostics draws the residual gallery of Exam m3 and of an lm, and saves it as PNG', async ({ page }) => {
  test.setTimeout(60_000);
  await exam.open(page);
  await page.getByTestId('tab-results').click();
  await page.getByTestId('model-tab').nth(0).click();
  await page.getByTestId('plot-model-button').click();
  await page.getByRole('tab', { name: 'Diagnostics' }).click();

  const panels = page.getByTestId('plot-panel');
  await expect(panels).toHaveCount(8);
  await expect(panels.nth(0)).toHaveAttribute('aria-label', 'Residuals against fitted values, with a lowess smooth');
  await expect(panels.nth(7)).toHaveAttribute('aria-label', 'Box plots of the residuals by school');
  await expect(page.getByTestId('plot-caption')).toContainText('4,059 observations');
  await expect(page.getByTestId('plot-caption')).toContainText('Pearson residuals / σ');
  await expect(page.getByTestId('diagnostics-predictor')).toHaveValue('standLRT');
  await screenshot(page, 'diagnostics-m1');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  expect(download.suggestedFilename()).toBe('m1-diagnostics.png');
  const saved = join('test-results', 'screenshots', 'diagnostics-export-m1.png');
  await download.saveAs(saved);
  const png = readFileSync(saved);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Three panels of 320 CSS pixels side by side, at 2×.
  expect(png.readUInt32BE(16)).toBe(2 * 3 * 320);

  // The lm: rstandard residuals, by its factor (sex).
  await page.getByTestId('tab-results').click();
  await page.getByTestId('model-tab').nth(1).click();
  await page.getByTestId('plot-model-button').click();
  await expect(page.getByTestId('plot-tab')).toHaveText(['Diagnostics']);
  await expect(page.getByTestId('plot-caption')).toContainText('rstandard');
  await expect(panels).toHaveCount(8);
  await expect(panels.nth(7)).toHaveAttribute('aria-label', 'Box plots of the residuals by sex');
  await screenshot(page, 'diagnostics-m2');
});
