import { z } from 'zod';
import { lmListFormulaProblem } from './formula/lm-list';

/**
 * A model as the person specified it: what kind, the formula (lme4 syntax,
 * or nlme's `y ~ x | g` for lmList, one regression per group), REML or ML for
 * mixed models, and an optional subset. The fit itself is a result of the
 * model, stored beside it.
 */
export const ModelKind = z.enum(['lm', 'lmList', 'lmer', 'glmer']);
export type ModelKind = z.infer<typeof ModelKind>;

/** glmer's families and, per family, the links lme4 accepts here (first: the family's default link). */
export const GlmerFamily = z.enum(['binomial', 'poisson']);
export type GlmerFamily = z.infer<typeof GlmerFamily>;
export const GlmerLink = z.enum(['logit', 'probit', 'cloglog', 'log']);
export type GlmerLink = z.infer<typeof GlmerLink>;
export const GLMER_LINKS: Record<GlmerFamily, readonly GlmerLink[]> = { binomial: ['logit', 'probit', 'cloglog'], poisson: ['log'] };

export const ModelSpec = z
  .object({
    kind: ModelKind,
    formula: z.string().min(1).max(10_000),
    /** Mixed models: REML (lme4's default) or maximum likelihood. */
    reml: z.boolean().default(true),
    /** Rows to use, as R's subset argument (`school != 48`). */
    subset: z.string().min(1).max(10_000).optional(),
    /** glmer: the response's family (required), its link (default: the family's) and lme4's nAGQ (default 1, Laplace). */
    family: GlmerFamily.optional(),
    link: GlmerLink.optional(),
    nAGQ: z.number().int().min(0).max(25).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.kind === 'glmer') {
      if (!spec.family) ctx.addIssue({ code: 'custom', path: ['family'], message: 'A generalized linear mixed model (glmer) needs a family: binomial or poisson.' });
      else if (spec.link && !GLMER_LINKS[spec.family].includes(spec.link)) {
        ctx.addIssue({ code: 'custom', path: ['link'], message: `The ${spec.family} family takes the link ${GLMER_LINKS[spec.family].join(', ')}, not ${spec.link}.` });
      }
    } else if (spec.family !== undefined || spec.link !== undefined || spec.nAGQ !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['family'], message: `family, link and nAGQ belong to generalized linear mixed models (glmer), not to ${spec.kind}.` });
    }
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
  'lmList fits (one regression per group) are not compared with anova(): nlme has no such test. Compare linear models (lm) or mixed models (lmer, glmer) instead.';

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
