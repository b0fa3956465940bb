import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fitOnExam, joinSession, newSessionToken } from './support/contract';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * The plot gallery's first plots: the caterpillar of Exam m3's random effects
 * and the lmList intervals of the course's m1_lst (school 48 left out), each
 * opened from its Results tab with one click and exported as a 2× PNG.
 */
let host: RunningHost;
const token = newSessionToken();

test.beforeAll(async () => {
  host = await startHost();
  await fitOnExam(host.url, token, [
    { kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true },
    { kind: 'lmList', formula: 'normexam ~ standLRT | school', reml: true, subset: 'school != 48' },
  ]);
});
test.afterAll(async () => {
  await host?.stop();
});

/** Saves the figure as PNG and checks the file: PNG signature, 2× the panels' CSS size, named after model and plot. */
async function expectPngExport(page: Page, fileName: string): Promise<void> {
  const panels = page.getByTestId('plot-panel');
  const boxes = await Promise.all((await panels.all()).map((p) => p.boundingBox()));
  const cssWidth = boxes.reduce((sum, b) => sum + b!.width, 0);
  const cssHeight = Math.max(...boxes.map((b) => b!.height));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  // Kept beside the screenshots, to look at the exported figure itself.
  const saved = join('test-results', 'screenshots', `export-${fileName}`);
  await download.saveAs(saved);
  const png = readFileSync(saved);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(png.readUInt32BE(16)).toBe(2 * cssWidth);
  expect(png.readUInt32BE(20)).toBe(2 * cssHeight);
}

test('Results’ Plot button opens a model’s plot; caterpillar and lmList intervals export as 2× PNG', async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await joinSession(page, token);
  await openWithExam(page, host.url);

  await page.getByTestId('tab-results').click();
  const tabs = page.getByTestId('model-tab');
  await expect(tabs).toHaveText(['m1', 'm2']);
  await tabs.nth(0).click();
  await expect(page.getByTestId('plot-model-button')).toBeVisible();
  await screenshot(page, 'plots-results-button');
  await page.getByTestId('plot-model-button').click();

  // m1: lme4's dotplot(ranef(m1, condVar = TRUE)), a panel per term, the 65 schools.
  await expect(page.getByTestId('plot-tab')).toHaveText(['Random effects (caterpillar)', 'Diagnostics', 'Random effects']);
  await expect(page.getByTestId('plot-model')).toHaveValue(await page.getByTestId('plot-model').locator('option', { hasText: 'm1:' }).getAttribute('value') ?? '');
  await expect(page.getByTestId('plot-panel')).toHaveCount(2);
  await expect(page.getByTestId('plot-panel').nth(0)).toHaveAttribute('aria-label', '(Intercept) by school');
  await expect(page.getByTestId('plot-panel').nth(1)).toHaveAttribute('aria-label', 'standLRT by school');
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '65');
  // Every school has a readable row: the figure is taller than the window and scrolls.
  expect((await page.getByTestId('plot-panel').nth(0).boundingBox())!.height).toBeGreaterThanOrEqual(65 * 14);
  await expect(page.getByTestId('plot-caption')).toContainText('mode ± 1.96 × conditional SD');
  await screenshot(page, 'plots-caterpillar');
  await expectPngExport(page, 'm1-caterpillar.png');

  // Copy image puts a PNG on the clipboard, from the keyboard.
  await page.getByTestId('plot-copy-image').focus();
  await page.keyboard.press('Enter');
  type ClipboardGlobals = { navigator: { clipboard: { read(): Promise<{ types: string[] }[]> } } };
  const clipboardTypes = () => page.evaluate(async () => (await (globalThis as unknown as ClipboardGlobals).navigator.clipboard.read()).flatMap((i) => i.types));
  await expect.poll(clipboardTypes, { timeout: 10_000 }).toContain('image/png');

  // m2 from its Results tab: nlme's plot(intervals(m2)), 64 schools without 48.
  await page.getByTestId('tab-results').click();
  await tabs.nth(1).click();
  await page.getByTestId('plot-model-button').click();
  await expect(page.getByTestId('plot-tab')).toHaveText(['Coefficients with 95% intervals', 'Diagnostics']);
  await expect(page.getByTestId('plot-panel')).toHaveCount(2);
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '64');
  await expect(page.getByTestId('plot-caption')).toContainText('nlme’s plot(intervals(m))');
  await screenshot(page, 'plots-lmlist');
  await expectPngExport(page, 'm2-intervals.png');

  // Its diagnostics: nlme's residuals of each school's own fit, by school (48 left out by the subset).
  await page.getByRole('tab', { name: 'Diagnostics' }).click();
  await expect(page.getByTestId('plot-panel')).toHaveCount(8);
  await expect(page.getByTestId('plot-caption')).toContainText('normexam ~ standLRT | school, 4,057 observations');
  await expect(page.getByTestId('plot-caption')).toContainText('its group’s own σ');
  await screenshot(page, 'plots-lmlist-diagnostics');
});

test('without a fitted model, Plots says what to do', async ({ page }) => {
  // A session of its own: nothing fitted.
  await openWithExam(page, host.url);
  await page.keyboard.press('Alt+4');
  const empty = page.getByTestId('plots-empty');
  await expect(empty).toContainText('No model to plot yet');
  await expect(empty).toContainText('Fit a model in the Model view');
  await screenshot(page, 'plots-empty');
  await empty.getByRole('button', { name: 'Specify a model' }).click();
  await expect(page.getByTestId('model-view')).toBeVisible();
});
