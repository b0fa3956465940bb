import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { quantilesType7 } from '../lm/quantiles';

/** R's ppoints(n): (1:n - a)/(n + 1 - 2a) with a = 3/8 for n ≤ 10, else 1/2. */
export function ppoints(n: number): Float64Array {
  const a = n <= 10 ? 3 / 8 : 1 / 2;
  return Float64Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

/**
 * qqnorm(y) and qqline(y): each value's theoretical quantile qnorm(ppoints(n)) at
 * its rank (ties in data order, as order(order(y))), and the line through the
 * quartiles of y and of the normal distribution (quantile type 7).
 */
export function normalQq(y: ArrayLike<number>): { theoretical: Float64Array; slope: number; intercept: number } {
  const n = y.length;
  const p = ppoints(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a] - y[b] || a - b);
  const theoretical = new Float64Array(n);
  order.forEach((row, rank) => (theoretical[row] = normalQuantile(p[rank], 0, 1)));
  const [q1, q3] = quantilesType7(Float64Array.from(y), [0.25, 0.75]);
  const x1 = normalQuantile(0.25, 0, 1);
  const x3 = normalQuantile(0.75, 0, 1);
  const slope = (q3 - q1) / (x3 - x1);
  return { theoretical, slope, intercept: q1 - slope * x1 };
}
