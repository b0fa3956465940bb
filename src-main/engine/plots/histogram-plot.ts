import { AppError } from '@shared/errors';
import type { HistogramOptions, HistogramValue } from '@shared/data-plots';
import type { TaskContext } from '../context';
import { MISSING_CODE } from '../data/column';
import type { DataFrame } from '../data/frame';
import { density } from './density';
import { histCounts } from './hist-counts';
import { groupCodes, numericVariable, variable } from './plot-variables';

/** More overlaid densities than this are a tangle; the error says so. */
export const MAX_DENSITIES = 12;

/** hist(x) and density(x) of the rows with x; with `by`, density(x) within each level too. */
export async function histogramPlot(datasetId: string, frame: DataFrame, plot: HistogramOptions, ctx: TaskContext): Promise<HistogramValue> {
  const x = numericVariable(frame, plot.x, 'A histogram');
  const by = plot.by === null ? null : groupCodes(variable(frame, plot.by));
  if (by && by.levels.length > MAX_DENSITIES) {
    throw new AppError('bad-input', `${plot.by} has ${by.levels.length} groups; at most ${MAX_DENSITIES} densities can be told apart in one figure. Choose a factor with fewer levels.`);
  }
  ctx.progress(null, `Histogram of ${plot.x}`);
  await ctx.checkpoint();
  const used: number[] = [];
  for (let i = 0; i < frame.rows; i++) if (Number.isFinite(x[i]) && (!by || by.codes[i] !== MISSING_CODE)) used.push(x[i]);
  if (used.length < 2) throw new AppError('bad-input', `${plot.x} has ${used.length} value${used.length === 1 ? '' : 's'}; a histogram and a density need at least 2.`);
  const hist = histCounts(used);
  const groups = (by?.levels ?? []).map((level, k) => {
    const values: number[] = [];
    for (let i = 0; i < frame.rows; i++) if (by!.codes[i] === k && Number.isFinite(x[i])) values.push(x[i]);
    return { level, n: values.length, density: values.length >= 2 ? density(values) : null };
  });
  ctx.progress(1, `Histogram of ${plot.x}`);
  return {
    kind: 'histogram',
    datasetId,
    x: plot.x,
    by: plot.by,
    breaks: hist.breaks,
    counts: hist.counts,
    density: density(used),
    groups,
    rows: used.length,
    dropped: frame.rows - used.length,
  };
}
