import { describe, expect, it } from 'vitest';
import type { ModelFitValue } from '@shared/models';
import jspRi from '../../../../fixtures/lme4/jsp_ri_gender.json';
import m3 from '../../../../fixtures/lme4/exam_m3_rs.json';
import m4 from '../../../../fixtures/lme4/exam_m4_singular.json';
import cbpp from '../../../../fixtures/lme4/cbpp_laplace.json';
import { exportTable } from '../../../../../src-renderer/lib/table-export';
import { latentScaleNote, varianceExplainedView, withinGroupCorrelation } from '../../../../../src-renderer/views/results/variance-explained';

/** jsonlite writes one-element vectors as scalars; the engine always writes arrays. */
const arrays = (varcorr: { group: string; names: unknown; variance: unknown }[]) =>
  varcorr.map((v) => ({ ...v, names: [v.names].flat(), variance: [v.variance].flat(), sd: [], corr: null }));

const value = (kind: 'lmer' | 'glmer', fit: Record<string, unknown>): ModelFitValue => ({ kind, formula: '', text: '', fit, messages: [] });

describe('the Variance explained panel', () => {
  it('jsp_ri_gender: performance’s ICC and R², and the within-school correlation of the JSP note', () => {
    const view = varianceExplainedView(value('lmer', { ...jspRi.fit, varcorr: arrays(jspRi.fit.varcorr) }));
    if (view.status !== 'ok') throw new Error(view.status);
    expect(view.rows.map((r) => [r.label, r.value])).toEqual([
      ['ICC (adjusted)', jspRi.fit.icc.adjusted],
      ['ICC (conditional)', jspRi.fit.icc.conditional],
      ['R² (marginal)', jspRi.fit.r2_nakagawa.marginal],
      ['R² (conditional)', jspRi.fit.r2_nakagawa.conditional],
    ]);
    const w = view.withinGroup!;
    expect(w.group).toBe('school');
    // τ²/(τ² + σ²) with lme4's variances is performance's adjusted ICC for a random-intercept model.
    expect(w.correlation).toBeCloseTo(jspRi.fit.icc.adjusted, 10);
    expect(w.formula).toBe('τ² / (τ² + σ²) = 3.625 / (3.625 + 19.59) = 0.156');
    expect(w.sentence).toContain('About 16% of the variation left after the fixed effects lies between the school groups');
    expect(w.sentence).toContain('this is the adjusted ICC');
    expect(view.notes).toEqual([]);
    expect(exportTable(view.table, 'text')).toMatch(/\nR² \(conditional\) +0\.217\nWithin-school correlation τ²\/\(τ²\+σ²\) +0\.156/);
    expect(exportTable(view.table, 'tsv').split('\n')[1]).toBe(`ICC (adjusted)\t${jspRi.fit.icc.adjusted}`);
  });

  it('a random-slope model has no within-group correlation (it changes with the slope variable)', () => {
    const view = varianceExplainedView(value('lmer', { ...m3.fit, varcorr: arrays(m3.fit.varcorr) }));
    expect(view.status === 'ok' && view.withinGroup).toBeNull();
    expect(withinGroupCorrelation({ sigma: 1, varcorr: [{ group: 'g', names: ['(Intercept)'], variance: [1] }, { group: 'h', names: ['(Intercept)'], variance: [1] }] })).toBeNull();
  });

  it('a singular fit: no ICC, no conditional R², and a note saying why', () => {
    const view = varianceExplainedView(value('lmer', { ...m4.fit, icc: null, varcorr: arrays(m4.fit.varcorr) }));
    if (view.status !== 'ok') throw new Error(view.status);
    expect(view.rows.map((r) => r.value)).toEqual([null, null, m4.fit.r2_nakagawa.marginal, null]);
    expect(view.notes[0]).toMatch(/^No ICC and no conditional R²: a variance component is \(nearly\) zero/);
  });

  it('glmer: the numbers on the latent scale, with a note on the distribution variance and no within-group row', () => {
    const view = varianceExplainedView(value('glmer', { ...cbpp.fit, family: 'binomial', link: 'logit', varcorr: arrays(cbpp.fit.varcorr) }));
    if (view.status !== 'ok') throw new Error(view.status);
    expect(view.rows[0].value).toBe(cbpp.fit.icc.adjusted);
    expect(view.withinGroup).toBeNull();
    expect(view.notes).toEqual(['On the link scale, as performance computes it for a binomial (logit) model: the residual variance is the logistic distribution’s π²/3 ≈ 3.29.']);
    expect(latentScaleNote('poisson', 'log')).toContain('log(1 + 1/λ)');
  });

  it('a fit stored before these numbers existed asks for a refit; lm fits have no panel', () => {
    const { icc: _icc, r2_nakagawa: _r2, ...old } = jspRi.fit;
    expect(varianceExplainedView(value('lmer', { ...old, varcorr: arrays(old.varcorr) })).status).toBe('old');
    expect(varianceExplainedView({ kind: 'lm', formula: '', text: '', fit: {}, messages: [] }).status).toBe('none');
  });
});
