/**
 * R's boxplot.stats(x, coef = 1.5) for each level of a grouping factor, as
 * boxplot(y ~ g) computes them. Hinges are Tukey's (fivenum), not quantile()'s
 * type 7: for n = 6 the lower hinge is the 2nd value, not 2.25. Every step
 * keeps R's arithmetic (0.5 * (a + b), q1 - coef * iqr) so results agree to the bit.
 */
export const BOX_COEF = 1.5;

export interface LevelBox {
  n: number;
  /** Lower whisker, lower hinge, median, upper hinge, upper whisker; null when the level has no values. */
  stats: [number, number, number, number, number] | null;
  /** Values beyond coef × the hinge spread from the hinges, in the order they came. */
  outliers: number[];
}

/** R's fivenum of sorted values without NA: min, lower hinge, median, upper hinge, max. */
export function fivenum(sorted: ArrayLike<number>): [number, number, number, number, number] {
  const n = sorted.length;
  const n4 = Math.floor((n + 3) / 2) / 2;
  // R indexes from 1; d holds R's positions.
  const d = [1, n4, (n + 1) / 2, n + 1 - n4, n];
  return d.map((p) => 0.5 * (sorted[Math.floor(p) - 1] + sorted[Math.ceil(p) - 1])) as [number, number, number, number, number];
}

/** boxplot.stats of one level's values (no NA), kept in data order for the outliers. */
export function boxOf(values: readonly number[], coef = BOX_COEF): LevelBox {
  const n = values.length;
  if (n === 0) return { n: 0, stats: null, outliers: [] };
  const sorted = Float64Array.from(values).sort();
  const stats = fivenum(sorted);
  const iqr = stats[3] - stats[1];
  const low = stats[1] - coef * iqr;
  const high = stats[3] + coef * iqr;
  const outliers: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < low || v > high) outliers.push(v);
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // With outliers, the whiskers end at the most extreme values that are not outliers.
  if (outliers.length > 0) {
    stats[0] = min;
    stats[4] = max;
  }
  return { n, stats, outliers };
}

/**
 * Box statistics per level: `codes` index `levels` (-1 or NaN y means the row
 * is left out, as boxplot's model frame drops NA). Levels without values keep
 * their place with n = 0, as R's boxplot leaves an empty slot.
 */
export function boxStats(values: ArrayLike<number>, codes: ArrayLike<number>, levels: readonly string[], coef = BOX_COEF): (LevelBox & { level: string })[] {
  const byLevel: number[][] = levels.map(() => []);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const code = codes[i];
    if (v !== v || code < 0) continue;
    byLevel[code].push(v);
  }
  return levels.map((level, k) => ({ level, ...boxOf(byLevel[k], coef) }));
}
