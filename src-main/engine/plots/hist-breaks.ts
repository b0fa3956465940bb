/**
 * R's hist(x)$breaks and $counts for the default breaks = "Sturges":
 * pretty(range(x), n = nclass.Sturges(x), min.n = 1), then counts of the
 * right-closed cells (a, b] with the lowest closed, on breaks moved by
 * 1e-7 × their median spacing as hist.default does against rounding.
 */
const ROUNDING_EPS = 1e-10;
const DBL_EPSILON = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;

/** nclass.Sturges: ceiling(log2(n) + 1). */
export function sturges(n: number): number {
  return Math.ceil(Math.log2(n) + 1);
}

/** R's R_pretty (src/appl/pretty.c) with pretty.default's settings; returns the unit and the bounds as multiples of it. */
export function prettyUnit(lo: number, up: number, ndiv: number, minN: number, shrinkSml = 0.75, highUBias = 1.5): { ns: number; nu: number; unit: number } {
  const h = highUBias;
  const h5 = 0.5 + 1.5 * h;
  const fMin = 2 ** -20;
  const dx = up - lo;
  let cell: number;
  let iSmall: boolean;
  if (dx === 0 && up === 0) {
    cell = 1;
    iSmall = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(up));
    let U = 1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5));
    U *= Math.max(1, ndiv) * DBL_EPSILON;
    iSmall = dx < cell * U * 3;
  }
  if (iSmall) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= shrinkSml;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (ndiv > 1) cell /= ndiv;
  }
  if (cell < fMin * DBL_MIN) cell = fMin * DBL_MIN;
  const base = 10 ** Math.floor(Math.log10(cell));
  let unit = base;
  let ns: number;
  if ((ns = 2 * base) - cell < h * (cell - unit)) {
    unit = ns;
    if ((ns = 5 * base) - cell < h5 * (cell - unit)) {
      unit = ns;
      if ((ns = 10 * base) - cell < h * (cell - unit)) unit = ns;
    }
  }
  ns = Math.floor(lo / unit + ROUNDING_EPS);
  let nu = Math.ceil(up / unit - ROUNDING_EPS);
  while (ns * unit > lo + ROUNDING_EPS * unit) ns--;
  while (nu * unit < up - ROUNDING_EPS * unit) nu++;
  let k = Math.trunc(0.5 + nu - ns);
  if (k < minN) {
    k = minN - k;
    if (ns >= 0) {
      nu += Math.trunc(k / 2);
      ns -= Math.trunc(k / 2) + (k % 2);
    } else {
      ns -= Math.trunc(k / 2);
      nu += Math.trunc(k / 2) + (k % 2);
    }
  }
  return { ns, nu, unit };
}

/** pretty(c(lo, up), n, min.n): seq.int(ns·unit, nu·unit, by = unit) with tiny values near 0 set to 0. */
export function pretty(lo: number, up: number, n = 5, minN = Math.trunc(n / 3)): number[] {
  const { ns, nu, unit } = prettyUnit(lo, up, n, minN);
  // With bounds = TRUE R_pretty widens lo/up to cover the range: these are the returned ends.
  const from = Math.min(ns * unit, lo);
  const to = Math.max(nu * unit, up);
  const count = Math.trunc((to - from) / unit + 1e-10);
  const s: number[] = [];
  for (let i = 0; i <= count; i++) s.push(from + i * unit);
  if (count > 0 && s[count] > to) s[count] = to;
  const ndiv = Math.max(Math.trunc(0.5 + nu - ns), minN);
  const spacing = (to - from) / ndiv;
  for (let i = 0; i < s.length; i++) if (Math.abs(s[i]) < 1e-14 * spacing) s[i] = 0;
  return s;
}

/** hist(x, plot = FALSE)$breaks and $counts (x without NA). */
export function histogram(x: ArrayLike<number>): { breaks: number[]; counts: number[] } {
  const n = x.length;
  if (n === 0) return { breaks: [], counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  const breaks = pretty(min, max, sturges(n), 1);
  return { breaks, counts: binCounts(x, breaks) };
}

/** hist.default's counts: right-closed cells, lowest included, on fuzzed breaks. */
export function binCounts(x: ArrayLike<number>, breaks: readonly number[]): number[] {
  const nB = breaks.length;
  const diffs = breaks.slice(1).map((b, i) => b - breaks[i]).sort((a, b) => a - b);
  const m = diffs.length;
  const median = m % 2 === 1 ? diffs[(m - 1) / 2] : (diffs[m / 2 - 1] + diffs[m / 2]) / 2;
  const fuzz = 1e-7 * median;
  const fb = breaks.map((b, i) => (i === 0 ? b - fuzz : b + fuzz));
  const counts = new Array<number>(nB - 1).fill(0);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    let lo = 0;
    let hi = nB - 1;
    if (!(fb[lo] <= v && v <= fb[hi])) continue;
    while (hi - lo >= 2) {
      const mid = (hi + lo) >> 1;
      if (v > fb[mid]) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}
