/**
 * How confint(<profile>) reads interval ends off the profile table (lme4's
 * confint.thpr with R's splines package): ζ as a natural interpolating cubic spline of
 * the parameter (interpSpline), inverted piece by piece into the parameter as a
 * cubic of ζ (backSpline), evaluated at ζ = ±z; outside the table's ζ range the end is
 * NA. When the spline cannot be made or inverted (fewer than 4 points, repeated
 * parameter values, ζ not monotone), lme4 falls back to linear interpolation of the
 * parameter in ζ, unless every step of ζ decreases (a "non-monotonic profile": NA).
 */

/** A piecewise cubic as splines' polySpline: on [knots[i], knots[i+1]], Σ_j coef[i][j]·(t − knots[i])^j. */
export interface PolySpline {
  knots: Float64Array;
  coef: Float64Array[];
}

/** Slopes of the natural interpolating cubic spline through (x, y) at its knots; x strictly increasing, at least 2 points. */
export function naturalSplineSlopes(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const h = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) h[i] = x[i + 1] - x[i];
  // Second derivatives M (M₀ = Mₙ₋₁ = 0) from the tridiagonal system, by the Thomas algorithm.
  const M = new Float64Array(n);
  if (n > 2) {
    const m = n - 2;
    const diag = new Float64Array(m);
    const rhs = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const i = k + 1;
      diag[k] = 2 * (h[i - 1] + h[i]);
      rhs[k] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
    }
    for (let k = 1; k < m; k++) {
      const w = h[k] / diag[k - 1];
      diag[k] -= w * h[k];
      rhs[k] -= w * rhs[k - 1];
    }
    M[m] = rhs[m - 1] / diag[m - 1];
    for (let k = m - 2; k >= 0; k--) M[k + 1] = (rhs[k] - h[k + 1] * M[k + 2]) / diag[k];
  }
  const slope = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) slope[i] = (y[i + 1] - y[i]) / h[i] - (h[i] * (2 * M[i] + M[i + 1])) / 6;
  const last = n - 2;
  slope[n - 1] = (y[n - 1] - y[last]) / h[last] + (h[last] * (M[last] + 2 * M[n - 1])) / 6;
  return slope;
}

/**
 * splines::backSpline of the interpolating spline through (x, y) with slopes `dy`: the
 * inverse as a cubic Hermite piece per interval of y (a quadratic on the first and last),
 * null when y is not strictly monotone ("spline must be monotone").
 */
export function backSpline(x: Float64Array, y: Float64Array, dy: Float64Array): PolySpline | null {
  const nk = x.length;
  const nkm1 = nk - 1;
  const kdiff = new Float64Array(nkm1);
  const adiff = new Float64Array(nkm1);
  let up = true;
  let down = true;
  for (let i = 0; i < nkm1; i++) {
    kdiff[i] = x[i + 1] - x[i];
    adiff[i] = y[i + 1] - y[i];
    if (!(adiff[i] > 0)) up = false;
    if (!(adiff[i] < 0)) down = false;
  }
  if (!up && !down) return null;
  const coef = Array.from({ length: nk }, () => new Float64Array(4));
  for (let i = 0; i < nk; i++) {
    coef[i][0] = x[i];
    coef[i][1] = 1 / dy[i];
  }
  for (let i = 0; i < nkm1; i++) {
    const a = adiff[i];
    // [a², a³; 2a, 3a²]·[c₂, c₃] = [kdiff − a·b₁(i), b₁(i + 1) − b₁(i)]
    const r1 = kdiff[i] - a * coef[i][1];
    const r2 = coef[i + 1][1] - coef[i][1];
    const det = a * a * 3 * a * a - a * a * a * 2 * a;
    coef[i][2] = (r1 * 3 * a * a - a * a * a * r2) / det;
    coef[i][3] = (a * a * r2 - 2 * a * r1) / det;
  }
  coef[nk - 1][1] = NaN;
  coef[nk - 1][2] = NaN;
  coef[nk - 1][3] = NaN;
  if (nk > 2) {
    coef[0][3] = 0;
    coef[nkm1 - 1][3] = 0;
    // [a, a²; 1, 2a]·[b₁, c₂] = [kdiff₁, 1/slope₂]
    const a = adiff[0];
    const r1 = kdiff[0];
    const r2 = 1 / dy[1];
    const det = a * 2 * a - a * a;
    coef[0][1] = (r1 * 2 * a - a * a * r2) / det;
    coef[0][2] = (a * r2 - r1) / det;
    const l = nkm1 - 1;
    coef[l][2] = (kdiff[l] - adiff[l] * coef[l][1]) / adiff[l] ** 2;
  }
  if (coef[0][2] > 0) {
    coef[0][2] = 0;
    coef[0][1] = kdiff[0] / adiff[0];
  }
  if (coef[nkm1 - 1][2] < 0) {
    coef[nkm1 - 1][2] = 0;
    coef[nkm1 - 1][1] = kdiff[nkm1 - 1] / adiff[nkm1 - 1];
  }
  if (up) return { knots: Float64Array.from(y), coef };
  return { knots: Float64Array.from(y).reverse(), coef: coef.reverse() };
}

