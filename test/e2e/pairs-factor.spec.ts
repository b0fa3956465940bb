import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot, importJspFromDisk } from './support/ui';

/**
 * The second course note's ggpairs(dataset, mapping = aes(col = gender),
 * columns = c("social", "raven", "math")) by clicking: jsp.txt imported from
 * disk, Pairs with the factor social, coloured by gender; the bar counts are R's
 * table(social, gender) (test/fixtures/plots/pairs-factor.json).
 */
const root = resolve(import.meta.dirname, '..', '..');
const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/plots/pairs-factor.json'), 'utf8')) as { counts: number[][]; rows: number };

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('Pairs of social, raven, math by gender: bars, boxes and correlations as ggpairs draws them', async ({ page }) => {
  test.setTimeout(60_000);
  await openWithExam(page, host.url);
  await importJspFromDisk(page);
  await page.keyboard.press('Alt+4');
  await page.getByTestId('plots-section-data').click();
  await page.getByTestId('data-plot-kind').selectOption('pairs');
  await page.getByTestId('data-plot-dataset').selectOption({ label: 'jsp' });
  const list = page.getByTestId('data-plot-variables');
  const box = (name: string) => list.getByRole('checkbox', { name });
  await expect(box('social')).toBeVisible();
  // Checked in the note's order: the variables are drawn in the order they were ticked.
  for (const [name, on] of [['social', true], ['raven', false], ['math', false], ['raven', true], ['school', false], ['math', true]] as const) {
    await (on ? box(name).check() : box(name).uncheck());
  }
  await page.getByTestId('data-plot-colour').selectOption('gender');
  const caption = page.getByTestId('plot-caption');
  await expect(caption).toContainText(`Pairs plot of social, raven, math, coloured by gender, ${fixture.rows.toLocaleString('en-US')} rows`);
  await expect(caption).toContainText('social: bars of the counts per level on the diagonal, one per gender level side by side');
  await expect(caption).toContainText('faceted histograms below (facethist');
  await expect(page.getByTestId('plot-panel')).toHaveCount(9);
  await screenshot(page, 'pairs-jsp');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  const saved = join('test-results', 'screenshots', 'pairs-jsp-export.png');
  await download.saveAs(saved);
  const png = readFileSync(saved);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(download.suggestedFilename()).toBe('jsp-social-raven-math-pairs.png');

  // Two factors: gender added, a square per social × gender combination.
  await box('gender').check();
  await expect(caption).toContainText('Two factors: a square per level combination');
  await expect(page.getByTestId('plot-panel')).toHaveCount(16);
  await screenshot(page, 'pairs-jsp-two-factors');
});
