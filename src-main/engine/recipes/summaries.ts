/**
 * Summaries of a column, as R computes them: mean() with its second pass that
 * corrects rounding, var()/sd() with n - 1, median() averaging the middle pair,
 * and scale() centring by the mean and dividing by the n - 1 standard deviation
 * of the non-missing values. `naRm` drops NA first; without it one NA makes the result NA.
 */

function present(x: Float64Array, naRm: boolean): Float64Array | null {
  let missing = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) missing++;
  if (missing === 0) return x;
  if (!naRm) return null;
  const out = new Float64Array(x.length - missing);
  for (let i = 0, j = 0; i < x.length; i++) if (x[i] === x[i]) out[j++] = x[i];
  return out;
}

/** R's mean.default for doubles: sum/n, then the mean of the residuals added back. */
function meanOf(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] - s;
  return s + t / n;
}

export function mean(x: Float64Array, naRm: boolean, trim = 0): number {
  const v = present(x, naRm);
  if (!v) return NaN;
  if (trim > 0 && v.length > 0) {
    if (trim >= 0.5) return median(v, false);
    const lo = Math.floor(v.length * trim);
    const sorted = Float64Array.from(v).sort();
    return meanOf(sorted.subarray(lo, v.length - lo));
  }
  return meanOf(v);
}

export function variance(x: Float64Array, naRm: boolean): number {
  const v = present(x, naRm);
  if (!v || v.length < 2) return NaN;
  const m = meanOf(v);
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - m) * (v[i] - m);
  return ss / (v.length - 1);
}

export function median(x: Float64Array, naRm: boolean): number {
  const v = present(x, naRm);
  if (!v || v.length === 0) return NaN;
  const sorted = Float64Array.from(v).sort();
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half] : meanOf(sorted.subarray(half - 1, half + 1));
}

export function sum(parts: readonly Float64Array[], naRm: boolean): number {
  let s = 0;
  for (const x of parts) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v === v) s += v;
      else if (!naRm) return NaN;
    }
  }
  return s;
}

/** min or max over every element of every part; the empty case is ±Inf (R warns), reported through `empty`. */
export function extreme(parts: readonly Float64Array[], naRm: boolean, max: boolean): { value: number; empty: boolean } {
  let best = max ? -Infinity : Infinity;
  let any = false;
  for (const x of parts) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v !== v) {
        if (!naRm) return { value: NaN, empty: false };
        continue;
      }
      any = true;
      if (max ? v > best : v < best) best = v;
    }
  }
  return { value: best, empty: !any };
}

/** pmin()/pmax(): elementwise over parts of length n or 1. */
export function parallelExtreme(parts: readonly Float64Array[], n: number, naRm: boolean, max: boolean): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = NaN;
    let na = false;
    for (const x of parts) {
      const v = x[x.length === 1 ? 0 : i];
      if (v !== v) {
        na = true;
        continue;
      }
      if (best !== best || (max ? v > best : v < best)) best = v;
    }
    out[i] = na && !naRm ? NaN : best;
  }
  return out;
}

/**
 * scale.default for one column: subtract `center` (TRUE: the mean of the non-missing
 * values), then divide by `scale` (TRUE: sqrt(sum(v^2) / (n - 1)) of the centred
 * non-missing values, which is their SD when centred and their root mean square otherwise).
 */
export function scale(x: Float64Array, center: boolean | number, scaleBy: boolean | number): Float64Array {
  const out = Float64Array.from(x);
  const c = center === true ? mean(x, true) : center === false ? 0 : center;
  if (c !== 0) for (let i = 0; i < out.length; i++) out[i] -= c;
  let s: number;
  if (scaleBy === true) {
    let ss = 0;
    let n = 0;
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (v === v) {
        ss += v * v;
        n++;
      }
    }
    s = Math.sqrt(ss / Math.max(1, n - 1));
  } else {
    s = scaleBy === false ? 1 : scaleBy;
  }
  if (s !== 1) for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}
