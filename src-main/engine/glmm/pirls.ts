import { AppError } from '@shared/errors';
import { choleskyLower, forwardSolve, backSolveTransposed } from '../lmm/dense';
import type { GlmmModel, RowsOfU } from './model';

/**
 * Penalized iteratively reweighted least squares (lme4's pwrssUpdate): the
 * conditional modes u of the spherical random effects for given θ and β
 * (`beta` given), or jointly with β (`beta` null, lme4's nAGQ = 0 stage). Each
 * iteration solves the penalized weighted least-squares problem
 *   [UᵀWU + I  UᵀWX] [u]   [UᵀWz]
 *   [XᵀWU      XᵀWX] [β] = [XᵀWz]
 * for the working response z = η − offset + (y − μ)/μ'(η) (only the u block when β
 * is given, with Xβ moved into the offset), then halves the step until the
 * penalized deviance Σ d_i + ‖u‖² does not increase.
 *
 * Unlike lme4 (tolPwrss = 1e-7 on the relative change of the penalized deviance)
 * the iterations run until the step is negligible (1e-10 relative): Newton's
 * quadratic convergence makes that one or two more iterations, and the deviance is
 * then a smooth function of the parameters, which the finite-difference Hessian
 * behind lme4's standard errors needs. The system is dense (q + p unknowns), which
 * suits models with up to a few thousand random effects.
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
  /** log det(UᵀWU + I) = log|L|². */
  ldL2: number;
  /** The Cholesky factor (row-major lower, q + p) of the joint system at μ: L, then RZX and RX. */
  factor: Float64Array;
  iterations: number;
}

const STEP_TOL = 1e-10;
const MAX_ITER = 100;
const MAX_HALVINGS = 30;

export interface PirlsInput {
  model: GlmmModel;
  U: RowsOfU;
  /** Fixed effects (u-only PIRLS) or null to estimate them too. */
  beta: Float64Array | null;
  /** Where to start: the previous modes (and β when estimated); null: from R's mustart with u = 0. */
  start: { u: Float64Array; beta: Float64Array } | null;
}

export function pirls(input: PirlsInput): PirlsState {
  const { model, U, beta } = input;
  const { n, p, q, nnz, family, y, wt } = model;
  const joint = beta === null;
  const m = joint ? q + p : q;
  const X = model.fixed.X;
  const base = Float64Array.from(model.offset);
  if (!joint) for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) base[i] += X[j * n + i] * beta[j];

  const coef = new Float64Array(m);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const etaAt = (c: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = base[i];
      for (let e = 0; e < nnz; e++) s += U.vals[i * nnz + e] * c[U.cols[i * nnz + e]];
      if (joint) for (let j = 0; j < p; j++) s += X[j * n + i] * c[q + j];
      eta[i] = s;
      mu[i] = family.link.linkinv(s);
    }
  };
  const pwrss = (c: Float64Array) => {
    let d = 0;
    for (let i = 0; i < n; i++) d += family.devResid(y[i], mu[i], wt[i]);
    let s = 0;
    for (let j = 0; j < q; j++) s += c[j] * c[j];
    return d + s;
  };

  let fresh = input.start === null;
  if (input.start) {
    coef.set(input.start.u);
    if (joint) coef.set(input.start.beta, q);
    etaAt(coef);
  } else {
    for (let i = 0; i < n; i++) {
      mu[i] = family.muStart(y[i], wt[i]);
      eta[i] = family.link.linkfun(mu[i]);
    }
  }
  let current = fresh ? Infinity : pwrss(coef);
  const A = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  const next = new Float64Array(m);
  const old = new Float64Array(m);

  let iterations = 0;
  for (;;) {
    assemble(model, U, joint, eta, mu, base, A, w, z);
    rhsOf(model, U, joint, w, z, rhs);
    if (!choleskyLower(A, m)) throw new AppError('internal', 'PIRLS: the penalized weighted least-squares system is not positive definite.');
    if (iterations >= MAX_ITER) {
      throw new AppError('bad-input', `PIRLS did not converge in ${MAX_ITER} iterations (lme4: "pwrssUpdate did not converge"); the model may be too complex for the data.`);
    }
    iterations++;
    next.set(rhs);
    forwardSolve(A, m, next);
    backSolveTransposed(A, m, next);
    old.set(coef);
    let change = 0;
    let size = 1;
    for (let j = 0; j < m; j++) {
      change = Math.max(change, Math.abs(next[j] - old[j]));
      size = Math.max(size, Math.abs(next[j]));
    }
    let accepted = false;
    let frac = 1;
    for (let h = 0; h <= MAX_HALVINGS; h++, frac /= 2) {
      for (let j = 0; j < m; j++) coef[j] = old[j] + frac * (next[j] - old[j]);
      etaAt(coef);
      const value = pwrss(coef);
      if (fresh || value <= current * (1 + 1e-15) || frac * change <= STEP_TOL * size) {
        current = value;
        accepted = true;
        break;
      }
    }
    fresh = false;
    if (!accepted) throw new AppError('bad-input', 'PIRLS step-halvings failed to reduce the penalized deviance (lme4: "PIRLS step-halvings failed to reduce deviance in pwrssUpdate").');
    if (change <= STEP_TOL * size) break;
  }
  // The factor, log-determinant and deviance at the converged modes.
  assemble(model, U, true, eta, mu, base, A, w, z, q + p);
  const full = q + p;
  const factor = new Float64Array(full * full);
  assembleInto(model, U, w, factor);
  if (!choleskyLower(factor, full)) throw new AppError('internal', 'PIRLS: the final penalized system is not positive definite.');
  let ldL2 = 0;
  for (let j = 0; j < q; j++) ldL2 += 2 * Math.log(factor[j * full + j]);
  let devSum = 0;
  for (let i = 0; i < n; i++) devSum += family.devResid(y[i], mu[i], wt[i]);
  const u = coef.slice(0, q);
  let sqrL = 0;
  for (let j = 0; j < q; j++) sqrL += u[j] * u[j];
  return { u, beta: joint ? coef.slice(q) : Float64Array.from(beta), eta: Float64Array.from(eta), mu: Float64Array.from(mu), devSum, sqrL, ldL2, factor, iterations };
}

