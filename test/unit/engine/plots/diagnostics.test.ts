import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticsValue } from '@shared/model-plots';
import { silentContext } from '../../../../src-main/engine/context';
import { fitModel, subsetMask } from '../../../../src-main/engine/fit/fit-model';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { histCounts, pretty } from '../../../../src-main/engine/plots/hist-counts';
import { lowess } from '../../../../src-main/engine/plots/lowess';
import { diagnostics } from '../../../../src-main/engine/plots/diagnostics';
import { evaluateModel } from '../../../../src-main/engine/plots/model-evaluation';
import { normalQq, ppoints } from '../../../../src-main/engine/plots/qq';
import { MAX_POINTS, thinIndices } from '../../../../src-main/engine/plots/thinning';
import { runTask } from '../../../../src-main/engine/tasks';
import { sampleDataDir } from '../../helpers/csv-columns';

/** R's numbers, made by test/fixtures/plots/make-diagnostics-fixtures.R (strings of sprintf('%.17g')). */
type Nums = string[];
interface ModelRef {
  formula: string;
  sigma: string;
  fitted: Nums;
  resid: Nums;
  standardized: Nums;
  lowess: { lx: Nums; ly: Nums };
  scale_lowess: { lx: Nums; ly: Nums };
  qq: { theoretical: Nums; sample: Nums; slope: string; intercept: string };
  hist: { breaks: Nums; counts: number[] };
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/plots/diagnostics.json', import.meta.url), 'utf8')) as {
  lowess: Record<string, { x: Nums; y: Nums; lx: Nums; ly: Nums }>;
  ppoints: Record<string, Nums>;
  hist: Record<string, { x: Nums; breaks: Nums; counts: number[] }>;
  exam_m3: ModelRef;
  exam_lm: ModelRef;
};
const num = (a: Nums | string) => (Array.isArray(a) ? a.map(Number) : Number(a));
const nums = (a: Nums) => a.map(Number);

function expectClose(actual: ArrayLike<number>, expected: number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(worst).toBeLessThanOrEqual(tol);
}

async function exam() {
  const bytes = new Uint8Array(readFileSync(join(sampleDataDir, 'exam.csv')));
  return readDataFile(bytes, { fileName: 'exam.csv', factors: ['school'], levels: { school: Array.from({ length: 65 }, (_, k) => String(k + 1)) } }, silentContext);
}

describe('lowess', () => {
  for (const [id, c] of Object.entries(fixture.lowess)) {
    it(`matches R's lowess(x, y) (${id})`, () => {
      const s = lowess(nums(c.x), nums(c.y));
      expectClose(s.x, nums(c.lx), 0);
      expectClose(s.y, nums(c.ly), 1e-10);
    });
  }
});

describe('ppoints and the normal QQ plot', () => {
  it('ppoints uses a = 3/8 up to 10 points, 1/2 above', () => {
    for (const [id, p] of Object.entries(fixture.ppoints)) expectClose(ppoints(Number(id.slice(1))), nums(p), 1e-15);
  });
  it("qqnorm's theoretical quantiles and qqline's slope and intercept of Exam m3's standardized residuals", () => {
    const ref = fixture.exam_m3.qq;
    const y = nums(fixture.exam_m3.standardized);
    const qq = normalQq(y);
    // qqnorm returns the quantiles in data order (x[order(order(y))]).
    expectClose(qq.theoretical, nums(ref.theoretical), 1e-13);
    expect(qq.slope).toBeCloseTo(num(ref.slope) as number, 13);
    expect(qq.intercept).toBeCloseTo(num(ref.intercept) as number, 13);
  });
});

