import { AppError } from '@shared/errors';
import { printfGeneral } from '../print/decimal';
import { type AsyncEvaluation, type Derivatives, deriv12, deriv12Async, type Deriv12Options } from './finite-diff';
import { choleskyUpper, solveUpper, symmetricEigenvalues } from './small-symmetric';

/**
 * lme4's checks at the optimum (lme4 1.1-31, R/checkConv.R `checkConv`, `checkHess`,
 * with lmerControl's defaults): is the fit singular, is the finite-difference gradient
 * small once scaled by the Hessian's Cholesky factor, is the Hessian positive definite
 * and well conditioned. The texts are lme4's, character for character, because users
 * search for them.
 *
 * What lme4 does, and so do we:
 * - Derivatives (deriv12, see finite-diff.ts) are taken at the optimiser's point over
 *   all optimised parameters: θ for lmer (the profiled deviance), (θ, β) for glmer's
 *   second stage. lme4 1.1-31 computes them for every model (calc.derivs = TRUE; no
 *   size limit); `skipDerivs` is calc.derivs = FALSE.
 * - A singular fit (some θ bounded at 0 below 1e-4) gets the note "boundary (singular)
 *   fit: see help('isSingular')" and no gradient or Hessian check at all: a minimum on
 *   the boundary need not have a zero gradient.
 * - The scaled gradient is solve(chol(H), g) = R⁻¹g with RᵀR = H (not H⁻¹g), and the
 *   test statistic is max over components of min(|R⁻¹g|, |g|), against 2e-3.
 * - lme4's message always says "component 1": it takes which.max() of the maximum
 *   itself. We print the same text and report the real component in `maxGradIndex`.
 * - checkConv's Hessian check of the fixed-effect block never runs in lme4 1.1-31 (its
 *   lower-bound vector is as long as the parameter vector for lmer and glmer alike),
 *   so it is not done here either.
 */

export interface ConvergenceInput {
  f: (x: Float64Array) => number;
  /** The optimum: θ (lmer) or (θ, β) (glmer). */
  x: Float64Array;
  lower: Float64Array;
  upper?: Float64Array;
  /** Which θ are diagonals of Λ (lower bound 0); entries past its end count as false. */
  diagonalIndex: readonly boolean[];
  /** The objective at x, when the optimiser already has it (saves one evaluation). */
  fx?: number;
}

export interface ConvergenceOptions {
  /** check.conv.grad tol. */
  gradTol?: number;
  /** check.conv.grad relTol (lme4: NULL, no relative check). */
  gradRelTol?: number | null;
  /** check.conv.hess tol. */
  hessTol?: number;
  /** check.conv.singular tol (isSingular's). */
  singularTol?: number;
  /** lme4's calc.derivs = FALSE: only the singularity check. */
  skipDerivs?: boolean;
  /** Finite differences: see Deriv12Options (lme4: delta 1e-4, unbounded, four-point). */
  delta?: number;
  respectBounds?: boolean;
  crossStencil?: Deriv12Options['crossStencil'];
}

export interface ConvergenceChecks {
  singular: boolean;
  /** What lme4 stores in fit@optinfo$conv$lme4$messages (and counts as "lme4 warnings"). */
  messages: string[];
  /** Texts lme4 raises with warning() (the Hessian ones joined by ";", as lme4 joins them). */
  warnings: string[];
  /** Texts lme4 raises with message(): the singular-fit note. */
  notes: string[];
  /** max(min(|R⁻¹g|, |g|)) and its component (0-based); NaN and -1 when not evaluated. */
  maxGrad: number;
  maxGradIndex: number;
  /** Hessian eigenvalues, decreasing; empty when not evaluated. */
  eigenvalues: Float64Array;
  /** No warning and a gradient without NaN; a singular fit alone is ok. */
  ok: boolean;
}

export interface ConvergenceReport extends ConvergenceChecks {
  gradient: Float64Array;
  /** k × k, column-major; empty with skipDerivs. */
  hessian: Float64Array;
  /** Objective evaluations the derivatives took. */
  evaluations: number;
}

const GRAD_TOL = 2e-3;
const HESS_TOL = 1e-6;
const SINGULAR_TOL = 1e-4;

export const SINGULAR_NOTE = "boundary (singular) fit: see help('isSingular')";
const RESCALE = '\n - Rescale variables?';

/** lme4's isSingular(): a θ bounded at 0 (a diagonal of Λ) below tol. */
export function isSingularTheta(theta: Float64Array, diagonalIndex: readonly boolean[], tol = SINGULAR_TOL): boolean {
  for (let i = 0; i < diagonalIndex.length && i < theta.length; i++) if (diagonalIndex[i] && theta[i] < tol) return true;
  return false;
}

/** checkConv on derivatives already computed (null: calc.derivs = FALSE). */
export function checkDerivatives(
  derivs: { gradient: Float64Array; hessian: Float64Array } | null,
  coefs: Float64Array,
  diagonalIndex: readonly boolean[],
  options: ConvergenceOptions = {},
): ConvergenceChecks {
  const out: ConvergenceChecks = {
    singular: isSingularTheta(coefs, diagonalIndex, options.singularTol ?? SINGULAR_TOL),
    messages: [],
    warnings: [],
    notes: [],
    maxGrad: NaN,
    maxGradIndex: -1,
    eigenvalues: new Float64Array(0),
    ok: true,
  };
  if (out.singular) {
    out.messages.push(SINGULAR_NOTE);
    out.notes.push(SINGULAR_NOTE);
    return out;
  }
  if (derivs === null) return out;
  const { gradient, hessian } = derivs;
  const k = gradient.length;
  if (hessian.length !== k * k || coefs.length !== k) {
    throw new AppError('internal', `Convergence check: ${k} gradient components, ${hessian.length} Hessian entries, ${coefs.length} parameters.`);
  }
  if (gradient.some(Number.isNaN)) {
    // lme4 records this without raising a warning and stops checking.
    out.messages.push('Gradient contains NAs');
    out.ok = false;
    return out;
  }
  checkGradient(gradient, hessian, coefs, options, out);
  checkHessian(hessian, k, options.hessTol ?? HESS_TOL, out);
  out.ok = out.warnings.length === 0;
  return out;
}

