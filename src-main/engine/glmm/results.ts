import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { quantilesType7 } from '../lm/quantiles';
import { choleskyLower, crossprodLower, invertLower } from '../lmm/dense';
import type { RanefGroup, VarCorrTerm } from '../lmm/results';
import { isSingularTheta, termFactor } from '../lmm/theta';
import { devianceResidual, pearsonResidual } from './families';
import type { GlmmModel } from './model';
import type { PirlsState } from './pirls';
import type { IccValues, R2Nakagawa } from '../inference/icc-r2';
import { binomialDistributionVariance, glmerVarianceExplained } from '../inference/icc-r2-glmer';

/**
 * The numbers lme4 reports for a fitted glmer model, named as the reference
 * fixtures name them (test/fixtures/README.md, `fit` for glmer). σ is 1 (binomial
 * and Poisson have no dispersion parameter); `deviance` is the sum of the squared
 * deviance residuals at the conditional modes (lme4's deviance() of a glmer fit),
 * logLik is minus half the optimised criterion.
 */
export interface GlmerSummary {
  fixef: { names: string[]; estimate: number[]; se: number[]; statistic: number[]; p: number[] };
  vcov: number[][];
  corr_fixef: number[][];
  varcorr: VarCorrTerm[];
  sigma: number;
  theta: number[];
  logLik: number;
  df: number;
  AIC: number;
  BIC: number;
  deviance_ml: number;
  REMLcrit: null;
  deviance: number;
  df_resid: number;
  nobs: number;
  ngroups: Record<string, number>;
  isSingular: boolean;
  scaled_resid_quantiles: number[];
  ranef: RanefGroup[];
  fitted_head: number[];
  resid_head: number[];
  /** Which covariance lme4 would report: from the finite-difference Hessian, or from RX when that was unusable. */
  vcovSource: 'hessian' | 'RX';
  /** performance::icc and r2_nakagawa (inference/icc-r2-glmer.ts); a Poisson fit's come from fitGlmer (they need a null model). */
  icc: IccValues | null;
  r2_nakagawa: R2Nakagawa | null;
  /** Wald 95% intervals of the fixed effects, β ± z₀.₉₇₅ SE (confint(m, method = "Wald")). */
  confint_wald: number[][];
}

export interface GlmerSummaryInput {
  model: GlmmModel;
  theta: Float64Array;
  state: PirlsState;
  /** The optimised criterion (Laplace or AGQ deviance). */
  criterion: number;
  /** The stage-2 Hessian of the criterion over (θ, β), column-major, or null (nAGQ = 0 or not computed). */
  hessian: Float64Array | null;
}

const HEAD = 20;
const Z975 = normalQuantile(0.975, 0, 1);

