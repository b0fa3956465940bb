import { AppError } from '@shared/errors';
import { bobyqaCore, type CoreReason } from './bobyqa-core';

/**
 * BOBYQA: bound-constrained minimisation without derivatives by quadratic models
 * of 2n + 1 interpolated values in a trust region (M.J.D. Powell, "The BOBYQA
 * algorithm for bound constrained optimization without derivatives", Cambridge
 * NA Report NA2009/06, 2009), written here from the paper. Used for lme4's
 * profiled deviance over θ.
 *
 * Defaults are those lme4 gets from its default optimizer "nloptwrap" (NLopt's
 * BOBYQA through nloptr 2.0): lme4 sets xtol_abs = 1e-8, ftol_abs = 1e-8 and
 * maxeval = 1e5; nloptr adds xtol_rel = 1e-4 and ftol_rel = 0; NLopt uses
 * npt = 2n + 1, per-variable initial steps dx_j (below), works in variables
 * rescaled so that those steps are equal (x_j / (dx_j / dx_0)) with
 * rhobeg = dx_0, and sets rhoend = max(xtol_rel·rhobeg, xtol_abs/scale_j).
 * NLopt's initial step for x_j: 0.75·(x_j − lower_j) or 0.75·(upper_j − x_j) when
 * that bound is nearer than anything else, a quarter of the range when both bounds
 * are finite and that is smaller, else |x_j|, else 1 — so lme4's start θ = 1 on a
 * diagonal element with lower bound 0 gets 0.75, and an off-diagonal θ = 0 gets 1.
 * (minqa's bobyqa, lme4's optimizer "bobyqa", instead uses npt = n + 2,
 * rhobeg = min(0.95, 0.2·max|x0|), rhoend = 1e-6·rhobeg; pass those to get it.)
 */
export interface BobyqaOptions {
  lower: Float64Array | number[];
  upper?: Float64Array | number[];
  /** Initial trust-region radius, the same for every variable; default: NLopt's per-variable steps. */
  rhobeg?: number;
  /** Final radius (accuracy in x), in the units of x[0] when the default per-variable steps differ. */
  rhoend?: number;
  maxfun?: number;
  /** Number of interpolation points, n + 2 … 2n + 1; default 2n + 1. */
  npt?: number;
  /** Stop when a new best value improves on the previous best by less than this (NLopt ftol_abs). */
  ftolAbs?: number;
  /** … or by less than ftolRel·(|f| + |fbest|)/2 (NLopt ftol_rel). */
  ftolRel?: number;
  /** Sets the default rhoend with xtolRel (NLopt xtol_abs; ignored when rhoend is given). */
  xtolAbs?: number;
  /** NLopt xtol_rel, relative to rhobeg (ignored when rhoend is given). */
  xtolRel?: number;
  /** After every evaluation: the count so far and the best value and point so far. */
  onIteration?: (info: { feval: number; fval: number; x: Float64Array }) => void;
  /** Asked before every evaluation; true ends the run with the best point so far. */
  shouldStop?: () => boolean;
}

export interface BobyqaResult {
  x: Float64Array;
  fval: number;
  feval: number;
  converged: boolean;
  message: string;
}

export const BOBYQA_DEFAULTS = {
  maxfun: 100_000,
  ftolAbs: 1e-8,
  ftolRel: 0,
  xtolAbs: 1e-8,
  xtolRel: 1e-4,
} as const;

const MESSAGES: Record<CoreReason, string> = {
  xtol: 'Converged: the trust-region radius reached rhoend (NLopt xtol_rel/xtol_abs).',
  ftol: 'Converged: the last improvement of the best value was below ftolAbs/ftolRel (NLopt ftol).',
  maxfun: 'Stopped at the evaluation limit (maxfun) before converging.',
  stopped: 'Stopped on request (shouldStop) before converging.',
  roundoff: 'Stopped: rounding errors damaged the interpolation system again right after it was rebuilt.',
};

/**
 * The optimiser as a generator: each `next(f)` receives the value at the point the
 * previous step yielded (the first call's argument is ignored); the return value
 * is the result. Points yielded lie within the bounds.
 */
export function* bobyqaSteps(x0: Float64Array, options: BobyqaOptions): Generator<Float64Array, BobyqaResult, number> {
  const s = resolveSettings(x0, options);
  const outcome = yield* bobyqaCore({
    n: s.n,
    npt: s.npt,
    x0: scaleDown(x0, s.scale),
    lowerScaled: scaleDown(s.lower, s.scale),
    upperScaled: scaleDown(s.upper, s.scale),
    lower: s.lower,
    upper: s.upper,
    scale: s.scale,
    rhobeg: s.rhobeg,
    rhoend: s.rhoend,
    maxfun: s.maxfun,
    ftolAbs: s.ftolAbs,
    ftolRel: s.ftolRel,
    shouldStop: options.shouldStop,
    onIteration: options.onIteration,
  });
  return {
    x: outcome.x,
    fval: outcome.fval,
    feval: outcome.feval,
    converged: outcome.reason === 'xtol' || outcome.reason === 'ftol',
    message: MESSAGES[outcome.reason],
  };
}

export function bobyqa(f: (x: Float64Array) => number, x0: Float64Array, options: BobyqaOptions): BobyqaResult {
  const steps = bobyqaSteps(x0, options);
  let state = steps.next();
  while (!state.done) state = steps.next(f(state.value));
  return state.value;
}

/** As `bobyqa`, awaiting `checkpoint()` (progress, cancellation) before every evaluation. */
export async function bobyqaAsync(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  options: BobyqaOptions & { checkpoint: () => Promise<void> },
): Promise<BobyqaResult> {
  const steps = bobyqaSteps(x0, options);
  let state = steps.next();
  while (!state.done) {
    await options.checkpoint();
    state = steps.next(f(state.value));
  }
  return state.value;
}

