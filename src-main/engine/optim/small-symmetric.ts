import { symmetricEigen } from '../linalg/symmetric-eigen';

/**
 * The little dense linear algebra the convergence checks need on a k × k
 * Hessian (k = number of optimised parameters, rarely above a few dozen):
 * R's chol(), solve() on its factor, and eigen(symmetric = TRUE)$values.
 * Matrices are column-major Float64Arrays.
 */

/**
 * Upper-triangular R with RᵀR = A (R's chol(A), which reads the upper triangle),
 * or null where LAPACK's dpotrf stops: a pivot that is not positive (or NaN).
 */
export function choleskyUpper(a: Float64Array, k: number): Float64Array | null {
  const r = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let p = 0; p < j; p++) d -= r[j * k + p] * r[j * k + p];
    if (!(d > 0)) return null;
    const rjj = Math.sqrt(d);
    r[j * k + j] = rjj;
    for (let c = j + 1; c < k; c++) {
      let s = a[c * k + j];
      for (let p = 0; p < j; p++) s -= r[j * k + p] * r[c * k + p];
      r[c * k + j] = s / rjj;
    }
  }
  return r;
}

/**
 * solve(R, b) for upper-triangular R as R's solve() would: null where solve()
 * stops with "system is computationally singular", i.e. when the reciprocal
 * 1-norm condition number is below .Machine$double.eps.
 */
export function solveUpper(r: Float64Array, k: number, b: Float64Array): Float64Array | null {
  if (reciprocalCondition(r, k) < Number.EPSILON) return null;
  const x = Float64Array.from(b);
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let c = i + 1; c < k; c++) s -= r[c * k + i] * x[c];
    x[i] = s / r[i * k + i];
  }
  return x;
}

/** 1 / (‖R‖₁ ‖R⁻¹‖₁) for upper-triangular R, with R⁻¹ formed exactly (k is small). */
function reciprocalCondition(r: Float64Array, k: number): number {
  const inv = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    // Column c of R⁻¹: back substitution against the unit vector e_c.
    inv[c * k + c] = 1 / r[c * k + c];
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= c; m++) s += r[m * k + i] * inv[c * k + m];
      inv[c * k + i] = -s / r[i * k + i];
    }
  }
  const norm1 = (m: Float64Array) => {
    let best = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += Math.abs(m[c * k + i]);
      best = Math.max(best, s);
    }
    return best;
  };
  return 1 / (norm1(r) * norm1(inv));
}

/**
 * Eigenvalues of a symmetric matrix, decreasing as R returns them (linalg/symmetric-eigen.ts).
 * Non-finite entries give null (R's eigen() stops on them).
 */
export function symmetricEigenvalues(a: Float64Array, k: number): Float64Array | null {
  for (let i = 0; i < k * k; i++) if (!Number.isFinite(a[i])) return null;
  return symmetricEigen(a, k).values;
}
