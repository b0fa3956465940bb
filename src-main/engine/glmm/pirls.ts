import { AppError } from '@shared/errors';
import type { GlmmModel, RowsOfU } from './model';
import { PenalizedFactor } from './penalized-factor';
import { rowKernel, type RowKernel } from './row-kernels';

/**
 * Penalized iteratively reweighted least squares, step for step as lme4 1.1-31's
 * pwrssUpdate (src/external.cpp) runs it inside glmer's deviance functions: the
 * conditional modes u of the spherical random effects for given θ and β (`beta`
 * given, lme4's uOnly, stage 2), or jointly with β (`beta` null, the nAGQ = 0 stage).
 *
 * Every evaluation starts from the same linear predictor lp0 (lme4's devfun runs
 * resp$updateMu(lp0) first), not from the previous evaluation's modes. Each iteration
 * factors the penalized system at the current weights,
 *   [UᵀWU + I  UᵀWX] [u]   [UᵀWz]
 *   [XᵀWU      XᵀWX] [β] = [XᵀWz]
 * (only the u block when β is given, Xβ then being part of the offset), for the working
 * response z = η − offset + (y − μ)/μ'(η), moves to its solution and computes the
 * penalized deviance pdev = Σ d_i + ‖u‖². It stops when |oldpdev − pdev|/pdev < 1e-7
 * (glmerControl's tolPwrss), halving the step towards the previous iterate while pdev
 * increased. The Laplace deviance then takes log|L|² from the factor of that last
 * iteration, i.e. at the weights of the iterate before the final one, and the deviance
 * and ‖u‖² at the final one. That is not the exact Laplace value (at lme4's cbpp optimum
 * 184.05313 where the converged modes give 184.05257), but it is lme4's deviance
 * function: its optimum, and the finite-difference Hessian behind its standard errors,
 * are those of this function, and Nestor reports lme4's numbers.
 *
 * The system is factored in the blocks its sparsity gives (penalized-factor.ts: the first
 * term's block diagonal, the later terms and β dense), with the same numbers as the dense
 * factor of the whole system. The passes over the rows are written per family and link
 * (row-kernels.ts) and run on buffers kept per model, so an iteration allocates nothing.
 */
export interface PirlsState {
  u: Float64Array;
  beta: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  /** Σ of the deviance residuals (squared). */
  devSum: number;
  /** ‖u‖². */
  sqrL: number;
  /** log det(UᵀWU + I) = log|L|², of the last iteration's factor (lme4's pp$ldL2()). */
  ldL2: number;
  /** The diagonal of that factor's random-effects part (q entries): 1/L_jj is the conditional SD of u_j for a scalar term. */
  uDiagonal: Float64Array;
  /**
   * The Cholesky factor (row-major lower, q + p) of the joint system at the last iteration's
   * weights: L, then RZX and RX. Formed when first read (the summary and stage 2's steps need it, the optimiser does not).
   */
  readonly factor: Float64Array;
  iterations: number;
}

/** glmerControl()$tolPwrss. */
export const TOL_PWRSS = 1e-7;
/** mkdevfun's maxit for glmResp. */
const MAX_ITER = 100;
/** pwrssUpdate's maxstephalfit. */
const MAX_HALVINGS = 20;

export interface PirlsInput {
  model: GlmmModel;
  U: RowsOfU;
  /** Fixed effects (u-only PIRLS) or null to estimate them too. */
  beta: Float64Array | null;
  /** The linear predictor without the offset to start from (lme4's lp0); null: from R's mustart. */
  lp0: Float64Array | null;
}

/** Buffers reused by every PIRLS run on one model (PIRLS is synchronous, so one set per model suffices). */
interface Workspace {
  kernel: RowKernel;
  factor: PenalizedFactor;
  base: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  dmu: Float64Array;
  w: Float64Array;
  /** The fused pass's weights alternate between w and w2 (the factor's weights stay while the next ones are formed). */
  w2: Float64Array;
  z: Float64Array;
  /** The fused pass's next system (a11, rhs), swapped with the factor's each iteration. */
  next: { a11: Float64Array; rhs: Float64Array };
  coef: Float64Array;
  old: Float64Array;
  /** The last start lp0 (a copy) and η, μ, dμ/dη there: every evaluation of a stage starts from the same lp0. */
  start: { lp0: Float64Array; eta: Float64Array; mu: Float64Array; dmu: Float64Array } | null;
}

