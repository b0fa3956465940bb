import { describe, expect, it } from 'vitest';
import { fitLm, lmFitJson, type LmFit } from '../../../../src-main/engine/lm/fit-lm';
import { closeTo, design, fixture, response, sampleData, type Part } from './design';

interface LmReference {
  coef: { names: string[]; estimate: number[]; se: number[]; t: number[]; p: number[] };
  sigma: number;
  df_resid: number;
  r_squared: number;
  adj_r_squared: number;
  fstatistic: number[];
  f_p: number;
  resid_quantiles: number[];
  logLik: number;
  AIC: number;
  BIC: number;
  confint: number[][];
}

/** Largest relative error of every reported number against R (absolute below 1e-12 in magnitude). */
function worstError(fit: LmFit, ref: LmReference): { field: string; error: number } {
  const pairs: [string, number, number][] = [];
  const add = (field: string, a: number[], b: number[]) => a.forEach((v, i) => pairs.push([`${field}[${i}]`, v, b[i]]));
  add('estimate', fit.coef.estimate, ref.coef.estimate);
  add('se', fit.coef.se, ref.coef.se);
  add('t', fit.coef.t, ref.coef.t);
  add('p', fit.coef.p, ref.coef.p);
  add('resid_quantiles', fit.resid_quantiles, ref.resid_quantiles);
  add('fstatistic', fit.fstatistic ?? [], ref.fstatistic);
  add('confint', fit.confint.flat(), ref.confint.flat());
  for (const k of ['sigma', 'df_resid', 'r_squared', 'adj_r_squared', 'f_p', 'logLik', 'AIC', 'BIC'] as const) {
    pairs.push([k, fit[k] as number, ref[k]]);
  }
  let worst = { field: '', error: 0 };
  for (const [field, a, b] of pairs) {
    // p-values that underflow in R (0) must be tiny here too.
    const error = Math.abs(b) < 1e-12 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);
    if (!(error <= worst.error)) worst = { field, error };
  }
  return worst;
}

const cases: { id: string; file: string; parts: Part[]; y: string }[] = [
  { id: 'exam_m1_lm', file: 'exam.csv', parts: [{ intercept: true }, { numeric: 'standLRT' }], y: 'normexam' },
  { id: 'exam_lm_sex', file: 'exam.csv', parts: [{ intercept: true }, { numeric: 'standLRT' }, { factor: 'sex' }], y: 'normexam' },
  { id: 'jsp_lm', file: 'jsp.txt', parts: [{ intercept: true }, { numeric: 'raven' }, { factor: 'gender' }], y: 'math' },
];

describe('fitLm against the lm reference cases of test/fixtures/lme4', () => {
  for (const c of cases) {
    it(`${c.id}: every summary.lm, logLik, AIC, BIC and confint number within 1e-9 relative of R`, async () => {
      const ref = fixture(`lme4/${c.id}.json`) as unknown as { levels: Record<string, string[]>; fit: LmReference };
      const data = await sampleData(c.file, ref.levels);
      const fit = fitLm(design(data, c.parts), response(data, c.y));
      expect(fit.coef.names).toEqual(ref.fit.coef.names);
      expect(fit.df_resid).toBe(ref.fit.df_resid);
      expect(worstError(fit, ref.fit).error).toBeLessThan(1e-9);
      expect(closeTo(fit.sigma, ref.fit.sigma)).toBe(true);
    });
  }

  it('exam_m1_lm: the exact numbers of the course notes (β̂ = -0.0011907, 0.5950568; σ̂ = 0.8054431)', async () => {
    const ref = fixture('lme4/exam_m1_lm.json');
    const data = await sampleData('exam.csv', ref.levels);
    const fit = fitLm(design(data, [{ intercept: true }, { numeric: 'standLRT' }]), response(data, 'normexam'));
    expect(fit.coef.estimate[0]).toBeCloseTo(-0.00119106880157297, 12);
    expect(fit.coef.estimate[1]).toBeCloseTo(0.595056813245988, 12);
    expect(fit.sigma).toBeCloseTo(0.80544313881495, 12);
    expect(fit.fstatistic).toEqual([expect.closeTo(2185.01128428312, 8), 1, 4057]);
    expect(fit.nobs).toBe(4059);
    expect(fit.rank).toBe(2);
    expect(fit.aliased).toEqual([]);
  });
});

