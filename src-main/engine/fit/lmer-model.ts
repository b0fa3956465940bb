import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../data/frame';
import { fitLmer, type LmerFit, type LmerOptions } from '../lmm/fit-lmer';
import { explainSingular } from '../lmm/explain-singular';
import { anovaLmer, type AnovaLmerResult } from '../print/anova-lmer';
import { formatSummaryLmer, type LmerSummaryInput } from '../print/summary-lmer';

/**
 * The bridge from a fitted lmer model to what people read: lme4's printed
 * summary, the reference fields for --json and stored results, and lme4's
 * anova() of several models refitted by maximum likelihood.
 */
export function lmerSummaryText(fit: LmerFit, dataName: string, subset?: string): string {
  const input: LmerSummaryInput = {
    ...fit,
    data: dataName,
    subset,
    // Nestor's own BOBYQA: lme4 prints the optimizer's name the same way for lmerControl(optimizer = "bobyqa").
    optimizer: 'bobyqa',
    convergence_code: fit.optimizer.converged ? 0 : 1,
    convergence_message: fit.optimizer.converged ? undefined : fit.optimizer.message,
    lme4_messages: fit.convergence.messages,
    fit_messages: fit.aliased.length ? [`fixed-effect model matrix is rank deficient so dropping ${fit.aliased.length} column${fit.aliased.length > 1 ? 's / coefficients' : ' / coefficient'}`] : [],
  };
  return formatSummaryLmer(input);
}

/** A singular fit explained in words (nothing for a regular fit), for stderr, the stored result and the app. */
export function singularNotes(fit: LmerFit, formula: ParsedFormula): string[] {
  if (!fit.isSingular) return [];
  const variables = formula.random.flatMap((r) => r.terms.map((t) => t.label));
  const { findings, suggestions } = explainSingular(fit.varcorr, fit.theta, fit.sigma, variables);
  return [...findings, ...(suggestions.length ? [`Simpler random effects to try: ${suggestions.join('; ')}.`] : [])];
}

/** The fit's numbers under the reference names (no per-row vectors besides the heads). */
export function lmerFitJson(fit: LmerFit): Record<string, unknown> {
  const { fitted: _fitted, residuals: _residuals, ...rest } = fit;
  return rest;
}

export interface NamedFormula {
  name: string;
  formula: ParsedFormula;
}

/**
 * anova(m1, m2, …) as lme4 computes it: every model fitted by maximum
 * likelihood (lme4 refits REML fits and says so), rows by number of parameters.
 */
export async function compareLmer(
  models: NamedFormula[],
  data: DataFrame,
  options: { dataName: string; subset?: Uint8Array; subsetText?: string; reml: boolean; checkpoint?: LmerOptions['checkpoint'] },
): Promise<AnovaLmerResult> {
  const fits: LmerFit[] = [];
  for (const m of models) fits.push(await fitLmer(m.formula, data, { reml: false, subset: options.subset, checkpoint: options.checkpoint }));
  return anovaLmer(
    models.map((m, k) => ({ name: m.name, formula: m.formula.source, npar: fits[k].df, logLik: fits[k].logLik, nobs: fits[k].nobs, reml: options.reml })),
    { data: options.dataName, subset: options.subsetText },
  );
}
