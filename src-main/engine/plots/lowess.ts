/**
 * R's lowess(x, y, f = 2/3, iter = 3, delta = 0.01 * diff(range(x))): Cleveland's
 * (1979, 1981) robust locally weighted regression, as base R's panel.smooth draws
 * it. Written from Cleveland's algorithm as R's clowess runs it: a tricube-weighted
 * line through the f·n nearest x at each point (points within delta of the last
 * fitted one are interpolated), then `iter` refits with bisquare robustness weights
 * from the residuals (6 × their median absolute size). Every branch keeps R's
 * arithmetic so results agree to rounding.
 */
export interface LowessOptions {
  f?: number;
  iter?: number;
  /** Default 1% of the range of x. */
  delta?: number;
}

/** The smooth at every x, x sorted (ties in data order), as lowess() returns list(x, y). */
export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, options: LowessOptions = {}): { x: Float64Array; y: Float64Array } {
  const n = x.length;
  if (y.length !== n) throw new Error(`lowess: x has ${n} values and y ${y.length}.`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const xs = Float64Array.from(order, (i) => x[i]);
  const ysorted = Float64Array.from(order, (i) => y[i]);
  const f = options.f ?? 2 / 3;
  const iter = options.iter ?? 3;
  const delta = options.delta ?? 0.01 * (n > 0 ? xs[n - 1] - xs[0] : 0);
  return { x: xs, y: clowess(xs, ysorted, f, iter, delta) };
}

/** The smooth of x (sorted ascending) and y; 0-based port of Cleveland's lowess with R's choices. */
export function clowess(x: Float64Array, y: Float64Array, f: number, nsteps: number, delta: number): Float64Array {
  const n = x.length;
  const ys = new Float64Array(n);
  if (n === 0) return ys;
  if (n < 2) {
    ys[0] = y[0];
    return ys;
  }
  const rw = new Float64Array(n);
  const res = new Float64Array(n);
  // At least two, at most n points in each local fit.
  const ns = Math.max(2, Math.min(n, Math.trunc(f * n + 1e-7)));
  for (let iter = 1; iter <= nsteps + 1; iter++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        // Move the window right while that makes its radius smaller.
        const d1 = x[i] - x[nleft];
        const d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fit = lowest(x, y, n, x[i], nleft, nright, res, iter > 1, rw);
      ys[i] = fit === null ? y[i] : fit;
      if (last < i - 1) {
        // Points skipped within delta: linear interpolation between the fitted ones.
        const denom = x[i] - x[last];
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = i;
      const cut = x[last] + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i] > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    for (let k = 0; k < n; k++) res[k] = y[k] - ys[k];
    let sc = 0;
    for (let k = 0; k < n; k++) sc += Math.abs(res[k]);
    sc /= n;
    if (iter > nsteps) break;
    // Bisquare robustness weights from 6 × the median absolute residual.
    for (let k = 0; k < n; k++) rw[k] = Math.abs(res[k]);
    const sorted = Float64Array.from(rw).sort();
    const m1 = Math.trunc(n / 2);
    const cmad = n % 2 === 0 ? 3 * (sorted[m1] + sorted[n - m1 - 1]) : 6 * sorted[m1];
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]);
      if (r <= c1) rw[k] = 1;
      else if (r <= c9) {
        const u = r / cmad;
        const v = 1 - u * u;
        rw[k] = v * v;
      } else rw[k] = 0;
    }
  }
  return ys;
}

/** The local weighted line at xs over x[nleft..] (ties on the right included); null when every weight is 0. w is scratch. */
function lowest(x: Float64Array, y: Float64Array, n: number, xs: number, nleft: number, nright: number, w: Float64Array, userw: boolean, rw: Float64Array): number | null {
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else {
        const u = r / h;
        const v = 1 - u * u * u;
        w[j] = v * v * v;
      }
      if (userw) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return null;
  // R's passes, fused where the arithmetic per element and the order of the sums stay the same (1M rows: a window of 666,666).
  if (!(h > 0)) {
    let ys = 0;
    for (j = nleft; j <= nrt; j++) {
      w[j] /= a;
      ys += w[j] * y[j];
    }
    return ys;
  }
  const total = a;
  a = 0;
  for (j = nleft; j <= nrt; j++) {
    w[j] /= total;
    a += w[j] * x[j];
  }
  let b = xs - a;
  let c = 0;
  for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
  let ys = 0;
  if (Math.sqrt(c) > 0.001 * range) {
    // Spread enough to fit a slope.
    b /= c;
    for (j = nleft; j <= nrt; j++) {
      w[j] *= b * (x[j] - a) + 1;
      ys += w[j] * y[j];
    }
  } else for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}