function checkGradient(g: Float64Array, h: Float64Array, coefs: Float64Array, options: ConvergenceOptions, out: ConvergenceChecks): void {
  const k = g.length;
  const tol = options.gradTol ?? GRAD_TOL;
  const r = choleskyUpper(h, k);
  const scaled = r === null ? null : solveUpper(r, k, g);
  if (scaled === null || scaled.some(Number.isNaN)) {
    out.messages.push('unable to evaluate scaled gradient');
    out.warnings.push('unable to evaluate scaled gradient');
  } else {
    for (let i = 0; i < k; i++) {
      const m = Math.min(Math.abs(scaled[i]), Math.abs(g[i]));
      if (out.maxGradIndex < 0 || m > out.maxGrad) {
        out.maxGrad = m;
        out.maxGradIndex = i;
      }
    }
    if (out.maxGrad > tol) {
      const text = `Model failed to converge with max|grad| = ${fmtG(out.maxGrad)} (tol = ${fmtG(tol)}, component 1)`;
      out.messages.push(text);
      out.warnings.push(text);
    }
  }
  const relTol = options.gradRelTol ?? null;
  if (relTol !== null) {
    let rel = -Infinity;
    for (let i = 0; i < k; i++) {
      const v = Math.abs(g[i] / coefs[i]);
      if (!Number.isNaN(v)) rel = Math.max(rel, v);
    }
    if (rel > relTol) {
      const text = `Model failed to converge with max|relative grad| = ${fmtG(rel)} (tol = ${fmtG(relTol)})`;
      // lme4 replaces the stored messages here (both texts were raised as warnings).
      out.messages.length = 0;
      out.messages.push(text);
      out.warnings.push(text);
    }
  }
}

/** lme4's checkHess(H, tol) for the whole Hessian. */
function checkHessian(h: Float64Array, k: number, tol: number, out: ConvergenceChecks): void {
  const found: string[] = [];
  const ev = symmetricEigenvalues(h, k);
  if (ev === null) {
    found.push('Problem with Hessian check (infinite or missing values?)');
  } else {
    out.eigenvalues = ev;
    const negative = ev.filter((v) => v < -tol).length;
    const max = ev[0];
    const min = ev[k - 1];
    if (negative > 0) {
      // lme4 pastes an empty Hessian type between "degenerate" and "Hessian": two spaces.
      found.push(`Model failed to converge: degenerate  Hessian with ${negative} negative eigenvalues`);
    } else if (ev.some((v) => Math.abs(v) < tol) || choleskyUpper(h, k) === null) {
      // ...and before "Hessian" here: a leading space.
      found.push(' Hessian is numerically singular: parameters are not uniquely determined');
    } else {
      if (max * tol > 1) found.push(`Model is nearly unidentifiable: very large eigenvalue${RESCALE}`);
      if (min / max < tol) found.push(`Model is nearly unidentifiable: large eigenvalue ratio${RESCALE}`);
    }
  }
  if (found.length > 0) {
    out.messages.push(...found);
    out.warnings.push(found.join(';'));
  }
}

/** C's %g, as lme4's gettextf("%g") writes the numbers (R writes Inf for infinity). */
function fmtG(x: number): string {
  if (Number.isFinite(x)) return printfGeneral(x, 6);
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
}

type Point = Omit<ConvergenceInput, 'f'>;

function derivOptions(input: Point, options: ConvergenceOptions): Deriv12Options {
  return {
    delta: options.delta,
    fx: input.fx,
    respectBounds: options.respectBounds,
    lower: input.lower,
    upper: input.upper,
    crossStencil: options.crossStencil,
  };
}

function report(input: Point, d: Derivatives | null, options: ConvergenceOptions): ConvergenceReport {
  const checks = checkDerivatives(d, input.x, input.diagonalIndex, options);
  return {
    ...checks,
    gradient: d?.gradient ?? new Float64Array(0),
    hessian: d?.hessian ?? new Float64Array(0),
    evaluations: d?.evaluations ?? 0,
  };
}

/**
 * Derivatives at the optimum and lme4's checks on them. Like lme4, the derivatives
 * are computed for singular fits too (glmer's standard errors use that Hessian).
 */
export function checkConvergence(input: ConvergenceInput, options: ConvergenceOptions = {}): ConvergenceReport {
  const d = options.skipDerivs ? null : deriv12(input.f, input.x, derivOptions(input, options));
  return report(input, d, options);
}

/** checkConvergence for slow or asynchronous objectives, with a checkpoint between evaluations. */
export async function checkConvergenceAsync(
  input: Point & { f: (x: Float64Array) => number | Promise<number> },
  options: ConvergenceOptions & AsyncEvaluation = {},
): Promise<ConvergenceReport> {
  if (options.skipDerivs) return report(input, null, options);
  const d = await deriv12Async(input.f, input.x, {
    ...derivOptions(input, options),
    checkpoint: options.checkpoint,
    onProgress: options.onProgress,
  });
  return report(input, d, options);
}
