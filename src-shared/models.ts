import { z } from 'zod';
import { lmListFormulaProblem } from './formula/lm-list';

/**
 * A model as the person specified it: what kind, the formula (lme4 syntax,
 * or nlme's `y ~ x | g` for lmList, one regression per group), REML or ML for
 * mixed models, and an optional subset. The fit itself is a result of the
 * model, stored beside it.
 */
export const ModelKind = z.enum(['lm', 'lmList', 'lmer']);
export type ModelKind = z.infer<typeof ModelKind>;

export const ModelSpec = z
  .object({
    kind: ModelKind,
    formula: z.string().min(1).max(10_000),
    /** Mixed models: REML (lme4's default) or maximum likelihood. */
    reml: z.boolean().default(true),
    /** Rows to use, as R's subset argument (`school != 48`). */
    subset: z.string().min(1).max(10_000).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    // An lmList formula is checked here, before the model is stored: it must end in "| group".
    const problem = spec.kind === 'lmList' ? lmListFormulaProblem(spec.formula) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['formula'], message: problem });
  });
export type ModelSpec = z.infer<typeof ModelSpec>;

export const ModelInfo = z.object({
  id: z.string(),
  datasetId: z.string(),
  /** m1, m2, … unless renamed. */
  name: z.string(),
  spec: ModelSpec,
  createdAt: z.string(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** What a model fit job stores as its result and reports when done. */
export const ModelFitValue = z.object({
  kind: ModelKind,
  formula: z.string(),
  /** R's printed summary of the fit, as R prints it. */
  text: z.string(),
  /** The numbers, under the names of the reference results (coef, sigma, fixef, varcorr, …). */
  fit: z.record(z.string(), z.unknown()),
  /** Notes on the data used (rows dropped for missing values, aliased columns, singular fit). */
  messages: z.array(z.string()),
});
export type ModelFitValue = z.infer<typeof ModelFitValue>;

export const ModelFitDone = z.object({ model: ModelInfo, resultId: z.string(), value: ModelFitValue });
export type ModelFitDone = z.infer<typeof ModelFitDone>;

/** Why lmList fits are never compared: nlme has no anova() of lmList objects. */
export const LMLIST_NOT_COMPARED =
  'lmList fits (one regression per group) are not compared with anova(): nlme has no such test. Compare linear models (lm) or mixed models (lmer) instead.';

/**
 * What a comparison of models (anova) stores and reports: R's printed table,
 * what R said while computing it (lme4's ML refit note), and the same numbers
 * as a table whose first column names the models.
 */
export const ModelsCompareValue = z.object({
  kind: z.enum(['anova.lm', 'anova.lmer']),
  text: z.string(),
  messages: z.array(z.string()),
  table: z.object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  }),
});
export type ModelsCompareValue = z.infer<typeof ModelsCompareValue>;

export const ModelsCompareDone = z.object({ resultId: z.string(), value: ModelsCompareValue });
export type ModelsCompareDone = z.infer<typeof ModelsCompareDone>;
