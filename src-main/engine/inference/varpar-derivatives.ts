import { AppError } from '@shared/errors';
import { backSolveTransposed, crossprodLower, invertLower } from '../lmm/dense';
import type { Factor } from '../lmm/factor';
import type { LmmModel } from '../lmm/model';
import { lmmObjective, type LmmObjective } from '../lmm/objective';

/**
 * What lmerTest (3.1-3, as_lmerModLT) differentiates to get Satterthwaite's df, in its
 * variance parameters varpar = (θ, σ):
 *
 *   the deviance D(θ, σ) = a(θ) + r(θ)/σ² + d·log(2πσ²)       (lmerTest's devfun_vp)
 *     with a = log|L_θ|² (+ log|R_X|² for REML), r the penalised residual sum of
 *     squares with β profiled out, d = n (ML) or n − p (REML);
 *   vcov(β)(θ, σ) = σ² M(θ), M = (R_XᵀR_X)⁻¹                   (lmerTest's get_covbeta)
 *
 * lmerTest differentiates both numerically in all of varpar (numDeriv's hessian and
 * jacobian). Here σ enters in closed form, so only θ is differenced: the Hessian is
 *
 *   ∂²D/∂θᵢ∂θⱼ = ∂²(a + r/σ²)/∂θᵢ∂θⱼ,  ∂²D/∂θᵢ∂σ = −2 (∂r/∂θᵢ)/σ³,  ∂²D/∂σ² = 6r/σ⁴ − 2d/σ²
 *
 * and the Jacobian ∂vcov/∂θᵢ = σ² ∂M/∂θᵢ, ∂vcov/∂σ = 2σM. The θ derivatives are central
 * differences refined by Richardson extrapolation, on the stencil of numDeriv's genD
 * (steps 0.1·|θᵢ|, or 1e-4 where θᵢ is 0; the cross terms from f(θ ± (hᵢ, hⱼ)) and the
 * diagonal), with three steps (h, h/2, h/4) where genD takes four: on every reference
 * case the df then agree with lmerTest's to 1e-7 relative, as with four, while two
 * steps miss by up to 1e-3. Every point is one factorisation; with m parameters in θ
 * that is 1 + 3m(m + 1) of them (7 for one θ, 37 for three; lmerTest needs 113 for three).
 *
 * A θ on its bound (0, a singular fit) is stepped across it, as numDeriv does: the
 * criterion is defined and smooth there (only ΛΛᵀ enters it).
 */
export interface VarparDerivatives {
  /** (θ, σ) at which everything was evaluated. */
  varpar: Float64Array;
  sigma: number;
  beta: Float64Array;
  /** σ²M at varpar, p × p row-major. */
  vcov: Float64Array;
  /** Hessian of the deviance in varpar, k × k row-major (k = θ's length + 1, σ last). */
  hessian: Float64Array;
  /** ∂vcov(β)/∂varparᵢ, one p × p row-major matrix per varpar. */
  jacobian: Float64Array[];
  /** Factorisations done. */
  evaluations: number;
}

export interface DerivativeOptions {
  /** Rejects to cancel; awaited between factorisations by the asynchronous driver. */
  checkpoint?: () => Promise<void>;
  onProgress?: (fraction: number, message: string) => void;
}

/** genD's step rule: relative step d, step eps where θᵢ is 0 (|θᵢ| < zeroTol); r steps, each 1/v of the last. */
const STEP = { d: 0.1, eps: 1e-4, zeroTol: Math.sqrt(Number.EPSILON / 7e-7), r: 3, v: 2 };
const PROGRESS_MS = 100;

/** What one factorisation gives: the θ-dependent parts of the deviance, and M. */
interface Point {
  a: number;
  r: number;
  M: Float64Array;
}

export function varparDerivatives(model: LmmModel, theta: Float64Array, reml: boolean): VarparDerivatives {
  const f = lmmObjective(model, reml, { parallel: true });
  try {
    const steps = derivativeSteps(model, theta, f);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  } finally {
    f.dispose();
  }
}

export async function varparDerivativesAsync(model: LmmModel, theta: Float64Array, reml: boolean, options: DerivativeOptions = {}): Promise<VarparDerivatives> {
  const f = lmmObjective(model, reml, { parallel: true });
  const what = `Differentiating the ${reml ? 'REML criterion' : 'deviance'} in the variance parameters`;
  let last = 0;
  try {
    const steps = derivativeSteps(model, theta, f);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      await options.checkpoint?.();
      const now = Date.now();
      if (options.onProgress && now - last >= PROGRESS_MS) {
        last = now;
        options.onProgress(next.value, what);
      }
    }
  } finally {
    // Also when the checkpoint rejects: the objective's second thread must end.
    f.dispose();
  }
}

