import { backSolveTransposed, crossprodLower, invertLower } from './dense';
import type { Factor } from './factor';
import type { LmmModel } from './model';
import { backSolveSupernodal } from './supernodal';

/**
 * β, σ and the conditional modes at the θ last factored, read off the blocked
 * factor (Bates et al. 2015, section 3.4 and eqs. 36–40): R_X β = c_β,
 * L_ZZᵀ u = c_u − (L_WZ rows of X)ᵀβ, b = Λu.
 */
export interface LmmSolution {
  beta: Float64Array;
  sigma: number;
  /** Random effects b = Λu in the blocks' layout: the first term level by level (q₁ each), then the Q₂ rows of the others. */
  b: Float64Array;
  u: Float64Array;
  /** Fitted values (with the offset) and response residuals, one per observation. */
  fitted: Float64Array;
  residuals: Float64Array;
  /** σ²(R_XᵀR_X)⁻¹, p × p row-major. */
  vcov: Float64Array;
}

export function solveLmm(model: LmmModel, factor: Factor, reml: boolean): LmmSolution {
  const { n, p, blocks } = model;
  const { Q1, Q2, q1, nl1, rowPtr, rowIndex, panelStart } = blocks.layout;
  const P = p + 1;
  const { lww, lw1, lw2, l11, l21, l22, lambda } = factor;
  const sigma = Math.sqrt(factor.pwrss / (reml ? n - p : n));

  const Lxx = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) Lxx[j * p + k] = lww[j * P + k];
  const beta = new Float64Array(p);
  for (let k = 0; k < p; k++) beta[k] = lww[p * P + k];
  backSolveTransposed(Lxx, p, beta);

  // c = L_yZᵀ − L_XZᵀβ, then back-substitution through L_ZZᵀ.
  const u = new Float64Array(Q1 + Q2);
  for (let c = 0; c < Q1; c++) {
    let v = lw1[p * Q1 + c];
    for (let j = 0; j < p; j++) v -= beta[j] * lw1[j * Q1 + c];
    u[c] = v;
  }
  // L22 and the columns of L_W2 are in the later block's fill-reducing order: solve there, then put u back in order.
  const { perm, sn } = blocks.later;
  const u2 = new Float64Array(Q2);
  for (let c = 0; c < Q2; c++) {
    let v = lw2[p * Q2 + c];
    for (let j = 0; j < p; j++) v -= beta[j] * lw2[j * Q2 + c];
    u2[c] = v;
  }
  if (Q2 > 0) backSolveSupernodal(l22, sn, u2, 0);
  for (let t = 0; t < Q2; t++) u[Q1 + perm[t]] = u2[t];
  for (let b = 0; b < nl1; b++) {
    const r0 = rowPtr[b];
    const nr = rowPtr[b + 1] - r0;
    const base = panelStart[b];
    const off = b * q1;
    for (let c = 0; c < q1; c++) {
      let v = u[off + c];
      for (let r = 0; r < nr; r++) v -= l21[base + c * nr + r] * u[Q1 + rowIndex[r0 + r]];
      u[off + c] = v;
    }
    solveUpperSmall(l11, b * q1 * q1, q1, u, off);
  }

  const b = Float64Array.from(u);
  for (let lev = 0; lev < nl1; lev++) applyLambda(b, lev * q1, lambda[0], q1);
  const terms = model.random.terms;
  for (let k = 1; k < terms.length; k++) {
    const start = Q1 + blocks.layout.rowStart[k - 1];
    for (let a = 0; a < terms[k].nl; a++) applyLambda(b, start + a * terms[k].q, lambda[k], terms[k].q);
  }

  const fitted = new Float64Array(n);
  const X = model.fixed.X;
  for (let j = 0; j < p; j++) {
    const bj = beta[j];
    for (let i = 0, o = j * n; i < n; i++) fitted[i] += X[o + i] * bj;
  }
  terms.forEach((t, k) => {
    const start = k === 0 ? 0 : Q1 + blocks.layout.rowStart[k - 1];
    for (let s = 0; s < t.q; s++) {
      for (let i = 0, o = s * n; i < n; i++) fitted[i] += t.Z[o + i] * b[start + t.codes[i] * t.q + s];
    }
  });
  if (model.offset) for (let i = 0; i < n; i++) fitted[i] += model.offset[i];
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = model.y[i] - fitted[i];

  const vcov = crossprodLower(invertLower(Lxx, p), p);
  const s2 = sigma * sigma;
  for (let i = 0; i < vcov.length; i++) vcov[i] *= s2;
  return { beta, sigma, b, u, fitted, residuals, vcov };
}

/** Solves Lᵀ v = x in place for a q × q column-major lower block at `lOff`. */
function solveUpperSmall(L: Float64Array, lOff: number, q: number, x: Float64Array, off: number): void {
  for (let c = q - 1; c >= 0; c--) {
    let v = x[off + c];
    for (let t = c + 1; t < q; t++) v -= L[lOff + c * q + t] * x[off + t];
    x[off + c] = v / L[lOff + c * q + c];
  }
}

/** x ← Λx for q contiguous values (Λ lower, column-major): entry s needs entries ≤ s, so go from the last. */
export function applyLambda(x: Float64Array, off: number, lam: Float64Array, q: number): void {
  for (let s = q - 1; s >= 0; s--) {
    let v = 0;
    for (let t = 0; t <= s; t++) v += lam[t * q + s] * x[off + t];
    x[off + s] = v;
  }
}
