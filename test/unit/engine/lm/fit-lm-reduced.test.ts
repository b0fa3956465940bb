import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '@shared/expr/parse';
import { fitLm, type LmFit, type LmOptions } from '../../../../src-main/engine/lm/fit-lm';
import { fitLmList } from '../../../../src-main/engine/lm/lm-list';
import { deparseCall, nameExpr } from '../../../../src-main/engine/print/deparse';
import { formatSummaryLm } from '../../../../src-main/engine/print/summary-lm';
import { closeTo, design, fixture, response, sampleData, values, type Part } from './design';

/**
 * The same fits with the rows reduced first (linalg/tall-qr.ts), forced on these small
 * data sets with small blocks: what long data goes through.
 */
const REDUCED: LmOptions['qr'] = { directRows: 0, blockRows: 64 };

function relative(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  return Math.abs(b) < 1e-12 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);
}

/** Largest relative difference over every number summary.lm reports. */
function difference(a: LmFit, b: LmFit): number {
  const pairs: [number, number][] = [];
  const add = (x: readonly number[], y: readonly number[]) => x.forEach((v, i) => pairs.push([v, y[i]]));
  add(a.coef.estimate, b.coef.estimate);
  add(a.coef.se, b.coef.se);
  add(a.coef.t, b.coef.t);
  add(a.coef.p, b.coef.p);
  add(a.resid_quantiles, b.resid_quantiles);
  add(a.confint.flat(), b.confint.flat());
  add(Array.from(a.fitted), Array.from(b.fitted));
  add(Array.from(a.vcov), Array.from(b.vcov));
  for (const k of ['sigma', 'r_squared', 'adj_r_squared', 'logLik', 'AIC', 'BIC'] as const) pairs.push([a[k], b[k]]);
  return Math.max(...pairs.map(([x, y]) => relative(x, y)));
}

const examLevels = { sex: ['F', 'M'], intake: ['bottom 25%', 'mid 50%', 'top 25%'], schgend: ['mixed', 'boys', 'girls'], type: ['Mxd', 'Sngl'] };
const int: Part = { intercept: true };

describe('fitLm through the row reduction', () => {
  it.each(['exam_m1_lm', 'exam_lm_sex', 'jsp_lm'])('%s: the reference numbers within 1e-9 relative of R', async (id) => {
    const ref = fixture(`lme4/${id}.json`) as unknown as { levels: Record<string, string[]>; fit: Record<string, unknown> };
    const parts: Record<string, [string, Part[], string]> = {
      exam_m1_lm: ['exam.csv', [int, { numeric: 'standLRT' }], 'normexam'],
      exam_lm_sex: ['exam.csv', [int, { numeric: 'standLRT' }, { factor: 'sex' }], 'normexam'],
      jsp_lm: ['jsp.txt', [int, { numeric: 'raven' }, { factor: 'gender' }], 'math'],
    };
    const [file, terms, y] = parts[id];
    const data = await sampleData(file, ref.levels);
    const fit = fitLm(design(data, terms), response(data, y), { qr: REDUCED });
    const r = ref.fit as { coef: { estimate: number[]; se: number[]; p: number[] }; sigma: number; logLik: number; resid_quantiles: number[]; fstatistic: number[] };
    const ours = [...fit.coef.estimate, ...fit.coef.se, ...fit.coef.p, fit.sigma, fit.logLik, ...fit.resid_quantiles, ...(fit.fstatistic ?? [])];
    const theirs = [...r.coef.estimate, ...r.coef.se, ...r.coef.p, r.sigma, r.logLik, ...r.resid_quantiles, ...r.fstatistic];
    expect(Math.max(...ours.map((v, i) => relative(v, theirs[i])))).toBeLessThan(1e-9);
    expect(closeTo(fit.sigma, r.sigma)).toBe(true);
  });

  it('finds the aliased column of normexam ~ standLRT + schgend + type and agrees with the direct fit', async () => {
    const data = await sampleData('exam.csv', examLevels);
    const d = design(data, [int, { numeric: 'standLRT' }, { factor: 'schgend' }, { factor: 'type' }]);
    const y = response(data, 'normexam');
    const reduced = fitLm(d, y, { qr: REDUCED });
    expect(reduced.aliased).toEqual(['typeSngl']);
    expect(reduced.rank).toBe(4);
    expect(difference(reduced, fitLm(d, y))).toBeLessThan(1e-10);
  });

  it('weights: the same fit as lm.wfit on the rows, zero-weight rows predicted from the coefficients', async () => {
    const data = await sampleData('sleepstudy.csv');
    const days = values(data, 'Days');
    const weights = days.map((v, i) => (i % 10 === 3 ? 0 : v + 1));
    const d = design(data, [int, { numeric: 'Days' }]);
    const y = response(data, 'Reaction');
    const reduced = fitLm(d, y, { weights, qr: { directRows: 0, blockRows: 16 } });
    const direct = fitLm(d, y, { weights });
    expect(reduced.nobs).toBe(162);
    expect(difference(reduced, direct)).toBeLessThan(1e-10);
    expect(reduced.fitted[3]).toBeCloseTo(reduced.coef.estimate[0] + 3 * reduced.coef.estimate[1], 10);
  });

  it('prints the summaries of test/fixtures/print character for character', async () => {
    const exam = await sampleData('exam.csv', examLevels);
    const call = (formula: string, data: string, weights?: string) =>
      deparseCall('lm', [
        { name: 'formula', value: parseExpression(formula, 'formula') },
        { name: 'data', value: nameExpr(data) },
        ...(weights ? [{ name: 'weights', value: parseExpression(weights, 'weights') }] : []),
      ]);
    const cases: [string, string, Part[]][] = [
      ['exam_standLRT', call('normexam ~ standLRT', 'Exam'), [int, { numeric: 'standLRT' }]],
      ['exam_standLRT_intake_sex', call('normexam ~ standLRT + intake + sex', 'Exam'), [int, { numeric: 'standLRT' }, { factor: 'intake' }, { factor: 'sex' }]],
      ['exam_aliased', call('normexam ~ standLRT + schgend + type', 'Exam'), [int, { numeric: 'standLRT' }, { factor: 'schgend' }, { factor: 'type' }]],
      ['exam_no_intercept', call('normexam ~ 0 + sex + standLRT', 'Exam'), [{ factor: 'sex', full: true }, { numeric: 'standLRT' }]],
      ['exam_intercept_only', call('normexam ~ 1', 'Exam'), [int]],
      ['exam_empty', call('normexam ~ 0', 'Exam'), []],
      ['exam_scaled', call('normexam ~ I(standLRT * 1e+06) + sex', 'Exam'), [int, { numeric: 'standLRT', scale: 1e6, label: 'I(standLRT * 1e+06)' }, { factor: 'sex' }]],
    ];
    for (const [id, lmCall, parts] of cases) {
      const fit = fitLm(design(exam, parts), response(exam, 'normexam'), { qr: REDUCED });
      const expected = readFileSync(new URL(`../../../fixtures/print/${id}.txt`, import.meta.url), 'utf8');
      expect(formatSummaryLm(fit, lmCall), id).toBe(expected);
    }
    const sleep = await sampleData('sleepstudy.csv');
    const weights = values(sleep, 'Days').map((v) => v + 1);
    const weighted = fitLm(design(sleep, [int, { numeric: 'Days' }]), response(sleep, 'Reaction'), { weights, qr: REDUCED });
    const expected = readFileSync(new URL('../../../fixtures/print/sleep_weighted.txt', import.meta.url), 'utf8');
    expect(formatSummaryLm(weighted, call('Reaction ~ Days', 'sleep', 'Days + 1'))).toBe(expected);
  });
});

