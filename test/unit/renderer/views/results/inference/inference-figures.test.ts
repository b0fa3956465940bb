import { describe, expect, it } from 'vitest';
import type { BootResult, DdfTests, ProfileResult } from '@shared/inference';
import { bootFigure, bootPanelConfig } from '../../../../../../src-renderer/views/results/inference/boot-figure';
import { ddfTestsTable, fitEstimates, intervalsTable, typeIIITable, waldTestsTable, type LmerFitForInference } from '../../../../../../src-renderer/views/results/inference/inference-tables';
import { profileFigure, profilePanelConfig } from '../../../../../../src-renderer/views/results/inference/profile-figure';
import bootRef from '../../../../../fixtures/inference/boot/jsp_ri_gender.json';
import krRef from '../../../../../fixtures/inference/kr/jsp_ri_social.json';
import profileRef from '../../../../../fixtures/inference/profile/jsp_ri_gender.json';
import gender from '../../../../../fixtures/lme4/jsp_ri_gender.json';

/**
 * The Inference panel's tables and figures from R's numbers (lme4, lmerTest,
 * pbkrtest, bootMer for math ~ raven + gender + (1 | school) and the social model):
 * every number passes through unchanged, in lme4's parameter order.
 */
const box = (x: unknown) => (Array.isArray(x) ? x : [x]);
const fit: LmerFitForInference = {
  fixef: gender.fit.fixef,
  confint_wald: gender.fit.confint_wald,
  wald_p: gender.fit.fixef.statistic.map(() => 0.5),
  varcorr: gender.fit.varcorr.map((t) => ({ group: t.group, names: box(t.names), sd: box(t.sd), corr: null })),
  sigma: gender.fit.sigma,
};
const ci95 = bootRef.ci.find((c) => c.level === 0.95)!;
const boot: BootResult = {
  kind: 'boot',
  nsim: bootRef.nsim,
  seed: bootRef.seed,
  level: 0.95,
  type: 'perc',
  names: bootRef.names,
  estimate: bootRef.t0,
  ci: ci95.ci as [number, number][],
  replicates: bootRef.names.map(() => []),
  failed: 0,
  seconds: 1,
  text: '',
  messages: [],
  histograms: bootRef.names.map((_, k) => (k === 4 ? { breaks: [1.4, 1.6, 1.8, 2, 2.2, 2.4, 2.6, 2.8, 3], counts: [3, 20, 80, 200, 300, 250, 100, 47] } : null)),
};
const profile: ProfileResult = {
  kind: 'profile',
  level: 0.95,
  names: profileRef.names,
  estimate: profileRef.estimate,
  ci: profileRef.ci as [number, number][],
  curves: profileRef.curves as ProfileResult['curves'],
  text: profileRef.text,
  messages: [],
  cutoff: 1.959963984540054,
};

describe('the intervals table', () => {
  it('puts Wald, profile and bootstrap ends side by side, with the fit’s estimates under lme4’s names', () => {
    const table = intervalsTable(fit, profile, boot);
    expect(table.columns.map((c) => c.label)).toEqual(['Parameter', 'Estimate', 'Wald 2.5 %', 'Wald 97.5 %', 'Profile 2.5 %', 'Profile 97.5 %', 'Bootstrap 2.5 %', 'Bootstrap 97.5 %']);
    expect(table.rows.map((r) => r.cells[0])).toEqual(['sd_(Intercept)|school', 'sigma', '(Intercept)', 'raven', 'gendergirl']);
    const g = table.rows[4].cells;
    expect(g.slice(1)).toEqual([gender.fit.fixef.estimate[2], ...gender.fit.confint_wald[2], ...profileRef.ci[4], ...ci95.ci[4]]);
    // No Wald interval for a standard deviation, as lme4 gives NA; its estimate is the REML fit's, not the profile's ML centre.
    expect(table.rows[0].cells.slice(1, 4)).toEqual([box(gender.fit.varcorr[0].sd)[0], null, null]);
    expect(table.note).toContain('seed 1000');
  });

  it('shows only the Wald columns before anything else is computed', () => {
    const table = intervalsTable(fit, null, null);
    expect(table.columns).toHaveLength(4);
    expect(table.rows.map((r) => r.cells[0])).toEqual(gender.fit.fixef.names);
  });

  it('names correlations as lme4 does', () => {
    const withSlope: LmerFitForInference = { ...fit, varcorr: [{ group: 'school', names: ['(Intercept)', 'standLRT'], sd: [0.3, 0.12], corr: [[1, 0.5], [0.5, 1]] }] };
    expect([...fitEstimates(withSlope).entries()].slice(0, 4)).toEqual([
      ['sd_(Intercept)|school', 0.3],
      ['cor_standLRT.(Intercept)|school', 0.5],
      ['sd_standLRT|school', 0.12],
      ['sigma', gender.fit.sigma],
    ]);
  });
});

