import { describe, expect, it } from 'vitest';
import { choleskyLower } from '../../../../src-main/engine/lmm/dense';
import { choleskyArrow } from '../../../../src-main/engine/glmm/pirls';

/** PIRLS's factor of a system whose leading q × q block is diagonal (one scalar random-effects term). */
describe('choleskyArrow', () => {
  it('gives choleskyLower’s factor of a diagonal-plus-border matrix', () => {
    const q = 37;
    const p = 3;
    const m = q + p;
    // B Bᵀ + I over a border B, so the matrix is positive definite with a diagonal leading block.
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const a = new Float64Array(m * m);
    for (let j = 0; j < q; j++) a[j * m + j] = 1 + 5 * Math.abs(rand());
    const X = Array.from({ length: p }, () => Array.from({ length: q }, rand));
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < q; j++) a[(q + i) * m + j] = X[i][j];
      for (let k = 0; k <= i; k++) a[(q + i) * m + q + k] = (i === k ? 20 : 0) + X[i].reduce((s, x, j) => s + x * X[k][j], 0);
    }
    const dense = Float64Array.from(a);
    expect(choleskyLower(dense, m)).toBe(true);
    const arrow = Float64Array.from(a);
    expect(choleskyArrow(arrow, m, q)).toBe(true);
    for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) expect(Math.abs(arrow[i * m + j] - dense[i * m + j])).toBeLessThan(1e-13);
  });

  it('refuses a matrix that is not positive definite', () => {
    const a = Float64Array.from([1, 0, 0, 0, -1, 0, 0.5, 0.5, 1]);
    expect(choleskyArrow(a, 3, 2)).toBe(false);
  });
});
