import { AppError } from '@shared/errors';
import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../data/frame';
import { bobyqa, bobyqaAsync } from '../optim/bobyqa';
import { checkConvergence } from '../optim/convergence';
import { stage1Objective, stage2Objective, checkAgq, type GlmmObjective } from './deviance';
import type { FamilyName, LinkName } from './families';
import { gaussHermite } from './gauss-hermite';
import { linearPredictor, type PirlsState } from './pirls';
import { nelderMead } from '../optim/nelder-mead';
import { buildGlmmModel, type GlmmModel } from './model';
import { summarizeGlmer, vcovFromRX, type GlmerSummary } from './results';
import { poissonVarianceExplained } from '../inference/icc-r2-glmer';

/**
 * glmer(): a generalized linear mixed model fitted as lme4 fits it with
 * glmerControl's defaults, in two stages. Stage 1 (nAGQ = 0) optimises the Laplace
 * deviance over θ with β estimated inside PIRLS. Stage 2 (nAGQ ≥ 1) starts from
 * stage 1's (θ, β) and optimises the Laplace (nAGQ = 1) or adaptive Gauss-Hermite
 * deviance over (θ, β) jointly, θ's diagonal elements bounded below by 0 and β free.
 * Then lme4's checkConv: the finite-difference gradient and Hessian over (θ, β),
 * whose inverse also gives the fixed effects' covariance (vcov's use.hessian).
 *
 * Stage 1 runs BOBYQA as lme4 1.1-31 runs minqa's bobyqa there (npt = n + 2,
 * rhobeg = min(0.95, 0.2·max|θ₀|), rhoend = 1e-6·rhobeg, no ftol): lme4's deviance
 * functions stop PIRLS at a relative tolerance (see pirls.ts), so they are not smooth
 * at the 1e-7 level, and stage 2's function depends on where stage 1 stopped (its PIRLS
 * starts from stage 1's final linear predictor). Stopping where lme4 stops gives lme4's
 * stage-2 function. Stage 2 runs lme4's own Nelder-Mead with lme4's steps and
 * tolerances (optim/nelder-mead.ts), so it visits lme4's points and stops at lme4's
 * optimum. (Where lme4's stage-1 endpoint is decided by rounding noise, as for the exam
 * fixture, the two can end a few 1e-9 of deviance apart; see fit-glmer.test.ts.)
 */
export interface GlmerOptions {
  family: FamilyName;
  link?: LinkName;
  /** 0: stage 1 only; 1: Laplace (default); 2…25: adaptive Gauss-Hermite quadrature. */
  nAGQ?: number;
  subset?: Uint8Array;
  /** Prior weights, one per data row. */
  weights?: Float64Array;
  checkpoint?: () => Promise<void>;
  onProgress?: (p: { stage: 1 | 2 | 3; evaluations: number; objective: number }) => void;
}

export interface GlmerFit extends GlmerSummary {
  formula: string;
  family: FamilyName;
  link: LinkName;
  nAGQ: number;
  optimizer: {
    /** Stage 1 and stage 2 optimizers, as lme4's optinfo names them ("bobyqa", "Nelder_Mead"). */
    name: 'bobyqa' | 'Nelder_Mead';
    /** Objective evaluations in stage 1 (θ) and stage 2 ((θ, β)), and for the derivative checks. */
    evaluations: { stage1: number; stage2: number; derivatives: number };
    converged: boolean;
    message: string;
  };
  convergence: { messages: string[]; warnings: string[]; notes: string[]; maxGrad: number; gradient: number[] };
  aliased: string[];
  messages: string[];
  thetaNames: string[];
  fitted: Float64Array;
  /** Deviance residuals (residuals(fit) for glmer). */
  residuals: Float64Array;
}

/** Tight settings as for lmer (LMER_OPTIMIZER), so that both stages reach their optima. */

/** minqa::bobyqa's defaults, which lme4's stage 1 uses (optwrap without adj; maxfun 10000). */
function minqaSettings(x0: Float64Array): { rhobeg: number; rhoend: number; npt: number; ftolAbs: number; maxfun: number } {
  let big = 0;
  for (const v of x0) big = Math.max(big, Math.abs(v));
  const rhobeg = Math.min(0.95, 0.2 * big);
  return { rhobeg, rhoend: 1e-6 * rhobeg, npt: x0.length + 2, ftolAbs: 0, maxfun: 10_000 };
}

