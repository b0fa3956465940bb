import { AppError } from '@shared/errors';
import { parseFormula } from '@shared/formula/parse-formula';
import type { ParsedFormula } from '@shared/formula/types';
import type { GlmmModel } from '../glmm/model';
import type { VarCorrTerm } from '../lmm/results';
import { varianceExplained, type VarianceExplained } from './icc-r2';

/**
 * ICC and Nakagawa's R² of a glmer fit as performance 0.10.2 computes them: the
 * residual variance is the distribution-specific variance on the link scale
 * (insight's .compute_variance_distribution) plus the variance of any
 * observation-level random effect.
 *
 * Binomial: a constant per link (the latent-variable variance: logistic π²/3,
 * standard normal 1, Gumbel π²/6). Poisson with the log link: log(1 + 1/λ), λ the
 * mean count of the null model y ~ 1 + (the same random terms), which
 * poissonVarianceExplained fits (insight's null_model, via update()).
 */
export function binomialDistributionVariance(link: string): number | null {
  if (link === 'logit') return (Math.PI * Math.PI) / 3;
  if (link === 'probit') return 1;
  if (link === 'cloglog') return (Math.PI * Math.PI) / 6;
  return null;
}

/** insight's log1p(var(λ)/λ²) for a Poisson fit, λ = exp(the null model's intercept). */
export function poissonDistributionVariance(nullIntercept: number): number {
  const lambda = Math.exp(nullIntercept);
  return Math.log1p(lambda / (lambda * lambda));
}

export interface GlmerVarianceInput {
  model: Pick<GlmmModel, 'fixed' | 'random' | 'layout'>;
  theta: Float64Array;
  beta: ArrayLike<number>;
  varcorr: VarCorrTerm[];
  distributionVariance: number;
}

export function glmerVarianceExplained(input: GlmerVarianceInput): VarianceExplained {
  const { model, theta, beta, varcorr, distributionVariance } = input;
  return varianceExplained({ fixed: model.fixed, random: model.random, beta, varcorr, theta, layout: model.layout, distributionVariance, linear: false });
}

/**
 * The null model insight::null_model refits for a Poisson fit: the response, any
 * offset, and the random-effects terms as written (the intercept is implied).
 */
export function nullModelFormulaText(formula: ParsedFormula): string {
  if (!formula.response) throw new AppError('bad-input', `The formula "${formula.source}" has no response.`);
  const slice = (e: { start: number; end: number }) => formula.text.slice(e.start, e.end);
  const seen = new Set<number>();
  const random = formula.random.filter((r) => !seen.has(r.origin) && seen.add(r.origin)).map((r) => r.source);
  return `${slice(formula.response)} ~ ${[...formula.offsets.map((o) => `offset(${slice(o)})`), ...random].join(' + ')}`;
}

/**
 * A Poisson glmer's ICC and R²: fits the null model (same data, subset, weights and
 * nAGQ, through `fitNull`, the caller's glmer) for λ, then as for any glmer.
 */
export async function poissonVarianceExplained(
  fit: Omit<GlmerVarianceInput, 'distributionVariance'>,
  formula: ParsedFormula,
  fitNull: (nullFormula: ParsedFormula) => Promise<{ fixef: { names: string[]; estimate: number[] } }>,
): Promise<VarianceExplained> {
  const nullFit = await fitNull(parseFormula(nullModelFormulaText(formula)));
  const intercept = nullFit.fixef.estimate[nullFit.fixef.names.indexOf('(Intercept)')];
  if (!Number.isFinite(intercept)) return { icc: null, r2_nakagawa: null };
  return glmerVarianceExplained({ ...fit, distributionVariance: poissonDistributionVariance(intercept) });
}
