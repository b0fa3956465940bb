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

export const DataPlotOptions = z.discriminatedUnion('kind', [BoxPlotOptions]);
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

/** The done value of a 'plot.data' job. */
export const PlotDataDone = z.discriminatedUnion('kind', [BoxPlotValue]);
export type PlotDataDone = z.infer<typeof PlotDataDone>;
