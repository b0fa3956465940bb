/**
 * arm::binnedplot's numbers (arm 1.13-1, binned.resids): the rows sorted by x
 * (the fitted probabilities) are cut into `nclass` bins of about equal size,
 * each break halfway between the neighbouring sorted values at ⌊n·k/nclass⌋
 * (moved below runs of ties as arm moves it); per bin the mean x, the mean
 * residual, the count, the range of x and 2·sd(residual)/√count, the band the
 * mean residual should stay within for about 95% of the bins.
 */
export interface BinnedResiduals {
  nclass: number;
  xbar: number[];
  ybar: number[];
  n: number[];
  xLo: number[];
  xHi: number[];
  /** 2·SE of the bin's mean residual (0 for a bin of one row, as arm gives it). */
  se2: number[];
}

/** binnedplot's default number of bins: ⌊√n⌋ from 100 rows, 10 from 11 to 99, ⌊n/2⌋ up to 10. */
export function defaultBins(n: number): number {
  if (n >= 100) return Math.floor(Math.sqrt(n));
  if (n > 10) return 10;
  return Math.floor(n / 2);
}

export function binnedResiduals(x: ArrayLike<number>, y: ArrayLike<number>, nclass = defaultBins(x.length)): BinnedResiduals {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  const min = sorted[0];
  const breaks: number[] = [-Infinity];
  let classes = nclass;
  const index = Array.from({ length: Math.max(classes - 1, 0) }, (_, k) => Math.floor((n * (k + 1)) / classes));
  if (index.some((i) => i === 0)) classes = 1;
  if (classes > 1) {
    for (const i of index) {
      // R's x.sort[i] is 1-based: sorted[i - 1] and sorted[i].
      let lo = sorted[i - 1];
      const hi = sorted[i];
      if (lo === hi) lo = lo === min ? -Infinity : largestBelow(sorted, lo);
      breaks.push((lo + hi) / 2);
    }
  } else if (classes === 1) {
    breaks.push((min + sorted[n - 1]) / 2);
  }
  breaks.push(Infinity);
  const cuts = [...new Set(breaks)];
  const bins = cuts.length - 1;
  const members: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < n; i++) {
    // cut(): right-closed intervals (a, b]; the first upper break at or above x, by bisection.
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x[i] <= cuts[mid + 1]) hi = mid;
      else lo = mid + 1;
    }
    members[lo].push(i);
  }
  const out: BinnedResiduals = { nclass: bins, xbar: [], ybar: [], n: [], xLo: [], xHi: [], se2: [] };
  for (const items of members) {
    // An empty bin has no mean (R gives NaN there); it is left out.
    if (items.length === 0) continue;
    const m = items.length;
    let sx = 0;
    let sy = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of items) {
      sx += x[i];
      sy += y[i];
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
    }
    const ybar = sy / m;
    let ss = 0;
    for (const i of items) ss += (y[i] - ybar) ** 2;
    const sd = m > 1 ? Math.sqrt(ss / (m - 1)) : 0;
    out.xbar.push(sx / m);
    out.ybar.push(ybar);
    out.n.push(m);
    out.xLo.push(lo);
    out.xHi.push(hi);
    out.se2.push((2 * sd) / Math.sqrt(m));
  }
  return out;
}

function largestBelow(sorted: Float64Array, v: number): number {
  let best = -Infinity;
  for (const s of sorted) {
    if (s < v) best = s;
    else break;
  }
  return best;
}
