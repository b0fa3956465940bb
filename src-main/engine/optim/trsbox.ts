import type { QuadraticModel } from './interpolation';

/**
 * The trust-region subproblem of BOBYQA (Powell 2009, his subroutine TRSBOX):
 * approximately minimise Q(xopt + d) subject to ‖d‖ ≤ Δ and sl ≤ xopt + d ≤ su.
 *
 * 1. Truncated conjugate gradients from d = 0 on the free variables. A variable
 *    that starts on a bound with the gradient pushing out of the box is fixed
 *    there; when a CG step reaches a bound that variable is fixed on it and CG
 *    restarts with steepest descent.
 * 2. Once the step reaches the trust-region boundary, Q is reduced further along
 *    the boundary by rotating d (in the free variables) towards the steepest
 *    descent direction made orthogonal to d; a rotation is cut short where a
 *    variable would leave the box, and that variable is fixed on its bound.
 * Both stages stop when an iteration reduces Q by at most 1% of the reduction so
 * far, which is what Powell uses: the step is a means to a new function value,
 * not an end, so an exact subproblem solution would waste work.
 * 3. Not in Powell's TRSBOX: a fixed variable whose gradient has turned back into
 *    the box is released and stages 1–2 resume (at most n times). Without it a
 *    convex model with bounds could get a step with 80% of the attainable
 *    reduction (a corner left too early); with it, 97% or more in the tests.
 * For an indefinite model the result is a local solution, as in Powell's method.
 */
export interface TrustRegionStep {
  d: Float64Array;
  /** Model gradient at xopt + d. */
  gnew: Float64Array;
  /**
   * Least curvature pᵀ∇²Q p / ‖p‖² over the CG steps that ended at the minimum
   * along their direction; 0 if the trust-region boundary was reached, −1 if
   * neither happened (every step was cut by a bound).
   */
  crvmin: number;
}

const CG = 0;
const TRUST = 1;
const BOUND = 2;

export function trustRegionStep(model: QuadraticModel, delta: number): TrustRegionStep {
  const { n, xopt, sl, su } = model;
  const st: SubproblemState = {
    model,
    d: new Float64Array(n),
    gd: Float64Array.from(model.gopt),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    free: new Uint8Array(n),
    delsq: delta * delta,
    qred: 0,
    crvmin: -1,
  };
  const { d, gd, lo, hi, free } = st;
  for (let i = 0; i < n; i++) {
    lo[i] = Math.min(0, sl[i] - xopt[i]);
    hi[i] = Math.max(0, su[i] - xopt[i]);
    free[i] = (lo[i] >= 0 && gd[i] >= 0) || (hi[i] <= 0 && gd[i] <= 0) ? 0 : 1;
  }
  // Stage 3 (see above): release the fixed variable that most wants back in.
  for (let round = 0; round <= n; round++) {
    if (conjugateGradients(st)) alongBoundary(st);
    let release = -1;
    let biggest = 0;
    for (let i = 0; i < n; i++) {
      if (free[i]) continue;
      const inward = d[i] <= lo[i] ? -gd[i] : d[i] >= hi[i] ? gd[i] : 0;
      if (inward > biggest) {
        biggest = inward;
        release = i;
      }
    }
    if (release < 0 || biggest * biggest * st.delsq <= 1e-4 * st.qred * st.qred) break;
    free[release] = 1;
  }
  for (let i = 0; i < n; i++) d[i] = Math.min(hi[i], Math.max(lo[i], d[i]));
  return { d, gnew: gd, crvmin: st.crvmin };
}

interface SubproblemState {
  model: QuadraticModel;
  d: Float64Array;
  /** Model gradient at xopt + d. */
  gd: Float64Array;
  /** Bounds on d. */
  lo: Float64Array;
  hi: Float64Array;
  free: Uint8Array;
  delsq: number;
  /** Reduction of Q so far. */
  qred: number;
  crvmin: number;
}

