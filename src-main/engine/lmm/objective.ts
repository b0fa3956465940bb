import { allocateFactor, updateFactor, type Factor } from './factor';
import type { LmmModel } from './model';
import { startTeam } from './parallel';

/**
 * The profiled objective of Bates et al. (2015): with β and σ profiled out,
 *
 *   ML:   −2ℓ(θ) = log|L_θ|² + n (1 + log(2π r²_θ / n))                        (eq. 34)
 *   REML: −2ℓ_R(θ) = log|L_θ|² + log|R_X|² + (n − p)(1 + log(2π r²_θ / (n − p)))  (eq. 41)
 *
 * One evaluation is one blocked Cholesky (factor.ts). A system that is not
 * positive definite gives +∞, which bounded optimisers treat as "worse".
 */
export interface LmmObjective {
  (theta: Float64Array): number;
  /** The factor of the last evaluation (valid when it was finite). */
  factor: Factor;
  reml: boolean;
  /** Ends the second thread, if one was started (a no-op otherwise); the objective still works, on one thread. */
  dispose(): void;
}

export interface LmmObjectiveOptions {
  /** Share large factorisations with a second thread (parallel.ts) until dispose(). */
  parallel?: boolean;
}

export function lmmObjective(model: LmmModel, reml: boolean, options: LmmObjectiveOptions = {}): LmmObjective {
  const { layout, later } = model.blocks;
  const team = options.parallel ? startTeam(later, layout.Q2, layout.p + 1, model.blocks.a21.length) : null;
  const factor = allocateFactor(model.blocks, model.layout, team);
  const { n, p } = model;
  const dof = reml ? n - p : n;
  const f = (theta: Float64Array): number => {
    if (!updateFactor(model.blocks, model.layout, theta, factor)) return Infinity;
    return criterion(factor, dof, reml);
  };
  const dispose = () => {
    // The shared storage stays valid (and holds the last factor) after the thread ends.
    factor.team?.dispose();
    factor.team = null;
  };
  return Object.assign(f, { factor, reml, dispose });
}

export function criterion(factor: Factor, dof: number, reml: boolean): number {
  const { logdetL, logdetRX, pwrss } = factor;
  const value = logdetL + (reml ? logdetRX : 0) + dof * (1 + Math.log((2 * Math.PI * pwrss) / dof));
  return Number.isNaN(value) ? Infinity : value;
}
