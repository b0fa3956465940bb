import { describe, expect, it } from 'vitest';
import type { ModelFitValue } from '@shared/models';
import { fitTables, glmerMethod, type FitTable } from '../../../../../src-renderer/views/results/fit-tables';
import extras from '../../../../fixtures/glmm/jsp_fail_extras.json';
import jsp from '../../../../fixtures/lme4/jsp_glmer_fail.json';

/** lme4's numbers for fail ~ raven + (1 | school) (test/fixtures/lme4) and R's odds ratios (test/fixtures/tools/make-glmer-extras-fixtures.R). */
const reference = jsp.fit;
const converged = { converged: true, message: 'parameter values converged to within tolerance' };
// R's JSON unboxes one-element vectors; the engine stores arrays.
const box = (x: unknown) => (Array.isArray(x) ? x : [x]);
const varcorr = reference.varcorr.map((t) => ({ ...t, names: box(t.names), variance: box(t.variance), sd: box(t.sd) }));
const jspFit = { ...reference, varcorr, family: 'binomial', link: 'logit', nAGQ: 1, optimizer: converged, odds_ratios: { ...extras.odds_ratios, level: 0.95 } };

const value = (fit: Record<string, unknown>): ModelFitValue => ({ kind: 'glmer', formula: 'fail ~ raven + (1 | school)', text: 'Generalized linear mixed model …', fit, messages: [] });
function tablesOf(fit: Record<string, unknown>): FitTable[] {
  const t = fitTables(value(fit));
  if (!t.ok) throw new Error(t.message);
  return t.tables;
}
const byId = (tables: FitTable[], id: FitTable['id']) => tables.find((t) => t.id === id)!;

describe('a glmer fit in the Results view', () => {
  it('shows summary(glmer)’s fixed effects with z and Pr(>|z|), and their Wald intervals', () => {
    // R's confint(m, method = "Wald") is the log of its odds-ratio intervals.
    const confint_wald = extras.odds_ratios.lower.map((lo, j) => [Math.log(lo), Math.log(extras.odds_ratios.upper[j])]);
    const fixef = byId(tablesOf({ ...jspFit, confint_wald }), 'fixef');
    expect(fixef.columns.map((c) => c.label)).toEqual(['Term', 'Estimate', 'Std. Error', 'z value', 'Pr(>|z|)', 'Wald 2.5 %', 'Wald 97.5 %']);
    expect(fixef.rows.map((r) => r.cells)).toEqual(
      reference.fixef.names.map((n, j) => [n, reference.fixef.estimate[j], reference.fixef.se[j], reference.fixef.statistic[j], reference.fixef.p[j], ...confint_wald[j]]),
    );
  });

  it('leaves the Wald cells empty for a fit stored before Nestor gave them', () => {
    const fixef = byId(tablesOf(jspFit), 'fixef');
    expect(fixef.rows.map((r) => r.cells.slice(5))).toEqual(reference.fixef.names.map(() => [null, null]));
  });

  it('shows the odds ratios of a logit model with their Wald intervals, as R gives them', () => {
    const odds = byId(tablesOf(jspFit), 'odds');
    expect(odds.columns.map((c) => c.label)).toEqual(['Term', 'Odds ratio', '2.5 %', '97.5 %']);
    expect(odds.rows.map((r) => r.cells)).toEqual([
      ['(Intercept)', 0.00541822340295723, 0.00160356704475483, 0.0183074009536294],
      ['raven', 0.8858615849016, 0.797222687808436, 0.984355763584266],
    ]);
    const { odds_ratios: _, ...probit } = { ...jspFit, link: 'probit' };
    expect(tablesOf(probit).map((t) => t.id)).toEqual(['fixef', 'ranef', 'stats']);
  });

  it('shows the random effects without a residual, and the AIC line of the summary', () => {
    const tables = tablesOf(jspFit);
    expect(tables.map((t) => t.id)).toEqual(['fixef', 'odds', 'ranef', 'stats']);
    expect(byId(tables, 'ranef').rows.map((r) => r.cells)).toEqual([['school', '(Intercept)', reference.varcorr[0].variance, reference.varcorr[0].sd]]);
    expect(byId(tables, 'ranef').note).toBe('Number of groups: school 49. Each group’s own effects are its conditional modes.');
    const stats = Object.fromEntries(byId(tables, 'stats').rows.map((r) => [r.cells[0], r.cells[1]]));
    expect(stats).toEqual({
      Observations: 1154,
      'Groups: school': 49,
      Parameters: 3,
      AIC: reference.AIC,
      BIC: reference.BIC,
      logLik: reference.logLik,
      deviance: -2 * reference.logLik,
      'df.resid': 1151,
    });
  });

  it('passes on singularity and a failed convergence, and says what it cannot read', () => {
    expect(fitTables(value({ ...jspFit, isSingular: true, optimizer: { converged: false, message: 'failure to converge in 10000 evaluations' } }))).toMatchObject({
      isSingular: true,
      notConverged: 'failure to converge in 10000 evaluations',
    });
    expect(fitTables(value({}))).toEqual({ ok: false, message: expect.stringContaining('fixef') });
  });

  it('names the family, link and approximation', () => {
    expect(glmerMethod({ family: 'binomial' })).toBe('binomial (logit) · Laplace');
    expect(glmerMethod({ family: 'poisson', nAGQ: 25 })).toBe('poisson (log) · adaptive Gauss-Hermite, nAGQ = 25');
  });
});
