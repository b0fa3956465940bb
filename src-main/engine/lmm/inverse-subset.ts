import { crossprodLower, invertLower } from './dense';
import type { Supernodes } from './supernodal';

/**
 * Z = (L Lᵀ)⁻¹ on the supernodes' pattern (Takahashi's recurrences, by supernode from
 * the last): with a supernode's columns C and rows below B, Y = L_BC L_CC⁻¹,
 *
 *   Z_BC = −Z_BB Y,   Z_CC = (L_CC L_CCᵀ)⁻¹ + Yᵀ Z_BB Y,
 *
 * and Z_BB lies in the pattern of later supernodes, so it is known by then. Every entry
 * of L's pattern, hence of the matrix factored, is computed — the conditional variances
 * need no others — at about twice the cost of the factorisation instead of the n³/3 of
 * a full inverse. Returns a dense symmetric n × n row-major matrix (0 off the pattern).
 */
export function inverseOnPattern(L: Float64Array, sn: Supernodes): Float64Array {
  const { n, start, rowPtr, rows } = sn;
  const Z = new Float64Array(n * n);
  for (let s = sn.count - 1; s >= 0; s--) {
    const c0 = start[s];
    const w = start[s + 1] - c0;
    const b0 = rowPtr[s];
    const r = rowPtr[s + 1] - b0;
    const lcc = new Float64Array(w * w);
    for (let i = 0; i < w; i++) for (let j = 0; j <= i; j++) lcc[i * w + j] = L[(c0 + i) * n + c0 + j];
    const zcc = crossprodLower(invertLower(lcc, w), w);
    if (r > 0) {
      // Y (r × w): each row y solves y L_CC = L[B_i, C], from the last column.
      const Y = new Float64Array(r * w);
      for (let i = 0; i < r; i++) {
        const li = rows[b0 + i] * n + c0;
        for (let j = w - 1; j >= 0; j--) {
          let v = L[li + j];
          for (let k = j + 1; k < w; k++) v -= Y[i * w + k] * lcc[k * w + j];
          Y[i * w + j] = v / lcc[j * w + j];
        }
      }
      // M = Z_BB Y (r × w), Z_BB read from Z (rows B are later, so complete): row i of Z_BB gathered,
      // then dotted with the columns of Y (kept transposed so both run contiguously).
      const Yt = new Float64Array(w * r);
      for (let i = 0; i < r; i++) for (let j = 0; j < w; j++) Yt[j * r + i] = Y[i * w + j];
      const M = new Float64Array(r * w);
      const zrow = new Float64Array(r);
      for (let i = 0; i < r; i++) {
        const zi = rows[b0 + i] * n;
        for (let k = 0; k < r; k++) zrow[k] = Z[zi + rows[b0 + k]];
        let j = 0;
        for (; j + 3 < w; j += 4) {
          const o0 = j * r;
          const o1 = o0 + r;
          const o2 = o1 + r;
          const o3 = o2 + r;
          let v0 = 0, v1 = 0, v2 = 0, v3 = 0;
          for (let k = 0; k < r; k++) {
            const z = zrow[k];
            v0 += z * Yt[o0 + k];
            v1 += z * Yt[o1 + k];
            v2 += z * Yt[o2 + k];
            v3 += z * Yt[o3 + k];
          }
          M[i * w + j] = v0;
          M[i * w + j + 1] = v1;
          M[i * w + j + 2] = v2;
          M[i * w + j + 3] = v3;
        }
        for (; j < w; j++) {
          let v = 0;
          for (let k = 0, o = j * r; k < r; k++) v += zrow[k] * Yt[o + k];
          M[i * w + j] = v;
        }
      }
      for (let i = 0; i < r; i++) {
        const row = rows[b0 + i];
        for (let j = 0; j < w; j++) {
          Z[row * n + c0 + j] = -M[i * w + j];
          Z[(c0 + j) * n + row] = -M[i * w + j];
        }
      }
      // Z_CC += Yᵀ M.
      for (let k = 0; k < r; k++) {
        for (let a = 0; a < w; a++) {
          const y = Y[k * w + a];
          if (y === 0) continue;
          for (let b = 0; b < w; b++) zcc[a * w + b] += y * M[k * w + b];
        }
      }
    }
    // Yᵀ Z_BB Y is symmetric only up to rounding: its lower triangle is used for both.
    for (let i = 0; i < w; i++) {
      for (let j = 0; j <= i; j++) {
        Z[(c0 + i) * n + c0 + j] = zcc[i * w + j];
        Z[(c0 + j) * n + c0 + i] = zcc[i * w + j];
      }
    }
  }
  return Z;
}
