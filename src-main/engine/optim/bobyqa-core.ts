import { AppError } from '@shared/errors';
import { geometryStep } from './altmov';
import { BudgetExhausted, Evaluator, type EvaluatorSettings, type StopReason } from './evaluator';
import { QuadraticModel } from './interpolation';
import { trustRegionStep } from './trsbox';

/**
 * The outer iteration of BOBYQA (Powell 2009, his subroutine BOBYQB), written as a
 * generator that yields each point to evaluate and receives f there, so one
 * implementation serves a synchronous loop and an async loop with checkpoints.
 *
 * Everything here is in the optimiser's scaled variables (see bobyqa.ts).
 * Where this differs from Powell's description and Fortran:
 * - npt is limited to [n + 2, 2n + 1] (Powell advises against more); n = 1 with
 *   npt = 3 is the same algorithm, Ω then having rank one (NLopt runs it so too).
 * - The initial set handles a start near a bound by a one-sided or shorter second
 *   step on that axis instead of moving the start point (Powell moves x0 to the
 *   bound or rhobeg away from it); the starting point is never changed.
 * - RESCUE (rebuilding H when rounding has destroyed it) is replaced by a restart:
 *   a fresh axis set of 2n points around the best point (m − 1 evaluations). It is
 *   a safety net: no test problem here, even with rhoend = 1e-15, needed it.
 * - ALTMOV computes the exact denominator of each candidate (altmov.ts); TRSBOX
 *   can release a variable it fixed on a bound (trsbox.ts).
 * - A model that predicts no decrease (vquad ≥ 0, rounding only) counts as a failed
 *   step instead of ending the run; "good step" is tested as ratio ≥ 0.1 (below).
 * - Non-finite values of f are replaced by a finite "bad" value (see `moderate`).
 * - The ftol rule of NLopt is added: stop when a new best value improves on the old
 *   one by less than ftolAbs (or ftolRel relatively), which lme4 relies on.
 */
export interface CoreProblem extends EvaluatorSettings {
  npt: number;
  x0: Float64Array;
  lowerScaled: Float64Array;
  upperScaled: Float64Array;
  rhobeg: number;
  rhoend: number;
  ftolAbs: number;
  ftolRel: number;
}

export type CoreReason = StopReason | 'xtol' | 'ftol' | 'roundoff';

export interface CoreOutcome {
  x: Float64Array;
  fval: number;
  feval: number;
  reason: CoreReason;
}

