import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BinnedValue } from '@shared/model-plots';
import { silentContext } from '../../../../src-main/engine/context';
import { fitModel } from '../../../../src-main/engine/fit/fit-model';
import { binnedResiduals, defaultBins } from '../../../../src-main/engine/plots/binned-residuals';
import { runTask } from '../../../../src-main/engine/tasks';
import { loadJsp } from '../model/data';

/** R's numbers: test/fixtures/tools/make-glmer-extras-fixtures.R (arm 1.13-1's binned.resids, lme4 1.1-31). */
const extras = JSON.parse(readFileSync(new URL('../../../fixtures/glmm/jsp_fail_extras.json', import.meta.url), 'utf8')) as {
  odds_ratios: { names: string[]; estimate: number[]; lower: number[]; upper: number[] };
  binned: { nobs: number; nclass: number; xbar: number[]; ybar: number[]; n: number[]; x_lo: number[]; x_hi: number[]; se2: number[] };
};
const fail = { kind: 'compute' as const, name: 'fail', expression: 'ifelse(math < -10, 1, 0)' };

function expectClose(actual: number[], expected: number[], tol: number) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThan(tol * Math.max(1, Math.abs(expected[i]))));
}

describe('binned residuals (arm::binnedplot)', () => {
  it('chooses arm’s default number of bins', () => {
    expect(defaultBins(1154)).toBe(33);
    expect(defaultBins(100)).toBe(10);
    expect(defaultBins(99)).toBe(10);
    expect(defaultBins(11)).toBe(10);
    expect(defaultBins(10)).toBe(5);
    expect(defaultBins(3)).toBe(1);
  });

  it('bins like binned.resids: breaks between sorted values, ties kept together, sd/√n bands', () => {
    // x with a run of ties across the first break: R gives breaks (-Inf, 1.5, Inf) here.
    const x = [1, 1, 1, 2, 3, 4];
    const y = [0.5, -0.5, 0.1, 0.2, -0.3, 0.4];
    const b = binnedResiduals(x, y, 2);
    expect(b.nclass).toBe(2);
    expect(b.n).toEqual([3, 3]);
    expectClose(b.xbar, [1, 3], 1e-15);
    expectClose(b.ybar, [0.1 / 3, 0.1], 1e-15);
    // 2·sd/√n of (0.5, -0.5, 0.1): sd = sqrt(((0.5-m)^2+(-0.5-m)^2+(0.1-m)^2)/2).
    const m = 0.1 / 3;
    const sd = Math.sqrt(((0.5 - m) ** 2 + (-0.5 - m) ** 2 + (0.1 - m) ** 2) / 2);
    expect(b.se2[0]).toBeCloseTo((2 * sd) / Math.sqrt(3), 15);
  });

  it('gives arm’s bins of the JSP fail model through the plot.model job', async () => {
    const jsp = await loadJsp();
    const spec = { kind: 'glmer' as const, formula: 'fail ~ raven + (1 | school)', reml: true, family: 'binomial' as const };
    const fit = await fitModel({ spec, rows: jsp.rows, columns: jsp.columns, recipes: [fail], dataName: 'JSP' }, silentContext);
    const value = (await runTask(
      { kind: 'plot.model', input: { modelId: 'mdl-1', spec, fit: fit.fit, plot: { kind: 'binned' }, rows: jsp.rows, columns: jsp.columns, recipes: [fail] } },
      silentContext,
      { readFile: () => Promise.reject(new Error('no files')) },
    )) as BinnedValue;
    const ref = extras.binned;
    expect(value.kind).toBe('binned');
    expect(value.nobs).toBe(ref.nobs);
    expect(value.binsAsked).toBe(ref.nclass);
    expect(value.bins.n).toEqual(ref.n);
    // lme4's estimates agree with R's to ~1e-6 relative; so do the fitted probabilities.
    expectClose(value.bins.xbar, ref.xbar, 1e-5);
    expectClose(value.bins.xLo, ref.x_lo, 1e-5);
    expectClose(value.bins.xHi, ref.x_hi, 1e-5);
    expectClose(value.bins.ybar, ref.ybar, 1e-5);
    expectClose(value.bins.se2, ref.se2, 1e-9);
  }, 60_000);

  it('odds ratios of the logit fit: exp(fixef) and exp(confint(m, method = "Wald"))', async () => {
    const jsp = await loadJsp();
    const spec = { kind: 'glmer' as const, formula: 'fail ~ raven + (1 | school)', reml: true, family: 'binomial' as const };
    const fit = await fitModel({ spec, rows: jsp.rows, columns: jsp.columns, recipes: [fail], dataName: 'JSP' }, silentContext);
    const or = fit.fit.odds_ratios as { names: string[]; estimate: number[]; lower: number[]; upper: number[]; level: number };
    const ref = extras.odds_ratios;
    expect(or.names).toEqual(ref.names);
    expect(or.level).toBe(0.95);
    expectClose(or.estimate, ref.estimate, 1e-5);
    expectClose(or.lower, ref.lower, 1e-4);
    expectClose(or.upper, ref.upper, 1e-4);
    // confint(m, method = "Wald") itself, the log of those intervals.
    const wald = fit.fit.confint_wald as number[][];
    expectClose(wald.map((w) => w[0]), ref.lower.map(Math.log), 1e-4);
    expectClose(wald.map((w) => w[1]), ref.upper.map(Math.log), 1e-4);
  }, 60_000);

  it('gives no odds ratios for other links', async () => {
    const jsp = await loadJsp();
    const spec = { kind: 'glmer' as const, formula: 'fail ~ raven + (1 | school)', reml: true, family: 'binomial' as const, link: 'probit' as const };
    const fit = await fitModel({ spec, rows: jsp.rows, columns: jsp.columns, recipes: [fail], dataName: 'JSP' }, silentContext);
    expect(fit.fit.odds_ratios).toBeUndefined();
  }, 60_000);
});
