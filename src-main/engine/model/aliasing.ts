import { pivotedQr } from './pivoted-qr';

/**
 * Which model-matrix columns R's pivoting QR (dqrdc2, tol 1e-7) would find to be
 * linear combinations of earlier ones. The QR costs 2np² flops, about a second
 * for a million rows and twenty columns, so large designs are first screened
 * through X'X, which the term structure makes cheap (each term's columns have at
 * most one nonzero per row). The screen only ever certifies that no column is
 * aliased, with a rounding-error margin; anything closer to the tolerance is
 * decided by the QR itself.
 */

/** Below this many QR flops (n·p²) the QR is quick enough to run directly. */
const DIRECT_QR_WORK = 2e7;
/** Rows per chunk of the block-sparse Gram accumulation. */
const CHUNK = 2048;
const EPS = 2 ** -52;

export function aliasedColumns(X: Float64Array, n: number, p: number, assign: Int32Array, tol: number): number[] {
  if (p === 0) return [];
  if (n * p * p > DIRECT_QR_WORK && n > p && screenFullRank(X, n, p, assign, tol)) return [];
  const qr = pivotedQr(X, n, p, tol);
  return Array.from(qr.pivot.subarray(qr.rank));
}

/**
 * True when every column's residual, after projection on the columns before it, is
 * certainly far above tol times its norm. With the columns scaled to unit length, the
 * Cholesky factor R of X'X has R_jj = that relative residual, and a perturbation of
 * X'X of size ε changes R_jj² by at most about ε(1 + ‖c_j‖₁)², c_j being the column's
 * projection coefficients on the earlier ones (c_j = R_A⁻¹ r_j). ε bounds the rounding
 * of the chunked sums in X'X and of the factorisation. Required: R_jj² ≥ (100·tol)² +
 * 10ε(1 + ‖c_j‖₁)², so R's own floating-point QR cannot come near its tolerance either.
 */
export function screenFullRank(X: Float64Array, n: number, p: number, assign: Int32Array, tol: number): boolean {
  const G = blockGram(X, n, p, assign);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!(G[j * p + j] > 0)) return false;
    scale[j] = 1 / Math.sqrt(G[j * p + j]);
  }
  const R = new Float64Array(p * p); // upper triangle, row-major R[i * p + j], i ≤ j
  const span = sumSpan(p);
  const epsilon = (p + 1 + span + n / span) * EPS;
  const c = new Float64Array(p);
  const margin = (100 * tol) ** 2;
  for (let j = 0; j < p; j++) {
    for (let i = 0; i <= j; i++) {
      let s = G[i * p + j] * scale[i] * scale[j];
      for (let k = 0; k < i; k++) s -= R[k * p + i] * R[k * p + j];
      if (i < j) R[i * p + j] = s / R[i * p + i];
      else if (s > 0) R[j * p + j] = Math.sqrt(s);
      else return false;
    }
    // c_j solves R_A c = r_j (the part of column j's R above the diagonal).
    let cNorm = 0;
    for (let i = j - 1; i >= 0; i--) {
      let s = R[i * p + j];
      for (let k = i + 1; k < j; k++) s -= R[i * p + k] * c[k];
      c[i] = s / R[i * p + i];
      cNorm += Math.abs(c[i]);
    }
    const rjj2 = R[j * p + j] ** 2;
    if (rjj2 < margin + 10 * epsilon * (1 + cNorm) ** 2) return false;
  }
  return true;
}

/**
 * Rows summed into a partial X'X before it is added to the total, so rounding grows
 * with span + n/span rather than n; a multiple of CHUNK, and at least p² so adding
 * the partial sums costs no more than forming them.
 */
function sumSpan(p: number): number {
  return Math.max(1, Math.ceil((p * p) / CHUNK)) * CHUNK;
}

/**
 * X'X (p × p, row-major, symmetric) using the fact that the columns of one term
 * (equal `assign`) have at most one nonzero per row: a one-column term is a dense
 * column, and a wider one is held per row as (column, value). Rows where a wide term
 * is zero point at a spare column p, so the loops run without branches.
 */
export function blockGram(X: Float64Array, n: number, p: number, assign: Int32Array): Float64Array {
  const starts: number[] = [];
  for (let j = 0; j < p; j++) if (j === 0 || assign[j] !== assign[j - 1]) starts.push(j);
  starts.push(p);
  const blocks = starts.length - 1;
  const dense = starts.slice(0, blocks).map((s, b) => starts[b + 1] - s === 1);
  const idx = new Int32Array(blocks * CHUNK);
  const val = new Float64Array(blocks * CHUNK);
  const q = p + 1;
  const G = new Float64Array(q * q);
  const local = new Float64Array(q * q);
  const span = sumSpan(p);
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    const m = Math.min(CHUNK, n - i0);
    for (let b = 0; b < blocks; b++) if (!dense[b]) sparseRows(X, n, i0, m, starts[b], starts[b + 1], idx, val, b * CHUNK, p);
    for (let b1 = 0; b1 < blocks; b1++) {
      for (let b2 = b1; b2 < blocks; b2++) {
        const j1 = starts[b1];
        const j2 = starts[b2];
        if (dense[b1] && dense[b2]) local[j1 * q + j2] += dot(X, j1 * n + i0, j2 * n + i0, m);
        else if (dense[b1]) denseSparse(X, j1 * n + i0, idx, val, b2 * CHUNK, m, local, j1 * q, 1);
        else if (dense[b2]) denseSparse(X, j2 * n + i0, idx, val, b1 * CHUNK, m, local, j2, q);
        else sparseSparse(idx, val, b1 * CHUNK, b2 * CHUNK, m, local, q);
      }
    }
    if ((i0 + m) % span === 0 || i0 + m === n) {
      for (let k = 0; k < q * q; k++) G[k] += local[k];
      local.fill(0);
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      out[i * p + j] = G[i * q + j];
      out[j * p + i] = G[i * q + j];
    }
  }
  return out;
}

/** For rows [i0, i0 + m): which column of [from, to) is nonzero (the spare column p if none), and its value. */
function sparseRows(X: Float64Array, n: number, i0: number, m: number, from: number, to: number, idx: Int32Array, val: Float64Array, o: number, p: number): void {
  idx.fill(p, o, o + m);
  val.fill(0, o, o + m);
  for (let j = from; j < to; j++) {
    const col = j * n + i0;
    const shift = p - j;
    for (let r = 0; r < m; r++) {
      const v = X[col + r];
      // At most one column of a term is nonzero in a row, so adding is exact and moves idx to that column.
      val[o + r] += v;
      idx[o + r] -= shift * +(v !== 0);
    }
  }
}

function dot(X: Float64Array, a: number, b: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let r = 0;
  for (; r + 1 < m; r += 2) {
    s0 += X[a + r] * X[b + r];
    s1 += X[a + r + 1] * X[b + r + 1];
  }
  if (r < m) s0 += X[a + r] * X[b + r];
  return s0 + s1;
}

/** Adds a dense column's products with a sparse block at G[base + j·stride]: row jd for a later block, column jd for an earlier one. */
function denseSparse(X: Float64Array, a: number, idx: Int32Array, val: Float64Array, o: number, m: number, G: Float64Array, base: number, stride: number): void {
  for (let r = 0; r < m; r++) G[base + idx[o + r] * stride] += X[a + r] * val[o + r];
}

function sparseSparse(idx: Int32Array, val: Float64Array, o1: number, o2: number, m: number, G: Float64Array, q: number): void {
  for (let r = 0; r < m; r++) G[idx[o1 + r] * q + idx[o2 + r]] += val[o1 + r] * val[o2 + r];
}