export function* bobyqaCore(p: CoreProblem): Generator<Float64Array, CoreOutcome, number> {
  const { n, npt: m } = p;
  const ev = new Evaluator(p);
  const model = new QuadraticModel(n, m);
  const vlag = new Float64Array(m + n);
  const lambdaWork = new Float64Array(m);
  const gradWork = new Float64Array(n);
  const finish = (reason: CoreReason): CoreOutcome => ({
    x: Float64Array.from(ev.bestX),
    fval: ev.bestF,
    feval: ev.nf,
    reason,
  });

  try {
    yield* buildAxisSet(p, ev, model, p.x0, p.rhobeg, null);
    let rho = p.rhobeg;
    let delta = rho;
    let diffa = 0;
    let diffb = 0;
    let diffc = 0;
    let nfsav = ev.nf;
    let nfRestart = -1;
    let itest = 0;
    let ratio = 1;
    let dnorm = 0;
    let shortStep: Float64Array | null = null;
    let farSq = 0;
    let next: 'trust' | 'geometry' | 'reduce' = 'trust';

    const restart = function* (): Generator<Float64Array, boolean, number> {
      if (ev.nf === nfRestart) return false;
      const base = new Float64Array(n);
      for (let j = 0; j < n; j++) base[j] = model.xbase[j] + model.xopt[j];
      const step = Math.min(p.rhobeg, Math.max(rho, delta));
      yield* buildAxisSet(p, ev, model, base, step, model.fopt);
      nfRestart = ev.nf;
      nfsav = ev.nf;
      itest = 0;
      return true;
    };
    /** Records f at xopt + d: model errors, ftol, then the point replaces y_knew. */
    const accept = (knew: number, d: Float64Array, f: number, vquad: number, beta: number, denom: number) => {
      const fopt = model.fopt;
      diffc = diffb;
      diffb = diffa;
      diffa = Math.abs(f - fopt - vquad);
      model.updateInverse(knew, vlag, beta, denom);
      model.replacePoint(knew, d, f, f - fopt - vquad);
      return f < fopt && (fopt - f < p.ftolAbs || fopt - f < (p.ftolRel * (Math.abs(f) + Math.abs(fopt))) / 2);
    };

    for (;;) {
      if (next === 'trust') {
        const step = trustRegionStep(model, delta);
        const d = step.d;
        const dsq = dot(d, d);
        dnorm = Math.min(delta, Math.sqrt(dsq));
        if (dnorm < 0.5 * rho) {
          shortStep = d;
          const errbig = Math.max(diffa, diffb, diffc);
          const settled = ev.nf > nfsav + 2 && modelTrusted(model, step.d, step.gnew, step.crvmin, errbig, rho);
          farSq = 100 * rho * rho;
          next = settled ? 'reduce' : 'geometry';
          continue;
        }
        shortStep = null;
        if (dsq <= 1e-3 * dot(model.xopt, model.xopt)) model.shiftBase();
        const beta = model.lagrangeValues(d, vlag);
        let choice = chooseReplacement(model, vlag, beta, model.xopt, null, delta, true);
        if (choice === null) {
          if (!(yield* restart())) return finish('roundoff');
          next = 'trust';
          continue;
        }
        const vquad = model.modelChange(d);
        const f = moderate(yield* ev.evaluate(absolute(model, d)), model.fval, m);
        const fopt = model.fopt;
        if (dnorm > rho) nfsav = ev.nf;
        ratio = vquad < 0 ? (fopt - f) / -vquad : -1;
        if (ratio <= 0.1) delta = Math.min(0.5 * delta, dnorm);
        else if (ratio <= 0.7) delta = Math.max(0.5 * delta, dnorm);
        else delta = Math.max(0.5 * delta, 2 * dnorm);
        if (delta <= 1.5 * rho) delta = rho;
        if (f < fopt) {
          // The new point will be the best one: prefer to drop a point far from it.
          const again = chooseReplacement(model, vlag, beta, model.xopt, d, delta, false);
          if (again !== null) choice = again;
        }
        if (accept(choice.k, d, f, vquad, beta, choice.denom)) return finish('ftol');
        itest = reviseModel(model, ratio, itest, lambdaWork, gradWork);
        // Powell's test f ≤ fopt + 0.1·vquad, as a ratio: once f is flat to rounding,
        // fopt + 0.1·vquad rounds to fopt and f = fopt would pass it forever.
        if (ratio >= 0.1) {
          next = 'trust';
        } else {
          farSq = Math.max(4 * delta * delta, 100 * rho * rho);
          next = 'geometry';
        }
        continue;
      }

      if (next === 'geometry') {
        const far = farthestPoint(model);
        if (far.distSq > farSq) {
          const dist = Math.sqrt(far.distSq);
          if (shortStep !== null) {
            delta = Math.min(0.1 * delta, 0.5 * dist);
            if (delta <= 1.5 * rho) delta = rho;
          }
          shortStep = null;
          const adelt = Math.max(Math.min(0.1 * dist, delta), rho);
          const geo = geometryStep(model, far.k, adelt, vlag);
          const d = geo?.d;
          if (d !== undefined && dot(d, d) <= 1e-3 * dot(model.xopt, model.xopt)) model.shiftBase();
          const beta = d === undefined ? 0 : model.lagrangeValues(d, vlag);
          const denom = model.omegaDiag(far.k) * beta + vlag[far.k] * vlag[far.k];
          if (d === undefined || !(denom > 0.5 * vlag[far.k] * vlag[far.k]) || !(denom > 0)) {
            if (!(yield* restart())) return finish('roundoff');
            next = 'trust';
            continue;
          }
          const vquad = model.modelChange(d);
          const f = moderate(yield* ev.evaluate(absolute(model, d)), model.fval, m);
          if (accept(far.k, d, f, vquad, beta, denom)) return finish('ftol');
          next = 'trust';
        } else if (shortStep !== null) {
          next = 'reduce';
        } else {
          next = ratio > 0 || Math.max(delta, dnorm) > rho ? 'trust' : 'reduce';
        }
        continue;
      }

      // Reduce rho (Powell's schedule), or finish at rhoend.
      if (rho > p.rhoend) {
        delta = 0.5 * rho;
        const r = rho / p.rhoend;
        rho = r <= 16 ? p.rhoend : r <= 250 ? Math.sqrt(r) * p.rhoend : 0.1 * rho;
        delta = Math.max(delta, rho);
        nfsav = ev.nf;
        shortStep = null;
        next = 'trust';
        continue;
      }
      // The last trust-region step was too short to be worth a value at the old
      // radius; at the end it is tried once, as in Powell's code.
      if (shortStep !== null && dot(shortStep, shortStep) > 0 && ev.blocked() === null) {
        yield* ev.evaluate(absolute(model, shortStep));
      }
      return finish('xtol');
    }
  } catch (err) {
    if (err instanceof BudgetExhausted) return finish(err.reason);
    throw err;
  }
}

