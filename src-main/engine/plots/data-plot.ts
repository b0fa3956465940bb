import { AppError } from '@shared/errors';
import type { BoxPlotOptions, BoxPlotValue, DataPlotOptions, PlotDataDone } from '@shared/data-plots';
import type { TaskContext } from '../context';
import { MISSING_CODE } from '../data/column';
import type { DataFrame } from '../data/frame';
import { boxStats } from './box-stats';
import { groupCodes, variable } from './plot-variables';
import { linesPlot, scatterPlot } from './scatter-plot';
import { histogramPlot } from './histogram-plot';
import { pairsPlot } from './pairs-plot';

/** More boxes than this cannot be read side by side; the error says so instead of drawing a smear. */
export const MAX_BOXES = 300;

/** The numbers of a data plot, from the dataset as the models see it (after variable settings and recipes). */
export async function dataPlot<P extends DataPlotOptions>(datasetId: string, frame: DataFrame, plot: P, ctx: TaskContext): Promise<Extract<PlotDataDone, { kind: P['kind'] }>> {
  return (await anyDataPlot(datasetId, frame, plot, ctx)) as Extract<PlotDataDone, { kind: P['kind'] }>;
}

async function anyDataPlot(datasetId: string, frame: DataFrame, plot: DataPlotOptions, ctx: TaskContext): Promise<PlotDataDone> {
  switch (plot.kind) {
    case 'box':
      return boxPlot(datasetId, frame, plot, ctx);
    case 'scatter':
      return scatterPlot(datasetId, frame, plot, ctx);
    case 'lines':
      return linesPlot(datasetId, frame, plot, ctx);
    case 'histogram':
      return histogramPlot(datasetId, frame, plot, ctx);
    case 'pairs':
      return pairsPlot(datasetId, frame, plot, ctx);
  }
}

async function boxPlot(datasetId: string, frame: DataFrame, plot: BoxPlotOptions, ctx: TaskContext): Promise<BoxPlotValue> {
  const y = variable(frame, plot.y);
  const g = variable(frame, plot.group);
  if (y.kind === 'factor') {
    throw new AppError('bad-input', `A box plot needs a numeric variable to summarise; ${y.name} is a factor. Choose a numeric variable for y, or put ${y.name} on the groups side.`);
  }
  if (y.kind === 'logical') throw new AppError('bad-input', `${y.name} is logical (TRUE/FALSE); a box plot summarises a numeric variable.`);
  const { codes, levels } = groupCodes(g);
  if (levels.length > MAX_BOXES) {
    throw new AppError('bad-input', `${g.name} has ${levels.length} groups; a box plot draws at most ${MAX_BOXES} boxes side by side. Choose a grouping variable with fewer levels.`);
  }
  ctx.progress(null, `Box plots of ${y.name} by ${g.name}`);
  await ctx.checkpoint();
  let dropped = 0;
  for (let i = 0; i < frame.rows; i++) if (y.values[i] !== y.values[i] || codes[i] === MISSING_CODE) dropped++;
  const boxes = boxStats(y.values, codes, levels);
  if (plot.order === 'median') {
    // reorder(g, y, median): smallest median first, ties in level order, empty levels (NA) last.
    boxes.sort((a, b) => (a.stats === null ? (b.stats === null ? 0 : 1) : b.stats === null ? -1 : a.stats[2] - b.stats[2]));
  }
  ctx.progress(1, `Box plots of ${y.name} by ${g.name}`);
  return { kind: 'box', datasetId, y: y.name, group: g.name, order: plot.order, boxes, rows: frame.rows - dropped, dropped };
}
