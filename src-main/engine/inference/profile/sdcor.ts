import { varianceParameters } from '@shared/inference';
import type { ThetaLayout } from '../../lmm/theta';

/**
 * lme4's "sdcor" scale of the variance parameters (Cv_to_Sv / Sv_to_Cv): per
 * random-effects term, in θ's positions (the lower triangle column by column),
 * the standard deviations on the diagonal and the correlations below it, then σ.
 * The term's covariance is σ²Λ_kΛ_kᵀ, so θ and σ map one-to-one onto these.
 */
export interface SdcorLayout {
  /** Names as lme4's confint gives them with oldNames = FALSE: "sd_(Intercept)|school", "cor_standLRT.(Intercept)|school", …, "sigma". */
  names: string[];
  /** Profiling bounds (profile.merMod): sd and σ in [0, ∞), cor in [−1, 1]. */
  lower: Float64Array;
  upper: Float64Array;
}

export function sdcorLayout(layout: ThetaLayout, terms: readonly { group: string; cnms: string[] }[]): SdcorLayout {
  const names = [...varianceParameters(terms.map((t) => ({ group: t.group, names: t.cnms }))).map((p) => p.name), 'sigma'];
  const m = layout.lower.length;
  const lower = new Float64Array(m + 1);
  const upper = new Float64Array(m + 1).fill(Infinity);
  for (let i = 0; i < m; i++) {
    if (layout.lower[i] !== 0) {
      lower[i] = -1;
      upper[i] = 1;
    }
  }
  return { names, lower, upper };
}

/** θ and σ to [sd/cor…, σ] (Cv_to_Sv). A correlation with a zero standard deviation is 0 (lme4's cov2sdcor turns NA into 0). */
export function thetaToSdcor(theta: Float64Array, sigma: number, layout: ThetaLayout): Float64Array {
  const out = new Float64Array(theta.length + 1);
  for (let k = 0; k < layout.q.length; k++) {
    const q = layout.q[k];
    const off = layout.offset[k];
    const L = lowerOf(theta, off, q);
    const sd = new Float64Array(q);
    for (let r = 0; r < q; r++) {
      let s = 0;
      for (let t = 0; t <= r; t++) s += L[r * q + t] ** 2;
      sd[r] = Math.sqrt(s);
    }
    let i = off;
    for (let c = 0; c < q; c++) {
      for (let r = c; r < q; r++, i++) {
        if (r === c) {
          out[i] = sigma * sd[r];
        } else {
          let s = 0;
          for (let t = 0; t <= c; t++) s += L[r * q + t] * L[c * q + t];
          const cor = s / (sd[r] * sd[c]);
          out[i] = Number.isNaN(cor) ? 0 : cor;
        }
      }
    }
  }
  out[theta.length] = sigma;
  return out;
}

/**
 * [sd/cor…] with σ to θ (Sv_to_Cv): the Cholesky factor of each term's covariance
 * over σ². A zero pivot (a zero standard deviation, or a correlation of ±1) gives a zero
 * column, as lme4's safe_chol does; a correlation matrix that is not positive
 * semidefinite gives null (the deviance is then +∞).
 */
export function sdcorToTheta(v: Float64Array, sigma: number, layout: ThetaLayout, out: Float64Array): Float64Array | null {
  for (let k = 0; k < layout.q.length; k++) {
    const q = layout.q[k];
    const off = layout.offset[k];
    if (q === 1) {
      out[off] = v[off] / sigma;
      continue;
    }
    // Covariance over σ², row-major lower triangle, then Cholesky in place.
    const A = new Float64Array(q * q);
    const sd = new Float64Array(q);
    let i = off;
    for (let c = 0; c < q; c++) for (let r = c; r < q; r++, i++) if (r === c) sd[r] = v[i] / sigma;
    i = off;
    for (let c = 0; c < q; c++) {
      for (let r = c; r < q; r++, i++) A[r * q + c] = r === c ? sd[r] * sd[r] : v[i] * sd[r] * sd[c];
    }
    if (!choleskySemidefinite(A, q)) return null;
    i = off;
    for (let c = 0; c < q; c++) for (let r = c; r < q; r++, i++) out[i] = A[r * q + c];
  }
  return out;
}

/** Lower-triangular Cholesky of a row-major q × q matrix in place; a pivot within rounding of 0 gives a zero column. */
function choleskySemidefinite(A: Float64Array, q: number): boolean {
  for (let j = 0; j < q; j++) {
    let d = A[j * q + j];
    for (let t = 0; t < j; t++) d -= A[j * q + t] ** 2;
    const scale = Math.max(A[j * q + j], 1e-300);
    if (d <= 1e-12 * scale) {
      if (d < -1e-10 * scale) return false;
      for (let r = j; r < q; r++) {
        let s = A[r * q + j];
        for (let t = 0; t < j; t++) s -= A[r * q + t] * A[j * q + t];
        if (r > j && Math.abs(s) > 1e-8 * Math.sqrt(scale * Math.max(A[r * q + r], 1e-300))) return false;
        A[r * q + j] = 0;
      }
      continue;
    }
    const l = Math.sqrt(d);
    A[j * q + j] = l;
    for (let r = j + 1; r < q; r++) {
      let s = A[r * q + j];
      for (let t = 0; t < j; t++) s -= A[r * q + t] * A[j * q + t];
      A[r * q + j] = s / l;
    }
  }
  for (let r = 0; r < q; r++) for (let c = r + 1; c < q; c++) A[r * q + c] = 0;
  return true;
}

function lowerOf(theta: Float64Array, off: number, q: number): Float64Array {
  const L = new Float64Array(q * q);
  let i = off;
  for (let c = 0; c < q; c++) for (let r = c; r < q; r++, i++) L[r * q + c] = theta[i];
  return L;
}
