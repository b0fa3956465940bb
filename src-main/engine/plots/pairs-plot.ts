import { AppError } from '@shared/errors';
import { MAX_PAIRS, MAX_PAIRS_LEVELS, type DensityCurve, type PairsOptions, type PairsValue } from '@shared/data-plots';
import type { TaskContext } from '../context';
import { MISSING_CODE } from '../data/column';
import type { DataFrame } from '../data/frame';
import { boxOf } from './box-stats';
import { centredSums } from './centred-sums';
import { density } from './density';
import { groupCodes, numericVariable, variable } from './plot-variables';
import { thinIndices } from './thinning';

/** Colours beyond this cannot be told apart. */
export const MAX_COLOURS = 8;

/** cor(x, y) (Pearson) over the rows given; null when either has no spread or fewer than 2 rows. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, rows: readonly number[]): number | null {
  if (rows.length < 2) return null;
  const { sxx, syy, sxy } = centredSums(x, y, rows);
  return sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : null;
}

/** GGally::ggpairs' numbers: complete rows of the chosen variables (and the colour), correlations, densities per level. */
export async function pairsPlot(datasetId: string, frame: DataFrame, plot: PairsOptions, ctx: TaskContext): Promise<PairsValue> {
  if (new Set(plot.variables).size !== plot.variables.length) throw new AppError('bad-input', 'A pairs plot lists each variable once.');
  if (plot.variables.length > MAX_PAIRS) throw new AppError('bad-input', `A pairs plot shows at most ${MAX_PAIRS} variables.`);
  const factors = plot.variables.map((v) => pairsFactor(frame, v));
  // A factor's column holds its level codes, so that completeness, thinning and `values` treat every variable alike.
  const columns = plot.variables.map((v, i) => {
    const f = factors[i];
    return f ? Float64Array.from(f.codes, (c) => (c === MISSING_CODE ? NaN : c)) : numericVariable(frame, v, 'A pairs plot');
  });
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
  const corOf = (set: readonly number[]) => columns.map((a, i) => columns.map((b, j) => (factors[i] || factors[j] ? null : pearson(a, b, set))));
  // Every scatter panel shows the same rows: thinned on the first two variables' plane if there are too many.
  const drawn = thinIndices(rows, columns[0], columns[1], colour?.codes);
  const densities = columns.map((c, i) => byLevel.map((set): DensityCurve | null => (factors[i] ? null : set.length >= 2 ? density(set.map((i) => c[i])) : null)));
  const discrete = factors.some((f) => f !== null) ? factorCells(factors, columns, rows, levels, code) : {};
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
    ranges: columns.map((c, i): [number, number] => {
      const f = factors[i];
      if (f) return [0, f.levels.length - 1];
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
    ...discrete,
  };
}

/** A variable of the pairs plot that is a factor (or TRUE/FALSE): its codes and levels; null for a numeric one. */
function pairsFactor(frame: DataFrame, name: string): { codes: ArrayLike<number>; levels: string[] } | null {
  const column = variable(frame, name);
  if (column.kind !== 'factor' && column.kind !== 'logical') return null;
  const f = groupCodes(column);
  if (f.levels.length > MAX_PAIRS_LEVELS) {
    throw new AppError('bad-input', `${name} has ${f.levels.length} levels; a pairs plot shows factors with at most ${MAX_PAIRS_LEVELS}. Choose a factor with fewer levels.`);
  }
  return f;
}

type FactorCells = Pick<PairsValue, 'factorLevels' | 'bars' | 'boxes' | 'crossCounts'>;

/** ggpairs' discrete panels: bar counts on a factor's diagonal, boxes for factor × numeric, counts for factor × factor. */
function factorCells(
  factors: readonly ({ levels: string[] } | null)[],
  columns: readonly Float64Array[],
  rows: readonly number[],
  colourLevels: readonly string[],
  code: (i: number) => number,
): Required<FactorCells> {
  const zeros = () => colourLevels.map(() => 0);
  const bars = factors.map((f, i) => {
    if (!f) return null;
    const counts = f.levels.map(() => zeros());
    for (const r of rows) counts[columns[i][r]][code(r)]++;
    return counts;
  });
  const boxes: Required<FactorCells>['boxes'] = [];
  const crossCounts: Required<FactorCells>['crossCounts'] = [];
  for (let a = 0; a < factors.length; a++) {
    const fa = factors[a];
    if (!fa) continue;
    for (let b = 0; b < factors.length; b++) {
      const fb = factors[b];
      if (b === a) continue;
      if (!fb) {
        // boxplot(y ~ colour) within each level of the factor: R's boxplot.stats, outliers in data order.
        const values = fa.levels.map(() => colourLevels.map((): number[] => []));
        for (const r of rows) values[columns[a][r]][code(r)].push(columns[b][r]);
        boxes.push({ factor: a, numeric: b, boxes: values.map((perColour) => perColour.map((v, k) => ({ level: colourLevels[k], ...boxOf(v) }))) });
      } else if (b > a) {
        const counts = fa.levels.map(() => fb.levels.map(() => zeros()));
        for (const r of rows) counts[columns[a][r]][columns[b][r]][code(r)]++;
        crossCounts.push({ a, b, counts });
      }
    }
  }
  return { factorLevels: factors.map((f) => (f ? f.levels : null)), bars, boxes, crossCounts };
}