/**
 * lme4's stage 2: its Nelder-Mead from (θ, β) of stage 1 with optwrap's steps
 * xst = 0.2·(0.1 for each θ, min(SD of β, 10) for each β) (the SDs from stage 1's
 * RX, pp$unsc()) and xt = 5e-4·xst. lme4's deviance is reproduced to ~1e-10, so the
 * simplex takes lme4's steps and stops where lme4 stops.
 */
async function stage2NelderMead(
  model: GlmmModel,
  f: GlmmObjective,
  x0: Float64Array,
  lower: Float64Array,
  state1: PirlsState,
  options: Pick<GlmerOptions, 'checkpoint' | 'onProgress'>,
): Promise<{ x: Float64Array; fval: number; converged: boolean; message: string }> {
  const m = model.layout.lower.length;
  const unsc = vcovFromRX(state1.factor, model.q, model.p);
  const xst = new Float64Array(x0.length);
  for (let j = 0; j < m; j++) xst[j] = 0.2 * 0.1;
  for (let j = 0; j < model.p; j++) xst[m + j] = 0.2 * Math.min(Math.sqrt(unsc[j * model.p + j]), 10);
  let best = Infinity;
  const counted = (x: Float64Array) => {
    const v = f(x);
    if (v < best) best = v;
    options.onProgress?.({ stage: 2, evaluations: f.evaluations, objective: best });
    return v;
  };
  const r = await nelderMead(counted, x0, { lower, xst, checkpoint: options.checkpoint });
  return { x: r.x, fval: r.fval, converged: r.converged, message: r.message };
}

/** lme4's boundary.tol (glmerControl). */
const BOUNDARY_TOL = 1e-5;

/**
 * lme4's check.boundary: each θ within BOUNDARY_TOL above its lower bound is tried on the
 * bound, and kept there when the deviance is lower than the optimizer's best value.
 * Returns `x` itself when nothing is near a bound.
 */
function checkBoundary(f: GlmmObjective, x: Float64Array, fval: number, lower: Float64Array, m: number): Float64Array {
  const edge: number[] = [];
  for (let i = 0; i < m; i++) {
    const d = x[i] - lower[i];
    if (d > 0 && d < BOUNDARY_TOL) edge.push(i);
  }
  if (edge.length === 0) return x;
  const out = Float64Array.from(x);
  for (const i of edge) {
    const trial = Float64Array.from(out);
    trial[i] = lower[i];
    if (f(trial) < fval) out[i] = lower[i];
  }
  return out;
}

export async function fitGlmer(formula: ParsedFormula, data: DataFrame, options: GlmerOptions): Promise<GlmerFit> {
  const nAGQ = options.nAGQ ?? 1;
  if (!Number.isInteger(nAGQ) || nAGQ < 0) throw new AppError('bad-input', `nAGQ must be a whole number 0 … 25, not ${nAGQ}.`);
  if (nAGQ > 25) throw new AppError('bad-input', `nAGQ = ${nAGQ}: lme4 allows at most 25 quadrature points (nAGQ ≤ 25).`);
  const model = buildGlmmModel(formula, data, { family: options.family, link: options.link, subset: options.subset, weights: options.weights });
  if (nAGQ > 1) checkAgq(model, nAGQ);
  const fit = await fitGlmmModel(model, nAGQ, options);
  if (model.family.family !== 'poisson') return fit;
  // performance's distribution variance of a Poisson fit needs the null model's mean count.
  try {
    const explained = await poissonVarianceExplained({ model, theta: Float64Array.from(fit.theta), beta: fit.fixef.estimate, varcorr: fit.varcorr }, formula, (f) =>
      fitGlmmModel(buildGlmmModel(f, data, { family: options.family, link: options.link, subset: options.subset, weights: options.weights }), nAGQ, { checkpoint: options.checkpoint }),
    );
    return { ...fit, ...explained };
  } catch (err) {
    if (err instanceof AppError && err.code === 'cancelled') throw err;
    // The fit stands; only the ICC and R², which need the null model, are left out, saying why.
    const why = err instanceof Error ? err.message : String(err);
    return { ...fit, icc: null, r2_nakagawa: null, messages: [...fit.messages, `ICC and R² are not given: the null model they need (the random effects alone) could not be fitted: ${why}`] };
  }
}

