import { AppError } from '@shared/errors';
import type { KrAdjustment } from './kr-adjust';
import { mul, solveSpd, trace, traceOfProduct } from './kr-small-dense';

/**
 * Kenward and Roger's approximate F test of H₀: Lβ = 0 (pbkrtest's .KR_adjust; Lb_ddf is its
 * one-row case). With Θ = Lᵀ(LΦLᵀ)⁻¹L and u_i = ΘΦP_iΦ:
 *   A₁ = Σ_ij W_ij tr(u_i) tr(u_j),  A₂ = Σ_ij W_ij tr(u_i u_j),
 * and from them the denominator df (matching the first two moments of a scaled F) and the
 * scaling λ of the Wald statistic F = λ · β̂ᵀLᵀ(LΦ_ALᵀ)⁻¹Lβ̂ / ℓ, ℓ = rows of L.
 */
export interface KrFTerms {
  ddf: number;
  /** λ (pbkrtest's F.scaling): 1 when the df are within 0.01 of 2. */
  scaling: number;
  /** β̂ᵀLᵀ(LΦ_ALᵀ)⁻¹Lβ̂ / ℓ, the statistic before scaling (pbkrtest's FtestU). */
  unscaledF: number;
}

export function krFTerms(adj: KrAdjustment, L: number[][], beta: Float64Array): KrFTerms {
  const { phi, phiA, P, W, m } = adj;
  const p = beta.length;
  const l = L.length;
  const Lflat = new Float64Array(l * p);
  L.forEach((row, i) => row.forEach((v, j) => (Lflat[i * p + j] = v)));

  // Θ = Lᵀ (LΦLᵀ)⁻¹ L.
  const LPhiLt = sandwich(Lflat, phi, l, p);
  const inner = solveSpd(LPhiLt, l, Lflat, p);
  if (!inner) throw new AppError('bad-input', 'Kenward-Roger F test: the rows of L are not linearly independent (LΦLᵀ is not positive definite).');
  const theta = new Float64Array(p * p);
  for (let t = 0; t < l; t++) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) theta[i * p + j] += Lflat[t * p + i] * inner[t * p + j];

  const thetaPhi = mul(theta, phi, p);
  const u = P.map((Pi) => mul(mul(thetaPhi, Pi, p), phi, p));
  const tr = u.map((ui) => trace(ui, p));
  let A1 = 0;
  let A2 = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const e = i === j ? 1 : 2;
      const w = W[i * m + j];
      A1 += e * w * tr[i] * tr[j];
      A2 += e * w * traceOfProduct(u[i], u[j], p);
    }
  }
  const q = l;
  const B = (A1 + 6 * A2) / (2 * q);
  const g = ((q + 1) * A1 - (q + 4) * A2) / ((q + 2) * A2);
  const den = 3 * q + 2 * (1 - g);
  const c1 = g / den;
  const c2 = (q - g) / den;
  const c3 = (q + 2 - g) / den;
  let V0 = 1 + c1 * B;
  const V1 = 1 - c2 * B;
  const V2 = 1 - c3 * B;
  if (Math.abs(V0) < 1e-10) V0 = 0;
  const ratio = Math.abs(1 - A2 / q) < 1e-14 && Math.abs(V1) < 1e-14 ? 1 : (1 - A2 / q) / V1;
  const rho = (1 / q) * ratio * ratio * (V0 / V2);
  const ddf = 4 + (q + 2) / (q * rho - 1);
  const scaling = Math.abs(ddf - 2) < 0.01 ? 1 : (ddf * (1 - A2 / q)) / (ddf - 2);

  // Wald statistic with the adjusted covariance.
  const Lb = new Float64Array(l);
  for (let t = 0; t < l; t++) for (let j = 0; j < p; j++) Lb[t] += Lflat[t * p + j] * beta[j];
  const solved = solveSpd(sandwich(Lflat, phiA, l, p), l, Lb, 1);
  if (!solved) throw new AppError('internal', 'Kenward-Roger F test: LΦ_ALᵀ is not positive definite.');
  let wald = 0;
  for (let t = 0; t < l; t++) wald += Lb[t] * solved[t];
  return { ddf, scaling, unscaledF: wald / q };
}

/** L Φ Lᵀ for L (l × p) and Φ (p × p). */
function sandwich(L: Float64Array, phi: Float64Array, l: number, p: number): Float64Array {
  const out = new Float64Array(l * l);
  for (let a = 0; a < l; a++) {
    for (let b = 0; b < l; b++) {
      let s = 0;
      for (let i = 0; i < p; i++) {
        const la = L[a * p + i];
        if (la === 0) continue;
        for (let j = 0; j < p; j++) s += la * phi[i * p + j] * L[b * p + j];
      }
      out[a * l + b] = s;
    }
  }
  return out;
}