describe('fitLmList with groups long enough to be reduced', () => {
  it('gives the fits of the direct QR for every group', () => {
    const n = 30_000;
    const groups = 3;
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const X = new Float64Array(3 * n);
    const y = new Float64Array(n);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      codes[i] = i % groups;
      X[i] = 1;
      X[n + i] = random() * 4;
      // A constant predictor in group 2: aliased there, as in nlme.
      X[2 * n + i] = codes[i] === 2 ? 1 : random();
      y[i] = 1 + codes[i] * X[n + i] + 0.5 * X[2 * n + i] + random();
    }
    const fit = fitLmList({ X, n, p: 3, names: ['(Intercept)', 'x', 'z'] }, y, { codes, levels: ['a', 'b', 'c'] });
    expect(fit.rank).toEqual([3, 3, 2]);
    expect(fit.coef[2][2]).toBeNaN();
    // Each group alone, 10,000 rows: above the direct limit, so reduced; compare with dqrdc2 on the rows.
    for (let g = 0; g < groups; g++) {
      const rows = Int32Array.from({ length: n / groups }, (_, k) => k * groups + g);
      const Xg = new Float64Array(rows.length * 3);
      for (let j = 0; j < 3; j++) rows.forEach((i, k) => (Xg[j * rows.length + k] = X[j * n + i]));
      const yg = Float64Array.from(rows, (i) => y[i]);
      const direct = fitLm({ X: Xg, n: rows.length, p: 3, names: ['(Intercept)', 'x', 'z'] }, yg, { qr: { directRows: Infinity } });
      fit.coef[g].forEach((b, j) => expect(relative(b, direct.coef.estimate[j])).toBeLessThan(1e-10));
      expect(relative(fit.sigma[g], direct.sigma)).toBeLessThan(1e-10);
    }
  });
});

describe('fitLm through the row reduction refuses bad values', () => {
  it('names the row of an infinite or missing value in X, as the direct fit does', () => {
    const n = 6000;
    const X = new Float64Array(3 * n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X[i] = 1;
      X[n + i] = i % 17;
      X[2 * n + i] = (i * 7) % 13;
      y[i] = i % 5;
    }
    const names = ['(Intercept)', 'a', 'b'];
    X[n + 5000] = Infinity;
    expect(() => fitLm({ X, n, p: 3, names }, y)).toThrow(/column "a" is infinite in row 5001/);
    X[n + 5000] = 1;
    X[2 * n + 42] = NaN;
    expect(() => fitLm({ X, n, p: 3, names }, y)).toThrow(/column "b" is missing in row 43/);
  });
});
