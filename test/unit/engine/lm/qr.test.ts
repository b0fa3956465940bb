import { describe, expect, it } from 'vitest';
import { applyQ, backSolve, qrDecompose, unscaledCovariance } from '../../../../src-main/engine/lm/qr';

/** Column-major n × p from columns. */
function matrix(cols: number[][]): { x: Float64Array; n: number; p: number } {
  const n = cols[0].length;
  return { x: Float64Array.from(cols.flat()), n, p: cols.length };
}

describe("qrDecompose: R's dqrdc2 limited pivoting", () => {
  // R: X <- cbind(1, 1:5, 0, 2 * (1:5) + 1, c(1, -1, 2, -2, 0.5)); qr(X)
  const { x, n, p } = matrix([
    [1, 1, 1, 1, 1],
    [1, 2, 3, 4, 5],
    [0, 0, 0, 0, 0],
    [3, 5, 7, 9, 11],
    [1, -1, 2, -2, 0.5],
  ]);
  const qr = qrDecompose(x, n, p);

  it('moves the zero column and the collinear column to the end, keeping the others in order (pivot 1 2 5 3 4, rank 3)', () => {
    expect(qr.rank).toBe(3);
    expect(Array.from(qr.pivot, (j) => j + 1)).toEqual([1, 2, 5, 3, 4]);
  });

  it('stores R and the Householder vectors as LINPACK does (qr$qr and qr$qraux)', () => {
    const expectedQr = [
      [-2.23606797749978981, 0.44721359549995793, 0.44721359549995793, 0.44721359549995793, 0.44721359549995793],
      [-6.70820393249936764, 3.16227766016837997, -0.19543950758485493, -0.51166727360169284, -0.82789503961853073],
      [-0.22360679774997894, -0.63245553203367588, -3.13049516849970555, -0.86840166873088243, -0.13701135129554431],
    ];
    expectedQr.forEach((column, j) => column.forEach((v, i) => expect(qr.qr[j * n + i]).toBeCloseTo(v, 13)));
    expect(qr.qraux[0]).toBeCloseTo(1.4472135954999579, 14);
    expect(qr.qraux[1]).toBeCloseTo(1.120788258431983, 14);
    expect(qr.qraux[2]).toBeCloseTo(1.4765568500835839, 14);
  });

  it("gives R's qr.qty, qr.coef and qr.resid for a response", () => {
    const y = Float64Array.from([1.5, 2.2, 2.9, 4.1, 5.0]);
    const qty = Float64Array.from(y);
    applyQ(qr, qty, true);
    expect(Array.from(qty.subarray(0, 3))).toEqual([
      expect.closeTo(-7.021253449349339704, 13),
      expect.closeTo(2.814427117549858082, 13),
      expect.closeTo(0.124580930174987781, 13),
    ]);
    // Coefficients in pivoted order: columns 1, 2, 5.
    expect(Array.from(backSolve(qr, qty))).toEqual([
      expect.closeTo(0.497857142857143331, 13),
      expect.closeTo(0.882040816326530641, 13),
      expect.closeTo(-0.039795918367346778, 13),
    ]);
    const resid = Float64Array.from(qty).fill(0, 0, qr.rank);
    applyQ(qr, resid, false);
    [0.1598979591836738601, -0.1017346938775513382, -0.1643877551020411221, -0.0056122448979591955, 0.1118367346938778512].forEach(
      (v, i) => expect(resid[i]).toBeCloseTo(v, 13),
    );
  });

  it('inverts R′R for the estimable block (chol2inv)', () => {
    const cov = unscaledCovariance(qr);
    // (X'X)⁻¹ of columns 1, 2, 5 computed independently: the product with X'X is the identity.
    const cols = [[1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [1, -1, 2, -2, 0.5]];
    const xtx = cols.map((a) => cols.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += xtx[i][k] * cov[j * 3 + k];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('ranks a wide matrix (more columns than rows) as R does: rank n, no pivoting past row n', () => {
    const wide = matrix([[1, 1], [1, 2], [3, 5], [0, 1]]);
    const q = qrDecompose(wide.x, wide.n, wide.p);
    expect(q.rank).toBe(2);
    expect(Array.from(q.pivot)).toEqual([0, 1, 2, 3]);
  });

  it('does not modify the input matrix', () => {
    expect(Array.from(x.subarray(5, 10))).toEqual([1, 2, 3, 4, 5]);
  });
});
