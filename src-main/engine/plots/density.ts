/**
 * R's density(x) with its defaults: gaussian kernel, bandwidth bw.nrd0,
 * n = 512 points from min(x) - 3 bw to max(x) + 3 bw. R does not sum the
 * kernels exactly: it bins the data linearly on 2n points, convolves with the
 * kernel by FFT and interpolates back (approx); this module follows those steps,
 * so its numbers are R's, not those of the exact kernel sum.
 */
import { seqLength } from './hist-counts';

export interface Density {
  x: number[];
  y: number[];
  bw: number;
  n: number;
}

/** R's mean (a second pass corrects the first), as var() and sd() use it. */
function mean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  s /= x.length;
  let t = 0;
  for (const v of x) t += v - s;
  return s + t / x.length;
}

function sd(x: readonly number[]): number {
  const m = mean(x);
  let ss = 0;
  for (const v of x) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (x.length - 1));
}

/** quantile(x, p, type = 7) of sorted values. */
function quantile7(sorted: readonly number[], p: number): number {
  const index = 1 + Math.max(sorted.length - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const q = sorted[lo - 1];
  const h = index - lo;
  return index > lo && sorted[hi - 1] !== q ? (1 - h) * q + h * sorted[hi - 1] : q;
}

/** bw.nrd0: Silverman's rule of thumb, 0.9 min(sd, IQR / 1.34) n^-1/5. */
export function bwNrd0(x: readonly number[]): number {
  if (x.length < 2) throw new Error('a bandwidth needs at least 2 values');
  const hi = sd(x);
  const sorted = [...x].sort((a, b) => a - b);
  let lo = Math.min(hi, (quantile7(sorted, 0.75) - quantile7(sorted, 0.25)) / 1.34);
  if (!lo) lo = hi || Math.abs(x[0]) || 1;
  return 0.9 * lo * x.length ** -0.2;
}

/** In-place radix-2 FFT (length a power of two); inverse without the 1/n, as R's fft(inverse = TRUE). */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

const dnorm = (x: number, sd: number) => Math.exp(-0.5 * (x / sd) ** 2) / (Math.sqrt(2 * Math.PI) * sd);

/** density(x)$x, $y and $bw; missing values are left out first (the caller says how many). */
export function density(values: ArrayLike<number>, nOut = 512): Density {
  const x: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) x.push(values[i]);
  const bw = bwNrd0(x);
  const n = Math.max(nOut, 512) > 512 ? 2 ** Math.ceil(Math.log2(nOut)) : 512;
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const from = min - 3 * bw;
  const to = max + 3 * bw;
  const lo = from - 4 * bw;
  const up = to + 4 * bw;
  // C_BinDist: linear binning of weights 1/N onto n points, in a zero-padded vector of 2n.
  const yRe = new Float64Array(2 * n);
  const w = 1 / x.length;
  const delta = (up - lo) / (n - 1);
  for (const v of x) {
    const pos = (v - lo) / delta;
    const ix = Math.floor(pos);
    const fx = pos - ix;
    if (ix >= 0 && ix <= n - 2) {
      yRe[ix] += w * (1 - fx);
      yRe[ix + 1] += w * fx;
    } else if (ix === -1) yRe[0] += w * fx;
    else if (ix === n - 1) yRe[ix] += w * (1 - fx);
  }
  // The kernel at distances 0, d, 2d, ... and, wrapped round, the negative ones.
  const kords = seqLength(0, 2 * (up - lo), 2 * n);
  for (let i = n + 1; i < 2 * n; i++) kords[i] = -kords[2 * n - i];
  const kRe = Float64Array.from(kords, (k) => dnorm(k, bw));
  const yIm = new Float64Array(2 * n);
  const kIm = new Float64Array(2 * n);
  fft(yRe, yIm, false);
  fft(kRe, kIm, false);
  // fft(y) * Conj(fft(kords)), then the inverse transform.
  const pRe = new Float64Array(2 * n);
  const pIm = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    pRe[i] = yRe[i] * kRe[i] + yIm[i] * kIm[i];
    pIm[i] = yIm[i] * kRe[i] - yRe[i] * kIm[i];
  }
  fft(pRe, pIm, true);
  const dens = Array.from({ length: n }, (_, i) => Math.max(0, pRe[i] / (2 * n)));
  const xords = seqLength(lo, up, n);
  const xOut = seqLength(from, to, nOut);
  return { x: xOut, y: xOut.map((v) => approx(xords, dens, v)), bw, n: x.length };
}

/** approx(x, y, v)$y for increasing x: linear interpolation (R's approx1, bisection then the line). */
function approx(xs: readonly number[], ys: readonly number[], v: number): number {
  const last = xs.length - 1;
  if (v < xs[0] || v > xs[last]) return NaN;
  let i = 0;
  let j = last;
  while (i < j - 1) {
    const ij = (i + j) >> 1;
    if (v < xs[ij]) j = ij;
    else i = ij;
  }
  if (v === xs[j]) return ys[j];
  if (v === xs[i]) return ys[i];
  return ys[i] + (ys[j] - ys[i]) * ((v - xs[i]) / (xs[j] - xs[i]));
}