/** Yields the fraction done after each factorisation; returns the derivatives. */
function* derivativeSteps(model: LmmModel, theta: Float64Array, f: LmmObjective): Generator<number, VarparDerivatives> {
  const { n, p } = model;
  const { reml } = f;
  const m = theta.length;
  const k = m + 1;
  const dof = reml ? n - p : n;
  const total = 1 + STEP.r * m * (m + 1);
  let evaluations = 0;
  const at = (t: Float64Array): Point => {
    if (!Number.isFinite(f(t))) {
      throw new AppError('internal', `Satterthwaite's df: the mixed-model system is not positive definite at θ = (${Array.from(t).join(', ')}).`);
    }
    evaluations++;
    return pointOf(f.factor, reml, p);
  };
  const centre = at(theta);
  const beta = betaOf(f.factor, p);
  yield evaluations / total;
  const sigma = Math.sqrt(centre.r / dof);
  const s2 = sigma * sigma;
  const g = (pt: Point) => pt.a + pt.r / s2;
  const g0 = g(centre);
  const h0 = Float64Array.from(theta, (x) => Math.abs(STEP.d * x) + (Math.abs(x) < STEP.zeroTol ? STEP.eps : 0));
  const pp = p * p;

  // Along each axis: first derivatives of r and M, second derivative of g.
  const dr = new Float64Array(m);
  const dM = Array.from({ length: m }, () => new Float64Array(pp));
  const hdiag = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const rungR: number[] = [];
    const rungG: number[] = [];
    const rungM: Float64Array[] = [];
    let h = h0[i];
    for (let s = 0; s < STEP.r; s++, h /= STEP.v) {
      const up = at(shifted(theta, i, h, -1, 0));
      yield evaluations / total;
      const down = at(shifted(theta, i, -h, -1, 0));
      yield evaluations / total;
      rungR.push((up.r - down.r) / (2 * h));
      rungG.push((g(up) - 2 * g0 + g(down)) / (h * h));
      rungM.push(Float64Array.from(up.M, (u, e) => (u - down.M[e]) / (2 * h)));
    }
    dr[i] = richardson(rungR);
    hdiag[i] = richardson(rungG);
    for (let e = 0; e < pp; e++) dM[i][e] = richardson(rungM.map((x) => x[e]));
  }

  const hessian = new Float64Array(k * k);
  for (let i = 0; i < m; i++) hessian[i * k + i] = hdiag[i];
  for (let i = 1; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const rung: number[] = [];
      let hi = h0[i];
      let hj = h0[j];
      for (let s = 0; s < STEP.r; s++, hi /= STEP.v, hj /= STEP.v) {
        const up = g(at(shifted(theta, i, hi, j, hj)));
        yield evaluations / total;
        const down = g(at(shifted(theta, i, -hi, j, -hj)));
        yield evaluations / total;
        rung.push((up - 2 * g0 + down - hdiag[i] * hi * hi - hdiag[j] * hj * hj) / (2 * hi * hj));
      }
      const v = richardson(rung);
      hessian[i * k + j] = v;
      hessian[j * k + i] = v;
    }
  }
  for (let i = 0; i < m; i++) {
    const v = (-2 * dr[i]) / (s2 * sigma);
    hessian[i * k + m] = v;
    hessian[m * k + i] = v;
  }
  hessian[m * k + m] = (6 * centre.r) / (s2 * s2) - (2 * dof) / s2;

  const jacobian = dM.map((d) => d.map((x) => x * s2));
  jacobian.push(centre.M.map((x) => 2 * sigma * x));
  return {
    varpar: Float64Array.from([...theta, sigma]),
    sigma,
    beta,
    vcov: centre.M.map((x) => x * s2),
    hessian,
    jacobian,
    evaluations,
  };
}

/** θ with θᵢ += hi and (when j ≥ 0) θⱼ += hj. */
function shifted(theta: Float64Array, i: number, hi: number, j: number, hj: number): Float64Array {
  const t = Float64Array.from(theta);
  t[i] += hi;
  if (j >= 0) t[j] += hj;
  return t;
}

/** Richardson's extrapolation of central differences at steps h, h/2, h/4, … (error terms in h², h⁴, …), as genD. */
function richardson(rung: number[]): number {
  const d = rung.slice();
  for (let mm = 1; mm < d.length; mm++) {
    const w = 4 ** mm;
    for (let s = 0; s < d.length - mm; s++) d[s] = (d[s + 1] * w - d[s]) / (w - 1);
  }
  return d[0];
}

function pointOf(factor: Factor, reml: boolean, p: number): Point {
  return { a: factor.logdetL + (reml ? factor.logdetRX : 0), r: factor.pwrss, M: unscaledVcov(factor, p) };
}

/** (R_XᵀR_X)⁻¹ from the factor's leading p × p of L_WW (which is R_Xᵀ). */
function unscaledVcov(factor: Factor, p: number): Float64Array {
  const P = p + 1;
  const Lxx = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let c = 0; c <= j; c++) Lxx[j * p + c] = factor.lww[j * P + c];
  return crossprodLower(invertLower(Lxx, p), p);
}

/** β̂(θ) from the factor: R_X β = c_β, with R_Xᵀ and c_βᵀ the first p rows of L_WW (as solveLmm reads them). */
function betaOf(factor: Factor, p: number): Float64Array {
  const P = p + 1;
  const Lxx = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let c = 0; c <= j; c++) Lxx[j * p + c] = factor.lww[j * P + c];
  const beta = Float64Array.from({ length: p }, (_, j) => factor.lww[p * P + j]);
  backSolveTransposed(Lxx, p, beta);
  return beta;
}
