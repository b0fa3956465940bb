import { describe, expect, it } from 'vitest';
import { applyQ, backSolve, qrDecompose, unscaledCovariance } from '../../../../src-main/engine/linalg/qr';

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

/** Column-major from columns. */
function byColumns(...cols: number[][]): Float64Array {
  return Float64Array.from(cols.flat());
}

describe("qrDecompose is R's qr() (LINPACK dqrdc2, tol 1e-7)", () => {
  it('moves a dependent column to the end and matches qr$qr, qr$qraux and qr$pivot', () => {
    // R: X <- cbind(1, 1:6, 2 * (1:6), c(1,0,1,0,1,1), c(0.5,1,2,3,1,0)); q <- qr(X)
    const X = byColumns([1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12], [1, 0, 1, 0, 1, 1], [0.5, 1, 2, 3, 1, 0]);
    const q = qrDecompose(X, 6, 5);
    expect(q.rank).toBe(4);
    expect(Array.from(q.pivot)).toEqual([0, 1, 3, 4, 2]); // R: 1 2 4 5 3
    const qraux = [1.4082482904638631, 1.1853214218491976, 1.1693122923901038, 1.8619129244928228, 0];
    qraux.forEach((v, j) => expect(q.qraux[j]).toBeCloseTo(v, 12));
    const qr = [
      -2.4494897427831779, 0.40824829046386307, 0.40824829046386307, 0.40824829046386307, 0.40824829046386307, 0.40824829046386307,
      -8.5732140997411257, 4.1833001326703769, -0.053724300017681102, -0.29277002188455986, -0.5318157437514387, -0.77086146561831748,
      -1.6329931618554525, 0.23904572186687856, -1.1296860077873303, -0.89482815471599619, -0.18856515678225005, -0.36750388136842699,
      -3.0618621784789735, -0.17928429140015978, 1.2898653671004592, -2.0442858111359916, -0.0086478408716782387, -0.50698256916829787,
      -17.146428199482251, 8.3666002653407539, 0, 0, 0, 0,
    ];
    qr.forEach((v, k) => expect(q.qr[k]).toBeCloseTo(v, 10));
  });

  it('moves an all-zero column to the end', () => {
    // R: qr(cbind(0, 1:4, 1))$rank = 2, $pivot = 2 3 1
    const q = qrDecompose(byColumns([0, 0, 0, 0], [1, 2, 3, 4], [1, 1, 1, 1]), 4, 3);
    expect(q.rank).toBe(2);
    expect(Array.from(q.pivot)).toEqual([1, 2, 0]);
  });

  it('has rank at most n when there are more columns than rows', () => {
    // R: qr(cbind(1, 1:3, (1:3)^2, c(5,1,2), c(1,0,0)))$rank = 3, $pivot = 1 2 3 4 5
    const q = qrDecompose(byColumns([1, 1, 1], [1, 2, 3], [1, 4, 9], [5, 1, 2], [1, 0, 0]), 3, 5);
    expect(q.rank).toBe(3);
    expect(Array.from(q.pivot)).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws the line at a relative residual of 1e-7', () => {
    // R: qr(cbind(1, x, x + 1e-9 * (-1)^(0:5)))$rank = 2; with 1e-5 it is 3 (x = 1:6)
    const x = [1, 2, 3, 4, 5, 6];
    const wiggle = (h: number) => x.map((v, i) => v + h * (i % 2 === 0 ? 1 : -1));
    expect(qrDecompose(byColumns([1, 1, 1, 1, 1, 1], x, wiggle(1e-9)), 6, 3).rank).toBe(2);
    expect(qrDecompose(byColumns([1, 1, 1, 1, 1, 1], x, wiggle(1e-5)), 6, 3).rank).toBe(3);
  });

  it('leaves its input alone', () => {
    const X = byColumns([1, 1, 1], [1, 2, 4]);
    qrDecompose(X, 3, 2);
    expect(Array.from(X)).toEqual([1, 1, 1, 1, 2, 4]);
  });
});