export function summarizeGlmer(input: GlmerSummaryInput): GlmerSummary {
  const { model, theta, state, criterion } = input;
  const { n, p, q, family, y, wt } = model;
  const m = theta.length;
  const fromHessian = input.hessian ? vcovFromHessian(input.hessian, m, p) : null;
  const V = fromHessian ?? vcovFromRX(state.factor, q, p);
  const se = Array.from({ length: p }, (_, j) => Math.sqrt(V[j * p + j]));
  const estimate = Array.from(state.beta);
  const statistic = estimate.map((b, j) => b / se[j]);
  const vcov = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => V[i * p + j]));
  const df = m + p;
  const logLik = -criterion / 2;
  const pearson = new Float64Array(n);
  const devRes: number[] = [];
  for (let i = 0; i < n; i++) {
    pearson[i] = pearsonResidual(family, y[i], state.mu[i], wt[i]);
    if (i < HEAD) devRes.push(devianceResidual(family, y[i], state.mu[i], wt[i]));
  }
  const ngroups: Record<string, number> = {};
  for (const g of model.random.flist) ngroups[g.group] = g.levels.length;
  const varcorr = varCorr(model, theta);
  const distributionVariance = family.family === 'binomial' ? binomialDistributionVariance(family.link.name) : null;
  return {
    fixef: { names: model.fixed.names, estimate, se, statistic, p: statistic.map((z) => 2 * normalCdf(-Math.abs(z), 0, 1)) },
    confint_wald: estimate.map((b, j) => [b - Z975 * se[j], b + Z975 * se[j]]),
    vcov,
    corr_fixef: vcov.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (se[i] * se[j])))),
    varcorr,
    sigma: 1,
    theta: Array.from(theta),
    logLik,
    df,
    AIC: -2 * logLik + 2 * df,
    BIC: -2 * logLik + Math.log(n) * df,
    deviance_ml: state.devSum,
    REMLcrit: null,
    deviance: state.devSum,
    df_resid: n - df,
    nobs: n,
    ngroups,
    isSingular: isSingularTheta(theta, model.layout),
    scaled_resid_quantiles: quantilesType7(pearson, [0, 0.25, 0.5, 0.75, 1]),
    ranef: ranef(model, theta, state),
    fitted_head: Array.from(state.mu.subarray(0, HEAD)),
    resid_head: devRes,
    vcovSource: fromHessian ? 'hessian' : 'RX',
    ...(distributionVariance === null
      ? { icc: null, r2_nakagawa: null }
      : glmerVarianceExplained({ model, theta, beta: state.beta, varcorr, distributionVariance })),
  };
}

/**
 * vcov.merMod with use.hessian (lme4's default when the stage-2 Hessian exists):
 * the β block of 2·H⁻¹, symmetrised; null when H is singular or that block is not
 * positive definite (lme4 then warns and falls back to RX).
 */
export function vcovFromHessian(hessian: Float64Array, m: number, p: number): Float64Array | null {
  const k = m + p;
  const inv = solveGeneral(hessian, k);
  if (!inv) return null;
  const V = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) V[i * p + j] = inv[(m + j) * k + m + i] + inv[(m + i) * k + m + j];
  const test = Float64Array.from(V);
  if (!choleskyLower(test, p) || V.some((v) => !Number.isFinite(v))) return null;
  return V;
}

/** σ²(RXᵀRX)⁻¹ from the joint factor's lower-right block (lme4's pp$unsc()). */
export function vcovFromRX(factor: Float64Array, q: number, p: number): Float64Array {
  const full = q + p;
  const RX = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) RX[i * p + j] = factor[(q + i) * full + q + j];
  return crossprodLower(invertLower(RX, p), p);
}

/** A⁻¹ by Gauss-Jordan elimination with partial pivoting (column-major in, column-major out); null if singular. */
function solveGeneral(a: Float64Array, k: number): Float64Array | null {
  const A = Float64Array.from(a);
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  const at = (M: Float64Array, r: number, c: number) => c * k + r;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[at(A, r, c)]) > Math.abs(A[at(A, piv, c)])) piv = r;
    const d = A[at(A, piv, c)];
    if (!(Math.abs(d) > 0) || !Number.isFinite(d)) return null;
    if (piv !== c) {
      for (let j = 0; j < k; j++) {
        [A[at(A, c, j)], A[at(A, piv, j)]] = [A[at(A, piv, j)], A[at(A, c, j)]];
        [inv[at(inv, c, j)], inv[at(inv, piv, j)]] = [inv[at(inv, piv, j)], inv[at(inv, c, j)]];
      }
    }
    for (let j = 0; j < k; j++) {
      A[at(A, c, j)] /= d;
      inv[at(inv, c, j)] /= d;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[at(A, r, c)];
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        A[at(A, r, j)] -= f * A[at(A, c, j)];
        inv[at(inv, r, j)] -= f * inv[at(inv, c, j)];
      }
    }
  }
  return inv;
}

