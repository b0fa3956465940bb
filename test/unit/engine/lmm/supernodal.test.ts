import { describe, expect, it } from 'vitest';
import { backSolveTransposed, choleskyLower, crossprodLower, forwardSolve, invertLower } from '../../../../src-main/engine/lmm/dense';
import { inverseOnPattern } from '../../../../src-main/engine/lmm/inverse-subset';
import { backSolveSupernodal, zeroPanels, type Supernodes } from '../../../../src-main/engine/lmm/supernodal';
import { factorSupernodal } from '../../../../src-main/engine/lmm/supernodal-factor';
import { analyse, permutedLower, randomPattern, seeded, spdOnPattern } from './sparse-helpers';

/** Whether (i, j), i ≥ j, lies in a supernode's panel. */
function inPanels(sn: Supernodes): (i: number, j: number) => boolean {
  const owner = new Int32Array(sn.n);
  for (let s = 0; s < sn.count; s++) for (let j = sn.start[s]; j < sn.start[s + 1]; j++) owner[j] = s;
  const below = Array.from({ length: sn.count }, (_, s) => new Set(sn.rows.subarray(sn.rowPtr[s], sn.rowPtr[s + 1])));
  return (i, j) => i < sn.start[owner[j] + 1] || below[owner[j]].has(i);
}

/** The supernodal factor of a random SPD matrix, and the dense factor of the same permuted matrix. */
function setup(n: number, seed: number, m = 0) {
  const { panels, edges } = randomPattern(n, Math.round(n * 0.6), 6, n, seed);
  const A = spdOnPattern(n, panels, edges, seed + 1);
  const later = analyse(n, A, panels);
  const { sn, perm } = later;
  const dense = permutedLower(n, A, perm);
  const L = new Float64Array((n + m) * n).fill(NaN);
  zeroPanels(L, sn);
  const panel = inPanels(sn);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) if (panel(i, j)) L[i * n + j] = dense[i * n + j];
  expect(choleskyLower(dense, n)).toBe(true);
  return { A, later, sn, perm, L, dense, panel };
}

describe('the supernodal Cholesky of the later block', () => {
  for (const [n, seed] of [
    [60, 3],
    [150, 8],
    [301, 21],
  ]) {
    it(`n = ${n}: equals the dense Cholesky of the permuted matrix, reading and writing only the panels`, () => {
      const { sn, L, dense, panel } = setup(n, seed);
      expect(sn.count).toBeGreaterThan(1);
      expect(factorSupernodal(L, n, 0, sn.start, sn.rowPtr, sn.rows)).toBe(true);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          if (panel(i, j)) worst = Math.max(worst, Math.abs(L[i * n + j] - dense[i * n + j]));
          // Off the panels the factor is exactly 0 (and the NaN there was never read).
          else expect(dense[i * n + j]).toBe(0);
        }
      }
      expect(worst).toBeLessThan(1e-13);
    });
  }

  it('reports a matrix that is not positive definite', () => {
    const { sn, L } = setup(80, 4);
    const last = sn.start[sn.count] - 1;
    L[last * 80 + last] = -1;
    expect(factorSupernodal(L, 80, 0, sn.start, sn.rowPtr, sn.rows)).toBe(false);
  });

  it('solves L X = B for right-hand-side rows below the matrix as it factors, and solves with Lᵀ', () => {
    const n = 150;
    const m = 3;
    const { sn, L, dense } = setup(n, 8, m);
    const rand = seeded(99);
    const B = Float64Array.from({ length: n * m }, () => rand() - 0.5);
    L.set(B, n * n);
    expect(factorSupernodal(L, n, m, sn.start, sn.rowPtr, sn.rows)).toBe(true);
    for (let c = 0; c < m; c++) {
      const x = B.slice(c * n, (c + 1) * n);
      forwardSolve(dense, n, x);
      x.forEach((v, t) => expect(Math.abs(L[(n + c) * n + t] - v)).toBeLessThan(1e-13));
      const y = B.slice(c * n, (c + 1) * n);
      const z = Float64Array.from(y);
      backSolveTransposed(dense, n, y);
      backSolveSupernodal(L, sn, z, 0);
      y.forEach((v, t) => expect(Math.abs(z[t] - v)).toBeLessThan(1e-13));
    }
  });

  it('inverseOnPattern gives (LLᵀ)⁻¹ on every panel entry, symmetric', () => {
    const n = 150;
    const { sn, L, dense, panel } = setup(n, 8);
    factorSupernodal(L, n, 0, sn.start, sn.rowPtr, sn.rows);
    const Z = inverseOnPattern(L, sn);
    const full = crossprodLower(invertLower(dense, n), n);
    let checked = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        if (!panel(i, j)) continue;
        expect(Math.abs(Z[i * n + j] - full[i * n + j])).toBeLessThan(1e-13);
        expect(Z[j * n + i]).toBe(Z[i * n + j]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(n);
  });
});
