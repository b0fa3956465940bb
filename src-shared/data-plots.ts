import { z } from 'zod';
import { DatasetId } from './dataset';

/**
 * Plots of a dataset's variables (no model needed). The engine computes every
 * number a plot shows; the renderer only draws them. First kind: box plots of
 * a numeric variable by a grouping factor, as R's boxplot(y ~ g).
 */
const VariableName = z.string().min(1).max(200);

export const BoxPlotOptions = z
  .object({
    kind: z.literal('box'),
    y: VariableName,
    group: VariableName,
    /** 'level': the factor's level order (R's default); 'median': smallest median first (reorder(g, y, median)). */
    order: z.enum(['level', 'median']),
  })
  .strict();
export type BoxPlotOptions = z.infer<typeof BoxPlotOptions>;

/**
 * Which groups a by-group plot shows: all, k drawn at random after set.seed(seed)
 * (R's sample(levels, k), so the same seed gives the course note's schools), or
 * levels the user chose.
 */
export const GroupSubset = z.discriminatedUnion('pick', [
  z.object({ pick: z.literal('all') }).strict(),
  z.object({ pick: z.literal('random'), k: z.number().int().min(1).max(400), seed: z.number().int().min(0).max(2_147_483_647) }).strict(),
  z.object({ pick: z.literal('chosen'), levels: z.array(z.string().max(200)).min(1).max(400) }).strict(),
]);
export type GroupSubset = z.infer<typeof GroupSubset>;

/** xyplot(y ~ x | g, type = c("p", "r")): points and a least-squares line per group, a panel each or all in one. */
export const ScatterPlotOptions = z
  .object({ kind: z.literal('scatter'), y: VariableName, x: VariableName, group: VariableName, groups: GroupSubset, layout: z.enum(['facets', 'single']) })
  .strict();
export type ScatterPlotOptions = z.infer<typeof ScatterPlotOptions>;

/** y against x joined within each group, in x order (a spaghetti plot). */
export const LinesPlotOptions = z.object({ kind: z.literal('lines'), y: VariableName, x: VariableName, group: VariableName, groups: GroupSubset }).strict();
export type LinesPlotOptions = z.infer<typeof LinesPlotOptions>;

/** hist(x) and density(x); with `by`, one density per level overlaid. */
export const HistogramOptions = z.object({ kind: z.literal('histogram'), x: VariableName, by: VariableName.nullable() }).strict();
export type HistogramOptions = z.infer<typeof HistogramOptions>;

/** At most this many variables in a pairs plot: more panels than that cannot be read. */
export const MAX_PAIRS = 6;
/** GGally::ggpairs: scatter plots below the diagonal, densities on it, correlations above; coloured by a factor. */
export const PairsOptions = z
  .object({ kind: z.literal('pairs'), variables: z.array(VariableName).min(2).max(MAX_PAIRS), colour: VariableName.nullable() })
  .strict();
export type PairsOptions = z.infer<typeof PairsOptions>;
/** A factor with more levels than this makes unreadable bars and boxes in a pairs cell. */
export const MAX_PAIRS_LEVELS = 20;

export const DataPlotOptions = z.discriminatedUnion('kind', [BoxPlotOptions, ScatterPlotOptions, LinesPlotOptions, HistogramOptions, PairsOptions]);
export type DataPlotOptions = z.infer<typeof DataPlotOptions>;

export const PlotDataRequest = z.object({ kind: z.literal('plot.data'), datasetId: DatasetId, plot: DataPlotOptions }).strict();

const FiveNumbers = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);

/** One box: R's boxplot.stats of one level's values. */
export const BoxStats = z.object({
  level: z.string(),
  n: z.number().int().nonnegative(),
  /** Lower whisker, lower hinge, median, upper hinge, upper whisker; null for a level without data (R draws no box). */
  stats: FiveNumbers.nullable(),
  /** Values beyond 1.5 × the hinge spread from the hinges, in data order. */
  outliers: z.array(z.number()),
});
export type BoxStats = z.infer<typeof BoxStats>;

