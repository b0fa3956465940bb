import { describe, expect, it } from 'vitest';
import { fitLmList } from '../../../../src-main/engine/lm/lm-list';
import { col, design, fixture, response, sampleData } from './design';

interface LmListReference {
  groups: string[];
  names: string[];
  coef: number[][];
  lower: number[][];
  upper: number[][];
  pooled_sigma: number;
}

function maxRelativeError(actual: number[][], expected: number[][]): number {
  let worst = 0;
  actual.forEach((row, i) =>
    row.forEach((v, j) => {
      const e = expected[i][j];
      worst = Math.max(worst, Math.abs(v - e) / Math.max(Math.abs(e), 1e-300));
    }),
  );
  return worst;
}

describe('fitLmList against nlme::lmList and intervals()', () => {
  it("exam_m1_lm: normexam ~ standLRT | school without school 48 — coefficients, pooled SD and 95% limits within 1e-9 of nlme", async () => {
    const ref = fixture('lme4/exam_m1_lm.json') as unknown as { levels: Record<string, string[]>; lmlist: LmListReference };
    const data = await sampleData('exam.csv', ref.levels);
    const school = col(data, 'school');
    if (school.kind !== 'factor') throw new Error('school should be a factor');
    // subset = school != '48', applied before grouping as lmList(subset =) does.
    const rows = Int32Array.from(
      Array.from(school.codes.keys()).filter((i) => school.levels[school.codes[i]] !== '48'),
    );
    const fit = fitLmList(
      design(data, [{ intercept: true }, { numeric: 'standLRT' }], rows),
      response(data, 'normexam', rows),
      { codes: Int32Array.from(rows, (i) => school.codes[i]), levels: school.levels },
    );
    const lm = ref.lmlist;
    expect(fit.groups).toEqual(lm.groups);
    expect(fit.names).toEqual(lm.names);
    expect(Math.abs(fit.pooled_sigma - lm.pooled_sigma) / lm.pooled_sigma).toBeLessThan(1e-12);
    expect(maxRelativeError(fit.coef, lm.coef)).toBeLessThan(1e-9);
    expect(maxRelativeError(fit.lower, lm.lower)).toBeLessThan(1e-9);
    expect(maxRelativeError(fit.upper, lm.upper)).toBeLessThan(1e-9);
    expect(fit.df_pooled).toBe(4057 - 2 - 2 * 63);
  });

  it('handles a group with a constant predictor (slope NA) and a one-row group (NaN limits) as nlme does', () => {
    // R: lmList(y ~ x | g, data.frame(g = c(a,a,a,a,a,b,b,c), x = c(1,2,3,4,6,1,1,5), y = c(1,2,4,3,7,3,5,7)))
    const x = [1, 2, 3, 4, 6, 1, 1, 5];
    const X = Float64Array.from([...x.map(() => 1), ...x]);
    const fit = fitLmList(
      { X, n: 8, p: 2, names: ['(Intercept)', 'x'] },
      Float64Array.from([1, 2, 4, 3, 7, 3, 5, 7]),
      { codes: Int32Array.from([0, 0, 0, 0, 0, 1, 1, 2]), levels: ['a', 'b', 'c'] },
    );
    expect(fit.df_pooled).toBe(2); // (5 − 2) + (2 − 2) + (1 − 2): nlme counts the NA coefficients
    expect(fit.pooled_sigma).toBeCloseTo(1.513453, 6);
    expect(fit.coef[0][1]).toBeCloseTo(1.121622, 6);
    expect(fit.coef[1]).toEqual([expect.closeTo(4, 12), NaN]);
    expect(fit.lower[0]).toEqual([expect.closeTo(-6.33899488782072, 12), expect.closeTo(-0.57105668756861, 12)]);
    expect(fit.upper[1][0]).toBeCloseTo(8.60458282064542, 12);
    expect(fit.lower[2][0]).toBeNaN();
    expect(fit.coef[2][0]).toBe(7);
    expect(fit.lower[1][1]).toBeNaN();
  });

  it('drops levels without rows and refuses rows without a group', () => {
    const X = Float64Array.from([1, 1, 1, 1, 1, 2, 3, 4]);
    const y = Float64Array.from([1, 2, 2, 5]);
    const fit = fitLmList({ X, n: 4, p: 2, names: ['(Intercept)', 'x'] }, y, {
      codes: Int32Array.from([2, 2, 2, 2]),
      levels: ['a', 'b', 'c'],
    });
    expect(fit.groups).toEqual(['c']);
    expect(() =>
      fitLmList({ X, n: 4, p: 2, names: ['(Intercept)', 'x'] }, y, { codes: Int32Array.from([0, -1, 0, 0]), levels: ['a'] }),
    ).toThrow(/row 2 has no group/);
  });
});
