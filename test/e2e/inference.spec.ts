import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { importJspFromDisk, openWithExam, screenshot } from './support/ui';

/**
 * Issue 9 by clicking, on the second course note's data: Satterthwaite and
 * Kenward-Roger tests of math ~ raven + social + (1 | school) with social's type
 * III F test, then the note's comparison of Wald and parametric-bootstrap
 * intervals for gendergirl in math ~ raven + gender + (1 | school), profile
 * intervals beside them, and their plots. The results are stored in the project:
 * a reload shows them without computing again.
 */
const root = resolve(import.meta.dirname, '..', '..');
const fixture = (id: string) => JSON.parse(readFileSync(join(root, `test/fixtures/lme4/${id}.json`), 'utf8'));

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function fit(page: Page, text: string): Promise<void> {
  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-lmer])').click();
  await page.getByTestId('formula-input').fill(text);
  await expect(page.locator('[data-testid=check][data-level=error]')).toHaveCount(0);
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('model-formula')).toHaveText(text);
}

/** The number a cell shows (its title holds the full precision). */
async function cellValue(cell: Locator): Promise<number> {
  const title = await cell.getAttribute('title');
  return Number(title ?? (await cell.innerText()).replace(/,/g, ''));
}

const cell = (table: Locator, row: string, column: string) => table.locator(`tr[data-row="${row}"] td[data-col="${column}"]`);

test('inference by clicking: ddf tests, type III F, Wald vs bootstrap vs profile intervals, plots, kept in the project', async ({ page }) => {
  test.setTimeout(240_000);
  await openWithExam(page, host.url);
  await importJspFromDisk(page);

  await fit(page, 'math ~ raven + social + (1 | school)');
  const panel = page.getByTestId('inference-panel');
  await expect(panel).toBeVisible();
  const tests = panel.getByTestId('table-tests');
  // Wald z by default: p from the normal distribution.
  await expect(tests.locator('th', { hasText: 'Pr(>|z|)' })).toBeVisible();

  const social = fixture('jsp_ri_social');
  await panel.getByTestId('ddf-satterthwaite').check();
  await expect(tests.locator('th', { hasText: 'df' })).toBeVisible({ timeout: 60_000 });
  for (let j = 0; j < social.satterthwaite.names.length; j++) {
    const df = await cellValue(cell(tests, social.satterthwaite.names[j], 'df'));
    expect(Math.abs(df - social.satterthwaite.df[j]) / social.satterthwaite.df[j]).toBeLessThan(1e-3);
  }
  const typeIII = panel.getByTestId('table-typeIII');
  await expect(cell(typeIII, 'social', 'NumDF')).toHaveText('3');
  await screenshot(page, 'inference-01-satterthwaite');

  await panel.getByTestId('ddf-kenward-roger').check();
  await expect(panel.getByTestId('table-typeIII')).toContainText('Kenward-Roger', { timeout: 60_000 });
  for (let j = 0; j < social.kenward_roger.names.length; j++) {
    const df = await cellValue(cell(tests, social.kenward_roger.names[j], 'df'));
    expect(Math.abs(df - social.kenward_roger.df[j]) / social.kenward_roger.df[j]).toBeLessThan(1e-3);
  }
  await screenshot(page, 'inference-02-kenward-roger');

  // The note's comparison: Wald and bootstrap intervals of gendergirl, nsim 1000, seed 1000.
  await fit(page, 'math ~ raven + gender + (1 | school)');
  const gender = fixture('jsp_ri_gender').fit;
  await expect(panel.getByTestId('boot-nsim')).toHaveValue('1000');
  await expect(panel.getByTestId('boot-seed')).toHaveValue('1000');
  await panel.getByTestId('run-boot').click();
  await expect(panel.getByTestId('boot-job-running')).toBeVisible();
  const intervals = panel.getByTestId('table-intervals');
  await expect(cell(intervals, 'gendergirl', 'Bootstrap 2.5 %')).not.toHaveText('', { timeout: 180_000 });
  const g = gender.fixef.names.indexOf('gendergirl');
  const se = gender.fixef.se[g];
  const bootIndex = gender.confint_boot.names.indexOf('gendergirl');
  const lower = await cellValue(cell(intervals, 'gendergirl', 'Bootstrap 2.5 %'));
  const upper = await cellValue(cell(intervals, 'gendergirl', 'Bootstrap 97.5 %'));
  expect(Math.abs(lower - gender.confint_boot.ci[bootIndex][0])).toBeLessThan(0.15 * se);
  expect(Math.abs(upper - gender.confint_boot.ci[bootIndex][1])).toBeLessThan(0.15 * se);
  expect(Math.abs((await cellValue(cell(intervals, 'gendergirl', 'Wald 2.5 %'))) - gender.confint_wald[g][0])).toBeLessThan(1e-6);

  await panel.getByTestId('run-profile').click();
  await expect(cell(intervals, 'gendergirl', 'Profile 2.5 %')).not.toHaveText('', { timeout: 120_000 });
  await panel.getByTestId('show-boot-plot').click();
  await expect(panel.getByTestId('boot-figure').locator('canvas').first()).toBeVisible();
  await panel.getByTestId('show-profile-plot').click();
  await expect(panel.getByTestId('profile-figure').locator('canvas').first()).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'inference-03-intervals');
  await panel.getByTestId('boot-figure').scrollIntoViewIfNeeded();
  await screenshot(page, 'inference-04-boot-histograms');
  await panel.getByTestId('profile-figure').scrollIntoViewIfNeeded();
  await screenshot(page, 'inference-05-profile-plots');

  // Stored in the project: after a reload the intervals are shown again, not recomputed.
  await page.reload();
  await page.getByTestId('tab-results').click();
  await page.getByTestId('model-tab').filter({ hasText: 'm2' }).click();
  await expect(cell(page.getByTestId('table-intervals'), 'gendergirl', 'Bootstrap 2.5 %')).toHaveText(/\d/, { timeout: 20_000 });
  await expect(page.getByTestId('boot-job-running')).toHaveCount(0);

  // A long bootstrap shows its progress and can be cancelled; the stored intervals stay as they were.
  const before = await cell(page.getByTestId('table-intervals'), 'gendergirl', 'Bootstrap 2.5 %').getAttribute('title');
  await page.getByTestId('boot-nsim').fill('100000');
  await page.getByTestId('run-boot').click();
  const running = page.getByTestId('boot-job-running');
  await expect(running).toBeVisible();
  await expect(running).toContainText(/replicate|Bootstrap|Rebuilding|Waiting/);
  await screenshot(page, 'inference-06-boot-running');
  await page.getByTestId('boot-job-cancel').click();
  await expect(running).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('boot-job-error')).toHaveCount(0);
  expect(await cell(page.getByTestId('table-intervals'), 'gendergirl', 'Bootstrap 2.5 %').getAttribute('title')).toBe(before);
});
