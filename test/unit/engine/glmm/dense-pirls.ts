import { AppError } from '../../../../src-shared/errors';
import { choleskyLower } from '../../../../src-main/engine/lmm/dense';
import type { GlmmModel, RowsOfU } from '../../../../src-main/engine/glmm/model';

/**
 * The dense PIRLS that src-main/engine/glmm/pirls.ts replaced (the whole (q + p)² system
 * assembled and factored per iteration, choleskyArrow for a single scalar term), kept
 * here as the reference that the blocked factor and the per-family row kernels must
 * reproduce bit for bit (pirls-blocked.test.ts).
 */
export interface DensePirlsState {
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
  /** The Cholesky factor (row-major lower, q + p) of the joint system of the last iteration: L, then RZX and RX. */
  factor: Float64Array;
  iterations: number;
}

/** glmerControl()$tolPwrss. */
const TOL_PWRSS = 1e-7;
/** mkdevfun's maxit for glmResp. */
const MAX_ITER = 100;
/** pwrssUpdate's maxstephalfit. */
const MAX_HALVINGS = 20;

interface PirlsInput {
  model: GlmmModel;
  U: RowsOfU;
  /** Fixed effects (u-only PIRLS) or null to estimate them too. */
  beta: Float64Array | null;
  /** The linear predictor without the offset to start from (lme4's lp0); null: from R's mustart. */
  lp0: Float64Array | null;
}

export function densePirls(input: PirlsInput): DensePirlsState {
  const { model, U, beta } = input;
  const { n, p, q, nnz, family, y, wt } = model;
  const joint = beta === null;
  const m = joint ? q + p : q;
  const full = q + p;
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

  if (input.lp0) {
    for (let i = 0; i < n; i++) {
      eta[i] = model.offset[i] + input.lp0[i];
      mu[i] = family.link.linkinv(eta[i]);
    }
  } else {
    for (let i = 0; i < n; i++) {
      mu[i] = family.muStart(y[i], wt[i]);
      eta[i] = family.link.linkfun(mu[i]);
    }
  }
  const factor = new Float64Array(full * full);
  const rhs = new Float64Array(full);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  const old = new Float64Array(m);

  let oldpdev = Number.MAX_VALUE;
  let iterations = 0;
  for (;;) {
    if (iterations >= MAX_ITER) {
      throw new AppError('bad-input', `PIRLS did not converge in ${MAX_ITER} iterations (lme4: "pwrssUpdate did not converge in (maxit) iterations"); the model may be too complex for the data.`);
    }
    iterations++;
    old.set(coef);
    workingResponse(model, eta, mu, base, w, z);
    assembleInto(model, U, w, factor);
    if (!(nnz === 1 ? choleskyArrow(factor, full, q) : choleskyLower(factor, full))) throw new AppError('internal', 'PIRLS: the penalized weighted least-squares system is not positive definite.');
    rhsOf(model, U, w, z, rhs);
    solveLeading(factor, full, m, rhs, coef, nnz === 1 ? q : 0);
    etaAt(coef);
    let pdev = pwrss(coef);
    if (Math.abs((oldpdev - pdev) / pdev) < TOL_PWRSS) break;
    if (Number.isNaN(pdev) || pdev > oldpdev) {
      for (let k = 0; k < MAX_HALVINGS && (Number.isNaN(pdev) || pdev > oldpdev); k++) {
        for (let j = 0; j < m; j++) coef[j] = (old[j] + coef[j]) / 2;
        etaAt(coef);
        pdev = pwrss(coef);
      }
      if (Number.isNaN(pdev)) throw new AppError('bad-input', 'PIRLS resulted in a NaN value (lme4: "PIRLS loop resulted in NaN value").');
      if (pdev - oldpdev > TOL_PWRSS) throw new AppError('bad-input', 'PIRLS step-halvings failed to reduce the penalized deviance (lme4: "PIRLS step-halvings failed to reduce deviance in pwrssUpdate").');
    }
    oldpdev = pdev;
  }
  let ldL2 = 0;
  for (let j = 0; j < q; j++) ldL2 += 2 * Math.log(factor[j * full + j]);
  let devSum = 0;
  for (let i = 0; i < n; i++) devSum += family.devResid(y[i], mu[i], wt[i]);
  const u = coef.slice(0, q);
  let sqrL = 0;
  for (let j = 0; j < q; j++) sqrL += u[j] * u[j];
  return { u, beta: joint ? coef.slice(q) : Float64Array.from(beta), eta: Float64Array.from(eta), mu: Float64Array.from(mu), devSum, sqrL, ldL2, factor, iterations };
}

