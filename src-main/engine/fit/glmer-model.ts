import type { ParsedFormula } from '@shared/formula/types';
import type { GlmerFamily, GlmerLink } from '@shared/models';
import type { DataFrame } from '../data/frame';
import { fitGlmer, type GlmerFit, type GlmerOptions } from '../glmm/fit-glmer';
import { anovaLmer, type AnovaLmerResult } from '../print/anova-lmer';
import { oddsRatios } from '../glmm/odds-ratios';
import { formatSummaryGlmer } from '../print/summary-glmer';

/**
 * The bridge from a fitted glmer model to what people read: lme4's printed summary,
 * the reference fields for --json and stored results, and lme4's anova() of nested
 * glmer fits (all maximum likelihood, so nothing is refitted and nothing said).
 */
export interface GlmerChoice {
  family: GlmerFamily;
  link?: GlmerLink;
  nAGQ?: number;
}

export function glmerSummaryText(fit: GlmerFit, dataName: string, subset?: string): string {
  const { optimizer, ...numbers } = fit;
  return formatSummaryGlmer({
    ...numbers,
    data: dataName,
    subset,
    optimizerName: optimizer.name,
    convergence_code: optimizer.converged ? 0 : 1,
    convergence_message: optimizer.converged ? undefined : optimizer.message,
    lme4_messages: fit.convergence.messages,
    fit_messages: fit.aliased.length ? [`fixed-effect model matrix is rank deficient so dropping ${fit.aliased.length} column${fit.aliased.length > 1 ? 's / coefficients' : ' / coefficient'}`] : [],
  });
}

/** The fit's numbers under the reference names (no per-row vectors besides the heads); logit fits add their odds ratios. */
export function glmerFitJson(fit: GlmerFit): Record<string, unknown> {
  const { fitted: _fitted, residuals: _residuals, ...rest } = fit;
  return fit.link === 'logit' ? { ...rest, odds_ratios: oddsRatios(fit.fixef) } : rest;
}

/** anova(m1, m2, …) of glmer fits as lme4 computes it: rows by number of parameters, likelihood-ratio tests. */
export async function compareGlmer(
  models: { name: string; formula: ParsedFormula }[],
  data: DataFrame,
  choice: GlmerChoice,
  options: { dataName: string; subset?: Uint8Array; subsetText?: string; checkpoint?: GlmerOptions['checkpoint'] },
): Promise<AnovaLmerResult> {
  const fits: GlmerFit[] = [];
  for (const m of models) fits.push(await fitGlmer(m.formula, data, { ...choice, subset: options.subset, checkpoint: options.checkpoint }));
  return anovaLmer(
    models.map((m, k) => ({ name: m.name, formula: m.formula.source, npar: fits[k].df, logLik: fits[k].logLik, nobs: fits[k].nobs, reml: false })),
    { data: options.dataName, subset: options.subsetText },
  );
}
