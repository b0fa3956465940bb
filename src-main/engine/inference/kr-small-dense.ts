/**
 * Small dense kernels for Kenward-Roger's p × p and parameter-by-parameter algebra:
 * square row-major matrices as Float64Array, sizes of a few dozen at most.
 */

/** a · b for square k × k row-major matrices. */
export function mul(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let t = 0; t < k; t++) {
      const v = a[i * k + t];
      if (v === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] += v * b[t * k + j];
    }
  }
  return out;
}

/** tr(a · b) for square k × k matrices. */
export function traceOfProduct(a: Float64Array, b: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += a[i * k + j] * b[j * k + i];
  return s;
}

export function trace(a: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += a[i * k + i];
  return s;
}

/**
 * The inverse of a symmetric matrix from its eigen decomposition; with `generalized`, MASS::ginv's
 * Moore-Penrose inverse (eigenvalues at or below sqrt(ε) times the largest in size are dropped).
 */
export function symmetricInverse(eig: { values: Float64Array; vectors: Float64Array }, k: number, generalized: boolean): Float64Array {
  const { values, vectors } = eig;
  let largest = 0;
  for (let i = 0; i < k; i++) largest = Math.max(largest, Math.abs(values[i]));
  const tol = Math.sqrt(Number.EPSILON) * largest;
  const out = new Float64Array(k * k);
  for (let e = 0; e < k; e++) {
    const d = values[e];
    if (generalized && !(Math.abs(d) > tol)) continue;
    for (let i = 0; i < k; i++) {
      const vi = vectors[i * k + e] / d;
      if (vi === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] += vi * vectors[j * k + e];
    }
  }
  return out;
}

/** Solves the symmetric positive-definite system a x = b (a is k × k, b is k × m row-major); null if a is not positive definite. */
export function solveSpd(a: Float64Array, k: number, b: Float64Array, m: number): Float64Array | null {
  const l = Float64Array.from(a);
  for (let j = 0; j < k; j++) {
    let d = l[j * k + j];
    for (let t = 0; t < j; t++) d -= l[j * k + t] * l[j * k + t];
    if (!(d > 0)) return null;
    d = Math.sqrt(d);
    l[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let s = l[i * k + j];
      for (let t = 0; t < j; t++) s -= l[i * k + t] * l[j * k + t];
      l[i * k + j] = s / d;
    }
  }
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < k; i++) {
      let s = x[i * m + c];
      for (let t = 0; t < i; t++) s -= l[i * k + t] * x[t * m + c];
      x[i * m + c] = s / l[i * k + i];
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = x[i * m + c];
      for (let t = i + 1; t < k; t++) s -= l[t * k + i] * x[t * m + c];
      x[i * m + c] = s / l[i * k + i];
    }
  }
  return x;
}
