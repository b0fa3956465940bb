import { AppError } from '@shared/errors';
import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../data/frame';
import { bobyqa, bobyqaAsync, type BobyqaOptions } from '../optim/bobyqa';
import { checkConvergenceAsync, type ConvergenceReport } from '../optim/convergence';
import { buildLmmModel, type LmmModel } from './model';
import { lmmObjective, type LmmObjective } from './objective';
import { summarizeLmer, type LmerSummary } from './results';
import { solveLmm } from './solution';
import { isSingularTheta } from './theta';

/**
 * lmer(): a linear mixed model fitted by REML (default) or ML, the way lme4's
 * optimizeLmer does it with lmerControl's defaults: BOBYQA over θ from the
 * identity, a restart when a θ on its bound has a negative one-sided derivative
 * (restart_edge), θ within 1e-5 of a bound set onto it when that lowers the
 * objective (boundary.tol), then checkConv's derivative checks.
 *
 * One difference on purpose: the optimiser is run to convergence (LMER_OPTIMIZER)
 * rather than with nloptwrap's xtol_rel = 1e-4. lme4's defaults stop where θ is
 * good to about 1e-5, which moves small conditional modes and some SEs by up to
 * 1e-3 relative from the optimum, along a path that depends on NLopt's internals;
 * the optimum itself is what can be reproduced, and its objective is never worse.
 */
export interface LmerOptions {
  /** REML (true, lme4's default) or maximum likelihood. */
  reml?: boolean;
  /** 1 = keep the row (R's subset argument). */
  subset?: Uint8Array;
  /** Starting θ (lme4's start); default 1 on the diagonals, 0 elsewhere. */
  start?: ArrayLike<number>;
  /** Called between objective evaluations; rejects to cancel (an engine job's checkpoint). */
  checkpoint?: () => Promise<void>;
  onProgress?: (progress: LmerProgress) => void;
  /** Optimiser settings (lmerControl's optCtrl); see LMER_OPTIMIZER for the defaults. */
  optimizer?: Partial<Pick<BobyqaOptions, 'xtolAbs' | 'xtolRel' | 'ftolAbs' | 'ftolRel' | 'maxfun' | 'rhobeg' | 'rhoend'>>;
}

export interface LmerProgress {
  phase: 'optimizing' | 'checking';
  evaluations: number;
  /** Best objective so far (REML criterion or ML deviance). */
  objective: number;
  theta: number[];
}

export interface LmerFit extends LmerSummary {
  formula: string;
  reml: boolean;
  optimizer: {
    name: 'bobyqa';
    /** Objective evaluations by the optimiser, restarts and boundary checks included. */
    evaluations: number;
    converged: boolean;
    message: string;
    /** lme4's restart_edge fired. */
    restarted: boolean;
    /** Parameters check.boundary moved onto their bound (indices into θ). */
    movedToBoundary: number[];
  };
  /** lme4's checkConv: messages as lme4 words them ("boundary (singular) fit: see help('isSingular')"). */
  convergence: {
    /** What lme4 stores in optinfo$conv$lme4$messages. */
    messages: string[];
    /** Texts lme4 raises as warnings; notes are its message()s (the singular-fit note). */
    warnings: string[];
    notes: string[];
    /** max over θ of min(|R⁻¹g|, |g|) (NaN when not computed, e.g. for a singular fit). */
    maxGrad: number;
    gradient: number[];
  };
  /** Fixed-effect columns dropped as linear combinations of earlier ones. */
  aliased: string[];
  /** Model-frame and design messages (rows deleted for missing values, dropped columns). */
  messages: string[];
  thetaNames: string[];
  fitted: Float64Array;
  residuals: Float64Array;
}

/** The entry point for the engine job and the CLI: formula and data to a fitted lmer model. */
export async function fitLmer(formula: ParsedFormula, data: DataFrame, options: LmerOptions = {}): Promise<LmerFit> {
  const model = buildLmmModel(formula, data, { subset: options.subset });
  return fitLmmModel(model, options);
}

const BOUNDARY_STEP = 1e-5;
const BOUNDARY_TOL = 1e-5;
/**
 * nloptwrap's xtol_abs and maxeval, with xtol_rel 1e-8 instead of 1e-4 and ftol_abs
 * 1e-12 instead of 1e-8 (see above). On the reference cases this costs about a third
 * more evaluations than lme4's settings and matches lme4 refitted with
 * xtol_rel = 1e-12 (test/fixtures/lmm/tight) to 1e-5.
 */
export const LMER_OPTIMIZER = { xtolAbs: 1e-8, xtolRel: 1e-8, ftolAbs: 1e-12, maxfun: 100_000 };
const PROGRESS_MS = 100;

export async function fitLmmModel(model: LmmModel, options: LmerOptions = {}): Promise<LmerFit> {
  const reml = options.reml ?? true;
  if (reml && model.n <= model.p) {
    throw new AppError('bad-input', `REML needs more observations (${model.n}) than fixed-effect columns (${model.p}).`);
  }
  const objective = lmmObjective(model, reml, { parallel: true });
  try {
    return await fitWith(model, objective, reml, options);
  } finally {
    objective.dispose();
  }
}

