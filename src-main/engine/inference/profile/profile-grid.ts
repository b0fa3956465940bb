import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * lme4's walk along one parameter's profile (profile.merMod's nextpar and fillmat):
 * from the optimum, steps chosen so that ζ moves by about `delta` each time (the
 * last two points' slope, the step at most `maxmult` times the previous one), until
 * |ζ| passes `cutoff` (ζ for a 99% joint region of all parameters), the parameter
 * reaches a bound, or the table has `maxpts` rows. Each point is one refit, started
 * from the point before it.
 */
export interface ProfilePoint {
  x: number;
  zeta: number;
  /** The other parameters at this point, where the next refit starts. */
  state: Float64Array;
}

/** One constrained refit: the parameter held at x, the others started from `start`. */
export type ZetaAt = (x: number, start: Float64Array) => ProfilePoint;

export interface WalkSettings {
  delta: number;
  cutoff: number;
  /** Rows of lme4's table, the two it starts with included. */
  maxpts: number;
  maxmult: number;
  minstep: number;
}

/** profile.merMod's defaults: alphamax = 0.01, maxpts = 100, delta.cutoff = 1/8, maxmult = 10. */
export function walkSettings(parameterCount: number): WalkSettings {
  const cutoff = Math.sqrt(chisquareQuantile(0.99, parameterCount));
  return { cutoff, delta: cutoff / 8, maxpts: 100, maxmult: 10, minstep: 1e-6 };
}

/**
 * Points after `previous` and `last` (lme4's rows i − 1 and i) until the walk stops.
 * `checkpoint` is awaited before every refit.
 */
export async function walk(
  previous: ProfilePoint,
  last: ProfilePoint,
  bounds: { lower: number; upper: number },
  settings: WalkSettings,
  zetaAt: ZetaAt,
  checkpoint: () => Promise<void>,
): Promise<ProfilePoint[]> {
  const out: ProfilePoint[] = [];
  let a = previous;
  let b = last;
  for (let row = 2; row < settings.maxpts; row++) {
    if (!(b.x > bounds.lower && b.x < bounds.upper)) break;
    if (!Number.isNaN(b.zeta) && Math.abs(b.zeta) > settings.cutoff) break;
    const x = nextParameter(a, b, bounds, settings);
    await checkpoint();
    const point = zetaAt(x, b.state);
    out.push(point);
    a = b;
    b = point;
  }
  return out;
}

function nextParameter(a: ProfilePoint, b: ProfilePoint, bounds: { lower: number; upper: number }, s: WalkSettings): number {
  const num = b.x - a.x;
  const denom = b.zeta - a.zeta;
  let step: number;
  if (Number.isNaN(denom) || denom === 0) {
    step = s.minstep;
  } else {
    step = (s.delta * num) / denom;
    if (step < 0) {
      step = s.minstep;
    } else {
      const maxstep = Math.abs(s.maxmult * num);
      if (Math.abs(step) > maxstep) step = Math.sign(step) * maxstep;
    }
  }
  return Math.min(bounds.upper, Math.max(bounds.lower, b.x + Math.sign(num) * step));
}

/** qchisq(p, df) by bisection on the distribution function (only the walk's step size depends on it). */
export function chisquareQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = Math.max(1, df);
  while (chisquareCdf(hi, df) < p) hi *= 2;
  for (let it = 0; it < 200 && hi - lo > 1e-14 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (chisquareCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
