import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { examHostWithFits } from './support/exam-host';
import { screenshot } from './support/ui';

/**
 * The random-effects gallery of the course's Exam models: m3 (random intercept and
 * slope by school) shows QQ plots, histograms and the modes by school for both terms
 * and the fitted line of each school; m2 (a random intercept) adds the shrinkage plot.
 */
const exam = examHostWithFits([
    { kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true },
    { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
  ]);

test('Plots → Random effects draws the modes, their shrinkage and the fitted lines of Exam m3 and m2, and saves a PNG', async ({ page }) => {
  test.setTimeout(60_000);
  await exam.open(page);
  await page.getByTestId('tab-results').click();
  await page.getByTestId('model-tab').nth(0).click();
  await page.getByTestId('plot-model-button').click();
  await page.getByRole('tab', { name: 'Random effects', exact: true }).click();

  const panels = page.getByTestId('plot-panel');
  await expect(panels).toHaveCount(7);
  await expect(panels.nth(0)).toHaveAttribute('aria-label', 'Normal QQ plot of the (Intercept) modes by school');
  await expect(panels.nth(5)).toHaveAttribute('aria-label', 'standLRT modes in school’s level order');
  await expect(panels.nth(6)).toHaveAttribute('aria-label', 'Fitted values against standLRT, a line per school');
  const caption = page.getByTestId('plot-caption');
  await expect(caption).toContainText('65 levels of school');
  await expect(caption).toContainText('all 65 groups of school');
  await expect(page.getByTestId('ranef-x')).toHaveValue('standLRT');
  await screenshot(page, 'ranef-m1');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  expect(download.suggestedFilename()).toBe('m1-school-ranef.png');
  const saved = join('test-results', 'screenshots', 'ranef-export-m1.png');
  await download.saveAs(saved);
  const png = readFileSync(saved);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBe(2 * 3 * 320);

  // A seeded subset of 8 schools, as R's set.seed(202201); sample(levels(school), 8).
  await page.getByTestId('data-plot-subset').selectOption('random');
  await page.getByTestId('data-plot-k').fill('8');
  await page.getByTestId('data-plot-k').press('Enter');
  await expect(caption).toContainText('8 of 65 groups of school drawn at random with seed 202201');
  await screenshot(page, 'ranef-m1-subset');

  // m2: a random intercept alone, so the shrinkage plot.
  await page.getByTestId('tab-results').click();
  await page.getByTestId('model-tab').nth(1).click();
  await page.getByTestId('plot-model-button').click();
  await page.getByRole('tab', { name: 'Random effects', exact: true }).click();
  await expect(panels).toHaveCount(5);
  await expect(panels.nth(3)).toHaveAttribute('aria-label', 'BLUP against the mean raw residual of each school');
  await expect(caption).toContainText('n τ̂²/(σ̂² + n τ̂²)');
  await screenshot(page, 'ranef-m2');
  const [download2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  await download2.saveAs(join('test-results', 'screenshots', 'ranef-export-m2.png'));
});