async function fitWith(model: LmmModel, objective: LmmObjective, reml: boolean, options: LmerOptions): Promise<LmerFit> {
  const { lower, start } = model.layout;
  const theta0 = options.start ? startTheta(options.start, model) : Float64Array.from(start);
  const counted = countingObjective(objective, options.onProgress);

  const minimise = async (x0: Float64Array) => {
    const settings = { ...LMER_OPTIMIZER, ...options.optimizer, lower };
    const res = options.checkpoint ? await bobyqaAsync(counted, x0, { ...settings, checkpoint: options.checkpoint }) : bobyqa(counted, x0, settings);
    return { x: Float64Array.from(res.x), fval: res.fval, converged: res.converged, message: res.message };
  };

  let opt = await minimise(theta0);
  let restarted = false;
  const atBound: number[] = [];
  for (let i = 0; i < opt.x.length; i++) if (opt.x[i] === lower[i]) atBound.push(i);
  if (atBound.length > 0) {
    const d0 = counted(opt.x);
    const descends = atBound.some((i) => {
      const t = Float64Array.from(opt.x);
      t[i] = lower[i] + BOUNDARY_STEP;
      return (counted(t) - d0) / BOUNDARY_STEP < 0;
    });
    if (descends) {
      opt = await minimise(opt.x);
      restarted = true;
    }
  }
  const movedToBoundary = checkBoundary(counted, opt, lower);

  const theta = opt.x;
  const singular = isSingularTheta(theta, model.layout);
  counted.phase = 'checking';
  // A singular fit gets lme4's note and no derivative checks, so its derivatives are not computed.
  const convergence: ConvergenceReport = await checkConvergenceAsync(
    { f: counted, x: theta, lower, diagonalIndex: Array.from(lower, (l) => l === 0), fx: opt.fval },
    { skipDerivs: singular, checkpoint: options.checkpoint },
  );
  const fval = objective(theta);
  if (!Number.isFinite(fval)) {
    throw new AppError('internal', `lmer: the objective is not finite at the estimate θ = (${Array.from(theta).join(', ')}).`);
  }
  const sol = solveLmm(model, objective.factor, reml);
  const summary = summarizeLmer(model, theta, fval, objective.factor, sol, reml);
  return {
    formula: model.formula.source,
    reml,
    ...summary,
    optimizer: { name: 'bobyqa', evaluations: counted.evaluations, converged: opt.converged, message: opt.message, restarted, movedToBoundary },
    convergence: {
      messages: convergence.messages,
      warnings: convergence.warnings,
      notes: convergence.notes,
      maxGrad: convergence.maxGrad,
      gradient: Array.from(convergence.gradient),
    },
    aliased: model.fixed.aliased,
    messages: [...model.frame.messages, ...rankMessages(model)],
    thetaNames: model.layout.names,
    fitted: sol.fitted,
    residuals: sol.residuals,
  };
}

/** lme4's check.boundary: parameters within boundary.tol of their bound go onto it if that beats the optimum. */
function checkBoundary(f: (t: Float64Array) => number, opt: { x: Float64Array; fval: number }, lower: Float64Array): number[] {
  const moved: number[] = [];
  const pp = Float64Array.from(opt.x);
  for (let i = 0; i < pp.length; i++) {
    const diff = opt.x[i] - lower[i];
    if (!(diff > 0 && diff < BOUNDARY_TOL)) continue;
    const t = Float64Array.from(pp);
    t[i] = lower[i];
    if (f(t) < opt.fval) {
      pp[i] = lower[i];
      moved.push(i);
    }
  }
  if (moved.length > 0) {
    opt.x = pp;
    opt.fval = f(pp);
  }
  return moved;
}

type Counted = ((t: Float64Array) => number) & { evaluations: number; phase: LmerProgress['phase'] };

function countingObjective(f: LmmObjective, onProgress: LmerOptions['onProgress']): Counted {
  let best = Infinity;
  let bestTheta: number[] = [];
  let last = 0;
  const counted = ((theta: Float64Array): number => {
    const value = f(theta);
    counted.evaluations++;
    if (value < best) {
      best = value;
      bestTheta = Array.from(theta);
    }
    if (onProgress) {
      const now = Date.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        onProgress({ phase: counted.phase, evaluations: counted.evaluations, objective: best, theta: bestTheta });
      }
    }
    return value;
  }) as Counted;
  counted.evaluations = 0;
  counted.phase = 'optimizing';
  return counted;
}

/** lme4's wording (checkRank, "message+drop.cols") for columns of X dropped as linear combinations of others. */
function rankMessages(model: LmmModel): string[] {
  const k = model.fixed.aliased.length;
  if (k === 0) return [];
  return [
    `fixed-effect model matrix is rank deficient so dropping ${k} column${k === 1 ? '' : 's'} / coefficient${k === 1 ? '' : 's'} (${model.fixed.aliased.join(', ')})`,
  ];
}

function startTheta(start: ArrayLike<number>, model: LmmModel): Float64Array {
  const { lower, names } = model.layout;
  if (start.length !== lower.length) {
    throw new AppError('bad-input', `The starting values give ${start.length} θ parameters; this model has ${lower.length} (${names.join(', ')}).`);
  }
  const theta = Float64Array.from(start);
  theta.forEach((t, i) => {
    if (!(t >= lower[i])) throw new AppError('bad-input', `The starting value ${t} of ${names[i]} is below its lower bound ${lower[i]}.`);
  });
  return theta;
}
