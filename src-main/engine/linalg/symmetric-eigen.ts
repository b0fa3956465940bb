/**
 * eigen(A, symmetric = TRUE) for the small matrices of the df computations (the
 * Hessian in the variance parameters, L·vcov(β)·Lᵀ of a term): eigenvalues in
 * decreasing order, as R returns them, with unit eigenvectors. Cyclic Jacobi
 * rotations: k is at most a few dozen, and Jacobi is accurate to a few ulps of
 * the largest eigenvalue, which is what the rank decisions (eigenvalue > tol)
 * compare against.
 */
export interface SymmetricEigen {
  values: Float64Array;
  /** Column j (vectors[i * k + j], row-major k × k) belongs to values[j]. */
  vectors: Float64Array;
}

/** `a` is k × k row-major and symmetric (only its lower triangle is read). */
export function symmetricEigen(a: ArrayLike<number>, k: number): SymmetricEigen {
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      m[i * k + j] = a[i * k + j];
      m[j * k + i] = a[i * k + j];
    }
  }
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < k; i++) {
      diag += m[i * k + i] * m[i * k + i];
      for (let j = 0; j < i; j++) off += m[i * k + j] * m[i * k + j];
    }
    if (off === 0 || off <= Number.EPSILON * Number.EPSILON * diag * 1e-2) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (apq === 0) continue;
        const tau = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        // For huge |tau|, tau² would overflow; t → 1/(2 tau) there.
        const t = Math.abs(tau) > 1e150 ? 1 / (2 * tau) : (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let i = 0; i < k; i++) {
          const mip = m[i * k + p];
          const miq = m[i * k + q];
          m[i * k + p] = c * mip - s * miq;
          m[i * k + q] = s * mip + c * miq;
        }
        for (let i = 0; i < k; i++) {
          const mpi = m[p * k + i];
          const mqi = m[q * k + i];
          m[p * k + i] = c * mpi - s * mqi;
          m[q * k + i] = s * mpi + c * mqi;
        }
        m[p * k + q] = 0;
        m[q * k + p] = 0;
        for (let i = 0; i < k; i++) {
          const vip = v[i * k + p];
          const viq = v[i * k + q];
          v[i * k + p] = c * vip - s * viq;
          v[i * k + q] = s * vip + c * viq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => m[y * k + y] - m[x * k + x]);
  const values = Float64Array.from(order, (i) => m[i * k + i]);
  const vectors = new Float64Array(k * k);
  order.forEach((from, to) => {
    for (let i = 0; i < k; i++) vectors[i * k + to] = v[i * k + from];
  });
  return { values, vectors };
}