/** The IRLS weights and working response at η (w: prior·μ'²/V; z = η − base + (y − μ)/μ'), then the system matrix. */
function assemble(
  model: GlmmModel,
  U: RowsOfU,
  joint: boolean,
  eta: Float64Array,
  mu: Float64Array,
  base: Float64Array,
  A: Float64Array,
  w: Float64Array,
  z: Float64Array,
  only?: number,
): void {
  const { n, family, y, wt } = model;
  for (let i = 0; i < n; i++) {
    const d = family.link.muEta(eta[i]);
    w[i] = (wt[i] * d * d) / family.variance(mu[i]);
    z[i] = eta[i] - base[i] + (y[i] - mu[i]) / d;
  }
  if (only !== undefined) return;
  if (joint) assembleInto(model, U, w, A);
  else assembleU(model, U, w, A);
}

/** UᵀWU + I (q × q, row-major lower). */
function assembleU(model: GlmmModel, U: RowsOfU, w: Float64Array, A: Float64Array): void {
  const { n, q, nnz } = model;
  A.fill(0);
  for (let j = 0; j < q; j++) A[j * q + j] = 1;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < nnz; a++) {
      const ca = U.cols[i * nnz + a];
      const va = U.vals[i * nnz + a] * w[i];
      for (let b = 0; b < nnz; b++) {
        const cb = U.cols[i * nnz + b];
        if (cb <= ca) A[ca * q + cb] += va * U.vals[i * nnz + b];
      }
    }
  }
}

/** The joint matrix [UᵀWU + I, ·; XᵀWU, XᵀWX] ((q + p)², row-major lower). */
function assembleInto(model: GlmmModel, U: RowsOfU, w: Float64Array, A: Float64Array): void {
  const { n, q, p, nnz } = model;
  const m = q + p;
  const X = model.fixed.X;
  A.fill(0);
  for (let j = 0; j < q; j++) A[j * m + j] = 1;
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    for (let a = 0; a < nnz; a++) {
      const ca = U.cols[i * nnz + a];
      const va = U.vals[i * nnz + a] * wi;
      for (let b = 0; b < nnz; b++) {
        const cb = U.cols[i * nnz + b];
        if (cb <= ca) A[ca * m + cb] += va * U.vals[i * nnz + b];
      }
    }
    for (let j = 0; j < p; j++) {
      const xj = X[j * n + i] * wi;
      const row = (q + j) * m;
      for (let a = 0; a < nnz; a++) A[row + U.cols[i * nnz + a]] += xj * U.vals[i * nnz + a];
      for (let k = 0; k <= j; k++) A[row + q + k] += xj * X[k * n + i];
    }
  }
}

function rhsOf(model: GlmmModel, U: RowsOfU, joint: boolean, w: Float64Array, z: Float64Array, rhs: Float64Array): void {
  const { n, q, p, nnz } = model;
  const X = model.fixed.X;
  rhs.fill(0);
  for (let i = 0; i < n; i++) {
    const wz = w[i] * z[i];
    for (let a = 0; a < nnz; a++) rhs[U.cols[i * nnz + a]] += U.vals[i * nnz + a] * wz;
    if (joint) for (let j = 0; j < p; j++) rhs[q + j] += X[j * n + i] * wz;
  }
}
