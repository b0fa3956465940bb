import { describe, expect, it } from 'vitest';
import { pivotedQr } from '../../../../src-main/engine/model/pivoted-qr';

/** Column-major from columns. */
function matrix(...columns: number[][]): Float64Array {
  return Float64Array.from(columns.flat());
}

describe("pivotedQr is R's qr() (LINPACK dqrdc2, tol 1e-7)", () => {
  it('moves a dependent column to the end and matches qr$qr, qr$qraux and qr$pivot', () => {
    // R: X <- cbind(1, 1:6, 2 * (1:6), c(1,0,1,0,1,1), c(0.5,1,2,3,1,0)); q <- qr(X)
    const X = matrix([1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12], [1, 0, 1, 0, 1, 1], [0.5, 1, 2, 3, 1, 0]);
    const q = pivotedQr(X, 6, 5);
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
    const q = pivotedQr(matrix([0, 0, 0, 0], [1, 2, 3, 4], [1, 1, 1, 1]), 4, 3);
    expect(q.rank).toBe(2);
    expect(Array.from(q.pivot)).toEqual([1, 2, 0]);
  });

  it('has rank at most n when there are more columns than rows', () => {
    // R: qr(cbind(1, 1:3, (1:3)^2, c(5,1,2), c(1,0,0)))$rank = 3, $pivot = 1 2 3 4 5
    const q = pivotedQr(matrix([1, 1, 1], [1, 2, 3], [1, 4, 9], [5, 1, 2], [1, 0, 0]), 3, 5);
    expect(q.rank).toBe(3);
    expect(Array.from(q.pivot)).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws the line at a relative residual of 1e-7', () => {
    // R: qr(cbind(1, x, x + 1e-9 * (-1)^(0:5)))$rank = 2; with 1e-5 it is 3 (x = 1:6)
    const x = [1, 2, 3, 4, 5, 6];
    const wiggle = (h: number) => x.map((v, i) => v + h * (i % 2 === 0 ? 1 : -1));
    expect(pivotedQr(matrix([1, 1, 1, 1, 1, 1], x, wiggle(1e-9)), 6, 3).rank).toBe(2);
    expect(pivotedQr(matrix([1, 1, 1, 1, 1, 1], x, wiggle(1e-5)), 6, 3).rank).toBe(3);
  });

  it('leaves its input alone', () => {
    const X = matrix([1, 1, 1], [1, 2, 4]);
    pivotedQr(X, 3, 2);
    expect(Array.from(X)).toEqual([1, 1, 1, 1, 2, 4]);
  });
});
