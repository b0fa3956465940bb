import { AppError } from '@shared/errors';
import type { BoxPlotOptions, BoxPlotValue, DataPlotOptions, PlotDataDone } from '@shared/data-plots';
import type { TaskContext } from '../context';
import { MISSING_CODE, type Column } from '../data/column';
import { findColumn, type DataFrame } from '../data/frame';
import { boxStats } from './box-stats';
import { asFactor } from '../model/factors';

/** More boxes than this cannot be read side by side; the error says so instead of drawing a smear. */
export const MAX_BOXES = 300;

/** The numbers of a data plot, from the dataset as the models see it (after variable settings and recipes). */
export async function dataPlot(datasetId: string, frame: DataFrame, plot: DataPlotOptions, ctx: TaskContext): Promise<PlotDataDone> {
  switch (plot.kind) {
    case 'box':
      return boxPlot(datasetId, frame, plot, ctx);
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

function variable(frame: DataFrame, name: string): Column {
  const column = findColumn(frame, name);
  if (!column) {
    throw new AppError('bad-input', `There is no variable "${name}" in this dataset; it has ${frame.columns.map((c) => c.name).join(', ')}.`);
  }
  return column;
}

/** The groups of a factor, or of whole-number ids (school numbers kept as numbers), in R's level order. */
function groupCodes(g: Column): { codes: ArrayLike<number>; levels: string[] } {
  if (g.kind === 'logical') {
    return { codes: Int32Array.from(g.values, (v) => (v !== v ? MISSING_CODE : v ? 1 : 0)), levels: ['FALSE', 'TRUE'] };
  }
  for (let i = 0; g.kind !== 'factor' && i < g.values.length; i++) {
    const v = g.values[i];
    if (v === v && !Number.isInteger(v)) {
      throw new AppError('bad-input', `${g.name} has the value ${v} (row ${i + 1}); groups need a factor or whole-number ids. Choose a factor, or set ${g.name} as a factor in the Variables panel.`);
    }
  }
  // A factor as it is; numbers as factor() makes them, as lme4 makes a grouping factor: sorted as numbers, 2 before 10.
  return asFactor(g);
}
