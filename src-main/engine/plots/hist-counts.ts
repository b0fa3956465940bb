/**
 * R's hist(x) with its defaults: Sturges' number of cells, breaks from pretty(),
 * counts over right-closed cells (the first one closed on both sides), with R's
 * tiny fuzz on the breaks so that values on a break fall where R puts them.
 */

const DBL_EPSILON = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
const DBL_MAX = Number.MAX_VALUE;

/** seq.int(from, to, length.out = n) as R 4.2 computes it: from + i * by, the last one exactly `to`. */
export function seqLength(from: number, to: number, n: number): number[] {
  const out = new Array<number>(n);
  if (n > 0) out[0] = from;
  if (n > 1) out[n - 1] = to;
  const by = (to - from) / (n - 1);
  for (let i = 1; i < n - 1; i++) out[i] = from + i * by;
  return out;
}

/**
 * pretty(c(lo, hi), n, min.n) with R's defaults (shrink.sml = 0.75,
 * high.u.bias = 1.5, u5.bias = 0.5 + 1.5 * 1.5, eps.correct = 0, bounds = TRUE):
 * R_pretty in src/appl/pretty.c, step by step, then seq.int from l to u.
 */
export function pretty(lo: number, hi: number, n = 5, minN = Math.floor(n / 3)): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error('pretty() needs finite values');
  const h = 1.5;
  const h5 = 0.5 + 1.5 * h;
  const fMin = 2 ** -20;
  const shrink = 0.75;
  const roundingEps = 1e-10;
  let ndiv = n;
  const dx = hi - lo;
  let cell: number;
  let small: boolean;
  if (dx === 0 && hi === 0) {
    cell = 1;
    small = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(hi));
    let U = 1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5));
    U *= Math.max(1, ndiv) * DBL_EPSILON;
    small = dx < cell * U * 3;
  }
  if (small) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= shrink;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (ndiv > 1) cell /= ndiv;
  }
  const subsmall = fMin * DBL_MIN || DBL_MIN;
  if (cell < subsmall) cell = subsmall;
  else if (cell > DBL_MAX / 1.25) cell = 0.1 * DBL_MAX;
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
  ns = Math.floor(lo / unit + roundingEps);
  let nu = Math.ceil(hi / unit - roundingEps);
  while (ns * unit > lo + roundingEps * unit) ns--;
  while (nu * unit < hi - roundingEps * unit) nu++;
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
    ndiv = minN;
  } else {
    ndiv = k;
  }
  // bounds = TRUE: the ends are ns * unit and nu * unit unless that would not cover the range.
  let l = lo;
  let u = hi;
  if (ns * unit < l) l = ns * unit;
  if (nu * unit > u) u = nu * unit;
  const s = seqLength(l, u, ndiv + 1);
  if (ndiv > 0) {
    // pretty.default zaps values that are only seq()'s rounding error away from 0.
    const delta = (u - l) / ndiv;
    for (let i = 0; i < s.length; i++) if (Math.abs(s[i]) < 1e-14 * delta) s[i] = 0;
  }
  return s;
}

/** nclass.Sturges: ceiling(log2(n) + 1). */
export function sturges(n: number): number {
  return Math.ceil(Math.log2(n) + 1);
}

export interface HistCounts {
  breaks: number[];
  counts: number[];
  /** counts / (n * cell width), as hist()$density. */
  density: number[];
  n: number;
}

/** hist(x, plot = FALSE)$breaks and $counts; missing values are left out first (the caller says how many). */
export function histCounts(values: ArrayLike<number>): HistCounts {
  const x: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) x.push(values[i]);
  if (x.length === 0) throw new Error('a histogram needs at least one value');
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const breaks = pretty(lo, hi, sturges(x.length), 1);
  const nB = breaks.length;
  const widths = breaks.slice(1).map((b, i) => b - breaks[i]);
  const sorted = [...widths].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const diddle = 1e-7 * (nB > 5 ? median : nB <= 3 ? hi - lo : Math.min(...widths.filter((w) => w > 0)));
  // right = TRUE, include.lowest = TRUE: the first break moves down, the others up.
  const fuzzy = breaks.map((b, i) => (i === 0 ? b - diddle : b + diddle));
  const counts = new Array<number>(nB - 1).fill(0);
  for (const v of x) {
    // C_BinCount: bisection for the cell (fuzzy[lo], fuzzy[hi]].
    let a = 0;
    let b = nB - 1;
    if (fuzzy[a] <= v && v <= fuzzy[b]) {
      while (b - a >= 2) {
        const mid = Math.floor((a + b) / 2);
        if (v > fuzzy[mid]) a = mid;
        else b = mid;
      }
      counts[a]++;
    }
  }
  const density = counts.map((c, i) => c / (x.length * widths[i]));
  return { breaks, counts, density, n: x.length };
}
