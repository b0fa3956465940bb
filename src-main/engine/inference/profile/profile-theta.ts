import { bobyqa } from '../../optim/bobyqa';
import type { LmmModel } from '../../lmm/model';
import type { ThetaLayout } from '../../lmm/theta';
import type { LmmObjective } from '../../lmm/objective';
import type { ProfilePoint } from './profile-grid';
import { PROFILE_OPTIMIZER, signedRoot } from './refit-settings';
import { sdcorToTheta, type SdcorLayout } from './sdcor';

/**
 * The profile of one variance parameter (an sd, a cor or σ) as lme4's devfun2 defines
 * it: the ML deviance as a function of all of them on the sd/cor scale,
 *
 *   dev(sd, cor, σ) = log|L_θ|² + r²_θ/σ² + n·log(2πσ²),  θ = chol(Σ/σ²),
 *
 * with β profiled out (r²_θ is the penalised residual sum of squares at θ), minimised
 * over the others with the one parameter held fixed.
 */
export function sdcorDeviance(model: LmmModel, objective: LmmObjective): (v: Float64Array) => number {
  const m = model.layout.lower.length;
  const theta = new Float64Array(m);
  const { n } = model;
  return (v) => {
    const sigma = v[m];
    if (!(sigma > 0)) return Infinity;
    if (!sdcorToTheta(v, sigma, model.layout, theta)) return Infinity;
    if (!Number.isFinite(objective(theta))) return Infinity;
    const { logdetL, pwrss } = objective.factor;
    const s2 = sigma * sigma;
    const value = logdetL + pwrss / s2 + n * Math.log(2 * Math.PI * s2);
    return Number.isNaN(value) ? Infinity : value;
  };
}

/** ζ at parameter w held at x, the others refitted from `start` (their values, w left out). */
export function varianceZeta(
  deviance: (v: Float64Array) => number,
  layout: ThetaLayout,
  sd: SdcorLayout,
  w: number,
  centre: Float64Array,
  base: number,
): (x: number, start: Float64Array) => ProfilePoint {
  const nvp = centre.length;
  const lower = new Float64Array(nvp - 1);
  const upper = new Float64Array(nvp - 1);
  for (let i = 0, k = 0; i < nvp; i++) {
    if (i === w) continue;
    lower[k] = sd.lower[i];
    upper[k++] = sd.upper[i];
  }
  const v = new Float64Array(nvp);
  const full = (x: number, u: Float64Array): Float64Array => {
    for (let i = 0, k = 0; i < nvp; i++) v[i] = i === w ? x : u[k++];
    return v;
  };
  return (x, start) => {
    const x0 = Float64Array.from(start, (s, k) => Math.min(upper[k], Math.max(lower[k], s)));
    const f = (u: Float64Array) => deviance(full(x, u));
    // With x held, the previous point's correlations may not form a correlation matrix (q ≥ 3,
    // a singular fit): they are shrunk towards 0 until they do. lme4 starts from garbage there
    // (safe_chol's pivoted factor of an indefinite matrix); when even 0 fails, ζ is NA, as in lme4.
    if (!Number.isFinite(f(x0)) && !shrinkCorrelations(x0, lower, f)) return { x, zeta: NaN, state: x0 };
    const res = bobyqa(f, x0, { ...PROFILE_OPTIMIZER, lower, upper });
    const thetaThere = () => {
      const v = Float64Array.from(full(x, res.x));
      return sdcorToTheta(v, v[nvp - 1], layout, new Float64Array(nvp - 1)) ?? new Float64Array(nvp - 1);
    };
    const zeta = signedRoot(x, centre[w], res.fval, base, sd.names[w], thetaThere);
    return { x, zeta, state: Number.isFinite(res.fval) ? Float64Array.from(res.x) : x0 };
  };
}

const SHRINK = [0.999, 0.99, 0.9, 0.5, 0];

/** Scales the correlations in `u` (the parameters bounded by −1) towards 0 until f is finite; false when none works. */
function shrinkCorrelations(u: Float64Array, lower: Float64Array, f: (u: Float64Array) => number): boolean {
  const original = Float64Array.from(u);
  for (const factor of SHRINK) {
    for (let k = 0; k < u.length; k++) if (lower[k] === -1) u[k] = original[k] * factor;
    if (Number.isFinite(f(u))) return true;
  }
  u.set(original);
  return false;
}
