import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot, importJspFromDisk } from './support/ui';

/**
 * Issue 8: the second course note's last part by clicking. jsp.txt imported, the
 * recipe fail = ifelse(math < -10, 1, 0), then glmer(fail ~ raven + (1 | school),
 * family = binomial) built with the controls, fitted, read as tables (fixed
 * effects, odds ratios) against lme4's and R's numbers, compared with a second
 * glmer by anova, and checked with binned residuals.
 */
const root = resolve(import.meta.dirname, '..', '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const reference = read('test/fixtures/lme4/jsp_glmer_fail.json').fit as { fixef: { names: string[]; estimate: number[]; se: number[]; statistic: number[] } };
const extras = read('test/fixtures/glmm/jsp_fail_extras.json') as { odds_ratios: { names: string[]; estimate: number[]; lower: number[]; upper: number[] } };
const anova = read('test/fixtures/print/glmer/anova-jsp.json') as { Chisq: (number | null)[]; p: (number | null)[] };

/** A number to `digits` significant digits, as the Results tables show it. */
const shown = (x: number, digits: number) => String(Number(x.toPrecision(digits)));

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function importJsp(page: Page): Promise<void> {
  await importJspFromDisk(page);
  const field = page.getByTestId('recipe-input');
  await field.fill('fail = ifelse(math < -10, 1, 0)');
  await field.press('Enter');
  await expect(page.getByTestId('recipe-item')).toHaveCount(1);
}

async function clipboard(page: Page): Promise<string> {
  // Node's typecheck has no DOM library, hence the cast.
  type ClipboardGlobals = { navigator: { clipboard: { readText(): Promise<string> } } };
  return page.evaluate(() => (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText());
}

test('glmer by clicking: fail ~ raven + (1 | school), binomial — tables, odds ratios, anova, binned residuals', async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await openWithExam(page, host.url);
  await importJsp(page);

  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-glmer])').click();
  await expect(page.getByTestId('glmer-choices')).toBeVisible();
  await expect(page.getByTestId('glmer-family')).toHaveValue('binomial');
  await expect(page.getByTestId('glmer-link').locator('option')).toHaveText(['logit', 'probit', 'cloglog']);
  for (const [variable, slot] of [
    ['fail', 'response'],
    ['raven', 'fixed'],
    ['school', 'random'],
  ] as const) {
    await page.getByTestId(`model-var-${variable}`).click();
    await page.getByTestId(`assign-${slot}`).click();
  }
  await expect(page.getByTestId('formula-input')).toHaveValue('fail ~ raven + (1 | school)');
  await expect(page.getByTestId('response-hint')).toHaveText('a 0/1 outcome, a two-level factor, or cbind(successes, failures)');
  // One scalar term: quadrature is offered, so no reason is given.
  await expect(page.getByTestId('glmer-nagq').locator('option[value="25"]')).toBeEnabled();
  await expect(page.getByTestId('glmer-nagq-why')).toHaveCount(0);
  await expect(page.getByTestId('check').first()).toContainText('A binomial response must be 0 or 1');
  await expect(page.locator('[data-testid=check][data-level=error]')).toHaveCount(0);
  await screenshot(page, 'glmer-01-builder');
  await page.getByTestId('draft-r-code').click();
  const script = await clipboard(page);
  expect(script).toContain('d$fail <- with(d, ifelse(math < -10, 1, 0))');
  expect(script).toContain('m <- glmer(fail ~ raven + (1 | school), data = d, family = binomial(link = "logit"), nAGQ = 1)');

  // A random slope makes quadrature unavailable, and the bar says why.
  await page.getByTestId('formula-input').fill('fail ~ raven + (raven | school)');
  await expect(page.getByTestId('glmer-nagq-why')).toContainText('gives each group 2');
  await expect(page.getByTestId('glmer-nagq').locator('option[value="2"]')).toBeDisabled();
  await screenshot(page, 'glmer-02-nagq-why');
  await page.getByTestId('formula-input').fill('fail ~ raven + (1 | school)');

  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('model-formula')).toHaveText('fail ~ raven + (1 | school)');
  const fixef = page.getByTestId('table-fixef');
  for (let j = 0; j < reference.fixef.names.length; j++) {
    const row = fixef.locator(`tr[data-row="${reference.fixef.names[j]}"]`);
    await expect(row.locator('td[data-col="Estimate"]')).toHaveText(shown(reference.fixef.estimate[j], 4));
    await expect(row.locator('td[data-col="Std. Error"]')).toHaveText(shown(reference.fixef.se[j], 4));
    await expect(row.locator('td[data-col="z value"]')).toHaveText(shown(reference.fixef.statistic[j], 4));
  }
  const odds = page.getByTestId('table-odds');
  const or = extras.odds_ratios;
  for (let j = 0; j < or.names.length; j++) {
    const row = odds.locator(`tr[data-row="${or.names[j]}"]`);
    await expect(row.locator('td[data-col="Odds ratio"]')).toHaveText(shown(or.estimate[j], 4));
    await expect(row.locator('td[data-col="2.5 %"]')).toHaveText(shown(or.lower[j], 4));
    await expect(row.locator('td[data-col="97.5 %"]')).toHaveText(shown(or.upper[j], 4));
  }
  await expect(page.getByTestId('table-stats').locator('tr[data-row="df.resid"] td[data-col="Value"]')).toHaveText('1151');
  await screenshot(page, 'glmer-03-results');

  // A second glmer, typed, and anova(m1, m2): a likelihood-ratio test without refitting.
  await page.getByTestId('tab-model').click();
  await page.getByTestId('formula-input').fill('fail ~ raven + gender + (1 | school)');
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('model-formula')).toHaveText('fail ~ raven + gender + (1 | school)', { timeout: 60_000 });
  await page.getByTestId('compare-open').click();
  const popover = page.getByTestId('compare-popover');
  await popover.locator('label', { hasText: 'm1' }).getByTestId('compare-choice').check();
  await popover.locator('label', { hasText: 'm2' }).getByTestId('compare-choice').check();
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('comparison')).toBeVisible({ timeout: 60_000 });
  const m2 = page.getByTestId('table-anova').locator('tr[data-row="m2"]');
  await expect(m2.locator('td[data-col="Chisq"]')).toHaveText(shown(anova.Chisq[1]!, 5));
  await expect(m2.locator('td[data-col="Pr(>Chisq)"]')).toHaveText(shown(anova.p[1]!, 3));
  await screenshot(page, 'glmer-04-anova');

  // Binned residuals of m1 in the Plots view.
  await page.getByTestId('model-tab').nth(0).click();
  await page.getByTestId('plot-model-button').click();
  await expect(page.getByTestId('plot-tab')).toHaveText(['Random effects (caterpillar)', 'Binned residuals']);
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '49');
  await screenshot(page, 'glmer-05-caterpillar');
  await page.getByRole('tab', { name: 'Binned residuals' }).click();
  await expect(page.getByTestId('plot-caption')).toContainText('1,154 observations in 33 bins');
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '33');
  await expect(page.getByTestId('plot-panel')).toHaveCount(1);
  await screenshot(page, 'glmer-06-binned');
  // arm's nclass chosen by hand: 10 bins, then back to arm's choice.
  await expect(page.getByTestId('binned-bins')).toHaveAttribute('placeholder', '33');
  await page.getByTestId('binned-bins').fill('10');
  await page.getByTestId('binned-bins').press('Enter');
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '10');
  await expect(page.getByTestId('plot-caption')).toContainText('in 10 bins of about equal size, a number chosen by hand');
  await screenshot(page, 'glmer-07-binned-10');
  await page.getByTestId('binned-bins').fill('');
  await page.getByTestId('binned-bins').press('Enter');
  await expect(page.getByTestId('plot-figure')).toHaveAttribute('data-groups', '33');
});
