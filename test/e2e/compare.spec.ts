import { expect, test } from '@playwright/test';
import { fitOnExam, joinSession, newSessionToken } from './support/contract';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * Comparing models in the Results view: the course's random-intercept and
 * random-slope models (fitted through the contract), chosen in "Compare
 * models…", give lme4's likelihood-ratio test with its note on the ML refit.
 */
let host: RunningHost;
const token = newSessionToken();

test.beforeAll(async () => {
  host = await startHost();
  await fitOnExam(host.url, token, [
    { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
    { kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true },
    { kind: 'lm', formula: 'normexam ~ standLRT', reml: true },
  ]);
});
test.afterAll(async () => {
  await host?.stop();
});

test('two mixed models compared in the Results view: lme4’s anova, the refit note and the table', async ({ page }) => {
  test.setTimeout(120_000);
  await joinSession(page, token);
  await openWithExam(page, host.url);
  await page.getByTestId('tab-results').click();
  await expect(page.getByTestId('model-tab')).toHaveText(['m1', 'm2', 'm3']);
  await expect(page.getByTestId('results-tab-comparisons')).toHaveText('Comparisons (0)');

  // A linear model and a mixed model cannot be compared: the popover says why and stays open.
  const opener = page.getByTestId('compare-open');
  await opener.click();
  const popover = page.getByTestId('compare-popover');
  const choices = popover.getByTestId('compare-choice');
  await expect(choices).toHaveCount(3);
  await expect(choices.first()).toBeFocused();
  await expect(page.getByTestId('compare-run')).toBeDisabled();
  await choices.nth(0).check();
  await choices.nth(2).check();
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-error')).toContainText('Compare linear models with linear models');
  await expect(page.getByTestId('compare-error')).toContainText('m3 (linear model)');

  // Escape closes it and gives focus back; the keyboard opens it again and chooses m1 and m2.
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(choices.first()).toBeFocused();
  await expect(choices.nth(0)).toBeChecked();
  await choices.nth(2).uncheck();
  await choices.nth(1).focus();
  await page.keyboard.press('Space');
  await expect(choices.nth(1)).toBeChecked();
  await page.getByTestId('compare-run').click();

  const comparison = page.getByTestId('comparison');
  await expect(comparison).toBeVisible({ timeout: 60_000 });
  await expect(popover).toHaveCount(0);
  await expect(page.getByTestId('results-tab-comparisons')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('results-tab-comparisons')).toHaveText('Comparisons (1)');
  await expect(comparison.getByRole('heading', { level: 2 })).toHaveText('anova(m1, m2)');
  await expect(page.getByTestId('comparison-note')).toContainText('lme4 refitted every model by maximum likelihood');
  await expect(page.getByTestId('comparison-note')).toContainText('refitting model(s) with ML (instead of REML)');
  const printed = page.getByTestId('comparison-printed');
  await expect(printed).toContainText('m2: normexam ~ standLRT + (standLRT | school)');
  await expect(printed).toContainText('m2    6 9328.9 9366.7 -4658.4   9316.9 40.372  2  1.711e-09 ***');
  const table = page.getByTestId('table-anova');
  await expect(table.locator('tr[data-row="m2"] td[data-col="Chisq"]')).toHaveText('40.372');
  await expect(table.locator('tr[data-row="m2"] td[data-col="Df"]')).toHaveText('2');
  await expect(table.locator('tr[data-row="m2"] td[data-col="Pr(>Chisq)"]')).toHaveText('1.71e-09');
  await expect(table.locator('tr[data-row="m1"] td[data-col="AIC"]')).toHaveText('9365.2');
  await expect(page.getByTestId('comparison-item')).toHaveText([/anova\(m1, m2\)/]);
  await screenshot(page, 'compare-m1-m2');
});