export const BoxPlotValue = z.object({
  kind: z.literal('box'),
  datasetId: DatasetId,
  y: z.string(),
  group: z.string(),
  order: z.enum(['level', 'median']),
  /** The boxes in drawing order (left to right). */
  boxes: z.array(BoxStats),
  /** Rows used, and rows left out because y or the group was missing. */
  rows: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
export type BoxPlotValue = z.infer<typeof BoxPlotValue>;

/** Points that stand for data rows, as parallel arrays; row is 1-based as the Data grid shows it. */
export const RowPoints = z.object({ x: z.array(z.number()), y: z.array(z.number()), row: z.array(z.number().int().positive()) });
export type RowPoints = z.infer<typeof RowPoints>;

/** The groups drawn and how they were picked (the caption says the seed). */
const GroupsShown = z.object({ subset: GroupSubset, levels: z.array(z.string()), of: z.number().int().nonnegative() });

export const ScatterPanel = z.object({
  level: z.string(),
  n: z.number().int().nonnegative(),
  points: RowPoints,
  /** Points left out by thinning (0 when every row is drawn). */
  thinned: z.number().int().nonnegative(),
  /** lm(y ~ x) within the group; null when x has fewer than 2 distinct values. */
  line: z.object({ intercept: z.number(), slope: z.number() }).nullable(),
  /** The x range of the group, where its line is drawn. */
  xRange: z.tuple([z.number(), z.number()]).nullable(),
});
export type ScatterPanel = z.infer<typeof ScatterPanel>;

export const ScatterPlotValue = z.object({
  kind: z.literal('scatter'),
  datasetId: DatasetId,
  y: z.string(),
  x: z.string(),
  group: z.string(),
  layout: z.enum(['facets', 'single']),
  groups: GroupsShown,
  panels: z.array(ScatterPanel),
  /** Shared by every panel. */
  xRange: z.tuple([z.number(), z.number()]),
  yRange: z.tuple([z.number(), z.number()]),
  rows: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
export type ScatterPlotValue = z.infer<typeof ScatterPlotValue>;

export const LinesPlotValue = z.object({
  kind: z.literal('lines'),
  datasetId: DatasetId,
  y: z.string(),
  x: z.string(),
  group: z.string(),
  groups: GroupsShown,
  /** One line per group, its points in x order (ties in data order). */
  series: z.array(z.object({ level: z.string(), points: RowPoints })),
  xRange: z.tuple([z.number(), z.number()]),
  yRange: z.tuple([z.number(), z.number()]),
  rows: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
export type LinesPlotValue = z.infer<typeof LinesPlotValue>;

/** density(x): R's defaults (gaussian kernel, bw.nrd0, 512 points, cut = 3). */
export const DensityCurve = z.object({ x: z.array(z.number()), y: z.array(z.number()), bw: z.number(), n: z.number().int() });
export type DensityCurve = z.infer<typeof DensityCurve>;

export const HistogramValue = z.object({
  kind: z.literal('histogram'),
  datasetId: DatasetId,
  x: z.string(),
  by: z.string().nullable(),
  /** hist(x): Sturges breaks from pretty(), counts of (a, b] cells, the first closed. */
  breaks: z.array(z.number()),
  counts: z.array(z.number().int()),
  density: DensityCurve,
  /** With `by`: a density per level (null for a level with fewer than 2 values). */
  groups: z.array(z.object({ level: z.string(), n: z.number().int(), density: DensityCurve.nullable() })),
  rows: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
export type HistogramValue = z.infer<typeof HistogramValue>;

export const PairsValue = z.object({
  kind: z.literal('pairs'),
  datasetId: DatasetId,
  variables: z.array(z.string()),
  colour: z.string().nullable(),
  /** The colour's levels (one entry, '', without a colour). */
  levels: z.array(z.string()),
  /** Per row drawn: the values of each variable, the level code, the row number. */
  values: z.array(z.array(z.number())),
  codes: z.array(z.number().int()),
  row: z.array(z.number().int().positive()),
  thinned: z.number().int().nonnegative(),
  /** Pearson correlations, all rows: cor[i][j]; and within each level: byLevel[k][i][j] (null where undefined). */
  cor: z.array(z.array(z.number().nullable())),
  corByLevel: z.array(z.array(z.array(z.number().nullable()))),
  /** Diagonal: density of each variable within each level, densities[i][k]. */
  densities: z.array(z.array(DensityCurve.nullable())),
  ranges: z.array(z.tuple([z.number(), z.number()])),
  rows: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  /**
   * Only when a variable is a factor (ggpairs' discrete defaults). Its `values` are then level
   * codes (0-based), its range [0, levels − 1], its correlations null and its densities null.
   */
  factorLevels: z.array(z.array(z.string()).nullable()).optional(),
  /** Diagonal of a factor (barDiag): rows per level and colour level, bars[i][level][k]; null for a numeric variable. */
  bars: z.array(z.array(z.array(z.number().int().nonnegative())).nullable()).optional(),
  /** Factor × numeric (box_no_facet): boxplot.stats of the numeric variable per level of the factor and colour level, boxes[level][k]. */
  boxes: z.array(z.object({ factor: z.number().int(), numeric: z.number().int(), boxes: z.array(z.array(BoxStats)) })).optional(),
  /** Factor × factor (count): rows per level combination and colour level, counts[level of a][level of b][k]. */
  crossCounts: z.array(z.object({ a: z.number().int(), b: z.number().int(), counts: z.array(z.array(z.array(z.number().int().nonnegative()))) })).optional(),
});
export type PairsValue = z.infer<typeof PairsValue>;

/** The done value of a 'plot.data' job. */
export const PlotDataDone = z.discriminatedUnion('kind', [BoxPlotValue, ScatterPlotValue, LinesPlotValue, HistogramValue, PairsValue]);
export type PlotDataDone = z.infer<typeof PlotDataDone>;

/** What a data plot shows, in words: the job's title and the status bar's. */
export function dataPlotTitle(plot: DataPlotOptions): string {
  switch (plot.kind) {
    case 'box':
      return `Box plots of ${plot.y} by ${plot.group}`;
    case 'scatter':
      return `${plot.y} against ${plot.x} by ${plot.group}`;
    case 'lines':
      return `Lines of ${plot.y} against ${plot.x} by ${plot.group}`;
    case 'histogram':
      return `Histogram and density of ${plot.x}${plot.by ? ` by ${plot.by}` : ''}`;
    case 'pairs':
      return `Pairs plot of ${plot.variables.join(', ')}${plot.colour ? ` by ${plot.colour}` : ''}`;
  }
}
