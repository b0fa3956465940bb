/**
 * The kernel of the tall-skinny QR (tsqr.ts): given the c × c upper-triangular factor T
 * of the rows seen so far and a block B of m new rows, replaces T by the triangular
 * factor of [T; B]. Householder reflections that each combine one row of T with the
 * block (LAPACK's dtpqrt structure): the vector of reflection l is e_l on T's side and
 * a multiple of B's column l on B's side, so a block costs about 2mc² flops and T's
 * zeros stay zeros.
 *
 * Written for JavaScript's scalar arithmetic, where what costs is passes over the block:
 * - reflections are applied four at a time to the columns after them (compact WY): one
 *   pass takes four inner products with two columns, one pass subtracts the updates;
 * - the Householder vector is B's column as it is, its scale folded into the
 *   coefficients, so no pass rescales it;
 * - every update pass also sums the squares of the column it writes, so the next
 *   reflection of that column has its norm without another pass.
 * B is overwritten. T's sign convention is LAPACK's (negative diagonal entries are
 * possible), which no caller depends on.
 */

/** Per-column state of one call: the reflections' τ and scale, and each column's current sum of squares. */
interface Work {
  tau: Float64Array;
  scale: Float64Array;
  ss: Float64Array;
  fresh: Uint8Array;
}

let shared: Work = { tau: new Float64Array(0), scale: new Float64Array(0), ss: new Float64Array(0), fresh: new Uint8Array(0) };

function work(c: number): Work {
  if (shared.tau.length < c) {
    shared = { tau: new Float64Array(c), scale: new Float64Array(c), ss: new Float64Array(c), fresh: new Uint8Array(c) };
  }
  shared.fresh.fill(0, 0, c);
  return shared;
}

/** T ← triangular factor of [T; B], T column-major c × c, B column-major with leading dimension ld (rows 0 … m−1 used). */
export function absorbRows(T: Float64Array, c: number, B: Float64Array, ld: number, m: number): void {
  if (m === 0) return;
  const w = work(c);
  let l = 0;
  for (; l + 4 <= c; l += 4) {
    reflect(T, c, B, ld, m, l, w);
    applyToColumns(T, c, B, ld, m, l, l + 1, l + 4, w);
    reflect(T, c, B, ld, m, l + 1, w);
    applyToColumns(T, c, B, ld, m, l + 1, l + 2, l + 4, w);
    reflect(T, c, B, ld, m, l + 2, w);
    applyToColumns(T, c, B, ld, m, l + 2, l + 3, l + 4, w);
    reflect(T, c, B, ld, m, l + 3, w);
    applyPanel(T, c, B, ld, m, l, w);
  }
  for (; l < c; l++) {
    reflect(T, c, B, ld, m, l, w);
    applyToColumns(T, c, B, ld, m, l, l + 1, c, w);
  }
}

/**
 * Reflection zeroing column l of B against T[l, l] (LAPACK's dlarfg): β = −sign(α)·‖(α, x)‖,
 * τ = (β − α)/β, Householder vector (e_l; s·x) with s = 1/(α − β); T[l, l] ← β.
 */
function reflect(T: Float64Array, c: number, B: Float64Array, ld: number, m: number, l: number, w: Work): void {
  const col = l * ld;
  let ss = w.ss[l];
  if (!w.fresh[l]) {
    ss = 0;
    for (let i = 0; i < m; i++) ss += B[col + i] * B[col + i];
  }
  if (ss === 0) {
    // The block's part of the column is already zero: nothing to reflect.
    w.tau[l] = 0;
    w.scale[l] = 0;
    return;
  }
  const alpha = T[l * c + l];
  let norm = Math.sqrt(alpha * alpha + ss);
  if (!(norm < Infinity) || norm < 1e-145) norm = scaledNorm(alpha, B, col, m);
  const beta = alpha > 0 ? -norm : norm;
  w.tau[l] = (beta - alpha) / beta;
  w.scale[l] = 1 / (alpha - beta);
  T[l * c + l] = beta;
}

/** ‖(α, x)‖ with the values rescaled first, for sums of squares that over- or underflow. */
function scaledNorm(alpha: number, B: Float64Array, col: number, m: number): number {
  let big = Math.abs(alpha);
  for (let i = 0; i < m; i++) big = Math.max(big, Math.abs(B[col + i]));
  if (big === 0 || big === Infinity) return big;
  let ss = (alpha / big) ** 2;
  for (let i = 0; i < m; i++) ss += (B[col + i] / big) ** 2;
  return big * Math.sqrt(ss);
}

/** Reflection l applied to columns [from, to), two at a time. */
function applyToColumns(T: Float64Array, c: number, B: Float64Array, ld: number, m: number, l: number, from: number, to: number, w: Work): void {
  const tau = w.tau[l];
  if (tau === 0) return;
  const s = w.scale[l];
  const v = l * ld;
  let j = from;
  for (; j + 1 < to; j += 2) {
    const x = j * ld;
    const y = x + ld;
    let dx = 0;
    let dy = 0;
    for (let i = 0; i < m; i++) {
      const vi = B[v + i];
      dx += vi * B[x + i];
      dy += vi * B[y + i];
    }
    const wx = tau * (T[j * c + l] + s * dx);
    const wy = tau * (T[(j + 1) * c + l] + s * dy);
    T[j * c + l] -= wx;
    T[(j + 1) * c + l] -= wy;
    const fx = wx * s;
    const fy = wy * s;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < m; i++) {
      const vi = B[v + i];
      const a = B[x + i] - fx * vi;
      const b = B[y + i] - fy * vi;
      B[x + i] = a;
      B[y + i] = b;
      sx += a * a;
      sy += b * b;
    }
    setSs(w, j, sx);
    setSs(w, j + 1, sy);
  }
  if (j < to) {
    const x = j * ld;
    let dx = 0;
    for (let i = 0; i < m; i++) dx += B[v + i] * B[x + i];
    const wx = tau * (T[j * c + l] + s * dx);
    T[j * c + l] -= wx;
    const fx = wx * s;
    let sx = 0;
    for (let i = 0; i < m; i++) {
      const a = B[x + i] - fx * B[v + i];
      B[x + i] = a;
      sx += a * a;
    }
    setSs(w, j, sx);
  }
}

