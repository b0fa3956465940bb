/**
 * Means and centred sums of squares and products of x and y over the rows
 * given, in two passes: centring first keeps the digits of variables far from
 * 0 (a slope of scores near 1,000, a correlation of years). Shared by the
 * least-squares lines and the Pearson correlations of the data plots.
 */
export function centredSums(x: ArrayLike<number>, y: ArrayLike<number>, rows: readonly number[]): { mx: number; my: number; sxx: number; syy: number; sxy: number } {
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
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { mx, my, sxx, syy, sxy };
}
