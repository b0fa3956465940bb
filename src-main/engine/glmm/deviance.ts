import { AppError } from '@shared/errors';
import type { GaussHermiteRule } from './gauss-hermite';
import { rowsOfU, type GlmmModel, type RowsOfU } from './model';
import { linearPredictor, pirls, type PirlsState } from './pirls';

/**
 * lme4's objectives for glmer, as functions of the optimiser's parameters.
 *
 * Laplace (nAGQ ≤ 1; glmResp::Laplace): −2 log L ≈ aic(y, n, μ, wt) + ‖u‖² + log|L|²,
 * where aic is the family's −2 log-likelihood (R's family$aic without 2·rank),
 * μ and u at the conditional modes found by PIRLS, and L the Cholesky factor of
 * UᵀWU + I there. Stage 1 (nAGQ = 0) takes θ and estimates β inside PIRLS;
 * stage 2 takes (θ, β) and finds u alone.
 *
 * Adaptive Gauss-Hermite quadrature (nAGQ > 1; lme4's glmerAGQ, one scalar
 * random-effects term): per level j, devc0_j = Σ d_i + u_j² over the level's rows at
 * the modes, sd_j = 1/L_jj, and the integral is approximated by
 * mult_j = Σ_k w_k exp(z_k²/2 − (devc_j(u_j + z_k sd_j) − devc0_j)/2); the objective is
 * Σ devc0 + log|L|² − 2 Σ log mult_j. Like lme4, this uses the deviance residuals,
 * not the full log-likelihood, so the binomial coefficients are left out of its logLik.
 */
export interface GlmmObjective {
  (par: Float64Array): number;
  /** The PIRLS state of the last evaluation. */
  last: PirlsState | null;
  evaluations: number;
}

export function laplaceValue(model: GlmmModel, s: PirlsState): number {
  return model.family.aic(model.y, model.trials, s.mu, model.wt) + s.sqrL + s.ldL2;
}

/**
 * Stage 1: θ ↦ Laplace deviance with β estimated inside PIRLS. As lme4's
 * mkGlmerDevfun, PIRLS first runs once at the start θ from R's mustart; every
 * evaluation then starts from that linear predictor (`lp0`, unless one is given).
 */
export function stage1Objective(model: GlmmModel, lp0?: Float64Array): GlmmObjective & { lp0: Float64Array } {
  let U: RowsOfU | undefined;
  if (!lp0) {
    U = rowsOfU(model, Float64Array.from(model.layout.start), U);
    lp0 = linearPredictor(model, pirls({ model, U, beta: null, lp0: null }));
  }
  const start = lp0;
  const f = ((theta: Float64Array) => {
    U = rowsOfU(model, theta, U);
    const s = pirls({ model, U, beta: null, lp0: start });
    f.last = s;
    f.evaluations++;
    return laplaceValue(model, s);
  }) as GlmmObjective & { lp0: Float64Array };
  f.last = null;
  f.evaluations = 0;
  f.lp0 = start;
  return f;
}

/**
 * Stage 2: (θ, β) ↦ Laplace deviance (rule null) or the AGQ deviance, every evaluation
 * starting PIRLS from `lp0`, the linear predictor at the end of stage 1 (lme4's
 * updateGlmerDevfun).
 */
export function stage2Objective(model: GlmmModel, rule: GaussHermiteRule | null, lp0: Float64Array): GlmmObjective {
  const m = model.layout.lower.length;
  if (rule) checkAgq(model, rule.z.length);
  let U: RowsOfU | undefined;
  const f = ((par: Float64Array) => {
    const theta = par.subarray(0, m);
    const beta = Float64Array.from(par.subarray(m));
    U = rowsOfU(model, theta, U);
    const s = pirls({ model, U, beta, lp0 });
    f.last = s;
    f.evaluations++;
    return rule ? agqValue(model, U, s, rule) : laplaceValue(model, s);
  }) as GlmmObjective;
  f.last = null;
  f.evaluations = 0;
  return f;
}

/** lme4: "nAGQ > 1 is only available for models with a single, scalar random-effects term". */
export function checkAgq(model: GlmmModel, nAGQ: number): void {
  if (nAGQ > 25) throw new AppError('bad-input', `nAGQ = ${nAGQ}: lme4 allows at most 25 quadrature points (nAGQ ≤ 25).`);
  const terms = model.random.terms;
  if (terms.length !== 1 || terms[0].q !== 1) {
    throw new AppError(
      'bad-input',
      `nAGQ = ${nAGQ}: adaptive Gauss-Hermite quadrature (nAGQ > 1) is only available for models with a single, scalar random-effects term such as (1 | group); this model has ${terms.map((t) => t.source).join(' + ')}. Use nAGQ = 1 (the Laplace approximation).`,
    );
  }
}

export function agqValue(model: GlmmModel, U: RowsOfU, s: PirlsState, rule: GaussHermiteRule): number {
  const { n, q, family, y, wt } = model;
  const codes = model.random.terms[0].codes;
  const perLevel = (u: Float64Array, out: Float64Array) => {
    for (let j = 0; j < q; j++) out[j] = u[j] * u[j];
    for (let i = 0; i < n; i++) {
      const j = codes[i];
      const eta = s.eta[i] + U.vals[i] * (u[j] - s.u[j]);
      out[j] += family.devResid(y[i], family.link.linkinv(eta), wt[i]);
    }
    return out;
  };
  const devc0 = perLevel(s.u, new Float64Array(q));
  const sd = new Float64Array(q);
  for (let j = 0; j < q; j++) sd[j] = 1 / s.uDiagonal[j];
  const mult = new Float64Array(q);
  const shifted = new Float64Array(q);
  const devc = new Float64Array(q);
  for (let k = 0; k < rule.z.length; k++) {
    const zk = rule.z[k];
    if (zk === 0) {
      for (let j = 0; j < q; j++) mult[j] += rule.w[k];
      continue;
    }
    for (let j = 0; j < q; j++) shifted[j] = s.u[j] + zk * sd[j];
    perLevel(shifted, devc);
    for (let j = 0; j < q; j++) mult[j] += rule.w[k] * Math.exp(zk * zk * 0.5 - 0.5 * (devc[j] - devc0[j]));
  }
  let total = s.ldL2;
  for (let j = 0; j < q; j++) total += devc0[j] - 2 * Math.log(mult[j]);
  return total;
}
