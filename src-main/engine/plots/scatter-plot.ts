import { AppError } from '@shared/errors';
import type { LinesPlotOptions, LinesPlotValue, RowPoints, ScatterPanel, ScatterPlotOptions, ScatterPlotValue } from '@shared/data-plots';
import type { TaskContext } from '../context';
import { MISSING_CODE } from '../data/column';
import type { DataFrame } from '../data/frame';
import { centredSums } from './centred-sums';
import { pickLevels } from './group-subset';
import { groupCodes, numericVariable, variable } from './plot-variables';
import { MAX_POINTS, thinIndices } from './thinning';

/** More panels than this cannot be read; the error suggests a random subset. */
export const MAX_PANELS = 100;

interface ByGroup {
  x: Float64Array;
  y: Float64Array;
  codes: ArrayLike<number>;
  levels: string[];
  shown: string[];
  /** Row indices (0-based) per shown level, in data order, complete cases only. */
  members: number[][];
  dropped: number;
}

function byGroup(frame: DataFrame, plot: { y: string; x: string; group: string; groups: ScatterPlotOptions['groups'] }, what: string): ByGroup {
  const y = numericVariable(frame, plot.y, what);
  const x = numericVariable(frame, plot.x, what);
  const { codes, levels } = groupCodes(variable(frame, plot.group));
  const shown = pickLevels(levels, plot.groups, plot.group);
  const slot = new Map(shown.map((l, k) => [levels.indexOf(l), k]));
  const members: number[][] = shown.map(() => []);
  let dropped = 0;
  for (let i = 0; i < frame.rows; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]) || codes[i] === MISSING_CODE) {
      dropped++;
      continue;
    }
    const k = slot.get(codes[i]);
    if (k !== undefined) members[k].push(i);
  }
  return { x, y, codes, levels, shown, members, dropped };
}

/** lm(y ~ x) on the rows given: centred sums, so a far-off x keeps its digits; null with fewer than 2 distinct x. */
export function lsLine(x: ArrayLike<number>, y: ArrayLike<number>, rows: readonly number[]): { intercept: number; slope: number } | null {
  if (rows.length < 2 || rows.every((i) => x[i] === x[rows[0]])) return null;
  const { mx, my, sxx, sxy } = centredSums(x, y, rows);
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

function points(g: ByGroup, rows: readonly number[]): RowPoints {
  return { x: rows.map((i) => g.x[i]), y: rows.map((i) => g.y[i]), row: rows.map((i) => i + 1) };
}

function range(values: ArrayLike<number>, rows: readonly number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of rows) {
    for (const i of list) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

export async function scatterPlot(datasetId: string, frame: DataFrame, plot: ScatterPlotOptions, ctx: TaskContext): Promise<ScatterPlotValue> {
  const g = byGroup(frame, plot, 'A scatter plot');
  if (plot.layout === 'facets' && g.shown.length > MAX_PANELS) {
    throw new AppError('bad-input', `${plot.group} has ${g.shown.length} groups; a figure shows at most ${MAX_PANELS} panels. Pick a random subset of groups, or choose some.`);
  }
  ctx.progress(null, `${plot.y} against ${plot.x} by ${plot.group}`);
  await ctx.checkpoint();
  // One panel: the thinning keeps every group; facets: each panel on its own.
  const keep =
    plot.layout === 'single' && g.members.reduce((s, m) => s + m.length, 0) > MAX_POINTS
      ? new Set(thinIndices(g.members.flat().sort((a, b) => a - b), g.x, g.y, g.codes))
      : null;
  const panels: ScatterPanel[] = g.shown.map((level, k) => {
    const all = g.members[k];
    const drawn = keep ? all.filter((i) => keep.has(i)) : thinIndices(all, g.x, g.y);
    const line = lsLine(g.x, g.y, all);
    return { level, n: all.length, points: points(g, drawn), thinned: all.length - drawn.length, line, xRange: all.length > 0 ? range(g.x, [all]) : null };
  });
  ctx.progress(1, `${plot.y} against ${plot.x} by ${plot.group}`);
  return {
    kind: 'scatter',
    datasetId,
    y: plot.y,
    x: plot.x,
    group: plot.group,
    layout: plot.layout,
    groups: { subset: plot.groups, levels: g.shown, of: g.levels.length },
    panels,
    xRange: range(g.x, g.members),
    yRange: range(g.y, g.members),
    rows: frame.rows - g.dropped,
    dropped: g.dropped,
  };
}

export async function linesPlot(datasetId: string, frame: DataFrame, plot: LinesPlotOptions, ctx: TaskContext): Promise<LinesPlotValue> {
  const g = byGroup(frame, plot, 'A lines plot');
  const total = g.members.reduce((s, m) => s + m.length, 0);
  // Thinning would cut the lines where points are dropped; a subset of groups keeps each line whole.
  if (total > MAX_POINTS) {
    throw new AppError('bad-input', `The lines would join ${total.toLocaleString('en')} points; a figure draws at most ${MAX_POINTS.toLocaleString('en')}. Pick a random subset of ${plot.group}'s groups, or choose some.`);
  }
  ctx.progress(null, `Lines of ${plot.y} against ${plot.x} by ${plot.group}`);
  await ctx.checkpoint();
  // Within a group, in x order; ties keep data order (a stable sort).
  const series = g.shown.map((level, k) => ({ level, points: points(g, [...g.members[k]].sort((a, b) => g.x[a] - g.x[b])) }));
  ctx.progress(1, `Lines of ${plot.y} against ${plot.x} by ${plot.group}`);
  return {
    kind: 'lines',
    datasetId,
    y: plot.y,
    x: plot.x,
    group: plot.group,
    groups: { subset: plot.groups, levels: g.shown, of: g.levels.length },
    series,
    xRange: range(g.x, g.members),
    yRange: range(g.y, g.members),
    rows: frame.rows - g.dropped,
    dropped: g.dropped,
  };
}
