import { describe, expect, it } from 'vitest';
import type { ModelFitValue } from '@shared/models';
import m1 from '../../../../fixtures/lme4/exam_m1_lm.json';
import m4 from '../../../../fixtures/lme4/exam_m4_singular.json';
import { exportOf, fitTables, type FitTable } from '../../../../../src-renderer/views/results/fit-tables';
import { toRText } from '../../../../../src-renderer/lib/table-export';

/** The course's singular m4 and m1 as lme4 and lm computed them (the reference fixtures). */
const lmer: ModelFitValue = { kind: 'lmer', formula: m4.formula, text: '', fit: { ...m4.fit, optimizer: { converged: true, message: 'ok' } }, messages: [] };
const lm: ModelFitValue = { kind: 'lm', formula: m1.formula, text: '', fit: { ...m1.fit, nobs: 4059 }, messages: [] };

function tablesOf(value: ModelFitValue): FitTable[] {
  const result = fitTables(value);
  if (!result.ok) throw new Error(result.message);
  return result.tables;
}
const byId = (tables: FitTable[], id: FitTable['id']) => tables.find((t) => t.id === id)!;

describe('lmer fit tables', () => {
  const tables = tablesOf(lmer);

  it('has fixed effects with Wald intervals, random effects, their correlations and fit statistics', () => {
    expect(tables.map((t) => t.id)).toEqual(['fixef', 'ranef', 'corr', 'stats']);
    const fixef = byId(tables, 'fixef');
    expect(fixef.columns.map((c) => c.label)).toEqual(['Term', 'Estimate', 'Std. Error', 't value', 'Wald 2.5 %', 'Wald 97.5 %']);
    expect(fixef.rows[2].cells).toEqual(['sexM', -0.182606711773265, 0.0322875430807657, -5.65563974057993, -0.245889133360851, -0.119324290185679]);
  });

  it('lists each variance component with σ² as the residual variance', () => {
    const ranef = byId(tables, 'ranef');
    expect(ranef.rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['school', '(Intercept)'],
      ['school', 'standLRT'],
      ['school', 'sexM'],
      ['Residual', ''],
    ]);
    expect(ranef.rows[3].cells[2]).toBeCloseTo(0.741702989973825 ** 2, 14);
    expect(ranef.note).toBe('Number of groups: school 65. Each group’s own effects are its conditional modes.');
  });

  it('lists the lower triangle of each term’s correlation matrix', () => {
    const corr = byId(tables, 'corr');
    expect(corr.rows.map((r) => r.cells.slice(1, 3))).toEqual([
      ['standLRT', '(Intercept)'],
      ['sexM', '(Intercept)'],
      ['sexM', 'standLRT'],
    ]);
    expect(corr.rows[1].cells[3]).toBeCloseTo(-0.802660803433969, 12);
  });

  it('names the REML criterion for a REML fit and prints the statistics to R’s 7 digits', () => {
    const text = toRText(exportOf(byId(tables, 'stats')));
    expect(text).toContain('REML criterion at convergence   9302.553');
    expect(text).toContain('Groups: school                        65');
    expect(text).toContain('σ (residual SD)                   0.7417');
    expect(fitTables(lmer)).toMatchObject({ isSingular: true, notConverged: null });
  });

  it('names the deviance for an ML fit and keeps a second term on a factor apart (school.1)', () => {
    const varcorr = [
      { group: 'school', term_group: 'school', names: ['(Intercept)'], variance: [0.09], sd: [0.3], corr: null },
      { group: 'school', term_group: 'school.1', names: ['standLRT'], variance: [0.015], sd: [0.12], corr: null },
    ];
    const ml = tablesOf({ ...lmer, fit: { ...lmer.fit, REMLcrit: null, deviance_ml: 9300.1, varcorr } });
    expect(byId(ml, 'stats').rows.find((r) => r.tip === 'deviance')?.cells).toEqual(['Deviance (ML)', 9300.1]);
    expect(byId(ml, 'ranef').rows.map((r) => r.cells[0])).toEqual(['school', 'school.1', 'Residual']);
    expect(ml.some((t) => t.id === 'corr')).toBe(false);
  });
});

describe('lm fit tables', () => {
  const tables = tablesOf(lm);

  it('has coefficients with p-values and t intervals, and R², F and criteria', () => {
    const fixef = byId(tables, 'fixef');
    expect(fixef.rows[1].cells).toEqual(['standLRT', 0.595056813245988, 0.0127300933989653, 46.7441042729785, 0, 0.570098842745336, 0.620014783746639]);
    expect(toRText(exportOf(fixef)).split('\n').slice(1, 4)).toEqual([
      'Term          Estimate  Std. Error   t value  Pr(>|t|)     2.5 %   97.5 %',
      '(Intercept)  -0.001191     0.01264  -0.09421     0.925  -0.02598  0.02359',
      'standLRT        0.5951     0.01273     46.74   < 2e-16    0.5701     0.62',
    ]);
    const stats = byId(tables, 'stats').rows.map((r) => r.cells[0]);
    expect(stats).toEqual([
      'Observations',
      'Residual degrees of freedom',
      'σ (residual SD)',
      'R²',
      'Adjusted R²',
      'F statistic on 1 and 4057 DF',
      'p-value of F',
      'logLik',
      'AIC',
      'BIC',
    ]);
    expect(fixef.note).toBe('95% confidence intervals from the t distribution on 4057 residual degrees of freedom.');
  });

  it('shows aliased coefficients (NaN, stored as null) as empty and names them', () => {
    const fit = { ...lm.fit, coef: { ...m1.fit.coef, names: ['(Intercept)', 'standLRT', 'x2'], estimate: [...m1.fit.coef.estimate, null] }, aliased: ['x2'] };
    const fixef = byId(tablesOf({ ...lm, fit }), 'fixef');
    expect(fixef.rows[2].cells[1]).toBeNull();
    expect(fixef.note).toContain('Not estimable (a combination of earlier columns): x2.');
  });
});

describe('a fit that cannot be read', () => {
  it('says which number is missing', () => {
    const { sigma: _sigma, ...rest } = lmer.fit;
    expect(fitTables({ ...lmer, fit: rest })).toEqual({ ok: false, message: expect.stringContaining('sigma') });
  });
});
