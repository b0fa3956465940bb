import type { LmmModel } from '../../lmm/model';
import { applyLambda } from '../../lmm/solution';
import { termFactor } from '../../lmm/theta';
import { RNormal } from './r-normal';

/**
 * The responses of a parametric bootstrap, drawn as lme4's simulate(fit, nsim,
 * use.u = FALSE) draws them after set.seed(seed) (lme4's .simulateFun):
 *
 *   u = rnorm(q · nsim)          spherical random effects, q per replicate, all replicates first
 *   ε = rnorm(n · nsim)          then the residual noise, n per replicate
 *   y_j = Xβ + offset + σ (ZΛu_j + ε_j)
 *
 * with u_j in lme4's order of Z's columns (term by term, level by level, q_k each:
 * the blocks' layout). Replicates come one at a time, in order, so memory stays O(n + q)
 * whatever nsim: one stream reads the u's, a second stream of the same seed skips the
 * q · nsim u's (their uniforms only) and reads the ε's.
 */
export interface FittedLmm {
  theta: Float64Array;
  beta: Float64Array;
  sigma: number;
}

export class LmmSimulator {
  private readonly effects: RNormal;
  private readonly noise: RNormal;
  private readonly mean: Float64Array;
  private readonly lambda: Float64Array[];
  private readonly u: Float64Array;
  private readonly eps: Float64Array;
  private readonly reff: Float64Array;
  private drawn = 0;

  /** `withOffset`: add the model's offset back (what R returns); without it, the response the refit sees. */
  constructor(
    private readonly model: LmmModel,
    private readonly fit: FittedLmm,
    readonly nsim: number,
    seed: number,
    private readonly withOffset = false,
  ) {
    const { Q1, Q2 } = model.blocks.layout;
    const q = Q1 + Q2;
    this.effects = new RNormal(seed);
    this.noise = new RNormal(seed);
    this.noise.skip(q * nsim);
    this.u = new Float64Array(q);
    this.eps = new Float64Array(model.n);
    this.reff = new Float64Array(model.n);
    this.lambda = Array.from(model.layout.q, (qk, k) => termFactor(fit.theta, model.layout, k, new Float64Array(qk * qk)));
    const { n, p } = model;
    const X = model.fixed.X;
    this.mean = new Float64Array(n);
    for (let j = 0; j < p; j++) {
      const bj = fit.beta[j];
      for (let i = 0, o = j * n; i < n; i++) this.mean[i] += X[o + i] * bj;
    }
  }

  get remaining(): number {
    return this.nsim - this.drawn;
  }

  /** The next replicate's response, written into `out` (length n). */
  next(out: Float64Array): Float64Array {
    if (this.drawn >= this.nsim) throw new Error(`LmmSimulator: all ${this.nsim} replicates were drawn.`);
    this.drawn++;
    const { model, u, eps, reff } = this;
    const { n } = model;
    const { Q1, rowStart } = model.blocks.layout;
    this.effects.fill(u);
    this.noise.fill(eps);
    const terms = model.random.terms;
    // b = Λu term by term, Zb summed over Z's columns in order (as R's sparse product), then + ε.
    reff.fill(0);
    terms.forEach((t, k) => {
      const start = k === 0 ? 0 : Q1 + rowStart[k - 1];
      for (let a = 0; a < t.nl; a++) applyLambda(u, start + a * t.q, this.lambda[k], t.q);
      for (let s = 0; s < t.q; s++) {
        for (let i = 0, o = s * n; i < n; i++) reff[i] += t.Z[o + i] * u[start + t.codes[i] * t.q + s];
      }
    });
    const sigma = this.fit.sigma;
    const offset = this.withOffset ? model.offset : null;
    for (let i = 0; i < n; i++) out[i] = this.mean[i] + (offset ? offset[i] : 0) + sigma * (reff[i] + eps[i]);
    return out;
  }
}
