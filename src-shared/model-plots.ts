import { z } from 'zod';
import { BoxStats, GroupSubset } from './data-plots';

/**
 * Plots of a fitted model that need the data rows (residuals, fitted values).
 * Main sends the engine the dataset, the model's spec and its stored fit; the
 * engine rebuilds the model frame and evaluates the model at the stored
 * estimates (no optimisation), then computes every number the panels show.
 */
const VariableName = z.string().min(1).max(200);

export const DiagnosticsOptions = z
  .object({
    kind: z.literal('diagnostics'),
    /** The numeric predictor of the "residuals vs predictor" panel; default the model's first. */
    predictor: VariableName.optional(),
  })
  .strict();
export type DiagnosticsOptions = z.infer<typeof DiagnosticsOptions>;

/** The random effects of an lmer fit: QQ, histogram and density, by level, shrinkage, fitted lines per group. */
export const RanefOptions = z
  .object({
    kind: z.literal('ranef'),
    /** The grouping factor; default the model's first (getME(m, "flist")[[1]]). */
    group: VariableName.optional(),
    /** The numeric predictor of the fitted lines per group; default the model's first. */
    x: VariableName.optional(),
    /** The groups whose fitted lines are drawn; default all. */
    groups: GroupSubset.optional(),
  })
  .strict();
export type RanefOptions = z.infer<typeof RanefOptions>;


/** glmer: arm's binnedplot of the response residuals against the fitted values; `bins` defaults to arm's choice. */
export const BinnedOptions = z
  .object({
    kind: z.literal('binned'),
    bins: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type BinnedOptions = z.infer<typeof BinnedOptions>;

export const ModelPlotOptions = z.discriminatedUnion('kind', [DiagnosticsOptions, RanefOptions, BinnedOptions]);
export type ModelPlotOptions = z.infer<typeof ModelPlotOptions>;

export const PlotModelRequest = z.object({ kind: z.literal('plot.model'), modelId: z.string().min(1).max(100), plot: ModelPlotOptions }).strict();

/**
 * Points of one panel, column by column. Each point is a data row: `row` is its
 * 1-based row number in the dataset, `group` indexes the value's groupLevels
 * (-1 without a grouping factor), fitted and resid are for the tooltip.
 */
export const PanelPoints = z.object({
  x: z.array(z.number()),
  y: z.array(z.number()),
  row: z.array(z.number().int()),
  group: z.array(z.number().int()),
  fitted: z.array(z.number()),
  resid: z.array(z.number()),
});
export type PanelPoints = z.infer<typeof PanelPoints>;

/** A smooth as a polyline (lowess, computed from every row). */
export const Curve = z.object({ x: z.array(z.number()), y: z.array(z.number()) });
export type Curve = z.infer<typeof Curve>;

export const DiagnosticsValue = z.object({
  kind: z.literal('diagnostics'),
  modelId: z.string(),
  modelKind: z.enum(['lm', 'lmer', 'lmList']),
  formula: z.string(),
  response: z.string(),
  /** Observations in the fit, and the most points a panel draws (all when not thinned). */
  nobs: z.number().int(),
  thinned: z.boolean(),
  /** lm: rstandard; lmer: Pearson residuals / σ. */
  standardized: z.enum(['rstandard', 'pearson/sigma', 'pearson/group-sigma']),
  groupName: z.string().nullable(),
  groupLevels: z.array(z.string()),
  predictors: z.array(z.string()),
  predictor: z.string().nullable(),
  residualsFitted: z.object({ points: PanelPoints, smooth: Curve }),
  qq: z.object({ points: PanelPoints, slope: z.number(), intercept: z.number() }),
  histogram: z.object({ breaks: z.array(z.number()), counts: z.array(z.number().int()) }),
  residualsPredictor: z.object({ points: PanelPoints }).nullable(),
  residualsGroup: z.object({ boxes: z.array(BoxStats) }).nullable(),
  observedFitted: z.object({ points: PanelPoints }),
  /** The first course note's plot(resid(m3), Exam$normexam): residuals (x) against the observed response (y). */
  residualsObserved: z.object({ points: PanelPoints }),
  scaleLocation: z.object({ points: PanelPoints, smooth: Curve }),
});
export type DiagnosticsValue = z.infer<typeof DiagnosticsValue>;

/** One random-effect term's conditional modes (level order) with qqnorm/qqline, hist() and density() of them. */
export const RanefTerm = z.object({
  name: z.string(),
  modes: z.array(z.number()),
  /** qnorm(ppoints(L)) at each mode's rank, in level order (as qqnorm returns them). */
  theoretical: z.array(z.number()),
  slope: z.number(),
  intercept: z.number(),
  histogram: z.object({ breaks: z.array(z.number()), counts: z.array(z.number().int()) }),
  density: Curve.extend({ bw: z.number() }).nullable(),
});
export type RanefTerm = z.infer<typeof RanefTerm>;

export const RanefValue = z.object({
  kind: z.literal('ranef'),
  modelId: z.string(),
  formula: z.string(),
  response: z.string(),
  groupNames: z.array(z.string()),
  group: z.string(),
  levels: z.array(z.string()),
  terms: z.array(RanefTerm),
  /**
   * A random intercept alone (one term in the model): each group's size, its mean raw
   * residual mean(y − Xβ̂), its BLUP and the factor n τ̂²/(σ̂² + n τ̂²) that shrinks one to the other.
   */
  shrinkage: z
    .object({ n: z.array(z.number().int()), meanResidual: z.array(z.number()), blup: z.array(z.number()), factor: z.array(z.number()), tau2: z.number(), sigma2: z.number() })
    .nullable(),
  /** Fitted values per group joined in x order; null when the model has no numeric predictor. */
  lines: z
    .object({
      x: z.string(),
      predictors: z.array(z.string()),
      groups: z.object({ subset: GroupSubset, levels: z.array(z.string()), of: z.number().int().nonnegative() }),
      /** Other covariates vary within a group: the lines are not straight. */
      straight: z.boolean(),
      thinned: z.boolean(),
      series: z.array(z.object({ level: z.string(), x: z.array(z.number()), y: z.array(z.number()), row: z.array(z.number().int()) })),
    })
    .nullable(),
});
export type RanefValue = z.infer<typeof RanefValue>;


/**
 * arm::binnedplot(fitted(m), resid(m, type = "response")): per bin of fitted values,
 * the mean fitted value, mean residual, count, range and ±2·SE band (arm's binned.resids).
 */
export const BinnedValue = z.object({
  kind: z.literal('binned'),
  modelId: z.string(),
  formula: z.string(),
  response: z.string(),
  family: z.string(),
  link: z.string(),
  nobs: z.number().int(),
  /** Bins asked for (arm's default: ⌊√n⌋ from 100 rows) and bins made (ties can merge some). */
  binsAsked: z.number().int(),
  bins: z.object({
    xbar: z.array(z.number()),
    ybar: z.array(z.number()),
    n: z.array(z.number().int()),
    xLo: z.array(z.number()),
    xHi: z.array(z.number()),
    se2: z.array(z.number()),
  }),
});
export type BinnedValue = z.infer<typeof BinnedValue>;

/** The done value of a 'plot.model' job. */
export const PlotModelDone = z.discriminatedUnion('kind', [DiagnosticsValue, RanefValue, BinnedValue]);
export type PlotModelDone = z.infer<typeof PlotModelDone>;

/** At most this many points per panel; above it the engine thins (one point per occupied cell of a fine grid). */
export const MAX_PANEL_POINTS = 20_000;
