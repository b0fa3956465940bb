import { AppError } from '@shared/errors';
import { MAX_PAIRS, type DensityCurve, type PairsOptions, type PairsValue } from '@shared/data-plots';
import type { TaskContext } from '../context';
import { MISSING_CODE } from '../data/column';
import type { DataFrame } from '../data/frame';
import { density } from './density';
import { groupCodes, numericVariable, variable } from './plot-variables';
import { thinIndices } from './thinning';

/** Colours beyond this cannot be told apart. */
export const MAX_COLOURS = 8;

/** cor(x, y) (Pearson) over the rows given; null when either has no spread or fewer than 2 rows. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, rows: readonly number[]): number | null {
  if (rows.length < 2) return null;
  let mx = 0;
  let my = 0;
  for (const i of rows) {
    mx += x[i];
    my += y[i];
  }
  mx /= rows.length;
  my /= rows.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const i of rows) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : null;
}

/** GGally::ggpairs' numbers: complete rows of the chosen variables (and the colour), correlations, densities per level. */
export async function pairsPlot(datasetId: string, frame: DataFrame, plot: PairsOptions, ctx: TaskContext): Promise<PairsValue> {
  if (new Set(plot.variables).size !== plot.variables.length) throw new AppError('bad-input', 'A pairs plot lists each variable once.');
  if (plot.variables.length > MAX_PAIRS) throw new AppError('bad-input', `A pairs plot shows at most ${MAX_PAIRS} variables.`);
  const columns = plot.variables.map((v) => numericVariable(frame, v, 'A pairs plot'));
  const colour = plot.colour === null ? null : groupCodes(variable(frame, plot.colour));
  if (colour && colour.levels.length > MAX_COLOURS) {
    throw new AppError('bad-input', `${plot.colour} has ${colour.levels.length} groups; at most ${MAX_COLOURS} colours can be told apart. Choose a factor with fewer levels.`);
  }
  ctx.progress(null, `Pairs plot of ${plot.variables.join(', ')}`);
  await ctx.checkpoint();
  const levels = colour?.levels ?? [''];
  const code = (i: number) => (colour ? colour.codes[i] : 0);
  const rows: number[] = [];
  for (let i = 0; i < frame.rows; i++) if (columns.every((c) => Number.isFinite(c[i])) && code(i) !== MISSING_CODE) rows.push(i);
  if (rows.length < 2) throw new AppError('bad-input', `Only ${rows.length} row${rows.length === 1 ? ' has' : 's have'} all of ${plot.variables.join(', ')}; a pairs plot needs at least 2.`);
  const byLevel = levels.map((_, k) => rows.filter((i) => code(i) === k));
  const corOf = (set: readonly number[]) => columns.map((a) => columns.map((b) => pearson(a, b, set)));
  // Every scatter panel shows the same rows: thinned on the first two variables' plane if there are too many.
  const drawn = thinIndices(rows, columns[0], columns[1], colour?.codes);
  const densities = columns.map((c) => byLevel.map((set): DensityCurve | null => (set.length >= 2 ? density(set.map((i) => c[i])) : null)));
  ctx.progress(1, `Pairs plot of ${plot.variables.join(', ')}`);
  return {
    kind: 'pairs',
    datasetId,
    variables: plot.variables,
    colour: plot.colour,
    levels,
    values: columns.map((c) => drawn.map((i) => c[i])),
    codes: drawn.map(code),
    row: drawn.map((i) => i + 1),
    thinned: rows.length - drawn.length,
    cor: corOf(rows),
    corByLevel: byLevel.map(corOf),
    densities,
    ranges: columns.map((c) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of rows) {
        lo = Math.min(lo, c[i]);
        hi = Math.max(hi, c[i]);
      }
      return [lo, hi];
    }),
    rows: rows.length,
    dropped: frame.rows - rows.length,
  };
}
