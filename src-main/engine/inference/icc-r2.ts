import type { FixedDesign } from '../model/fixed-design';
import type { RandomDesign } from '../lmm/random-design';
import type { VarCorrTerm } from '../lmm/results';
import { isSingularTheta, type ThetaLayout } from '../lmm/theta';

/**
 * The intraclass correlation and Nakagawa's R² as the R package performance
 * (0.10.2, with insight 0.19.0's get_variance) computes them for lme4 fits:
 *
 *   fixed    = var(Xβ) (n − 1 denominator, offset left out)
 *   random   = per grouping factor, the mean over observations of zᵢᵀΣzᵢ, with zᵢ the
 *              observation's row of X restricted to Σ's columns
 *   residual = σ² (lmer), or the distribution-specific variance (glmer) plus the
 *              variance of observation-level random effects
 *
 *   ICC adjusted = random / (random + residual), conditional = random / total;
 *   R² marginal = fixed / total, conditional = (fixed + random) / total.
 *
 * insight's details kept on purpose, since they change the numbers students compare
 * with R: only the first covariance block of a grouping factor counts (it looks
 * VarCorr up by the factor's name, so the slope block of (x || g), named g.1, is
 * left out); Σ's columns missing from X are dropped; a factor with as many levels as
 * observations is not a "random" variance (lmer: ignored, glmer: added to the
 * residual); and a fit with a variance parameter below 1e-5 is singular, where
 * performance gives no ICC and an R² without the random part (conditional NA).
 */
export interface IccValues {
  adjusted: number;
  conditional: number;
}

export interface R2Nakagawa {
  marginal: number;
  /** null where performance returns NA (a singular fit). */
  conditional: number | null;
}

export interface VarianceExplained {
  icc: IccValues | null;
  r2_nakagawa: R2Nakagawa | null;
}

export interface VarianceInputs {
  fixed: Pick<FixedDesign, 'X' | 'n' | 'p' | 'names'>;
  random: RandomDesign;
  beta: ArrayLike<number>;
  varcorr: VarCorrTerm[];
  theta: Float64Array;
  layout: ThetaLayout;
  /** σ² for lmer; the distribution-specific variance for glmer. */
  distributionVariance: number;
  /** lmer (true): observation-level factors are ignored; glmer: their variance joins the residual. */
  linear: boolean;
}

/** insight's default tolerance for calling a fit singular (get_variance(tolerance = 1e-5)). */
const SINGULAR_TOLERANCE = 1e-5;

export function varianceExplained(input: VarianceInputs): VarianceExplained {
  const fixed = fixedVariance(input.fixed, input.beta);
  const { random, dispersion } = randomVariances(input);
  const residual = input.distributionVariance + (input.linear ? 0 : dispersion);
  const singular = isSingularTheta(input.theta, input.layout, SINGULAR_TOLERANCE);
  if (!Number.isFinite(fixed) || !Number.isFinite(residual)) return { icc: null, r2_nakagawa: null };
  if (singular || random === null) {
    return { icc: null, r2_nakagawa: { marginal: fixed / (fixed + residual), conditional: null } };
  }
  const total = fixed + random + residual;
  return {
    icc: { adjusted: random / (random + residual), conditional: random / total },
    r2_nakagawa: { marginal: fixed / total, conditional: (fixed + random) / total },
  };
}

/** The lmer case: σ² is the residual variance. */
export function lmerVarianceExplained(input: Omit<VarianceInputs, 'distributionVariance' | 'linear'> & { sigma: number }): VarianceExplained {
  return varianceExplained({ ...input, distributionVariance: input.sigma * input.sigma, linear: true });
}

/** var(Xβ) with R's n − 1 denominator (two passes); NaN for fewer than two rows or no columns. */
export function fixedVariance(fixed: Pick<FixedDesign, 'X' | 'n' | 'p'>, beta: ArrayLike<number>): number {
  const { X, n, p } = fixed;
  if (p === 0 || n < 2) return NaN;
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    const col = j * n;
    for (let i = 0; i < n; i++) eta[i] += X[col + i] * b;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += eta[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (eta[i] - mean) ** 2;
  return ss / (n - 1);
}

/**
 * Σ per grouping factor, averaged over the observations' rows of X. `random` is null
 * when no factor has fewer levels than observations (insight then has no random variance).
 */
function randomVariances(input: VarianceInputs): { random: number | null; dispersion: number } {
  const { fixed, random: design, varcorr } = input;
  const n = fixed.n;
  let random = 0;
  let dispersion = 0;
  let anyRandom = false;
  for (const g of design.flist) {
    const block = varcorr.find((v) => v.group === g.group && (v.term_group ?? v.group) === g.group);
    if (!block) continue;
    const v = meanQuadraticForm(fixed, block);
    if (g.levels.length === n) dispersion += v;
    else {
      random += v;
      anyRandom = true;
    }
  }
  return { random: anyRandom ? random : null, dispersion };
}

/** mean over i of zᵢᵀΣzᵢ, z from X's columns named as Σ's (an intercept of ones if X has none). */
function meanQuadraticForm(fixed: Pick<FixedDesign, 'X' | 'n' | 'names'>, block: VarCorrTerm): number {
  const { X, n, names } = fixed;
  const hasIntercept = names.some((s) => s.startsWith('(Intercept)'));
  const kept: { index: number; column: number | null }[] = [];
  block.names.forEach((name, index) => {
    if (name === '(Intercept)' && !hasIntercept) kept.push({ index, column: null });
    else {
      const column = names.indexOf(name);
      if (column >= 0) kept.push({ index, column });
    }
  });
  const cov = (r: number, c: number): number => {
    if (r === c) return block.variance[r];
    const corr = block.corr?.[r][c] ?? 0;
    return corr * block.sd[r] * block.sd[c];
  };
  let sum = 0;
  for (const a of kept) {
    for (const b of kept) {
      const s = cov(a.index, b.index);
      if (s === 0 || !Number.isFinite(s)) continue;
      let cross = 0;
      if (a.column === null && b.column === null) cross = n;
      else if (a.column === null || b.column === null) {
        const col = (a.column ?? b.column)! * n;
        for (let i = 0; i < n; i++) cross += X[col + i];
      } else {
        const ca = a.column * n;
        const cb = b.column * n;
        for (let i = 0; i < n; i++) cross += X[ca + i] * X[cb + i];
      }
      sum += s * cross;
    }
  }
  return sum / n;
}