/** predict(<polySpline>, t): NaN outside [first knot, last knot] (R's cut gives NA there). */
export function predictPoly(s: PolySpline, t: number): number {
  const { knots } = s;
  const n = knots.length;
  if (!(t >= knots[0] && t <= knots[n - 1])) return NaN;
  let i = 0;
  // cut(): intervals (k_i, k_{i+1}], the first knot itself in the first one.
  while (i < n - 2 && t > knots[i + 1]) i++;
  const c = s.coef[i];
  const d = t - knots[i];
  return ((c[3] * d + c[2]) * d + c[1]) * d + c[0];
}

/** approxfun(y, x)(t) with ties averaged and NaN outside the range (rule = 1). */
export function linearInverse(x: Float64Array, y: Float64Array, t: number): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) pairs.push([y[i], x[i]]);
  pairs.sort((p, q) => p[0] - q[0]);
  const ys: number[] = [];
  const xs: number[] = [];
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    let s = 0;
    while (j < pairs.length && pairs[j][0] === pairs[i][0]) s += pairs[j++][1];
    ys.push(pairs[i][0]);
    xs.push(s / (j - i));
    i = j;
  }
  const n = ys.length;
  if (n === 0 || !(t >= ys[0] && t <= ys[n - 1])) return NaN;
  if (n === 1) return xs[0];
  let i = 0;
  while (i < n - 2 && t > ys[i + 1]) i++;
  return xs[i] + ((xs[i + 1] - xs[i]) * (t - ys[i])) / (ys[i + 1] - ys[i]);
}

/**
 * The interval ends of one profile table (sorted by x) at ζ = zetas, as confint.thpr
 * reads them before putting the parameter's bounds in for NA ends.
 */
export function profileEnds(x: Float64Array, zeta: Float64Array, zetas: readonly number[]): { ends: number[]; note: string | null } {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(zeta[i])) keep.push(i);
  const xs = Float64Array.from(keep, (i) => x[i]);
  const zs = Float64Array.from(keep, (i) => zeta[i]);
  let distinct = xs.length >= 4;
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) distinct = false;
  if (distinct) {
    const back = backSpline(xs, zs, naturalSplineSlopes(xs, zs));
    if (back) return { ends: zetas.map((z) => predictPoly(back, z)), note: null };
  }
  if (keep.length === 0) return { ends: zetas.map(() => NaN), note: 'bad profile' };
  let allDown = true;
  let anyStep = false;
  for (let i = 1; i < x.length; i++) {
    const d = zeta[i] - zeta[i - 1];
    if (Number.isNaN(d)) continue;
    anyStep = true;
    if (!(d < -0.01)) allDown = false;
  }
  if (anyStep && allDown) return { ends: zetas.map(() => NaN), note: 'non-monotonic profile' };
  return { ends: zetas.map((z) => linearInverse(x, zeta, z)), note: 'bad spline fit: falling back to linear interpolation' };
}