/** VarCorr: Λ_kΛ_kᵀ per term (σ = 1), with R's make.unique names for repeated grouping factors. */
function varCorr(model: GlmmModel, theta: Float64Array): VarCorrTerm[] {
  const seen = new Map<string, number>();
  return model.random.terms.map((t, k) => {
    const qk = t.q;
    const L = termFactor(theta, model.layout, k, new Float64Array(qk * qk));
    const cov = (r: number, c: number) => {
      let s = 0;
      for (let j = 0; j <= Math.min(r, c); j++) s += L[j * qk + r] * L[j * qk + c];
      return s;
    };
    const variance = Array.from({ length: qk }, (_, r) => cov(r, r));
    const sd = variance.map(Math.sqrt);
    const count = seen.get(t.group) ?? 0;
    seen.set(t.group, count + 1);
    return {
      group: t.group,
      term_group: count === 0 ? t.group : `${t.group}.${count}`,
      names: t.cnms,
      variance,
      sd,
      corr: qk === 1 ? null : Array.from({ length: qk }, (_, r) => Array.from({ length: qk }, (_, c) => (r === c ? 1 : cov(r, c) / (sd[r] * sd[c])))),
    };
  });
}

/** Conditional modes b = Λu and their conditional SDs √diag(Λ_k (UᵀWU + I)⁻¹_block Λ_kᵀ), per grouping factor. */
function ranef(model: GlmmModel, theta: Float64Array, state: PirlsState): RanefGroup[] {
  const { q, p } = model;
  const full = q + p;
  // (UᵀWU + I)⁻¹, needed only in each level's diagonal block. With one term the factor is
  // block diagonal (one block per level), so each block is inverted alone: O(q) rather than
  // the O(q³) of inverting the whole factor, which dominated large one-term fits.
  const single = model.random.terms.length === 1;
  let Ainv: Float64Array | null = null;
  if (!single) {
    const Luu = new Float64Array(q * q);
    for (let i = 0; i < q; i++) for (let j = 0; j <= i; j++) Luu[i * q + j] = state.factor[i * full + j];
    Ainv = crossprodLower(invertLower(Luu, q), q);
  }
  const blockInverse = (o: number, qk: number): ((a: number, c: number) => number) => {
    if (Ainv) {
      const A = Ainv;
      return (a, c) => A[(o + a) * q + o + c];
    }
    const Lb = new Float64Array(qk * qk);
    for (let i = 0; i < qk; i++) for (let j = 0; j <= i; j++) Lb[i * qk + j] = state.factor[(o + i) * full + o + j];
    const B = crossprodLower(invertLower(Lb, qk), qk);
    return (a, c) => B[a * qk + c];
  };
  const perTerm = model.random.terms.map((t, k) => {
    const qk = t.q;
    const L = termFactor(theta, model.layout, k, new Float64Array(qk * qk));
    const values: number[][] = [];
    const condsd: number[][] = [];
    for (let l = 0; l < t.nl; l++) {
      const o = model.uOffset[k] + l * qk;
      const inv = blockInverse(o, qk);
      const b: number[] = [];
      const s: number[] = [];
      for (let r = 0; r < qk; r++) {
        let v = 0;
        for (let c = 0; c <= r; c++) v += L[c * qk + r] * state.u[o + c];
        b.push(v);
        let var_ = 0;
        for (let a = 0; a <= r; a++) for (let c = 0; c <= r; c++) var_ += L[a * qk + r] * inv(a, c) * L[c * qk + r];
        s.push(Math.sqrt(var_));
      }
      values.push(b);
      condsd.push(s);
    }
    return { values, condsd };
  });
  return model.random.flist.map((g) => ({
    group: g.group,
    levels: g.levels,
    names: g.terms.flatMap((k) => model.random.terms[k].cnms),
    values: g.levels.map((_, l) => g.terms.flatMap((k) => perTerm[k].values[l])),
    condsd: g.levels.map((_, l) => g.terms.flatMap((k) => perTerm[k].condsd[l])),
  }));
}
