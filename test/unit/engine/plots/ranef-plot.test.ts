import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RanefValue } from '@shared/model-plots';
import { silentContext } from '../../../../src-main/engine/context';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { fitModel } from '../../../../src-main/engine/fit/fit-model';
import { evaluateModel } from '../../../../src-main/engine/plots/model-evaluation';
import { ranefPlot } from '../../../../src-main/engine/plots/ranef-plot';
import { rSample } from '../../../../src-main/engine/plots/r-sample';
import { runTask } from '../../../../src-main/engine/tasks';
import { loadExam, loadJsp } from '../model/data';

/** R's numbers, made by test/fixtures/plots/make-ranef-fixtures.R (strings of sprintf('%.17g')). */
type Nums = string[];
interface TermRef {
  modes: Nums;
  theoretical: Nums;
  slope: string;
  intercept: string;
  breaks: Nums;
  counts: number[];
  density_x: Nums;
  density_y: Nums;
  bw: string;
}
interface ModelRef {
  formula: string;
  sigma: string;
  levels: string[];
  terms: Record<string, TermRef>;
  fitted: Nums;
  shrinkage?: { n: number[]; mean_resid: Nums; blup: Nums; factor: Nums; tau2: string };
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/plots/ranef.json', import.meta.url), 'utf8')) as Record<'exam_m3' | 'exam_m2' | 'jsp_ri', ModelRef>;
const nums = (a: Nums) => a.map(Number);

function expectClose(actual: ArrayLike<number>, expected: number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(worst).toBeLessThanOrEqual(tol);
}

async function evaluated(id: keyof typeof fixture) {
  const data: DataFrame = id === 'jsp_ri' ? await loadJsp() : await loadExam();
  const spec = { kind: 'lmer' as const, formula: fixture[id].formula, reml: true };
  const fit = await fitModel({ spec, rows: data.rows, columns: data.columns, recipes: [], dataName: id }, silentContext);
  return { spec, data, fit, ev: evaluateModel(spec, data, fit.fit, undefined) };
}

describe('random-effects plots: the numbers of R and lme4', () => {
  for (const id of ['exam_m3', 'exam_m2', 'jsp_ri'] as const) {
    it(`ranef, qqnorm/qqline, hist, density and fitted values of ${fixture[id].formula}`, async () => {
      const ref = fixture[id];
      const { ev } = await evaluated(id);
      const v = ranefPlot('m', ref.formula, ev, { kind: 'ranef' });
      expect(v.group).toBe('school');
      expect(v.levels).toEqual(ref.levels);
      expect(v.terms.map((t) => t.name)).toEqual(Object.keys(ref.terms));
      for (const t of v.terms) {
        const r = ref.terms[t.name];
        // Our optimum and lme4's (tight optimizer) agree to about 1e-6.
        expectClose(t.modes, nums(r.modes), 1e-6);
        // qqnorm's quantiles depend only on the ranks: exact.
        expectClose(t.theoretical, nums(r.theoretical), 1e-15);
        expect(Math.abs(t.slope - Number(r.slope))).toBeLessThan(1e-6);
        expect(Math.abs(t.intercept - Number(r.intercept))).toBeLessThan(1e-6);
        expect(t.histogram.breaks).toEqual(nums(r.breaks));
        expect(t.histogram.counts).toEqual(r.counts);
        expect(Math.abs(t.density!.bw - Number(r.bw))).toBeLessThan(1e-6);
        expectClose(t.density!.x, nums(r.density_x), 1e-6);
        expectClose(t.density!.y, nums(r.density_y), 1e-5);
      }
      const lines = v.lines!;
      expect(lines.straight).toBe(true);
      expect(lines.thinned).toBe(false);
      expect(lines.series).toHaveLength(ref.levels.length);
      const fitted = nums(ref.fitted);
      for (const s of lines.series) {
        s.row.forEach((row, k) => expect(Math.abs(s.y[k] - fitted[row - 1])).toBeLessThan(1e-6));
        for (let k = 1; k < s.x.length; k++) expect(s.x[k]).toBeGreaterThanOrEqual(s.x[k - 1]);
      }
      expect(lines.series.reduce((n, s) => n + s.row.length, 0)).toBe(fitted.length);
    });
  }

  for (const id of ['jsp_ri', 'exam_m2'] as const) {
    it(`each BLUP is the shrinkage factor n τ²/(σ² + n τ²) times the mean raw residual (${fixture[id].formula})`, async () => {
      const ref = fixture[id].shrinkage!;
      const { ev } = await evaluated(id);
      const s = ranefPlot('m', fixture[id].formula, ev, { kind: 'ranef' }).shrinkage!;
      expect(s.n).toEqual(ref.n);
      s.blup.forEach((b, a) => expect(Math.abs(b - s.factor[a] * s.meanResidual[a])).toBeLessThan(1e-8));
      expectClose(s.meanResidual, nums(ref.mean_resid), 1e-6);
      expectClose(s.factor, nums(ref.factor), 1e-6);
      expectClose(s.blup, nums(ref.blup), 1e-6);
      expect(Math.abs(s.tau2 - Number(ref.tau2))).toBeLessThan(1e-6);
    });
  }

  it('has no shrinkage panel for a random slope, and draws a seeded subset of the groups as R samples them', async () => {
    const { ev } = await evaluated('exam_m3');
    const v = ranefPlot('m', fixture.exam_m3.formula, ev, { kind: 'ranef', groups: { pick: 'random', k: 8, seed: 202201 } });
    expect(v.shrinkage).toBeNull();
    const drawn = rSample(fixture.exam_m3.levels, 8, 202201);
    expect(v.lines!.groups.levels).toEqual(fixture.exam_m3.levels.filter((l) => drawn.includes(l)));
    expect(v.lines!.series.map((s) => s.level)).toEqual(v.lines!.groups.levels);
    // Above the point limit each line keeps its ends and evenly spaced points between.
    const thin = ranefPlot('m', fixture.exam_m3.formula, ev, { kind: 'ranef' }, 650);
    expect(thin.lines!.thinned).toBe(true);
    expect(thin.lines!.series.every((s) => s.x.length <= 10)).toBe(true);
  });

  it('says what is wrong with a bad grouping factor or predictor, and the plot.model task answers the ranef kind', async () => {
    const { ev, spec, data, fit } = await evaluated('jsp_ri');
    expect(() => ranefPlot('m', spec.formula, ev, { kind: 'ranef', group: 'class' })).toThrow(/not a grouping factor.*school/);
    expect(() => ranefPlot('m', spec.formula, ev, { kind: 'ranef', x: 'math' })).toThrow(/not a numeric predictor.*raven/);
    const value = (await runTask(
      { kind: 'plot.model', input: { modelId: 'mdl-1', spec, fit: fit.fit, plot: { kind: 'ranef' }, rows: data.rows, columns: data.columns, recipes: [] } },
      silentContext,
      { readFile: () => Promise.reject(new Error('no files')) },
    )) as RanefValue;
    expect(value.kind).toBe('ranef');
    expect(value.lines?.x).toBe('raven');
    expect(value.shrinkage?.n.reduce((a, b) => a + b, 0)).toBe(data.rows);
  });
});