/**
 * The Cholesky factor when UᵀWU + I is diagonal (one random effect per row: a single
 * scalar term, such as (1 | g)): the leading q columns are √d and the fixed-effect rows
 * divided by it, then the p × p Schur complement is factored densely. The same factor as
 * choleskyLower's (its zeros stay zero), in O(q·p² + p³) rather than O((q + p)³), which
 * makes thousands of groups cheap. Row-major lower, stride `full`.
 */
function choleskyArrow(a: Float64Array, full: number, q: number): boolean {
  for (let j = 0; j < q; j++) {
    const d = a[j * full + j];
    if (!(d > 0)) return false;
    a[j * full + j] = Math.sqrt(d);
  }
  for (let i = q; i < full; i++) for (let j = 0; j < q; j++) a[i * full + j] /= a[j * full + j];
  for (let i = q; i < full; i++) {
    for (let k = q; k <= i; k++) {
      let s = a[i * full + k];
      for (let j = 0; j < k; j++) s -= a[i * full + j] * a[k * full + j];
      if (k < i) a[i * full + k] = s / a[k * full + k];
      else {
        if (!(s > 0)) return false;
        a[i * full + i] = Math.sqrt(s);
      }
    }
  }
  return true;
}

/**
 * Solves the leading m × m block of the lower factor L (stride `full`): L Lᵀ x = b.
 * `diagonal` leading columns have no entries below the diagonal inside that block (the
 * arrow factor); skipping their exact zeros gives the same x in O(diagonal·(m − diagonal) + (m − diagonal)²).
 */
function solveLeading(L: Float64Array, full: number, m: number, b: Float64Array, x: Float64Array, diagonal = 0): void {
  const d = Math.min(diagonal, m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = i < d ? i : 0; k < i; k++) s -= L[i * full + k] * x[k];
    x[i] = s / L[i * full + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i < d ? Math.max(i + 1, d) : i + 1; k < m; k++) s -= L[k * full + i] * x[k];
    x[i] = s / L[i * full + i];
  }
}

/** The IRLS weights w = prior·μ'²/V and the working response z = η − base + (y − μ)/μ' at η. */
function workingResponse(model: GlmmModel, eta: Float64Array, mu: Float64Array, base: Float64Array, w: Float64Array, z: Float64Array): void {
  const { n, family, y, wt } = model;
  for (let i = 0; i < n; i++) {
    const d = family.link.muEta(eta[i]);
    w[i] = (wt[i] * d * d) / family.variance(mu[i]);
    z[i] = eta[i] - base[i] + (y[i] - mu[i]) / d;
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

function rhsOf(model: GlmmModel, U: RowsOfU, w: Float64Array, z: Float64Array, rhs: Float64Array): void {
  const { n, q, p, nnz } = model;
  const X = model.fixed.X;
  rhs.fill(0);
  for (let i = 0; i < n; i++) {
    const wz = w[i] * z[i];
    for (let a = 0; a < nnz; a++) rhs[U.cols[i * nnz + a]] += U.vals[i * nnz + a] * wz;
    for (let j = 0; j < p; j++) rhs[q + j] += X[j * n + i] * wz;
  }
}
