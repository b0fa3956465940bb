import { describe, expect, it } from 'vitest';
import { backSolveTransposed, choleskyLower, choleskySmall, crossprodLower, forwardSolve, invertLower } from '../../../../src-main/engine/lmm/dense';

/** A seeded symmetric positive-definite n × n matrix (row-major): BBᵀ + n·I. */
function spd(n: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  const B = Float64Array.from({ length: n * n }, rnd);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = i === j ? n : 0;
      for (let k = 0; k < n; k++) v += B[i * n + k] * B[j * n + k];
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return A;
}

function maxAbs(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('choleskyLower (row-major, four-row tiles)', () => {
  for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 13, 31, 64]) {
    it(`n = ${n}: LLᵀ reproduces A to 1e-12 and leaves the upper triangle alone`, () => {
      const A = spd(n, 7 + n);
      const L = A.slice();
      expect(choleskyLower(L, n)).toBe(true);
      const back = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let v = 0;
          for (let k = 0; k <= j; k++) v += L[i * n + k] * L[j * n + k];
          back[i * n + j] = v;
          back[j * n + i] = v;
        }
      }
      expect(maxAbs(back, A) / n).toBeLessThan(1e-12);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(L[i * n + j]).toBe(A[i * n + j]);
    });
  }

  it('reports a matrix that is not positive definite', () => {
    const A = spd(9, 3);
    A[6 * 9 + 6] = -1;
    expect(choleskyLower(A, 9)).toBe(false);
    expect(choleskyLower(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });
});

describe('triangular solves and the inverse', () => {
  const n = 11;
  const L = spd(n, 5);
  choleskyLower(L, n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) L[i * n + j] = 0;

  it('forwardSolve and backSolveTransposed invert L and Lᵀ', () => {
    const x = Float64Array.from({ length: n }, (_, i) => i - 3);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) b[i] += L[i * n + k] * x[k];
    forwardSolve(L, n, b);
    expect(maxAbs(b, x)).toBeLessThan(1e-12);
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = i; k < n; k++) c[i] += L[k * n + i] * x[k];
    backSolveTransposed(L, n, c);
    expect(maxAbs(c, x)).toBeLessThan(1e-12);
  });

  it('crossprodLower(invertLower(L)) is (LLᵀ)⁻¹', () => {
    const S = crossprodLower(invertLower(L, n), n);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k <= Math.min(i, j); k++) A[i * n + j] += L[i * n + k] * L[j * n + k];
    const I = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) I[i * n + j] += A[i * n + k] * S[k * n + j];
    for (let i = 0; i < n; i++) I[i * n + i] -= 1;
    expect(maxAbs(I, new Float64Array(n * n))).toBeLessThan(1e-12);
  });
});

describe('choleskySmall (column-major q × q blocks at an offset)', () => {
  it('factors the 3 × 3 block [[4, 2, 2], [2, 5, 3], [2, 3, 6]] at offset 2', () => {
    const a = Float64Array.from([9, 9, 4, 2, 2, 2, 5, 3, 2, 3, 6]);
    expect(choleskySmall(a, 2, 3)).toBe(true);
    expect(a[2]).toBeCloseTo(2, 15);
    expect(a[3]).toBeCloseTo(1, 15);
    expect(a[4]).toBeCloseTo(1, 15);
    expect(a[6]).toBeCloseTo(2, 15);
    expect(a[7]).toBeCloseTo(1, 15);
    expect(a[10]).toBeCloseTo(2, 15);
    expect(Array.from(a.subarray(0, 2))).toEqual([9, 9]);
  });
});
