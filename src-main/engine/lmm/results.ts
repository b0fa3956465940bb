import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { quantilesType7 } from '../lm/quantiles';
import { conditionalSds } from './cond-var';
import type { Factor } from './factor';
import type { LmmModel } from './model';
import type { LmmSolution } from './solution';
import { isSingularTheta } from './theta';
import { lmerVarianceExplained, type IccValues, type R2Nakagawa } from '../inference/icc-r2';

/**
 * The numbers lme4 reports for a fitted lmer model, named as the reference
 * fixtures name them (test/fixtures/README.md, `fit` for lmer) so they can be
 * written out as JSON directly; typed arrays (full fitted values and residuals)
 * are for plots and are left out by lmerFitJson.
 */
export interface VarCorrTerm {
  /** The grouping factor ("school"); term_group makes repeated ones unique as R's make.unique ("Subject.1"). */
  group: string;
  term_group: string;
  names: string[];
  variance: number[];
  sd: number[];
  /** Correlations (q × q), null for a single column; NaN where a standard deviation is 0. */
  corr: number[][] | null;
}

export interface RanefGroup {
  group: string;
  levels: string[];
  /** Columns of all the terms on this grouping factor, in term order. */
  names: string[];
  /** One row per level: the conditional modes b. */
  values: number[][];
  /** One row per level: their conditional standard deviations. */
  condsd: number[][];
}

export interface LmerSummary {
  fixef: { names: string[]; estimate: number[]; se: number[]; statistic: number[] };
  vcov: number[][];
  corr_fixef: number[][];
  varcorr: VarCorrTerm[];
  sigma: number;
  theta: number[];
  logLik: number;
  df: number;
  AIC: number;
  BIC: number;
  REMLcrit: number | null;
  deviance_ml: number | null;
  nobs: number;
  ngroups: Record<string, number>;
  isSingular: boolean;
  scaled_resid_quantiles: number[];
  ranef: RanefGroup[];
  fitted_head: number[];
  resid_head: number[];
  /** Wald 95% intervals of the fixed effects (confint(fit, method = "Wald")). */
  confint_wald: number[][];
  /** performance::icc and r2_nakagawa (inference/icc-r2.ts); null where performance gives NA. */
  icc: IccValues | null;
  r2_nakagawa: R2Nakagawa | null;
  /** Two-sided p-values of the t values read as z (normal approximation), as the second course note computes them. */
  wald_p: number[];
}

export function summarizeLmer(model: LmmModel, theta: Float64Array, objective: number, factor: Factor, sol: LmmSolution, reml: boolean): LmerSummary {
  const { n, p } = model;
  const names = model.fixed.names;
  const vcov = rows(sol.vcov, p);
  const se = Array.from({ length: p }, (_, j) => Math.sqrt(sol.vcov[j * p + j]));
  const estimate = Array.from(sol.beta);
  const npar = p + theta.length + 1;
  const logLik = -objective / 2;
  const z = normalQuantile(0.975, 0, 1);
  const varcorr = varCorr(model, factor, sol.sigma);
  return {
    fixef: { names, estimate, se, statistic: estimate.map((b, j) => b / se[j]) },
    vcov,
    corr_fixef: vcov.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (se[i] * se[j])))),
    varcorr,
    sigma: sol.sigma,
    theta: Array.from(theta),
    logLik,
    df: npar,
    AIC: -2 * logLik + 2 * npar,
    BIC: -2 * logLik + Math.log(n) * npar,
    REMLcrit: reml ? objective : null,
    deviance_ml: reml ? null : objective,
    nobs: n,
    ngroups: Object.fromEntries(model.random.flist.map((g) => [g.group, g.levels.length])),
    isSingular: isSingularTheta(theta, model.layout),
    scaled_resid_quantiles: quantilesType7(sol.residuals.map((r) => r / sol.sigma), [0, 0.25, 0.5, 0.75, 1]),
    ranef: ranef(model, factor, sol),
    fitted_head: Array.from(sol.fitted.subarray(0, 20)),
    resid_head: Array.from(sol.residuals.subarray(0, 20)),
    confint_wald: estimate.map((b, j) => [b - z * se[j], b + z * se[j]]),
    ...lmerVarianceExplained({ fixed: model.fixed, random: model.random, beta: sol.beta, varcorr, theta, layout: model.layout, sigma: sol.sigma }),
    wald_p: estimate.map((b, j) => 2 * normalCdf(-Math.abs(b / se[j]), 0, 1)),
  };
}

function rows(a: Float64Array, m: number): number[][] {
  return Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * m, (i + 1) * m)));
}

/** σ²ΛₖΛₖᵀ per term, as VarCorr: variances, standard deviations, correlations. */
function varCorr(model: LmmModel, factor: Factor, sigma: number): VarCorrTerm[] {
  const seen = new Map<string, number>();
  return model.random.terms.map((t, k) => {
    const lam = factor.lambda[k];
    const q = t.q;
    const cov = (r: number, c: number): number => {
      let s = 0;
      for (let j = 0; j <= Math.min(r, c); j++) s += lam[j * q + r] * lam[j * q + c];
      return sigma * sigma * s;
    };
    const variance = Array.from({ length: q }, (_, r) => cov(r, r));
    const sd = variance.map(Math.sqrt);
    const corr = q === 1 ? null : Array.from({ length: q }, (_, r) => Array.from({ length: q }, (_, c) => (r === c ? 1 : cov(r, c) / (sd[r] * sd[c]))));
    const count = seen.get(t.group) ?? 0;
    seen.set(t.group, count + 1);
    return { group: t.group, term_group: count === 0 ? t.group : `${t.group}.${count}`, names: t.cnms, variance, sd, corr };
  });
}

function ranef(model: LmmModel, factor: Factor, sol: LmmSolution): RanefGroup[] {
  const { Q1, rowStart } = model.blocks.layout;
  const terms = model.random.terms;
  const sds = conditionalSds(model, factor, sol.sigma);
  return model.random.flist.map((g) => {
    const names = g.terms.flatMap((k) => terms[k].cnms);
    const values: number[][] = g.levels.map(() => []);
    const condsd: number[][] = g.levels.map(() => []);
    for (const k of g.terms) {
      const { q } = terms[k];
      const start = k === 0 ? 0 : Q1 + rowStart[k - 1];
      g.levels.forEach((_, a) => {
        for (let s = 0; s < q; s++) {
          values[a].push(sol.b[start + a * q + s]);
          condsd[a].push(sds[k][a * q + s]);
        }
      });
    }
    return { group: g.group, levels: g.levels, names, values, condsd };
  });
}