describe('the tests tables', () => {
  const tests: DdfTests = {
    kind: 'ddf',
    method: 'kenward-roger',
    names: krRef.coef.names,
    estimate: krRef.coef.estimate,
    se: krRef.coef.se,
    df: krRef.coef.df,
    t: krRef.coef.t,
    p: krRef.coef.p,
    anova: krRef.anova.map((r) => ({ term: r.term, sumSq: r.sumSq, meanSq: r.meanSq, numDf: r.numDf, denDf: r.denDf, F: r.F, p: r.p })),
    text: '',
    messages: [],
  };

  it('Kenward-Roger: pbkrtest’s SEs and df, and the type III table', () => {
    const table = ddfTestsTable(tests);
    expect(table.columns.map((c) => c.label)).toEqual(['Term', 'Estimate', 'Std. Error', 'df', 't value', 'Pr(>|t|)']);
    expect(table.rows[1].cells).toEqual(['raven', krRef.coef.estimate[1], krRef.coef.se[1], krRef.coef.df[1], krRef.coef.t[1], krRef.coef.p[1]]);
    const anova = typeIIITable(tests)!;
    expect(anova.title).toContain('Kenward-Roger');
    expect(anova.rows.map((r) => r.cells[0])).toEqual(['raven', 'social']);
    expect(anova.rows[1].cells[3]).toBe(3);
  });

  it('Wald z: the normal p-values the engine stored, or a word that an older fit has none', () => {
    expect(waldTestsTable(fit).rows[2].cells).toEqual(['gendergirl', gender.fit.fixef.estimate[2], gender.fit.fixef.se[2], gender.fit.fixef.statistic[2], 0.5]);
    const { wald_p: _none, ...older } = fit;
    expect(waldTestsTable(older).note).toContain('fit the model again');
  });
});

describe('the figures', () => {
  it('bootstrap: one panel per parameter with a histogram, bars on R’s breaks, estimate and interval lines', () => {
    const figure = bootFigure(boot, 'm1', 'model-1');
    expect(figure.panels.map((p) => p.label)).toEqual(['Bootstrap distribution of gendergirl']);
    const config = bootPanelConfig(boot, 4);
    const lines = config.data.datasets.slice(1).map((d) => (d.data as { x: number }[])[0].x);
    expect(lines).toEqual([bootRef.t0[4], ...ci95.ci[4]]);
    expect(figure.caption).toContain('1000 replicates (seed 1000)');
  });

  it('profile: ζ against each parameter with the cutoffs and the interval’s ends', () => {
    const figure = profileFigure(profile, 'm1', 'model-1');
    expect(figure.panels).toHaveLength(profile.curves.length);
    const k = profile.curves.findIndex((c) => c.name === 'gendergirl');
    const config = profilePanelConfig(profile, k);
    const [curve, upper, lower, ...ends] = config.data.datasets;
    expect((curve.data as unknown[]).length).toBe(profile.curves[k].x.length);
    expect((upper.data as { y: number }[])[0].y).toBeCloseTo(1.96, 2);
    expect((lower.data as { y: number }[])[0].y).toBeCloseTo(-1.96, 2);
    expect(ends.map((d) => (d.data as { x: number }[])[0].x)).toEqual(profileRef.ci[4]);
  });
});
