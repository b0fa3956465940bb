import { AppError } from '@shared/errors';
import { fUpperTail, twoSidedP } from '../lm/fit-lm';
import type { LmmModel } from '../lmm/model';
import type { DdfEngine } from './ddf-engine';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { varparDerivatives, varparDerivativesAsync, type DerivativeOptions, type VarparDerivatives } from './varpar-derivatives';

export type { DdfEngine } from './ddf-engine';

/**
 * Satterthwaite's denominator degrees of freedom for t and F tests of the fixed
 * effects of an lmer fit, as lmerTest 3.1-3 computes them. With A = 2H⁻¹ the
 * asymptotic covariance of the variance parameters (H the Hessian of the deviance
 * in (θ, σ), inverted through its positive eigenvalues as lmerTest does) and
 * C(θ, σ) = vcov(β):
 *
 *   a contrast l:  df = 2 (lᵀCl)² / (gᵀAg),  gᵢ = lᵀ(∂C/∂varparᵢ)l          (contest1D)
 *   a matrix L:    the eigenvectors of LCLᵀ turn it into q independent
 *                  t tests; F is the mean of their squares and its df
 *                  comes from theirs (contestMD, get_Fstat_ddf).
 *
 * `theta` is the fit's θ; the model's REML criterion or ML deviance is the one
 * differentiated, as the fit used it.
 */
export function satterthwaite(model: LmmModel, theta: Float64Array, reml: boolean): DdfEngine {
  checkModel(model, theta, reml);
  return engineFrom(model, varparDerivatives(model, theta, reml));
}

/** The same, with a checkpoint (cancel) and progress between factorisations, for an engine job. */
export async function satterthwaiteAsync(model: LmmModel, theta: Float64Array, reml: boolean, options: DerivativeOptions = {}): Promise<DdfEngine> {
  checkModel(model, theta, reml);
  return engineFrom(model, await varparDerivativesAsync(model, theta, reml, options));
}

/** lmerTest's eigenvalue tolerance for the Hessian (as_lmerModLT's tol), and contestMD's for LCLᵀ. */
const HESSIAN_TOL = 1e-8;
const CONTRAST_EPS = Math.sqrt(Number.EPSILON);
const NOTHING_TO_TEST = 'The hypothesis matrix L has rank 0 in the fixed effects (L·vcov(β)·Lᵀ is zero): there is nothing to test.';

function checkModel(model: LmmModel, theta: Float64Array, reml: boolean): void {
  if (theta.length !== model.layout.lower.length) {
    throw new AppError('bad-input', `Satterthwaite's df: θ has ${theta.length} values; this model has ${model.layout.lower.length} (${model.layout.names.join(', ')}).`);
  }
  if (model.p === 0) throw new AppError('bad-input', "Satterthwaite's df: the model has no fixed effects to test.");
  if (reml && model.n <= model.p) throw new AppError('bad-input', `REML needs more observations (${model.n}) than fixed-effect columns (${model.p}).`);
}

function engineFrom(model: LmmModel, d: VarparDerivatives): DdfEngine {
  const { p } = model;
  const { A, messages } = varparCovariance(d.hessian, d.varpar.length);
  const k = d.varpar.length;
  const beta = Array.from(d.beta);
  const V = d.vcov;

  /** Var(lᵀβ), and Satterthwaite's df of lᵀβ. */
  const contrast = (l: ArrayLike<number>): { variance: number; df: number } => {
    const variance = quadraticForm(l, V, p);
    const g = d.jacobian.map((J) => quadraticForm(l, J, p));
    const denominator = quadraticForm(g, A, k);
    return { variance, df: (2 * variance * variance) / denominator };
  };
  const tTest = (l: ArrayLike<number>) => {
    const { variance, df } = contrast(l);
    let estimate = 0;
    for (let j = 0; j < p; j++) estimate += l[j] * beta[j];
    const se = Math.sqrt(variance);
    const t = estimate / se;
    return { estimate, se, df, t, p: twoSidedP(t, df) };
  };

  const rows = beta.map((_, j) => tTest(Array.from({ length: p }, (_, c) => (c === j ? 1 : 0))));
  const fTest = (L: number[][]) => {
    checkContrast(L, p, model.fixed.names);
    if (L.length === 1) {
      if (!(quadraticForm(L[0], V, p) > 0)) throw new AppError('bad-input', NOTHING_TO_TEST);
      return oneDf(tTest(L[0]));
    }
    const m = L.length;
    // Var(Lβ) = LVLᵀ, and its eigen-decomposition: PᵀL are q independent contrasts.
    const LV = L.map((row) => Array.from({ length: p }, (_, c) => row.reduce((s, x, j) => s + x * V[j * p + c], 0)));
    const VL = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) VL[a * m + b] = LV[a].reduce((s, x, c) => s + x * L[b][c], 0);
    const { values, vectors } = symmetricEigen(VL, m);
    const tol = Math.max(CONTRAST_EPS * values[0], 0);
    const q = values.filter((v) => v > tol).length;
    if (q === 0) throw new AppError('bad-input', NOTHING_TO_TEST);
    const PtL = Array.from({ length: q }, (_, r) => Array.from({ length: p }, (_, c) => L.reduce((s, row, a) => s + vectors[a * m + r] * row[c], 0)));
    if (q === 1) return oneDf(tTest(PtL[0]));
    let sum = 0;
    const nu: number[] = [];
    for (let r = 0; r < q; r++) {
      const est = PtL[r].reduce((s, x, c) => s + x * beta[c], 0);
      sum += (est * est) / values[r];
      const g = d.jacobian.map((J) => quadraticForm(PtL[r], J, p));
      nu.push((2 * values[r] * values[r]) / quadraticForm(g, A, k));
    }
    const F = sum / q;
    const denDf = fStatDdf(nu);
    return { F, numDf: q, denDf, p: fUpperTail(F, q, denDf) };
  };

  return {
    names: model.fixed.names.slice(),
    estimate: beta,
    se: rows.map((r) => r.se),
    df: rows.map((r) => r.df),
    t: rows.map((r) => r.t),
    p: rows.map((r) => r.p),
    fTest,
    sigma: d.sigma,
    messages,
  };
}

