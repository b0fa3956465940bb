/**
 * Householder QR with R's limited column pivoting (LINPACK dqrdc2, as modified for
 * R: qr(), lm.fit and lme4's rank check all use it). The one implementation in the
 * engine: lm, lmList and the model matrix's aliasing check all come here, directly
 * for short data and through tall-qr.ts (a row reduction first) for long data.
 *
 * Columns are reduced left to right. Before column l is reduced, a column whose
 * remaining norm (the part not yet explained by the columns before it) has fallen
 * below tol × its original norm is cycled to the right-hand end and excluded from
 * the rank. Columns therefore keep their order, and a column that is a linear
 * combination of earlier ones is the one marked aliased, which is how R chooses.
 *
 * Storage is LINPACK's: the n × p column-major array holds R in its upper triangle
 * and the Householder vectors below it; qraux holds each vector's first element.
 */
export interface QrDecomposition {
  /** n × p column-major; R in the upper triangle of the first `rank` columns. */
  qr: Float64Array;
  qraux: Float64Array;
  /** pivot[j]: the original (0-based) column now in position j. */
  pivot: Int32Array;
  rank: number;
  n: number;
  p: number;
}

/** R's tolerance in lm.fit and lme4's rank check: qr(x, tol = 1e-07). */
export const QR_TOLERANCE = 1e-7;

/** Euclidean norm of x[from, to); rescaled only if the plain sum of squares over- or underflows. */
export function norm2(x: Float64Array, from: number, to: number): number {
  let ss = 0;
  for (let i = from; i < to; i++) {
    const v = x[i];
    ss += v * v;
  }
  if (ss > 0 && ss < Infinity && ss > 1e-290) return Math.sqrt(ss);
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (scale === 0 || scale === Infinity) return scale;
  ss = 0;
  for (let i = from; i < to; i++) {
    const v = x[i] / scale;
    ss += v * v;
  }
  return scale * Math.sqrt(ss);
}

/**
 * Σ x[xi + i]·y[yi + i] for i < length. Four partial sums let the additions overlap
 * instead of waiting on each other (a 1e6-row column is otherwise bound by add latency).
 */
export function dot(x: Float64Array, xi: number, y: Float64Array, yi: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = length - (length % 4);
  for (let i = 0; i < end; i += 4) {
    s0 += x[xi + i] * y[yi + i];
    s1 += x[xi + i + 1] * y[yi + i + 1];
    s2 += x[xi + i + 2] * y[yi + i + 2];
    s3 += x[xi + i + 3] * y[yi + i + 3];
  }
  for (let i = end; i < length; i++) s0 += x[xi + i] * y[yi + i];
  return s0 + s1 + (s2 + s3);
}

