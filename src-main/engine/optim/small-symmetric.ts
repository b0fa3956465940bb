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
 * Eigenvalues of a symmetric matrix (its lower triangle), decreasing as R returns
 * them; cyclic Jacobi rotations, accurate to a few ulps of the largest eigenvalue.
 * Non-finite entries give null (R's eigen() stops on them).
 */
export function symmetricEigenvalues(a: Float64Array, k: number): Float64Array | null {
  const m = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let i = c; i < k; i++) {
      const v = a[c * k + i];
      if (!Number.isFinite(v)) return null;
      m[c * k + i] = v;
      m[i * k + c] = v;
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let c = 0; c < k; c++) {
      diag += m[c * k + c] * m[c * k + c];
      for (let i = c + 1; i < k; i++) off += m[c * k + i] * m[c * k + i];
    }
    if (off <= Number.EPSILON * Number.EPSILON * diag * 1e-2 || off === 0) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[q * k + p];
        if (apq === 0) continue;
        const app = m[p * k + p];
        const aqq = m[q * k + q];
        const tau = (aqq - app) / (2 * apq);
        // For huge |tau|, tau² would overflow; t → 1/(2 tau) there.
        const t =
          Math.abs(tau) > 1e150 ? 1 / (2 * tau) : (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let i = 0; i < k; i++) {
          const mip = m[p * k + i];
          const miq = m[q * k + i];
          m[p * k + i] = c * mip - s * miq;
          m[q * k + i] = s * mip + c * miq;
        }
        for (let i = 0; i < k; i++) {
          const mpi = m[i * k + p];
          const mqi = m[i * k + q];
          m[i * k + p] = c * mpi - s * mqi;
          m[i * k + q] = s * mpi + c * mqi;
        }
        m[q * k + p] = 0;
        m[p * k + q] = 0;
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = m[i * k + i];
  return values.sort().reverse();
}