/** A single contrast as an F test: F = t², on 1 and df degrees of freedom (mk_Ftable computes p from F). */
function oneDf(t: { t: number; df: number }) {
  const F = t.t * t.t;
  return { F, numDf: 1, denDf: t.df, p: fUpperTail(F, 1, t.df) };
}

/**
 * A = 2H⁻¹ through H's eigenvalues above 1e-8 (a Moore-Penrose inverse where H is
 * singular), with lmerTest's warnings for negative and near-zero eigenvalues.
 */
function varparCovariance(hessian: Float64Array, k: number): { A: Float64Array; messages: string[] } {
  const { values, vectors } = symmetricEigen(hessian, k);
  const messages: string[] = [];
  const neg = Array.from(values).filter((v) => v < -HESSIAN_TOL);
  const zero = Array.from(values).filter((v) => v > -HESSIAN_TOL && v < HESSIAN_TOL);
  if (neg.length > 0) {
    messages.push(`Model failed to converge with ${neg.length} negative ${neg.length > 1 ? 'eigenvalues' : 'eigenvalue'}: ${neg.map(sprintfE).join(' ')}`);
  }
  if (zero.length > 0) {
    messages.push(`Model may not have converged with ${zero.length} ${zero.length > 1 ? 'eigenvalues' : 'eigenvalue'} close to zero: ${zero.map(sprintfE).join(' ')}`);
  }
  const A = new Float64Array(k * k);
  values.forEach((lambda, e) => {
    if (!(lambda > HESSIAN_TOL)) return;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] += (2 * vectors[i * k + e] * vectors[j * k + e]) / lambda;
  });
  return { A, messages };
}

/** sprintf("%1.1e", x): one decimal, an exponent of at least two digits. */
function sprintfE(x: number): string {
  const [mantissa, exponent] = x.toExponential(1).split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * lmerTest's get_Fstat_ddf: the df of an F built from q t statistics with df νₘ, by
 * matching E[F] = Σ νₘ/(νₘ − 2) / q; 2 when some νₘ ≤ 2 (no finite mean), their
 * common value when all agree to 1e-8.
 */
export function fStatDdf(nu: number[]): number {
  if (nu.length === 1) return nu[0];
  if (nu.every((v, i) => i === 0 || Math.abs(v - nu[i - 1]) < 1e-8)) return nu.reduce((s, v) => s + v, 0) / nu.length;
  if (nu.some((v) => v <= 2)) return 2;
  const E = nu.reduce((s, v) => s + v / (v - 2), 0);
  return (2 * E) / (E - nu.length);
}

function checkContrast(L: number[][], p: number, names: string[]): void {
  if (L.length === 0) throw new AppError('bad-input', 'An F test needs a hypothesis matrix L with at least one row.');
  L.forEach((row, r) => {
    if (row.length !== p) {
      throw new AppError('bad-input', `Row ${r + 1} of the hypothesis matrix L has ${row.length} entries; the model has ${p} fixed effects (${names.join(', ')}).`);
    }
    if (row.some((x) => !Number.isFinite(x))) throw new AppError('bad-input', `Row ${r + 1} of the hypothesis matrix L has a value that is not a finite number.`);
  });
}

/** xᵀMx for a k × k row-major M. */
function quadraticForm(x: ArrayLike<number>, M: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    let row = 0;
    for (let j = 0; j < k; j++) row += M[i * k + j] * x[j];
    s += xi * row;
  }
  return s;
}
