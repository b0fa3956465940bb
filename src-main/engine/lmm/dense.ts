/**
 * Dense kernels for the blocked Cholesky factor. Large matrices are square,
 * row-major, with the lower triangle in use, so that the Crout updates and the
 * triangular solves run over contiguous rows. Small per-level blocks (q × q) are
 * column-major.
 */

/**
 * In-place Cholesky A = LLᵀ of the lower triangle of an n × n row-major matrix
 * (upper triangle untouched); false when A is not positive definite. Crout order
 * (row by row, dot products over contiguous rows), four rows at a time against
 * four earlier rows at a time: sixteen running sums share eight loads, which
 * roughly halves the memory traffic of the dense block of crossed designs.
 */
export function choleskyLower(a: Float64Array, n: number): boolean {
  let i0 = 0;
  for (; i0 + 3 < n; i0 += 4) {
    const r0 = i0 * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let j0 = 0; j0 < i0; j0 += 4) {
      tile(a, n, r0, r1, r2, r3, j0);
      // Columns j0..j0+3 of the four rows: the products within the tile, then the division.
      for (let j = j0; j < j0 + 4; j++) {
        const rj = j * n;
        const d = a[rj + j];
        for (let ri = r0; ri <= r3; ri += n) {
          let s = a[ri + j];
          for (let k = j0; k < j; k++) s -= a[ri + k] * a[rj + k];
          a[ri + j] = s / d;
        }
      }
    }
    for (let i = i0; i < i0 + 4; i++) if (!finishRow(a, n, i, i0)) return false;
  }
  for (let i = i0; i < n; i++) if (!finishRow(a, n, i, 0)) return false;
  return true;
}

/** Rows r0..r3 (offsets), columns j0..j0+3: subtract the products over columns k < j0. */
function tile(a: Float64Array, n: number, r0: number, r1: number, r2: number, r3: number, j0: number): void {
  const q0 = j0 * n;
  const q1 = q0 + n;
  const q2 = q1 + n;
  const q3 = q2 + n;
  let s00 = a[r0 + j0], s01 = a[r0 + j0 + 1], s02 = a[r0 + j0 + 2], s03 = a[r0 + j0 + 3];
  let s10 = a[r1 + j0], s11 = a[r1 + j0 + 1], s12 = a[r1 + j0 + 2], s13 = a[r1 + j0 + 3];
  let s20 = a[r2 + j0], s21 = a[r2 + j0 + 1], s22 = a[r2 + j0 + 2], s23 = a[r2 + j0 + 3];
  let s30 = a[r3 + j0], s31 = a[r3 + j0 + 1], s32 = a[r3 + j0 + 2], s33 = a[r3 + j0 + 3];
  for (let k = 0; k < j0; k++) {
    const x0 = a[r0 + k], x1 = a[r1 + k], x2 = a[r2 + k], x3 = a[r3 + k];
    const y0 = a[q0 + k], y1 = a[q1 + k], y2 = a[q2 + k], y3 = a[q3 + k];
    s00 -= x0 * y0; s01 -= x0 * y1; s02 -= x0 * y2; s03 -= x0 * y3;
    s10 -= x1 * y0; s11 -= x1 * y1; s12 -= x1 * y2; s13 -= x1 * y3;
    s20 -= x2 * y0; s21 -= x2 * y1; s22 -= x2 * y2; s23 -= x2 * y3;
    s30 -= x3 * y0; s31 -= x3 * y1; s32 -= x3 * y2; s33 -= x3 * y3;
  }
  a[r0 + j0] = s00; a[r0 + j0 + 1] = s01; a[r0 + j0 + 2] = s02; a[r0 + j0 + 3] = s03;
  a[r1 + j0] = s10; a[r1 + j0 + 1] = s11; a[r1 + j0 + 2] = s12; a[r1 + j0 + 3] = s13;
  a[r2 + j0] = s20; a[r2 + j0 + 1] = s21; a[r2 + j0 + 2] = s22; a[r2 + j0 + 3] = s23;
  a[r3 + j0] = s30; a[r3 + j0 + 1] = s31; a[r3 + j0 + 2] = s32; a[r3 + j0 + 3] = s33;
}

