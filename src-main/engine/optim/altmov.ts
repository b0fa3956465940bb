import type { QuadraticModel } from './interpolation';

/**
 * The geometry step of BOBYQA (Powell 2009, his subroutine ALTMOV): a new position
 * x⁺ = xopt + d for interpolation point t, with ‖d‖ ≤ adelt and inside the
 * bounds, chosen to make the updating denominator σ_t = Ω_tt·β + Λ_t(x⁺)² large,
 * so that replacing y_t keeps the interpolation system well conditioned.
 *
 * Candidates are Powell's two kinds: (1) points on the lines through xopt and each
 * other interpolation point y_k, where Λ_t is the quadratic
 * α(g·u) + α²(δ_tk − g·u) in the step α along u = y_k − xopt (because Λ_t(xopt) = 0
 * and Λ_t(y_k) = δ_tk), taken at the ends of the allowed range of α and at its
 * stationary point; (2) a bounded Cauchy-type step of length adelt along ±∇Λ_t,
 * projected onto the box by fixing the variables that reach a bound. Powell picks
 * between them with estimates of σ_t; here σ_t is computed exactly for every
 * candidate (a few hundred flops each, nothing next to a function value).
 * Returns null when no candidate has a positive denominator.
 */
export function geometryStep(
  model: QuadraticModel,
  t: number,
  adelt: number,
  vlag: Float64Array,
): { d: Float64Array; denom: number } | null {
  const { n, m, nz, xpt, xopt, zmat, bmat, kopt, sl, su } = model;
  const lambda = new Float64Array(m); // Ω e_t: the second-derivative coefficients of Λ_t
  for (let c = 0; c < nz; c++) {
    const zt = zmat[t * nz + c];
    for (let k = 0; k < m; k++) lambda[k] += zt * zmat[k * nz + c];
  }
  const glag = new Float64Array(n); // ∇Λ_t(xopt)
  for (let j = 0; j < n; j++) glag[j] = bmat[t * n + j];
  for (let k = 0; k < m; k++) {
    let yx = 0;
    for (let j = 0; j < n; j++) yx += xpt[k * n + j] * xopt[j];
    for (let j = 0; j < n; j++) glag[j] += lambda[k] * yx * xpt[k * n + j];
  }
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    lo[j] = Math.min(0, sl[j] - xopt[j]);
    hi[j] = Math.max(0, su[j] - xopt[j]);
  }
  const omegaTT = model.omegaDiag(t);
  const cand = new Float64Array(n);
  let best: Float64Array | null = null;
  let bestDenom = 0;
  const consider = (scale: number, dir: Float64Array) => {
    if (!(scale !== 0 && Number.isFinite(scale))) return;
    for (let j = 0; j < n; j++) cand[j] = Math.min(hi[j], Math.max(lo[j], scale * dir[j]));
    const beta = model.lagrangeValues(cand, vlag);
    const denom = omegaTT * beta + vlag[t] * vlag[t];
    if (denom > bestDenom) {
      bestDenom = denom;
      best = Float64Array.from(cand);
    }
  };

  const u = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    if (k === kopt) continue;
    let uu = 0;
    let gu = 0;
    for (let j = 0; j < n; j++) {
      u[j] = xpt[k * n + j] - xopt[j];
      uu += u[j] * u[j];
      gu += glag[j] * u[j];
    }
    if (uu === 0) continue;
    let aHi = adelt / Math.sqrt(uu);
    let aLo = -aHi;
    for (let j = 0; j < n; j++) {
      if (u[j] > 0) {
        aHi = Math.min(aHi, hi[j] / u[j]);
        aLo = Math.max(aLo, lo[j] / u[j]);
      } else if (u[j] < 0) {
        aHi = Math.min(aHi, lo[j] / u[j]);
        aLo = Math.max(aLo, hi[j] / u[j]);
      }
    }
    consider(aHi, u);
    consider(aLo, u);
    const curv = (k === t ? 1 : 0) - gu; // Λ_t(xopt + αu) = α·gu + α²·curv
    if (curv !== 0) {
      const stat = -gu / (2 * curv);
      if (stat > aLo && stat < aHi) consider(stat, u);
    }
  }

  for (const sign of [1, -1]) {
    const step = cauchyDirection(glag, sign, adelt, lo, hi);
    if (step === null) continue;
    consider(1, step);
    // Λ_t(xopt + γ·step) = γ·g·step + ½γ²·Σλ_k(y_k·step)²; its stationary point may beat γ = 1.
    let gs = 0;
    let shs = 0;
    for (let j = 0; j < n; j++) gs += glag[j] * step[j];
    for (let k = 0; k < m; k++) {
      let ys = 0;
      for (let j = 0; j < n; j++) ys += xpt[k * n + j] * step[j];
      shs += lambda[k] * ys * ys;
    }
    if (shs !== 0) {
      const gamma = -gs / shs;
      if (gamma > 0 && gamma < 1) consider(gamma, step);
    }
  }
  return best === null ? null : { d: best, denom: bestDenom };
}

/**
 * Step of length adelt along sign·g projected onto the box: components that would
 * cross a bound are fixed on it and the remaining length goes to the others.
 */
function cauchyDirection(
  g: Float64Array,
  sign: number,
  adelt: number,
  lo: Float64Array,
  hi: Float64Array,
): Float64Array | null {
  const n = g.length;
  const step = new Float64Array(n);
  const free = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const dir = sign * g[j];
    free[j] = dir === 0 || (dir > 0 && hi[j] <= 0) || (dir < 0 && lo[j] >= 0) ? 0 : 1;
  }
  for (let round = 0; round <= n; round++) {
    let fixedSq = 0;
    let freeSq = 0;
    for (let j = 0; j < n; j++) {
      if (free[j]) freeSq += g[j] * g[j];
      else fixedSq += step[j] * step[j];
    }
    const remaining = adelt * adelt - fixedSq;
    if (freeSq === 0 || remaining <= 0) break;
    const scale = (sign * Math.sqrt(remaining)) / Math.sqrt(freeSq);
    let hit = false;
    for (let j = 0; j < n; j++) {
      if (!free[j]) continue;
      const v = scale * g[j];
      if (v > hi[j] || v < lo[j]) {
        step[j] = v > hi[j] ? hi[j] : lo[j];
        free[j] = 0;
        hit = true;
      }
    }
    if (!hit) {
      for (let j = 0; j < n; j++) if (free[j]) step[j] = scale * g[j];
      break;
    }
  }
  let any = false;
  for (let j = 0; j < n; j++) if (step[j] !== 0) any = true;
  return any ? step : null;
}