export interface BobyqaSettings {
  n: number;
  npt: number;
  lower: Float64Array;
  upper: Float64Array;
  /** Initial step per variable, in the caller's units. */
  steps: Float64Array;
  /** Caller's variable = optimiser's variable × scale. */
  scale: Float64Array;
  /** Radii in the optimiser's variables. */
  rhobeg: number;
  rhoend: number;
  maxfun: number;
  ftolAbs: number;
  ftolRel: number;
}

/** Checks the arguments and fills in the defaults (see the file comment). */
export function resolveSettings(x0: Float64Array, options: BobyqaOptions): BobyqaSettings {
  const n = x0.length;
  if (n < 1) throw new AppError('bad-input', 'bobyqa: there are no parameters to optimise.');
  const lower = vector(options.lower, n, -Infinity, 'lower');
  const upper = vector(options.upper, n, Infinity, 'upper');
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(x0[j])) throw new AppError('bad-input', `bobyqa: starting value x0[${j}] = ${x0[j]} is not finite.`);
    if (!(lower[j] < upper[j])) {
      throw new AppError('bad-input', `bobyqa: lower[${j}] = ${lower[j]} must be below upper[${j}] = ${upper[j]}.`);
    }
    if (x0[j] < lower[j] || x0[j] > upper[j]) {
      throw new AppError('bad-input', `bobyqa: starting value x0[${j}] = ${x0[j]} is outside [${lower[j]}, ${upper[j]}].`);
    }
  }
  const npt = options.npt ?? 2 * n + 1;
  if (!Number.isInteger(npt) || npt < n + 2 || npt > 2 * n + 1) {
    throw new AppError('bad-input', `bobyqa: npt = ${npt} must be an integer from n + 2 = ${n + 2} to 2n + 1 = ${2 * n + 1}.`);
  }
  const maxfun = options.maxfun ?? BOBYQA_DEFAULTS.maxfun;
  if (!(maxfun >= 1)) throw new AppError('bad-input', `bobyqa: maxfun = ${maxfun} must be at least 1.`);
  const steps = new Float64Array(n);
  if (options.rhobeg !== undefined && !(options.rhobeg > 0 && Number.isFinite(options.rhobeg))) {
    throw new AppError('bad-input', `bobyqa: rhobeg = ${options.rhobeg} must be positive and finite.`);
  }
  for (let j = 0; j < n; j++) {
    const step = options.rhobeg ?? nloptInitialStep(x0[j], lower[j], upper[j]);
    // The interpolation points on an axis need 2 steps of room between the bounds.
    steps[j] = Math.min(step, 0.5 * (upper[j] - lower[j]));
  }
  let same = true;
  for (let j = 1; j < n; j++) if (steps[j] !== steps[0]) same = false;
  const scale = new Float64Array(n).fill(1);
  if (!same) for (let j = 1; j < n; j++) scale[j] = steps[j] / steps[0];
  const rhobeg = steps[0];
  let rhoend = options.rhoend;
  if (rhoend === undefined) {
    const xtolRel = options.xtolRel ?? BOBYQA_DEFAULTS.xtolRel;
    const xtolAbs = options.xtolAbs ?? BOBYQA_DEFAULTS.xtolAbs;
    rhoend = xtolRel * rhobeg;
    for (let j = 0; j < n; j++) rhoend = Math.max(rhoend, xtolAbs / scale[j]);
    rhoend = Math.min(rhoend, rhobeg);
    if (!(rhoend > 0)) {
      throw new AppError('bad-input', 'bobyqa: xtolRel and xtolAbs are both zero, so the optimiser would never stop refining.');
    }
  } else if (!(rhoend > 0 && rhoend <= rhobeg)) {
    throw new AppError('bad-input', `bobyqa: rhoend = ${rhoend} must be positive and at most rhobeg = ${rhobeg}.`);
  }
  return {
    n,
    npt,
    lower,
    upper,
    steps,
    scale,
    rhobeg,
    rhoend,
    maxfun,
    ftolAbs: options.ftolAbs ?? BOBYQA_DEFAULTS.ftolAbs,
    ftolRel: options.ftolRel ?? BOBYQA_DEFAULTS.ftolRel,
  };
}

/** NLopt's nlopt_set_default_initial_step heuristic for one variable. */
export function nloptInitialStep(x: number, lower: number, upper: number): number {
  let step = Infinity;
  if (Number.isFinite(upper) && Number.isFinite(lower) && (upper - lower) * 0.25 < step && upper > lower) {
    step = (upper - lower) * 0.25;
  }
  if (Number.isFinite(upper) && upper - x < step && upper > x) step = (upper - x) * 0.75;
  if (Number.isFinite(lower) && x - lower < step && x > lower) step = (x - lower) * 0.75;
  if (!Number.isFinite(step) || Math.abs(step) < 1e-300) step = Math.abs(x);
  if (step === 0) step = 1;
  return step;
}

function vector(v: Float64Array | number[] | undefined, n: number, fill: number, name: string): Float64Array {
  if (v === undefined) return new Float64Array(n).fill(fill);
  if (v.length !== n) throw new AppError('bad-input', `bobyqa: ${name} has ${v.length} elements, x0 has ${n}.`);
  const out = Float64Array.from(v);
  for (let j = 0; j < n; j++) {
    if (Number.isNaN(out[j])) throw new AppError('bad-input', `bobyqa: ${name}[${j}] is NaN.`);
  }
  return out;
}

function scaleDown(x: Float64Array, scale: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = x[j] / scale[j];
  return out;
}
