import { withResponse, type Blocks } from '../../lmm/blocks';
import { backSolveTransposed } from '../../lmm/dense';
import { allocateFactor, updateFactor, type Factor } from '../../lmm/factor';
import { LMER_OPTIMIZER } from '../../lmm/fit-lmer';
import type { LmmModel } from '../../lmm/model';
import { criterion } from '../../lmm/objective';
import type { ReTerm } from '../../lmm/random-design';
import type { ThetaLayout } from '../../lmm/theta';
import { bobyqa } from '../../optim/bobyqa';
import { bootParameterCount, bootParameters } from './boot-params';

/**
 * One bootstrap replicate's refit, as lme4's refit(fit, newresp) does it inside
 * bootMer: the same model with the simulated response, BOBYQA from the fitted θ
 * (refit starts from pp$theta) to the optimum. Like refit, and unlike a first
 * fit, there is no restart at a boundary and no move onto it, and the
 * convergence checks (which only warn) are skipped, as is everything a summary
 * needs beyond θ, σ and β. The optimiser runs to the same tolerances as
 * fitLmmModel (LMER_OPTIMIZER).
 *
 * The design — the blocks of [Z X] (only the y parts change per replicate), the θ
 * layout, the terms' Z and level codes, X — is plain data that a worker thread
 * receives by structured clone; the factor's storage is allocated once and reused.
 */
export interface RefitDesign {
  blocks: Blocks;
  layout: ThetaLayout;
  terms: ReTerm[];
  X: Float64Array;
  n: number;
  p: number;
  reml: boolean;
  /** The fitted θ: every refit starts there. */
  theta: Float64Array;
}

export function refitDesign(model: LmmModel, theta: Float64Array, reml: boolean): RefitDesign {
  return { blocks: model.blocks, layout: model.layout, terms: model.random.terms, X: model.fixed.X, n: model.n, p: model.p, reml, theta: Float64Array.from(theta) };
}

export class Refitter {
  private readonly factor: Factor;
  readonly count: number;

  constructor(private readonly design: RefitDesign) {
    this.factor = allocateFactor(design.blocks, design.layout);
    this.count = bootParameterCount(design.layout, design.p);
  }

  /**
   * Refits response y and writes the statistic (boot-params.ts) into `out` at `at`;
   * false when the refit failed (no finite optimum), as bootMer counts a refit that
   * ended in an error.
   */
  refit(y: Float64Array, out: Float64Array, at = 0): boolean {
    const { design, factor } = this;
    const { layout, n, p, reml } = design;
    const blocks = withResponse(design.blocks, design.terms, design.X, y);
    const dof = reml ? n - p : n;
    const f = (theta: Float64Array): number => (updateFactor(blocks, layout, theta, factor) ? criterion(factor, dof, reml) : Infinity);
    let theta: Float64Array;
    try {
      theta = Float64Array.from(bobyqa(f, design.theta, { ...LMER_OPTIMIZER, lower: layout.lower }).x);
    } catch {
      return false;
    }
    // The factor holds the last point evaluated, which need not be the optimum.
    if (!Number.isFinite(f(theta))) return false;
    const sigma = Math.sqrt(factor.pwrss / dof);
    const beta = betaOf(factor, p);
    bootParameters(layout, theta, sigma, beta, out, at);
    for (let i = at; i < at + this.count; i++) if (!Number.isFinite(out[i])) return false;
    return true;
  }
}

/** β from the factor: R_X β = c_β, R_Xᵀ the leading p × p of L_WW and c_β the first p of its last row. */
function betaOf(factor: Factor, p: number): Float64Array {
  const P = p + 1;
  const Lxx = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) Lxx[j * p + k] = factor.lww[j * P + k];
  const beta = new Float64Array(p);
  for (let k = 0; k < p; k++) beta[k] = factor.lww[p * P + k];
  backSolveTransposed(Lxx, p, beta);
  return beta;
}
