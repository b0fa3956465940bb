import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * The first data plot: box plots of Exam's normexam by school (the first
 * note's "scores by school"), the boxes as R's boxplot(normexam ~ school)
 * computes them, ordered by level or by median, exported as a 2× PNG.
 */
let host: RunningHost;

// R: boxplot(normexam ~ school, exam, plot = FALSE) (test/fixtures/plots/boxplot-stats.json).
const reference = JSON.parse(readFileSync(join('test', 'fixtures', 'plots', 'boxplot-stats.json'), 'utf8')).exam as {
  levels: string[];
  n: number[];
  stats: number[][];
  median_order: string[];
};

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('normexam by school: 65 boxes with R’s numbers, ordered by median, exported as a 2× PNG', async ({ page }) => {
  test.setTimeout(60_000);
  await openWithExam(page, host.url);
  await page.keyboard.press('Alt+4');
  await page.getByTestId('plots-section-data').click();

  // Exam's defaults: the first numeric variable by the first factor.
  await expect(page.getByTestId('data-plot-y')).toHaveValue('normexam');
  await expect(page.getByTestId('data-plot-group')).toHaveValue('school');
  await expect(page.getByTestId('data-plot-order')).toHaveValue('level');
  const figure = page.getByTestId('plot-figure');
  await expect(figure).toHaveAttribute('data-groups', '65');
  // The engine computed them as a job the status bar reports.
  await expect(page.getByTestId('job-outcome')).toContainText('Box plots of normexam by school');
  await expect(page.getByTestId('plot-caption')).toContainText('normexam by school, 65 boxes in the order of school’s levels, 4,059 rows');

  // The numbers shown are R's: school 1's row of the table.
  await page.getByTestId('box-numbers').click();
  const rows = page.getByTestId('box-row');
  await expect(rows).toHaveCount(65);
  const first = rows.nth(0);
  await expect(first.locator('th')).toHaveText('1');
  const cells = await first.locator('td').allTextContents();
  expect(Number(cells[0])).toBe(reference.n[0]);
  const shown = cells.slice(1, 6).map(Number);
  shown.forEach((x, k) => expect(Math.abs(x - reference.stats[0][k])).toBeLessThanOrEqual(Math.abs(reference.stats[0][k]) * 1e-6));
  await page.getByTestId('box-numbers').click();

  // Every school has a slot: the figure is wider than the window and scrolls sideways.
  expect((await page.getByTestId('plot-panel').boundingBox())!.width).toBeGreaterThanOrEqual(65 * 18);
  await screenshot(page, 'plots-box-by-school');
  // The tooltip of school 1's box (the first slot), to look at.
  await page.getByTestId('plot-panel').hover({ position: { x: 63, y: 170 } });
  await screenshot(page, 'plots-box-tooltip');

  // Ordered by median: R's reorder(school, normexam, median) puts the lowest-median school first.
  await page.getByTestId('data-plot-order').selectOption('median');
  await expect(page.getByTestId('plot-caption')).toContainText('ordered by median');
  // Hinges are a teaching term: explained from the keyboard.
  await page.getByTestId('tip-box-info').focus();
  await expect(page.getByRole('tooltip')).toContainText('Tukey’s hinges');
  await screenshot(page, 'plots-box-hinges-tip');
  await page.getByTestId('tip-box-info').blur();
  await page.getByTestId('box-numbers').click();
  await expect(rows.nth(0).locator('th')).toHaveText(reference.median_order[0]);
  await expect(rows.nth(64).locator('th')).toHaveText(reference.median_order[64]);
  await rows.nth(0).scrollIntoViewIfNeeded();
  await screenshot(page, 'plots-box-table');
  await page.getByTestId('box-numbers').click();
  await screenshot(page, 'plots-box-by-school-median');

  // Save PNG: a PNG file at twice the figure's CSS size.
  const panel = (await page.getByTestId('plot-panel').boundingBox())!;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  expect(download.suggestedFilename()).toBe('Exam-normexam-by-school-box.png');
  const saved = join('test-results', 'screenshots', `export-${download.suggestedFilename()}`);
  await download.saveAs(saved);
  const png = readFileSync(saved);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBe(2 * panel.width);
  expect(png.readUInt32BE(20)).toBe(2 * panel.height);
});

test('a variable that cannot group says why in plain words', async ({ page }) => {
  await openWithExam(page, host.url);
  await page.keyboard.press('Alt+4');
  await page.getByTestId('plots-section-data').click();
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '65');
  // Grouping by a factor with one level per student: 4,059 levels are more boxes than can be read.
  await page.getByTestId('data-plot-group').selectOption('student');
  await expect(page.getByTestId('data-plot-error')).toContainText('student has');
  await expect(page.getByTestId('data-plot-error')).toContainText('a box plot draws at most 300 boxes');
});