export async function fitGlmmModel(model: GlmmModel, nAGQ: number, options: Pick<GlmerOptions, 'checkpoint' | 'onProgress'> = {}): Promise<GlmerFit> {
  const lowerTheta = model.layout.lower;
  const m = lowerTheta.length;
  /** Stage 1: minqa's bobyqa as lme4 runs it. */
  const minimise = async (f: GlmmObjective, x0: Float64Array, lower: Float64Array) => {
    let best = Infinity;
    const counted = (x: Float64Array) => {
      const v = f(x);
      if (v < best) best = v;
      options.onProgress?.({ stage: 1, evaluations: f.evaluations, objective: best });
      return Number.isFinite(v) ? v : Number.MAX_VALUE;
    };
    const settings = { ...minqaSettings(x0), lower };
    return options.checkpoint ? bobyqaAsync(counted, x0, { ...settings, checkpoint: options.checkpoint }) : bobyqa(counted, x0, settings);
  };

  const f1 = stage1Objective(model);
  const opt1 = await minimise(f1, Float64Array.from(model.layout.start), lowerTheta);
  let value1 = f1(opt1.x);
  let state1 = f1.last!;
  if (nAGQ === 0) {
    // lme4 checks the boundary after stage 1 only when that is the fit (boundary.tol 0 otherwise).
    const theta = checkBoundary(f1, opt1.x, opt1.fval, lowerTheta, m);
    if (theta !== opt1.x) {
      value1 = f1(theta);
      state1 = f1.last!;
    }
    return finish(model, nAGQ, theta, state1, value1, null, {
      evaluations: { stage1: f1.evaluations, stage2: 0, derivatives: 0 },
      converged: opt1.converged,
      message: opt1.message,
      convergence: { messages: [], warnings: [], notes: [], maxGrad: NaN, gradient: [] },
    });
  }

  const rule = nAGQ > 1 ? gaussHermite(nAGQ) : null;
  const f2 = stage2Objective(model, rule, linearPredictor(model, state1));
  const x0 = new Float64Array(m + model.p);
  x0.set(opt1.x);
  x0.set(state1.beta, m);
  const lower2 = new Float64Array(m + model.p).fill(-Infinity);
  lower2.set(lowerTheta);
  const opt2 = await stage2NelderMead(model, f2, x0, lower2, state1, options);
  const evaluations2 = f2.evaluations;
  const diagonalIndex = Array.from(lower2, (l) => l === 0);
  const fx = f2(opt2.x);
  const report = checkConvergence({ f: f2, x: opt2.x, lower: lower2, diagonalIndex, fx });
  // lme4's check.boundary comes after the derivatives (which stay those at the optimizer's point).
  const x2 = checkBoundary(f2, opt2.x, opt2.fval, lower2, m);
  // The derivatives moved PIRLS's state: back to the optimum for the reported modes.
  const value2 = f2(x2);
  const state2 = f2.last!;
  return finish(model, nAGQ, x2.slice(0, m), state2, value2, report.hessian.length ? report.hessian : null, {
    evaluations: { stage1: f1.evaluations, stage2: evaluations2, derivatives: f2.evaluations - evaluations2 - 2 },
    converged: opt2.converged,
    message: opt2.message,
    convergence: { messages: report.messages, warnings: report.warnings, notes: report.notes, maxGrad: report.maxGrad, gradient: Array.from(report.gradient) },
  });
}

function finish(
  model: GlmmModel,
  nAGQ: number,
  theta: Float64Array,
  state: NonNullable<GlmmObjective['last']>,
  criterion: number,
  hessian: Float64Array | null,
  run: { evaluations: GlmerFit['optimizer']['evaluations']; converged: boolean; message: string; convergence: GlmerFit['convergence'] },
): GlmerFit {
  if (!Number.isFinite(criterion)) throw new AppError('internal', `glmer: the deviance is not finite at θ = (${Array.from(theta).join(', ')}).`);
  const summary = summarizeGlmer({ model, theta: Float64Array.from(theta), state, criterion, hessian });
  const residuals = new Float64Array(model.n);
  const { family, y, wt } = model;
  for (let i = 0; i < model.n; i++) {
    const d = Math.sqrt(Math.max(family.devResid(y[i], state.mu[i], wt[i]), 0));
    residuals[i] = y[i] > state.mu[i] ? d : -d;
  }
  const k = model.fixed.aliased.length;
  return {
    formula: model.formula.source,
    family: family.family,
    link: family.link.name,
    nAGQ,
    ...summary,
    optimizer: { name: nAGQ === 0 ? 'bobyqa' : 'Nelder_Mead', evaluations: run.evaluations, converged: run.converged, message: run.message },
    convergence: run.convergence,
    aliased: model.fixed.aliased,
    messages: [
      ...model.frame.messages,
      ...(k ? [`fixed-effect model matrix is rank deficient so dropping ${k} column${k === 1 ? '' : 's'} / coefficient${k === 1 ? '' : 's'} (${model.fixed.aliased.join(', ')})`] : []),
    ],
    thetaNames: model.layout.names,
    fitted: state.mu,
    residuals,
  };
}