/**
 * The initial set (Powell's PRELIM) or a restart: base, then base + σ_j e_j for every
 * j and base + τ_j e_j for the first m − n − 1. σ_j = ±step towards the side with
 * more room; τ_j = a step to the other side (at most `step`, at least step/4), or,
 * when the base is closer than step/4 to that bound, a step of up to 2·step beyond σ_j.
 * Bounds are at least 2·step apart, so both fit.
 */
function* buildAxisSet(
  p: CoreProblem,
  ev: Evaluator,
  model: QuadraticModel,
  base: Float64Array,
  step: number,
  fbase: number | null,
): Generator<Float64Array, void, number> {
  const { n, npt: m } = p;
  const sigma = new Float64Array(n);
  const tau = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const up = p.upperScaled[j] - base[j];
    const down = base[j] - p.lowerScaled[j];
    const s = up >= down ? Math.min(step, up) : -Math.min(step, down);
    sigma[j] = s;
    const opposite = s > 0 ? down : up;
    const same = s > 0 ? up : down;
    tau[j] = opposite >= 0.25 * step ? -Math.sign(s) * Math.min(step, opposite) : Math.sign(s) * Math.min(2 * step, same);
  }
  const values = new Float64Array(m);
  const point = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    if (k === 0 && fbase !== null) {
      values[0] = fbase;
      continue;
    }
    point.set(base);
    if (k >= 1 && k <= n) point[k - 1] += sigma[k - 1];
    else if (k > n) point[k - n - 1] += tau[k - n - 1];
    const raw = yield* ev.evaluate(point);
    if (k === 0 && !Number.isFinite(raw)) {
      throw new AppError('bad-input', `bobyqa: the objective function is not finite at the starting point (value ${raw}).`);
    }
    values[k] = moderate(raw, values, k);
  }
  model.initAxisSet(base, p.lowerScaled, p.upperScaled, sigma, tau, values);
}

/**
 * Which point the new point x⁺ = xopt + d replaces: the k with the largest
 * denominator σ_k = Ω_kk β + Λ_k(x⁺)², weighted by max(1, (‖y_k − centre‖/Δ)⁴) so
 * that distant points go first (as Powell's BOBYQB does); the centre is xopt + shift.
 * Null when even the best weighted σ_k is at most half the largest weighted
 * Λ_k², which cannot happen in exact arithmetic (Ω_kk β ≥ 0): H has been damaged
 * by rounding and must be rebuilt.
 */
function chooseReplacement(
  model: QuadraticModel,
  vlag: Float64Array,
  beta: number,
  xopt: Float64Array,
  shift: Float64Array | null,
  delta: number,
  excludeBest: boolean,
): { k: number; denom: number } | null {
  const { n, m, xpt } = model;
  const delsq = delta * delta;
  let best = -1;
  let scaden = 0;
  let denom = 0;
  let biglsq = 0;
  for (let k = 0; k < m; k++) {
    if (excludeBest && k === model.kopt) continue;
    const den = beta * model.omegaDiag(k) + vlag[k] * vlag[k];
    let distsq = 0;
    for (let j = 0; j < n; j++) {
      const diff = xpt[k * n + j] - xopt[j] - (shift === null ? 0 : shift[j]);
      distsq += diff * diff;
    }
    const weight = Math.max(1, (distsq / delsq) ** 2);
    if (weight * den > scaden) {
      scaden = weight * den;
      best = k;
      denom = den;
    }
    biglsq = Math.max(biglsq, weight * vlag[k] * vlag[k]);
  }
  if (best < 0 || !(scaden > 0.5 * biglsq) || !(denom > 0)) return null;
  return { k: best, denom };
}