describe("hist()'s breaks (Sturges, pretty) and counts", () => {
  for (const [id, c] of Object.entries(fixture.hist)) {
    it(`matches R (${id})`, () => {
      const h = histCounts(nums(c.x));
      expect(h.breaks).toEqual(nums(c.breaks));
      expect(h.counts).toEqual(c.counts);
    });
  }
  it('pretty gives round numbers covering the range', () => {
    expect(pretty(0.12, 2.3, 4, 1)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(pretty(1, 10)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe('residuals and fitted values at the stored estimates', () => {
  for (const id of ['exam_m3', 'exam_lm'] as const) {
    it(`equal R's for ${fixture[id].formula}, with the diagnostics' numbers`, async () => {
      const ref = fixture[id];
      const data = await exam();
      const spec = { kind: id === 'exam_m3' ? ('lmer' as const) : ('lm' as const), formula: ref.formula, reml: true };
      const fit = await fitModel({ spec, rows: data.rows, columns: data.columns, recipes: [], dataName: 'Exam' }, silentContext);
      const ev = evaluateModel(spec, { rows: data.rows, columns: data.columns }, fit.fit, undefined);
      // lme4 (tight optimizer) and Nestor agree to about 1e-6 at the optimum.
      const tol = id === 'exam_m3' ? 1e-6 : 1e-12;
      expectClose(ev.fitted, nums(ref.fitted), tol);
      expectClose(ev.residuals, nums(ref.resid), tol);
      expectClose(ev.standardized, nums(ref.standardized), id === 'exam_m3' ? 1e-6 : 1e-11);
      const d = await diagnostics('m', ref.formula, ev, { kind: 'diagnostics' });
      expect(d.histogram.breaks).toEqual(nums(ref.hist.breaks));
      expect(d.histogram.counts).toEqual(ref.hist.counts);
      expect(d.qq.slope).toBeCloseTo(Number(ref.qq.slope), id === 'exam_m3' ? 5 : 11);
      expect(d.residualsFitted.points.x).toHaveLength(4059);
      expect(d.thinned).toBe(false);
      expect(d.residualsFitted.points.row[0]).toBe(1);
      // Exam's 4,059 rows give the full smooth: lowess(fitted, resid) as panel.smooth draws it.
      expectClose(d.residualsFitted.smooth.y, nums(ref.lowess.ly), id === 'exam_m3' ? 1e-5 : 1e-10);
      expectClose(d.scaleLocation.smooth.y, nums(ref.scale_lowess.ly), id === 'exam_m3' ? 1e-5 : 1e-10);
      expect(d.groupName).toBe(id === 'exam_m3' ? 'school' : 'sex');
      expect(d.predictors).toEqual(['standLRT']);
      // Thinned points (a limit below n): fewer points drawn, the smooth, QQ line and histogram still from every row.
      const thin = await diagnostics('m', ref.formula, ev, { kind: 'diagnostics' }, undefined, 1000);
      expect(thin.thinned).toBe(true);
      expect(thin.residualsFitted.points.x.length).toBeLessThan(4059);
      expect(thin.residualsFitted.smooth).toEqual(d.residualsFitted.smooth);
      expect(thin.qq.slope).toBe(d.qq.slope);
      expect(thin.histogram).toEqual(d.histogram);
      const kept = thin.residualsFitted.points;
      kept.row.forEach((row, k) => expect([kept.x[k], kept.y[k]]).toEqual([ev.fitted[row - 1], ev.residuals[row - 1]]));
      // Exam's row 1: standLRT 0.6190592, its residual on y.
      expect(d.residualsPredictor?.points.x[0]).toBe(0.6190592);
      expect(d.residualsPredictor?.points.y[0]).toBe(ev.residuals[0]);
      // The first note's plot(resid(m3), Exam$normexam): R's residuals on x, Exam's normexam on y (row 1: 0.2613242).
      expectClose(d.residualsObserved.points.x, nums(ref.resid), tol);
      expect(d.residualsObserved.points.y[0]).toBe(0.2613242);
    });
  }

  it('the plot.model task recomputes exactly the stored fitted and residual heads of m3 (no optimisation)', async () => {
    const data = await exam();
    const spec = { kind: 'lmer' as const, formula: 'normexam ~ standLRT + (standLRT | school)', reml: true };
    const fit = await fitModel({ spec, rows: data.rows, columns: data.columns, recipes: [], dataName: 'Exam' }, silentContext);
    const value = (await runTask(
      { kind: 'plot.model', input: { modelId: 'mdl-1', spec, fit: fit.fit, plot: { kind: 'diagnostics' }, rows: data.rows, columns: data.columns, recipes: [] } },
      silentContext,
      { readFile: () => Promise.reject(new Error('no files')) },
    )) as DiagnosticsValue;
    const heads = fit.fit as { fitted_head: number[]; resid_head: number[] };
    expect(value.residualsFitted.points.fitted.slice(0, 20)).toEqual(heads.fitted_head);
    expect(value.residualsFitted.points.resid.slice(0, 20)).toEqual(heads.resid_head);
    expect(value.groupLevels).toHaveLength(65);
    expect(value.residualsGroup?.boxes).toHaveLength(65);
  });

  it('refuses a stored fit that the data no longer gives', async () => {
    const data = await exam();
    const spec = { kind: 'lmer' as const, formula: 'normexam ~ standLRT + (1 | school)', reml: true };
    const fit = await fitModel({ spec, rows: data.rows, columns: data.columns, recipes: [], dataName: 'Exam' }, silentContext);
    const changed = { ...fit.fit, sigma: (fit.fit.sigma as number) * 1.01 };
    expect(() => evaluateModel(spec, { rows: data.rows, columns: data.columns }, changed, undefined)).toThrow(/changed since the fit/);
  });
});

describe('an lmList fit (nlme) on the diagnostics gallery', () => {
  it('gives nlme’s residuals and Pearson residuals of lmList(normexam ~ standLRT | school, subset = school != 48)', async () => {
    const data = await exam();
    const spec = { kind: 'lmList' as const, formula: 'normexam ~ standLRT | school', reml: true, subset: 'school != 48' };
    const fit = await fitModel({ spec, rows: data.rows, columns: data.columns, recipes: [], dataName: 'Exam' }, silentContext);
    const subset = subsetMask('school != 48', { rows: data.rows, columns: data.columns }, []);
    const ev = evaluateModel(spec, { rows: data.rows, columns: data.columns }, fit.fit, subset);
    // R 4.2.2, nlme 3.1-162: head(residuals(m), 5), sum(residuals(m)^2), head(residuals(m, type = "pearson"), 3).
    expectClose(ev.residuals.subarray(0, 5), [-0.56113517564201154, -0.39525182080971927, -1.139266537500556, 0.43826717919027797, -0.10223410461094581], 1e-12);
    expect(ev.residuals).toHaveLength(4057);
    expect(ev.residuals.reduce((a, r) => a + r * r, 0)).toBeCloseTo(2174.0906808661234, 9);
    expectClose(ev.standardized.subarray(0, 3), [-0.67688678665968316, -0.47678482212985207, -1.374275752425169], 1e-12);
    const d = await diagnostics('m', spec.formula, ev, { kind: 'diagnostics' });
    expect(d.modelKind).toBe('lmList');
    expect(d.standardized).toBe('pearson/group-sigma');
    expect(d.groupName).toBe('school');
    expect(d.residualsGroup?.boxes.map((b) => b.level)).not.toContain('48');
  });
});

describe('thinning', () => {
  it('keeps every point up to the limit', () => {
    expect(thinIndices([0, 1, 2], [1, 2, 3], [3, 2, 1], undefined, 3)).toEqual([0, 1, 2]);
  });
  it('keeps one point per dense cell and every point of sparse cells, never more than the bound', () => {
    const n = 200_000;
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const x = Float64Array.from({ length: n }, () => rand() + rand() + rand());
    const y = Float64Array.from({ length: n }, () => rand() - rand());
    // Two far points in their own cells stay.
    x[10] = 10;
    y[10] = 5;
    x[11] = -5;
    y[11] = -3;
    const keep = thinIndices(Int32Array.from({ length: n }, (_, i) => i), x, y);
    expect(keep.length).toBeLessThanOrEqual(MAX_POINTS);
    // The far points stretch the grid: the bulk fills a few hundred cells.
    expect(keep.length).toBeGreaterThan(400);
    expect(Array.from(keep)).toContain(10);
    expect(Array.from(keep)).toContain(11);
    expect(Array.from(keep)).toEqual([...keep].sort((a, b) => a - b));
  });
});