/** Stage 1 from the current d. Returns true if the step reached the trust-region boundary. */
function conjugateGradients(st: SubproblemState): boolean {
  const { model, d, gd, lo, hi, free, delsq } = st;
  const n = model.n;
  const p = new Float64Array(n);
  const hp = new Float64Array(n);
  let restart = true;
  let gg = 0;
  for (let iter = 0; iter < 20 * (n + 1); iter++) {
    if (restart) {
      gg = 0;
      for (let i = 0; i < n; i++) {
        p[i] = free[i] ? -gd[i] : 0;
        gg += p[i] * p[i];
      }
      restart = false;
    }
    let pp = 0;
    let dd = 0;
    let ds = 0;
    let gp = 0;
    for (let i = 0; i < n; i++) {
      pp += p[i] * p[i];
      dd += d[i] * d[i];
      ds += d[i] * p[i];
      gp += gd[i] * p[i];
    }
    if (pp === 0 || gp >= 0) return false;
    const resid = delsq - dd;
    if (resid <= 0) return true;
    const root = Math.sqrt(ds * ds + pp * resid);
    let alpha = ds >= 0 ? resid / (ds + root) : (root - ds) / pp;
    let kind = TRUST;
    model.hessVec(p, hp);
    let php = 0;
    for (let i = 0; i < n; i++) php += p[i] * hp[i];
    if (php > 0 && -gp / php < alpha) {
      alpha = -gp / php;
      kind = CG;
    }
    let ib = -1;
    for (let i = 0; i < n; i++) {
      if (!free[i] || p[i] === 0) continue;
      const limit = Math.max(0, ((p[i] > 0 ? hi[i] : lo[i]) - d[i]) / p[i]);
      if (limit < alpha) {
        alpha = limit;
        kind = BOUND;
        ib = i;
      }
    }
    const sdec = alpha > 0 ? -alpha * (gp + 0.5 * alpha * php) : 0;
    if (alpha > 0) {
      for (let i = 0; i < n; i++) {
        d[i] += alpha * p[i];
        gd[i] += alpha * hp[i];
      }
      st.qred += sdec;
    }
    if (kind === BOUND) {
      free[ib] = 0;
      d[ib] = p[ib] > 0 ? hi[ib] : lo[ib];
      restart = true;
      continue;
    }
    if (kind === TRUST) {
      st.crvmin = 0;
      return true;
    }
    const crv = php / pp;
    st.crvmin = st.crvmin < 0 ? crv : Math.min(st.crvmin, crv);
    let ggNew = 0;
    for (let i = 0; i < n; i++) if (free[i]) ggNew += gd[i] * gd[i];
    if (sdec <= 0.01 * st.qred || ggNew * delsq <= 1e-4 * st.qred * st.qred) return false;
    const beta = ggNew / gg;
    gg = ggNew;
    for (let i = 0; i < n; i++) p[i] = free[i] ? -gd[i] + beta * p[i] : 0;
  }
  return false;
}

