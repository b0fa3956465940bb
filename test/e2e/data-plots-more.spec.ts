import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * The other data plots on Exam: the first note's xyplot(normexam ~ standLRT |
 * school, type = c("p", "r")) for its set.seed(202201) schools, lines by school,
 * histogram and density, and a pairs plot; each drawn, looked at and saved as a PNG.
 */
let host: RunningHost;

const fixture = JSON.parse(readFileSync(join('test', 'fixtures', 'plots', 'data-plots.json'), 'utf8')) as {
  sample: { levels: string[] };
  exam_ls: { level: string; intercept: string[]; slope: string[] }[];
};

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function openData(page: Page) {
  await openWithExam(page, host.url);
  await page.keyboard.press('Alt+4');
  await page.getByTestId('plots-section-data').click();
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '65');
}

/** Save PNG: a real PNG, twice the size of the figure's first panel at least. */
async function savePng(page: Page, name: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  const saved = join('test-results', 'screenshots', `dataplot-${name}-export.png`);
  await download.saveAs(saved);
  const png = readFileSync(saved);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const panel = (await page.getByTestId('plot-panel').first().boundingBox())!;
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(2 * Math.floor(panel.width));
  expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(2 * Math.floor(panel.height));
  return download.suggestedFilename();
}

test('scatter by school: the note’s 10 seeded schools, a panel each with its LS line; then one panel', async ({ page }) => {
  test.setTimeout(60_000);
  await openData(page);
  await page.getByTestId('data-plot-kind').selectOption('scatter');
  await page.getByTestId('data-plot-x').selectOption('standLRT');
  await expect(page.getByTestId('data-plot-seed')).toHaveValue('202201');
  const figure = page.getByTestId('plot-figure');
  await expect(figure).toHaveAttribute('data-groups', '10');
  await expect(page.getByTestId('plot-caption')).toContainText('10 of 65 groups of school drawn at random with seed 202201');
  await expect(page.getByTestId('plot-panel')).toHaveCount(10);
  // The panels are the note's schools, in level order.
  const labels = await page.getByTestId('plot-panel').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.querySelector('canvas')?.getAttribute('aria-label') ?? ''));
  const expected = [...fixture.sample.levels].sort((a, b) => Number(a) - Number(b));
  expected.forEach((level, k) => expect(labels[k]).toContain(`school ${level}`));
  // The table holds lm()'s numbers: school 3's slope.
  await page.getByTestId('data-plot-numbers').click();
  const row = page.getByTestId('data-plot-row').filter({ has: page.locator('th', { hasText: /^3$/ }) });
  const slope = Number((await row.locator('td').nth(2).textContent()) ?? 'NaN');
  const ref = Number(fixture.exam_ls.find((r) => r.level === '3')!.slope[0]);
  expect(Math.abs(slope - ref)).toBeLessThan(1e-6 * Math.abs(ref));
  await page.getByTestId('data-plot-numbers').click();
  await screenshot(page, 'dataplot-scatter-facets');
  expect(await savePng(page, 'scatter')).toBe('Exam-normexam-by-standLRT-school-scatter.png');

  // A tooltip on a point says its row.
  await page.getByTestId('data-plot-layout').selectOption('single');
  await expect(page.getByTestId('plot-panel')).toHaveCount(1);
  await screenshot(page, 'dataplot-scatter-single');

  // Another seed draws other schools, and says so.
  await page.getByTestId('data-plot-layout').selectOption('facets');
  await page.getByTestId('data-plot-k').fill('4');
  await page.getByTestId('data-plot-k').press('Enter');
  await page.getByTestId('data-plot-seed').fill('7');
  await page.getByTestId('data-plot-seed').press('Enter');
  await expect(page.getByTestId('plot-caption')).toContainText('4 of 65 groups of school drawn at random with seed 7');
  await expect(page.getByTestId('plot-panel')).toHaveCount(4);
});

test('lines by school, histogram and density, pairs', async ({ page }) => {
  test.setTimeout(60_000);
  await openData(page);
  await page.getByTestId('data-plot-kind').selectOption('lines');
  await page.getByTestId('data-plot-x').selectOption('standLRT');
  await page.getByTestId('data-plot-subset').selectOption('chosen');
  await page.getByTestId('data-plot-levels').selectOption(['1', '7', '23', '48']);
  await expect(page.getByTestId('plot-caption')).toContainText('4 chosen groups of school (1, 7, 23, 48)');
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '4');
  await screenshot(page, 'dataplot-lines');
  await savePng(page, 'lines');

  await page.getByTestId('data-plot-kind').selectOption('histogram');
  await expect(page.getByTestId('plot-caption')).toContainText('Histogram of normexam, 4,059 values in 16 cells of width 0.5');
  await screenshot(page, 'dataplot-histogram');
  await page.getByTestId('data-plot-by').selectOption('sex');
  await expect(page.getByTestId('plot-caption')).toContainText('within each level of sex');
  await screenshot(page, 'dataplot-histogram-by-sex');
  expect(await savePng(page, 'histogram')).toBe('Exam-normexam-by-sex-histogram.png');

  await page.getByTestId('data-plot-kind').selectOption('pairs');
  await expect(page.getByTestId('plot-caption')).toContainText('Pairs plot of normexam, schavg, standLRT');
  await page.getByTestId('data-plot-colour').selectOption('sex');
  await expect(page.getByTestId('plot-caption')).toContainText('coloured by sex');
  await expect(page.getByTestId('plot-panel')).toHaveCount(9);
  await screenshot(page, 'dataplot-pairs');
  await savePng(page, 'pairs');
});
