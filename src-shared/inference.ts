import { z } from 'zod';

/**
 * Inference for a fitted mixed model beyond lme4's summary: t tests with
 * Satterthwaite or Kenward-Roger denominator degrees of freedom (lmerTest,
 * pbkrtest) with the type III F tests of whole terms, profile-likelihood
 * intervals (confint(method = "profile")) and parametric-bootstrap intervals
 * (confint(method = "boot")). Each is a job on a stored lmer fit; its value is
 * stored as a result of the model, so it is not recomputed unless asked.
 *
 * Parameters are named as lme4's confint names them (oldNames = FALSE):
 * "sd_(Intercept)|school", "cor_standLRT.(Intercept)|school", "sigma", then the
 * fixed effects; the JSON field names are those of the reference results.
 */
/** One variance parameter as confint names it: an SD where row = col, else the correlation of columns row and col of a term. */
export interface VarianceParameter {
  name: string;
  term: number;
  row: number;
  col: number;
}

/**
 * lme4's variance parameters in confint's order (oldNames = FALSE): per random-effects
 * term, column by column, the column's SD ("sd_x|g") then its correlations with the
 * later columns ("cor_y.x|g"), i.e. θ's own lower-triangle order. σ ("sigma") follows
 * them in lme4 for families with a scale; it is not listed here.
 */
export function varianceParameters(terms: readonly { group: string; names: readonly string[] }[]): VarianceParameter[] {
  const out: VarianceParameter[] = [];
  terms.forEach((t, term) => {
    for (let col = 0; col < t.names.length; col++) {
      for (let row = col; row < t.names.length; row++) {
        const name = row === col ? `sd_${t.names[row]}|${t.group}` : `cor_${t.names[row]}.${t.names[col]}|${t.group}`;
        out.push({ name, term, row, col });
      }
    }
  });
  return out;
}

export const DdfMethod = z.enum(['satterthwaite', 'kenward-roger']);
export type DdfMethod = z.infer<typeof DdfMethod>;

export const ConfidenceLevel = z.number().gt(0.5).lt(1);

export const InferenceTask = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ddf'), method: DdfMethod }).strict(),
  z.object({ kind: z.literal('profile'), level: ConfidenceLevel.default(0.95) }).strict(),
  z
    .object({
      kind: z.literal('boot'),
      /** Bootstrap replicates (lme4's nsim). */
      nsim: z.number().int().min(10).max(100_000),
      /** R's set.seed(seed): the same seed gives the same replicates and the same intervals. */
      seed: z.number().int().min(0).max(2_147_483_647),
      level: ConfidenceLevel.default(0.95),
    })
    .strict(),
]);
export type InferenceTask = z.infer<typeof InferenceTask>;

export const ModelInferenceRequest = z.object({ kind: z.literal('model.inference'), modelId: z.string().min(1).max(100), task: InferenceTask }).strict();

/** An interval end R reports as NA (a profile that never reaches the cutoff) is null. */
const End = z.number().nullable();
const Interval = z.tuple([End, End]);

/** A type III F test of one term (lmerTest's anova(m, type = 3, ddf = …)). */
export const TermFTest = z.object({
  term: z.string(),
  sumSq: z.number(),
  meanSq: z.number(),
  numDf: z.number(),
  denDf: z.number(),
  F: z.number(),
  p: z.number(),
});
export type TermFTest = z.infer<typeof TermFTest>;

/** t tests of the fixed effects with denominator df (summary() of lmerTest), and the type III table. */
export const DdfTests = z.object({
  kind: z.literal('ddf'),
  method: DdfMethod,
  names: z.array(z.string()),
  estimate: z.array(z.number()),
  /** Kenward-Roger: the adjusted standard errors (pbkrtest's vcovAdj); Satterthwaite: lme4's. */
  se: z.array(z.number()),
  df: z.array(z.number()),
  t: z.array(z.number()),
  p: z.array(z.number()),
  anova: z.array(TermFTest),
  /** R's printed coefficient table and anova table, as lmerTest prints them. */
  text: z.string(),
  messages: z.array(z.string()),
});
export type DdfTests = z.infer<typeof DdfTests>;

/** One parameter's profile: ζ (signed square root of the deviance change) against the parameter. */
export const ProfileCurve = z.object({ name: z.string(), x: z.array(z.number()), zeta: z.array(z.number()) });
export type ProfileCurve = z.infer<typeof ProfileCurve>;

export const ProfileIntervals = z.object({
  kind: z.literal('profile'),
  level: z.number(),
  names: z.array(z.string()),
  /** The parameters' values at the fit (sd, cor, sigma, fixed effects). */
  estimate: z.array(z.number()),
  ci: z.array(Interval),
  curves: z.array(ProfileCurve),
  text: z.string(),
  messages: z.array(z.string()),
});
export type ProfileIntervals = z.infer<typeof ProfileIntervals>;

export const BootIntervals = z.object({
  kind: z.literal('boot'),
  nsim: z.number().int(),
  seed: z.number().int(),
  level: z.number(),
  /** Percentile intervals (boot.ci type "perc"), as confint(method = "boot") gives by default. */
  type: z.literal('perc'),
  names: z.array(z.string()),
  estimate: z.array(z.number()),
  ci: z.array(Interval),
  /** Per parameter, the replicates' values (those whose refit succeeded), for histograms. */
  replicates: z.array(z.array(z.number())),
  /** Replicates whose refit failed (left out, as bootMer counts them). */
  failed: z.number().int(),
  seconds: z.number(),
  text: z.string(),
  messages: z.array(z.string()),
});
export type BootIntervals = z.infer<typeof BootIntervals>;

/** hist()'s breaks and counts of one parameter's replicates (R's Sturges rule and pretty breaks). */
export const ReplicateHistogram = z.object({ breaks: z.array(z.number()), counts: z.array(z.number()) });

/** What a bootstrap job stores: the intervals and, per parameter, the histogram of its replicates. */
export const BootResult = BootIntervals.extend({ histograms: z.array(ReplicateHistogram.nullable()) });
export type BootResult = z.infer<typeof BootResult>;

/** What a profile job stores: the intervals, the curves, and the cutoff ±z the ends lie at (for the plots). */
export const ProfileResult = ProfileIntervals.extend({ cutoff: z.number() });
export type ProfileResult = z.infer<typeof ProfileResult>;

export const InferenceValue = z.discriminatedUnion('kind', [DdfTests, ProfileResult, BootResult]);
export type InferenceValue = z.infer<typeof InferenceValue>;

/** The done value of a model.inference job: the value, already stored as a result of the model. */
export const ModelInferenceDone = z.object({ modelId: z.string(), resultId: z.string(), task: InferenceTask, value: InferenceValue });
export type ModelInferenceDone = z.infer<typeof ModelInferenceDone>;