/**
 * Whether a short trust-region step means the model is accurate enough to reduce
 * rho: the recent errors |f − Q| must be small next to the curvature over a step
 * of length rho, and on every active bound the model's gradient must push into the
 * bound by more than those errors could explain (Powell's test before reducing rho).
 */
function modelTrusted(
  model: QuadraticModel,
  d: Float64Array,
  gnew: Float64Array,
  crvmin: number,
  errbig: number,
  rho: number,
): boolean {
  if (crvmin > 0 && errbig > 0.125 * rho * rho * crvmin) return false;
  const { n, m, xpt, xopt, sl, su, hq, pq } = model;
  const bdtol = errbig / rho;
  for (let j = 0; j < n; j++) {
    const x = xopt[j] + d[j];
    let test = bdtol;
    if (x <= sl[j]) test = gnew[j];
    if (x >= su[j]) test = -gnew[j];
    if (test < bdtol) {
      let curv = hq[j * n + j];
      for (let k = 0; k < m; k++) curv += pq[k] * xpt[k * n + j] * xpt[k * n + j];
      if (test + 0.5 * curv * rho < bdtol) return false;
    }
  }
  return true;
}

/**
 * After a trust-region step that changed f by much less than predicted, compare
 * the model's gradient with that of the least Frobenius norm interpolant of the
 * same values; after three such steps in a row where the model's (projected)
 * gradient is more than √10 times larger, the interpolant replaces the model.
 * Repeated least-change updates can keep curvature the data no longer support.
 */
function reviseModel(model: QuadraticModel, ratio: number, itest: number, lambda: Float64Array, grad: Float64Array): number {
  if (Math.abs(ratio) > 0.01) return 0;
  model.leastNormInterpolant(lambda, grad);
  const { n, xopt, sl, su, gopt } = model;
  let gq = 0;
  let gi = 0;
  for (let j = 0; j < n; j++) {
    const atLower = xopt[j] <= sl[j];
    const atUpper = xopt[j] >= su[j];
    const proj = (g: number) => (atLower ? Math.min(0, g) : atUpper ? Math.max(0, g) : g);
    gq += proj(gopt[j]) ** 2;
    gi += proj(grad[j]) ** 2;
  }
  if (gq < 10 * gi) return 0;
  if (itest + 1 < 3) return itest + 1;
  model.replaceModel(lambda, grad);
  return 0;
}

/**
 * The value the model uses for f. NaN and ±Infinity (lme4's deviance is +Infinity
 * where a factorisation fails) become max + spread of the current interpolation
 * values: worse than every point in the set, so never the best point, and on the
 * scale of the local variation of f. A value like 1e300, or one scaled by every
 * value seen since the start, would swamp the other interpolation conditions and
 * leave the model useless near the optimum; in tests with regions of Infinity this
 * local choice needed fewer evaluations and failed less often.
 */
function moderate(f: number, values: Float64Array, count: number): number {
  if (Number.isFinite(f)) return f;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < count; k++) {
    lo = Math.min(lo, values[k]);
    hi = Math.max(hi, values[k]);
  }
  const spread = Math.max(hi - lo, 1e-6 * Math.max(1, Math.abs(hi)));
  return hi + spread;
}

function farthestPoint(model: QuadraticModel): { k: number; distSq: number } {
  const { n, m, xpt, xopt } = model;
  let k = -1;
  let distSq = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (xpt[i * n + j] - xopt[j]) ** 2;
    if (s > distSq) {
      distSq = s;
      k = i;
    }
  }
  return { k, distSq };
}

/** xbase + xopt + d, clipped into the bounds. */
function absolute(model: QuadraticModel, d: Float64Array): Float64Array {
  const x = new Float64Array(model.n);
  for (let j = 0; j < model.n; j++) {
    const rel = Math.min(model.su[j], Math.max(model.sl[j], model.xopt[j] + d[j]));
    x[j] = model.xbase[j] + rel;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