/** Stage 2: rotations of d on the sphere ‖d_free‖ = const. */
function alongBoundary(st: SubproblemState): void {
  const { model, d, gd, lo, hi, free } = st;
  const n = model.n;
  const s = new Float64Array(n);
  const u = new Float64Array(n);
  const hu = new Float64Array(n);
  const hs = new Float64Array(n);
  const grid = 20;
  for (let iter = 0; iter < 10 * (n + 1); iter++) {
    let dredsq = 0;
    let gredsq = 0;
    let dredg = 0;
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      dredsq += d[i] * d[i];
      gredsq += gd[i] * gd[i];
      dredg += d[i] * gd[i];
    }
    const temp = gredsq * dredsq - dredg * dredg;
    if (dredsq === 0 || temp <= 1e-4 * st.qred * st.qred) break;
    const rt = Math.sqrt(temp);
    for (let i = 0; i < n; i++) {
      s[i] = free[i] ? (dredg * d[i] - dredsq * gd[i]) / rt : 0;
      u[i] = free[i] ? d[i] : 0;
    }
    let thetaMax = Math.PI / 2;
    let ib = -1;
    let ibUpper = false;
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      const exit = firstExit(d[i], s[i], lo[i], hi[i]);
      if (exit.theta < thetaMax) {
        thetaMax = exit.theta;
        ib = i;
        ibUpper = exit.upper;
      }
    }
    if (ib >= 0 && thetaMax <= 1e-12) {
      free[ib] = 0;
      d[ib] = ibUpper ? hi[ib] : lo[ib];
      continue;
    }
    model.hessVec(u, hu);
    model.hessVec(s, hs);
    let uhu = 0;
    let uhs = 0;
    let shs = 0;
    for (let i = 0; i < n; i++) {
      uhu += u[i] * hu[i];
      uhs += u[i] * hs[i];
      shs += s[i] * hs[i];
    }
    // Change of Q when d_free → cosθ d_free + sinθ s.
    const change = (theta: number) => {
      const c = Math.cos(theta) - 1;
      const sn = Math.sin(theta);
      return c * dredg - sn * rt + 0.5 * (c * c * uhu + 2 * c * sn * uhs + sn * sn * shs);
    };
    let bestK = 0;
    let best = 0;
    const values = new Float64Array(grid + 1);
    for (let k = 1; k <= grid; k++) {
      values[k] = change((thetaMax * k) / grid);
      if (values[k] < best) {
        best = values[k];
        bestK = k;
      }
    }
    if (bestK === 0) break;
    let theta = (thetaMax * bestK) / grid;
    if (bestK < grid) {
      const a = values[bestK - 1];
      const c = values[bestK + 1];
      const curv = a - 2 * best + c;
      if (curv > 0) {
        const t = ((thetaMax / grid) * (bestK + (0.5 * (a - c)) / curv));
        const v = change(t);
        if (v < best) {
          best = v;
          theta = t;
        }
      }
    }
    const cs = Math.cos(theta) - 1;
    const sn = Math.sin(theta);
    for (let i = 0; i < n; i++) {
      if (free[i]) d[i] += cs * u[i] + sn * s[i];
      gd[i] += cs * hu[i] + sn * hs[i];
    }
    st.qred -= best;
    if (ib >= 0 && theta >= thetaMax) {
      free[ib] = 0;
      d[ib] = ibUpper ? hi[ib] : lo[ib];
      continue;
    }
    if (-best <= 0.01 * st.qred) break;
  }
}

/**
 * Smallest θ in [0, π/2] at which cosθ·a + sinθ·b leaves [lo, hi] (a inside it),
 * or θ = Infinity. a cosθ + b sinθ = R cos(θ − φ) crosses a bound c where
 * θ = φ ± acos(c/R); only crossings in the outward direction count.
 */
function firstExit(a: number, b: number, lo: number, hi: number): { theta: number; upper: boolean } {
  const r = Math.hypot(a, b);
  let theta = Infinity;
  let upper = false;
  if (r === 0) return { theta, upper };
  const phi = Math.atan2(b, a);
  const twoPi = 2 * Math.PI;
  for (const [bound, isUpper] of [
    [lo, false],
    [hi, true],
  ] as const) {
    if (!Number.isFinite(bound) || Math.abs(bound) > r) continue;
    const psi = Math.acos(Math.max(-1, Math.min(1, bound / r)));
    for (const raw of [phi + psi, phi - psi]) {
      let t = ((raw % twoPi) + twoPi) % twoPi;
      if (t > twoPi - 1e-12) t = 0;
      if (t > Math.PI / 2 || t >= theta) continue;
      const slope = -Math.sin(t) * a + Math.cos(t) * b;
      if (isUpper ? slope > 0 : slope < 0) {
        theta = t;
        upper = isUpper;
      }
    }
  }
  return { theta, upper };
}