const workspaces = new WeakMap<GlmmModel, Workspace>();

function workspace(model: GlmmModel): Workspace {
  let ws = workspaces.get(model);
  if (!ws) {
    const { n, q, p } = model;
    ws = {
      kernel: rowKernel(model),
      factor: new PenalizedFactor(model),
      base: new Float64Array(n),
      eta: new Float64Array(n),
      mu: new Float64Array(n),
      dmu: new Float64Array(n),
      w: new Float64Array(n),
      w2: new Float64Array(n),
      z: new Float64Array(n),
      next: { a11: new Float64Array(q), rhs: new Float64Array(q + p) },
      coef: new Float64Array(q + p),
      old: new Float64Array(q + p),
      start: null,
    };
    workspaces.set(model, ws);
  }
  return ws;
}

/** η = offset + lp0 and μ, dμ/dη there, from the cache when lp0 is the previous start's (one exp per row saved per evaluation). */
function startAt(model: GlmmModel, ws: Workspace, lp0: Float64Array): void {
  const { n, offset } = model;
  const { eta, mu, dmu } = ws;
  const cached = ws.start;
  if (cached && sameValues(cached.lp0, lp0)) {
    eta.set(cached.eta);
    mu.set(cached.mu);
    dmu.set(cached.dmu);
    return;
  }
  for (let i = 0; i < n; i++) eta[i] = offset[i] + lp0[i];
  ws.kernel.update(eta, mu, dmu, false);
  ws.start = { lp0: lp0.slice(), eta: eta.slice(), mu: mu.slice(), dmu: dmu.slice() };
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function pirls(input: PirlsInput): PirlsState {
  const { model, U, beta } = input;
  const { n, p, q, nnz, family } = model;
  const joint = beta === null;
  const m = joint ? q + p : q;
  const X = model.fixed.X;
  const ws = workspace(model);
  const { kernel, factor, base, eta, mu, dmu, z, old } = ws;
  const coef = ws.coef.subarray(0, m);
  coef.fill(0);
  base.set(model.offset);
  if (!joint) {
    for (let j = 0; j < p; j++) {
      const bj = beta[j];
      const o = j * n;
      for (let i = 0; i < n; i++) base[i] += X[o + i] * bj;
    }
  }

  const { cols, vals } = U;
  /** Σ of the deviance residuals at the current μ (the last pwrssAt's). */
  let devSum = 0;
  // One scalar term with β given (stage 2 of (1 | g) models): one fused pass per iteration (row-kernels.ts).
  const fused = nnz === 1 && !joint && kernel.scalarPass !== undefined;
  /** The weights of the system factored last, and of the system the fused pass formed for the next iteration. */
  let wFactored = ws.w;
  let assembledNext = false;
  /** η = base + U·u (+ Xβ) at c, then μ, dμ/dη and the penalized deviance there. */
  const pwrssAt = (c: Float64Array): number => {
    if (fused) {
      const wNext = wFactored === ws.w ? ws.w2 : ws.w;
      devSum = kernel.scalarPass!({ base, cols, vals, u: c, eta, mu, w: wNext, a11: ws.next.a11, rhs: ws.next.rhs });
      assembledNext = true;
    } else if (nnz === 1) {
      for (let i = 0; i < n; i++) eta[i] = base[i] + vals[i] * c[cols[i]];
    } else if (nnz === 2) {
      for (let i = 0; i < n; i++) {
        let s = base[i] + vals[2 * i] * c[cols[2 * i]];
        s += vals[2 * i + 1] * c[cols[2 * i + 1]];
        eta[i] = s;
      }
    } else {
      for (let i = 0; i < n; i++) eta[i] = base[i] + vals[i * nnz] * c[cols[i * nnz]];
      for (let e = 1; e < nnz; e++) for (let i = 0; i < n; i++) eta[i] += vals[i * nnz + e] * c[cols[i * nnz + e]];
    }
    // Each row's sum in the same order as a row-by-row loop: base, then the terms' entries, then Xβ.
    if (joint) {
      for (let j = 0; j < p; j++) {
        const cj = c[q + j];
        const o = j * n;
        for (let i = 0; i < n; i++) eta[i] += X[o + i] * cj;
      }
    }
    if (!fused) devSum = kernel.update(eta, mu, dmu, true);
    let s = 0;
    for (let j = 0; j < q; j++) s += c[j] * c[j];
    return devSum + s;
  };

  if (input.lp0) startAt(model, ws, input.lp0);
  else {
    for (let i = 0; i < n; i++) {
      mu[i] = family.muStart(model.y[i], model.wt[i]);
      eta[i] = family.link.linkfun(mu[i]);
      dmu[i] = family.link.muEta(eta[i]);
    }
  }

  let oldpdev = Number.MAX_VALUE;
  let pdev = oldpdev;
  let iterations = 0;
  for (;;) {
    if (iterations >= MAX_ITER) {
      throw new AppError('bad-input', `PIRLS did not converge in ${MAX_ITER} iterations (lme4: "pwrssUpdate did not converge in (maxit) iterations"); the model may be too complex for the data.`);
    }
    iterations++;
    old.set(coef);
    if (assembledNext) {
      wFactored = wFactored === ws.w ? ws.w2 : ws.w;
      ws.next = factor.swapScalarSystem(ws.next.a11, ws.next.rhs);
    } else {
      kernel.working(eta, mu, dmu, base, wFactored, z);
      factor.assemble(U, wFactored, z, joint);
    }
    if (!factor.factor()) throw new AppError('internal', 'PIRLS: the penalized weighted least-squares system is not positive definite.');
    factor.solve(m, coef);
    pdev = pwrssAt(coef);
    if (Math.abs((oldpdev - pdev) / pdev) < TOL_PWRSS) break;
    if (Number.isNaN(pdev) || pdev > oldpdev) {
      for (let k = 0; k < MAX_HALVINGS && (Number.isNaN(pdev) || pdev > oldpdev); k++) {
        for (let j = 0; j < m; j++) coef[j] = (old[j] + coef[j]) / 2;
        pdev = pwrssAt(coef);
      }
      if (Number.isNaN(pdev)) throw new AppError('bad-input', 'PIRLS resulted in a NaN value (lme4: "PIRLS loop resulted in NaN value").');
      if (pdev - oldpdev > TOL_PWRSS) throw new AppError('bad-input', 'PIRLS step-halvings failed to reduce the penalized deviance (lme4: "PIRLS step-halvings failed to reduce deviance in pwrssUpdate").');
    }
    oldpdev = pdev;
  }
  const u = coef.slice(0, q);
  let sqrL = 0;
  for (let j = 0; j < q; j++) sqrL += u[j] * u[j];
  return new PirlsResult({
    u,
    beta: joint ? coef.slice(q) : Float64Array.from(beta),
    eta: eta.slice(),
    mu: mu.slice(),
    devSum,
    sqrL,
    ldL2: factor.ldL2(),
    uDiagonal: factor.uDiagonal(),
    iterations,
    weights: { model, cols, vals: vals.slice(), w: wFactored.slice() },
  });
}

/** What the dense factor is formed from when it is read: the model, U and the weights of the last factorisation. */
interface FactorSource {
  model: GlmmModel;
  cols: Int32Array;
  vals: Float64Array;
  w: Float64Array;
}

class PirlsResult implements PirlsState {
  u: Float64Array;
  beta: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  devSum: number;
  sqrL: number;
  ldL2: number;
  uDiagonal: Float64Array;
  iterations: number;
  private source: FactorSource | null;
  private dense: Float64Array | null = null;

  constructor(s: Omit<PirlsState, 'factor'> & { weights: FactorSource }) {
    this.u = s.u;
    this.beta = s.beta;
    this.eta = s.eta;
    this.mu = s.mu;
    this.devSum = s.devSum;
    this.sqrL = s.sqrL;
    this.ldL2 = s.ldL2;
    this.uDiagonal = s.uDiagonal;
    this.iterations = s.iterations;
    this.source = s.weights;
  }

  get factor(): Float64Array {
    if (!this.dense) {
      const { model, cols, vals, w } = this.source!;
      const f = new PenalizedFactor(model);
      f.assemble({ cols, vals }, w, null, true);
      if (!f.factor()) throw new AppError('internal', 'PIRLS: the penalized weighted least-squares system is not positive definite.');
      this.dense = f.dense();
      this.source = null;
    }
    return this.dense;
  }
}

/** The linear predictor without the offset (lme4's pp$linPred(1)), where the next deviance evaluations start. */
export function linearPredictor(model: GlmmModel, s: PirlsState): Float64Array {
  const lp = new Float64Array(model.n);
  for (let i = 0; i < model.n; i++) lp[i] = s.eta[i] - model.offset[i];
  return lp;
}