/** Factorises a copy of the n × p column-major matrix x. */
export function qrDecompose(x: Float64Array, n: number, p: number, tol = QR_TOLERANCE): QrDecomposition {
  const a = Float64Array.from(x.subarray(0, n * p));
  const qraux = new Float64Array(p);
  const pivot = new Int32Array(p);
  // qraux starts as the norm of each column's unreduced part; `original` is its first value (1 for a zero column).
  const original = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    qraux[j] = n > 0 ? norm2(a, j * n, (j + 1) * n) : 0;
    original[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const steps = Math.min(n, p);
  // Columns from `end` on have been cycled out as negligible (0-based form of LINPACK's k).
  let end = p;
  const saved = new Float64Array(n);
  for (let l = 0; l < steps; l++) {
    while (l < end && qraux[l] < original[l] * tol) {
      cycleToEnd(a, n, p, l, saved, qraux, original, pivot);
      end--;
    }
    if (l === n - 1) continue; // the last row has nothing below the diagonal to annihilate
    reduceColumn(a, n, p, l, qraux);
  }
  return { qr: a, qraux, pivot, rank: Math.min(end, n), n, p };
}

/** Moves column l to position p − 1, shifting columns l+1 … p−1 one place left. */
function cycleToEnd(
  a: Float64Array,
  n: number,
  p: number,
  l: number,
  saved: Float64Array,
  qraux: Float64Array,
  original: Float64Array,
  pivot: Int32Array,
): void {
  saved.set(a.subarray(l * n, (l + 1) * n));
  a.copyWithin(l * n, (l + 1) * n, p * n);
  a.set(saved, (p - 1) * n);
  for (const v of [qraux, original]) {
    const t = v[l];
    v.copyWithin(l, l + 1, p);
    v[p - 1] = t;
  }
  const t = pivot[l];
  pivot.copyWithin(l, l + 1, p);
  pivot[p - 1] = t;
}

/** One Householder step on column l, applied to columns l+1 … p−1, with their norms downdated. */
function reduceColumn(a: Float64Array, n: number, p: number, l: number, qraux: Float64Array): void {
  const col = l * n;
  const diag = col + l;
  let nrmxl = norm2(a, diag, col + n);
  if (nrmxl === 0) return;
  if (a[diag] !== 0) nrmxl = a[diag] < 0 ? -Math.abs(nrmxl) : Math.abs(nrmxl);
  const scale = 1 / nrmxl;
  for (let i = diag; i < col + n; i++) a[i] *= scale;
  a[diag] += 1;
  const v0 = a[diag];
  for (let j = l + 1; j < p; j++) {
    const cj = j * n;
    const t = -dot(a, col + l, a, cj + l, n - l) / v0;
    for (let i = l; i < n; i++) a[cj + i] += t * a[col + i];
    if (qraux[j] === 0) continue;
    const ratio = Math.abs(a[cj + l]) / qraux[j];
    const remaining = Math.max(1 - ratio * ratio, 0);
    // Downdating loses accuracy when most of the norm is gone: recompute it then (R's 1e-6 rule).
    if (Math.abs(remaining) >= 1e-6) {
      qraux[j] *= Math.sqrt(remaining);
    } else {
      qraux[j] = norm2(a, cj + l + 1, cj + n);
    }
  }
  qraux[l] = v0;
  a[diag] = -nrmxl;
}

/**
 * Applies the first `k` Householder reflections to v in place: Q'v when `transpose`,
 * else Qv (the reflections in reverse order). k is normally the rank (as dqrsl is called by lm).
 */
export function applyQ(qr: QrDecomposition, v: Float64Array, transpose: boolean, k = qr.rank): void {
  const { qr: a, qraux, n } = qr;
  const steps = Math.min(k, n - 1);
  for (let s = 0; s < steps; s++) {
    const j = transpose ? s : steps - 1 - s;
    const head = qraux[j];
    if (head === 0) continue;
    const col = j * n;
    const t = -(head * v[j] + dot(a, col + j + 1, v, j + 1, n - j - 1)) / head;
    v[j] += t * head;
    for (let i = j + 1; i < n; i++) v[i] += t * a[col + i];
  }
}

/** Solves R b = qty for the first `rank` coefficients (in pivoted order) by back-substitution. */
export function backSolve(qr: QrDecomposition, qty: Float64Array): Float64Array {
  const { qr: a, n, rank } = qr;
  const b = Float64Array.from(qty.subarray(0, rank));
  for (let j = rank - 1; j >= 0; j--) {
    b[j] /= a[j * n + j];
    const t = b[j];
    for (let i = 0; i < j; i++) b[i] -= t * a[j * n + i];
  }
  return b;
}

/**
 * (R'R)⁻¹ for the leading rank × rank block (R's chol2inv), column-major rank × rank:
 * the unscaled covariance of the estimable coefficients, in pivoted order.
 */
export function unscaledCovariance(qr: QrDecomposition): Float64Array {
  const { qr: a, n, rank: k } = qr;
  // Rinv: upper-triangular inverse of R, column-major k × k.
  const rinv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    rinv[j * k + j] = 1 / a[j * n + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += a[m * n + i] * rinv[j * k + m];
      rinv[j * k + i] = -s / a[i * n + i];
    }
  }
  // (R'R)⁻¹ = Rinv Rinv'.
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += rinv[m * k + i] * rinv[m * k + j];
      out[j * k + i] = s;
      out[i * k + j] = s;
    }
  }
  return out;
}