function setSs(w: Work, j: number, ss: number): void {
  w.ss[j] = ss;
  w.fresh[j] = 1;
}

/**
 * Reflections l … l+3 applied to columns l+4 … c−1. With u_a = (e_{l+a}; s_a x_a) and
 * d_a = u_a·y the inner products with the column as it was, reflection a sees
 * d_a − Σ_{b<a} w_b (u_a·u_b) (the T-sides are distinct unit vectors), so the four
 * updates w_a come from four inner products per column and the six u_a·u_b.
 */
function applyPanel(T: Float64Array, c: number, B: Float64Array, ld: number, m: number, l: number, w: Work): void {
  if (l + 4 >= c) return;
  const o0 = l * ld;
  const o1 = o0 + ld;
  const o2 = o1 + ld;
  const o3 = o2 + ld;
  const { tau, scale } = w;
  const s0 = scale[l];
  const s1 = scale[l + 1];
  const s2 = scale[l + 2];
  const s3 = scale[l + 3];
  let g01 = 0;
  let g02 = 0;
  let g03 = 0;
  let g12 = 0;
  let g13 = 0;
  let g23 = 0;
  for (let i = 0; i < m; i++) {
    const a0 = B[o0 + i];
    const a1 = B[o1 + i];
    const a2 = B[o2 + i];
    const a3 = B[o3 + i];
    g01 += a0 * a1;
    g02 += a0 * a2;
    g03 += a0 * a3;
    g12 += a1 * a2;
    g13 += a1 * a3;
    g23 += a2 * a3;
  }
  g01 *= s0 * s1;
  g02 *= s0 * s2;
  g03 *= s0 * s3;
  g12 *= s1 * s2;
  g13 *= s1 * s3;
  g23 *= s2 * s3;
  const t0 = tau[l];
  const t1 = tau[l + 1];
  const t2 = tau[l + 2];
  const t3 = tau[l + 3];
  const f = panelScratch;
  const updates = (tc: number, d0: number, d1: number, d2: number, d3: number, at: number): void => {
    const w0 = t0 * (T[tc] + s0 * d0);
    const w1 = t1 * (T[tc + 1] + s1 * d1 - w0 * g01);
    const w2 = t2 * (T[tc + 2] + s2 * d2 - w0 * g02 - w1 * g12);
    const w3 = t3 * (T[tc + 3] + s3 * d3 - w0 * g03 - w1 * g13 - w2 * g23);
    T[tc] -= w0;
    T[tc + 1] -= w1;
    T[tc + 2] -= w2;
    T[tc + 3] -= w3;
    // The block's update is Σ w_a s_a x_a.
    f[at] = w0 * s0;
    f[at + 1] = w1 * s1;
    f[at + 2] = w2 * s2;
    f[at + 3] = w3 * s3;
  };
  let j = l + 4;
  for (; j + 1 < c; j += 2) {
    const x = j * ld;
    const y = x + ld;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    for (let i = 0; i < m; i++) {
      const xi = B[x + i];
      const yi = B[y + i];
      const v0 = B[o0 + i];
      const v1 = B[o1 + i];
      const v2 = B[o2 + i];
      const v3 = B[o3 + i];
      d0 += v0 * xi;
      d1 += v1 * xi;
      d2 += v2 * xi;
      d3 += v3 * xi;
      e0 += v0 * yi;
      e1 += v1 * yi;
      e2 += v2 * yi;
      e3 += v3 * yi;
    }
    updates(j * c + l, d0, d1, d2, d3, 0);
    updates((j + 1) * c + l, e0, e1, e2, e3, 4);
    const w0 = f[0];
    const w1 = f[1];
    const w2 = f[2];
    const w3 = f[3];
    const z0 = f[4];
    const z1 = f[5];
    const z2 = f[6];
    const z3 = f[7];
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < m; i++) {
      const v0 = B[o0 + i];
      const v1 = B[o1 + i];
      const v2 = B[o2 + i];
      const v3 = B[o3 + i];
      const a = B[x + i] - (w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3);
      const b = B[y + i] - (z0 * v0 + z1 * v1 + z2 * v2 + z3 * v3);
      B[x + i] = a;
      B[y + i] = b;
      sx += a * a;
      sy += b * b;
    }
    setSs(w, j, sx);
    setSs(w, j + 1, sy);
  }
  if (j < c) {
    const x = j * ld;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = 0; i < m; i++) {
      const xi = B[x + i];
      d0 += B[o0 + i] * xi;
      d1 += B[o1 + i] * xi;
      d2 += B[o2 + i] * xi;
      d3 += B[o3 + i] * xi;
    }
    updates(j * c + l, d0, d1, d2, d3, 0);
    const w0 = f[0];
    const w1 = f[1];
    const w2 = f[2];
    const w3 = f[3];
    let sx = 0;
    for (let i = 0; i < m; i++) {
      const a = B[x + i] - (w0 * B[o0 + i] + w1 * B[o1 + i] + w2 * B[o2 + i] + w3 * B[o3 + i]);
      B[x + i] = a;
      sx += a * a;
    }
    setSs(w, j, sx);
  }
}

const panelScratch = new Float64Array(8);