describe('fitLm: rank deficiency, no intercept, weights', () => {
  it('marks a column that is a sum of earlier ones as aliased (NA) and keeps the others as R does', async () => {
    const data = await sampleData('exam.csv', { schgend: ['mixed', 'boys', 'girls'], type: ['Mxd', 'Sngl'] });
    const fit = fitLm(
      design(data, [{ intercept: true }, { numeric: 'standLRT' }, { factor: 'schgend' }, { factor: 'type' }]),
      response(data, 'normexam'),
    );
    // R: lm(normexam ~ standLRT + schgend + type, data = Exam) (test/fixtures/print/exam_aliased.txt)
    expect(fit.rank).toBe(4);
    expect(fit.aliased).toEqual(['typeSngl']);
    expect(fit.coef.estimate[4]).toBeNaN();
    expect(fit.coef.se[4]).toBeNaN();
    expect(fit.coef.estimate[1]).toBeCloseTo(0.59433, 5);
    expect(fit.coef.estimate[3]).toBeCloseTo(0.23584, 5);
    expect(fit.df_resid).toBe(4055);
    expect(fit.sigma).toBeCloseTo(0.7984, 4);
    expect(fit.fstatistic?.[1]).toBe(3);
    expect(fit.vcov[4 * 5 + 4]).toBeNaN();
    expect(JSON.parse(JSON.stringify(lmFitJson(fit))).coef.estimate[4]).toBeNull();
  });

  it('uses the uncentred total sum of squares for R² without an intercept (R: 0.357 and 0.3565)', async () => {
    const data = await sampleData('exam.csv', { sex: ['F', 'M'] });
    const fit = fitLm(design(data, [{ factor: 'sex', full: true }, { numeric: 'standLRT' }]), response(data, 'normexam'));
    expect(fit.intercept).toBe(false);
    expect(fit.coef.names).toEqual(['sexF', 'sexM', 'standLRT']);
    expect(fit.r_squared).toBeCloseTo(0.357, 3);
    expect(fit.adj_r_squared).toBeCloseTo(0.3565, 4);
    expect(fit.fstatistic?.slice(1)).toEqual([3, 4056]);
  });

  it('gives no F test for an intercept-only model, as summary.lm', async () => {
    const data = await sampleData('exam.csv');
    const fit = fitLm(design(data, [{ intercept: true }]), response(data, 'normexam'));
    expect(fit.fstatistic).toBeNull();
    expect(fit.r_squared).toBe(0);
    expect(fit.coef.estimate[0]).toBeCloseTo(-0.0001138, 7);
  });

  it('weighted least squares matches lm(Reaction ~ Days, weights = Days + 1) on sleepstudy', async () => {
    const data = await sampleData('sleepstudy.csv');
    const days = response(data, 'Days');
    const fit = fitLm(design(data, [{ intercept: true }, { numeric: 'Days' }]), response(data, 'Reaction'), {
      weights: days.map((d) => d + 1),
    });
    // R: summary(lm(Reaction ~ Days, data = sleepstudy, weights = Days + 1)), logLik, confint
    expect(fit.coef.estimate[0]).toBeCloseTo(248.170, 3);
    expect(fit.coef.estimate[1]).toBeCloseTo(11.007, 3);
    expect(fit.coef.se[1]).toBeCloseTo(1.622, 3);
    expect(fit.sigma).toBeCloseTo(125, 0);
    expect(fit.r_squared).toBeCloseTo(0.2056, 4);
    expect(fit.f_p).toBeCloseTo(1.636e-10, 13);
  });

  it('leaves rows of weight zero out of the fit but still predicts them', () => {
    const X = Float64Array.from([1, 1, 1, 1, 1, 0, 1, 2, 3, 4]);
    const y = Float64Array.from([1, 3, 5, 7, 100]);
    const fit = fitLm({ X, n: 5, p: 2, names: ['(Intercept)', 'x'] }, y, { weights: Float64Array.from([1, 1, 1, 1, 0]) });
    expect(fit.nobs).toBe(4);
    expect(fit.df_resid).toBe(2);
    expect(fit.coef.estimate[0]).toBeCloseTo(1, 12);
    expect(fit.coef.estimate[1]).toBeCloseTo(2, 12);
    expect(fit.fitted[4]).toBeCloseTo(9, 12);
    expect(fit.residuals[4]).toBeCloseTo(91, 12);
  });

  it('refuses missing values and negative weights with a message naming the row', () => {
    const X = Float64Array.from([1, 1, 1, 0, 1, 2]);
    expect(() => fitLm({ X, n: 3, p: 2, names: ['(Intercept)', 'x'] }, Float64Array.from([1, NaN, 2]))).toThrow(/missing in row 2/);
    expect(() =>
      fitLm({ X, n: 3, p: 2, names: ['(Intercept)', 'x'] }, Float64Array.from([1, 2, 2]), { weights: Float64Array.from([1, -1, 1]) }),
    ).toThrow(/row 2/);
  });
});
