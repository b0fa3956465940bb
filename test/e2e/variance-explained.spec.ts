import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { importJspFromDisk, openWithExam, screenshot } from './support/ui';

/**
 * The Variance explained panel of a random-intercept lmer on jsp: performance's ICC and
 * Nakagawa R² (reference fixture jsp_ri_gender) and the within-school correlation
 * τ²/(τ² + σ²) of the second course note, with lme4's variances written out.
 */
const root = resolve(import.meta.dirname, '..', '..');
const reference = JSON.parse(readFileSync(join(root, 'test/fixtures/lme4/jsp_ri_gender.json'), 'utf8')).fit as {
  icc: { adjusted: number; conditional: number };
  r2_nakagawa: { marginal: number; conditional: number };
};
/** Three significant digits, as the panel shows them. */
const shown = (x: number) => String(Number(x.toPrecision(3)));

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('math ~ raven + gender + (1 | school): ICC, R² and the within-school correlation as performance and the JSP note give them', async ({ page, context }) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await openWithExam(page, host.url);
  await importJspFromDisk(page);
  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-lmer])').click();
  await page.getByTestId('formula-input').fill('math ~ raven + gender + (1 | school)');
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('model-formula')).toHaveText('math ~ raven + gender + (1 | school)');

  const panel = page.getByTestId('variance-explained');
  const value = (row: string) => panel.locator(`tr[data-row="${row}"] td.num`);
  await expect(value('ICC (adjusted)')).toHaveText('0.156');
  await expect(value('ICC (adjusted)')).toHaveText(shown(reference.icc.adjusted));
  await expect(value('ICC (conditional)')).toHaveText(shown(reference.icc.conditional));
  await expect(value('R² (marginal)')).toHaveText(shown(reference.r2_nakagawa.marginal));
  await expect(value('R² (conditional)')).toHaveText('0.217');
  await expect(value('R² (conditional)')).toHaveText(shown(reference.r2_nakagawa.conditional));
  await expect(value('within-group')).toHaveText('0.156');
  await expect(panel.getByTestId('within-group')).toContainText('τ² / (τ² + σ²) = 3.625 / (3.625 + 19.59) = 0.156');
  await expect(panel.getByTestId('within-group')).toContainText('Two observations from the same school share its random intercept');

  // Every term is explained on keyboard focus, as elsewhere in the results.
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'variance-explained');
  await panel.getByRole('button', { name: 'What is ICC (adjusted)?' }).focus();
  await expect(page.getByRole('tooltip')).toContainText('Adjusted ICC: the share of the variance left after the fixed effects');
  await screenshot(page, 'variance-explained-tip');

  // Copied like every results table: TSV at full precision.
  await page.getByTestId('copy-variance-explained').click();
  await page.getByTestId('copy-variance-explained-tsv').click();
  type ClipboardGlobals = { navigator: { clipboard: { readText(): Promise<string> } } };
  const tsv = await page.evaluate(() => (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText());
  const lines = tsv.trim().split('\n');
  expect(lines[0]).toBe('Measure\tValue');
  expect(Number(lines[1].split('\t')[1])).toBeCloseTo(reference.icc.adjusted, 4);
  expect(lines[5].startsWith('Within-school correlation τ²/(τ²+σ²)\t0.156')).toBe(true);
});

test('glmer fail ~ raven + (1 | school): performance’s latent-scale ICC and R², no within-group row', async ({ page }) => {
  test.setTimeout(60_000);
  const glmer = JSON.parse(readFileSync(join(root, 'test/fixtures/lme4/jsp_glmer_fail.json'), 'utf8')).fit as typeof reference;
  await openWithExam(page, host.url);
  await importJspFromDisk(page);
  const field = page.getByTestId('recipe-input');
  await field.fill('fail = ifelse(math < -10, 1, 0)');
  await field.press('Enter');
  await expect(page.getByTestId('recipe-item')).toHaveCount(1);
  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-glmer])').click();
  await page.getByTestId('formula-input').fill('fail ~ raven + (1 | school)');
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });

  const panel = page.getByTestId('variance-explained');
  const value = (row: string) => panel.locator(`tr[data-row="${row}"] td.num`);
  await expect(value('ICC (adjusted)')).toHaveText(shown(glmer.icc.adjusted));
  await expect(value('ICC (conditional)')).toHaveText(shown(glmer.icc.conditional));
  await expect(value('R² (marginal)')).toHaveText(shown(glmer.r2_nakagawa.marginal));
  await expect(value('R² (conditional)')).toHaveText(shown(glmer.r2_nakagawa.conditional));
  await expect(panel.locator('tr[data-row="within-group"]')).toHaveCount(0);
  await expect(panel).toContainText('binomial (logit) model: the residual variance is the logistic distribution’s π²/3 ≈ 3.29.');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'variance-explained-glmer');
});