/** Row i's entries in columns from..i, when its columns before `from` are done. */
function finishRow(a: Float64Array, n: number, i: number, from: number): boolean {
  const ri = i * n;
  for (let j = from; j < i; j++) {
    const rj = j * n;
    let s = a[ri + j];
    for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
    a[ri + j] = s / a[rj + j];
  }
  let s = a[ri + i];
  for (let k = 0; k < i; k++) s -= a[ri + k] * a[ri + k];
  if (!(s > 0)) return false;
  a[ri + i] = Math.sqrt(s);
  return true;
}

/** Solves L x = b in place (L lower, row-major n × n, starting at `off` in `x`). */
export function forwardSolve(L: Float64Array, n: number, x: Float64Array, off = 0): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = x[off + i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * x[off + k];
    x[off + i] = s / L[ri + i];
  }
}

/** Solves Lᵀ x = b in place (L lower, row-major n × n). */
export function backSolveTransposed(L: Float64Array, n: number, x: Float64Array, off = 0): void {
  for (let i = n - 1; i >= 0; i--) {
    const xi = (x[off + i] /= L[i * n + i]);
    const ri = i * n;
    for (let k = 0; k < i; k++) x[off + k] -= L[ri + k] * xi;
  }
}

/** L⁻¹ of a lower-triangular row-major n × n matrix (itself lower triangular, row-major). */
export function invertLower(L: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    for (let i = j; i < n; i++) {
      const ri = i * n;
      col[i] = (col[i] - dotRange(L, ri, col, 0, j, i)) / L[ri + i];
      inv[ri + j] = col[i];
    }
  }
  return inv;
}

/** (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ from L⁻¹ (lower, row-major n × n): a full symmetric row-major matrix. */
export function crossprodLower(Li: Float64Array, n: number): Float64Array {
  // (L⁻ᵀL⁻¹)[r, c] = Σ_{k ≥ r} Li[k, r] Li[k, c] for c ≤ r: rows r and c of (L⁻¹)ᵀ, from column r on.
  const t = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let r = 0; r <= k; r++) t[r * n + k] = Li[k * n + r];
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c <= r; c++) {
      const v = dotRange(t, r * n, t, c * n, r, n);
      out[r * n + c] = v;
      out[c * n + r] = v;
    }
  }
  return out;
}

/** Σ_{k in [from, to)} a[ra + k]·b[rb + k], with four running sums (one would wait on each addition). */
function dotRange(a: Float64Array, ra: number, b: Float64Array, rb: number, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    s0 += a[ra + k] * b[rb + k];
    s1 += a[ra + k + 1] * b[rb + k + 1];
    s2 += a[ra + k + 2] * b[rb + k + 2];
    s3 += a[ra + k + 3] * b[rb + k + 3];
  }
  for (; k < to; k++) s0 += a[ra + k] * b[rb + k];
  return s0 + s1 + (s2 + s3);
}

/** In-place Cholesky of a q × q column-major block at `off` (lower triangle); false if not positive definite. */
export function choleskySmall(a: Float64Array, off: number, q: number): boolean {
  for (let j = 0; j < q; j++) {
    let s = a[off + j * q + j];
    for (let k = 0; k < j; k++) s -= a[off + k * q + j] * a[off + k * q + j];
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    a[off + j * q + j] = d;
    for (let i = j + 1; i < q; i++) {
      let t = a[off + j * q + i];
      for (let k = 0; k < j; k++) t -= a[off + k * q + i] * a[off + k * q + j];
      a[off + j * q + i] = t / d;
    }
  }
  return true;
}
