/**
 * R's QR decomposition with limited column pivoting (LINPACK dqrdc2, as modified
 * for R; qr(), lm.fit and lme4's rank check all use it): Householder reflections
 * left to right, and a column whose remaining norm has fallen below tol times its
 * original norm is moved to the end instead of being reduced. The columns left at
 * the end, beyond `rank`, are the aliased ones, in the order R reports them.
 */
export interface PivotedQr {
  n: number;
  p: number;
  /** n × p, column-major, columns in pivoted order: R above the diagonal, Householder vectors below (R's qr$qr). */
  qr: Float64Array;
  qraux: Float64Array;
  /** 0-based original column index of each pivoted column (R's qr$pivot − 1). */
  pivot: Int32Array;
  rank: number;
}

export function pivotedQr(x: Float64Array, n: number, p: number, tol = 1e-7): PivotedQr {
  const a = x.slice(0, n * p);
  // Columns are moved by permuting offsets rather than copying n values each time.
  const off = Int32Array.from({ length: p }, (_, j) => j * n);
  const pivot = Int32Array.from({ length: p }, (_, j) => j);
  const qraux = new Float64Array(p);
  const norm0 = new Float64Array(p); // LINPACK work(,1): norm used for the rescaling test
  const normRef = new Float64Array(p); // work(,2): the original norm, the reference for tol
  for (let j = 0; j < p; j++) {
    qraux[j] = norm(a, off[j], n);
    norm0[j] = qraux[j];
    normRef[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const lup = Math.min(n, p);
  let k = p;
  for (let l = 0; l < lup; l++) {
    while (l < k && qraux[l] < normRef[l] * tol) {
      rotateToEnd(l, off, pivot, qraux, norm0, normRef);
      k--;
    }
    if (l === n - 1) continue;
    const cl = off[l];
    let nrmxl = norm(a, cl + l, n - l);
    if (nrmxl === 0) continue;
    if (a[cl + l] !== 0) nrmxl = Math.sign(a[cl + l]) * Math.abs(nrmxl);
    const inv = 1 / nrmxl;
    for (let i = l; i < n; i++) a[cl + i] *= inv;
    a[cl + l] += 1;
    const pivotValue = a[cl + l];
    for (let j = l + 1; j < p; j++) {
      const cj = off[j];
      const t = -dot(a, cl, cj, l, n) / pivotValue;
      axpy(a, t, cl, cj, l, n);
      if (qraux[j] === 0) continue;
      const ratio = Math.abs(a[cj + l]) / qraux[j];
      const tt = Math.max(1 - ratio * ratio, 0);
      // Bates's 1999 fix in R's dqrdc2: recompute the norm rather than trust a downdate that has lost its digits.
      if (Math.abs(tt) < 1e-6) {
        qraux[j] = norm(a, cj + l + 1, n - l - 1);
        norm0[j] = qraux[j];
      } else {
        qraux[j] *= Math.sqrt(tt);
      }
    }
    qraux[l] = a[cl + l];
    a[cl + l] = -nrmxl;
  }
  const qr = new Float64Array(n * p);
  for (let j = 0; j < p; j++) qr.set(a.subarray(off[j], off[j] + n), j * n);
  return { n, p, qr, qraux, pivot, rank: Math.min(k, n) };
}

/** Σ a[x+i]·a[y+i] for i in [from, n), four accumulators so the JIT can overlap the multiplies. */
function dot(a: Float64Array, x: number, y: number, from: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = from;
  for (; i + 3 < n; i += 4) {
    s0 += a[x + i] * a[y + i];
    s1 += a[x + i + 1] * a[y + i + 1];
    s2 += a[x + i + 2] * a[y + i + 2];
    s3 += a[x + i + 3] * a[y + i + 3];
  }
  for (; i < n; i++) s0 += a[x + i] * a[y + i];
  return s0 + s1 + (s2 + s3);
}

function axpy(a: Float64Array, t: number, x: number, y: number, from: number, n: number): void {
  let i = from;
  for (; i + 3 < n; i += 4) {
    a[y + i] += t * a[x + i];
    a[y + i + 1] += t * a[x + i + 1];
    a[y + i + 2] += t * a[x + i + 2];
    a[y + i + 3] += t * a[x + i + 3];
  }
  for (; i < n; i++) a[y + i] += t * a[x + i];
}

function norm(a: Float64Array, start: number, length: number): number {
  let s = 0;
  for (let i = start; i < start + length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

function rotateToEnd(l: number, ...arrays: (Int32Array | Float64Array)[]): void {
  for (const arr of arrays) {
    const first = arr[l];
    arr.copyWithin(l, l + 1);
    arr[arr.length - 1] = first;
  }
}
