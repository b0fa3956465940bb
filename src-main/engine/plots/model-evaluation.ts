import { AppError } from '@shared/errors';
import type { ModelSpec } from '@shared/models';
import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../data/frame';
import { numericResponse } from '../fit/lm-model';
import { fitLm } from '../lm/fit-lm';
import { buildDesign } from '../model/design-columns';
import { buildModelFrame, type ModelFrame } from '../model/model-frame';
import { buildLmmModel, type LmmModel } from '../lmm/model';
import { lmmObjective } from '../lmm/objective';
import { solveLmm, type LmmSolution } from '../lmm/solution';
import { buildGlmmModel, rowsOfU } from '../glmm/model';
import { pirls } from '../glmm/pirls';
import { pearsonResidual } from '../glmm/families';
import { evaluateLmList } from './lmlist-evaluation';

/**
 * A fitted model's per-row numbers, recomputed from the data at the stored
 * estimates rather than kept in the project: the model frame is rebuilt exactly
 * as the fit built it (same subset, same rows dropped for missing values) and
 * the model evaluated once. This is deterministic, so the project file stays
 * small (no n-long vectors per model) and a plot costs one evaluation: for lmer
 * one factorisation at the stored θ (no optimisation), for lm the QR fit again.
 */
export interface ModelEvaluation {
  kind: 'lm' | 'lmer' | 'lmList' | 'glmer';
  frame: ModelFrame;
  /** Response, fitted values and response residuals, one per observation of the frame. */
  observed: Float64Array;
  fitted: Float64Array;
  residuals: Float64Array;
  /** lm: rstandard (r / σ√(1 − hᵢᵢ)); lmer: Pearson residuals / σ (no weights: r / σ); glmer: Pearson residuals. */
  standardized: Float64Array;
  sigma: number;
  /** The grouping factor the by-group panel uses: lmer's first (getME(m, "flist")[[1]]), lm's first factor. */
  group: { name: string; codes: Int32Array; levels: string[] } | null;
  /** lmer: the model, its solution (β, b, σ) and θ at the stored estimates, for the random-effects plots. */
  lmm?: { model: LmmModel; sol: LmmSolution; theta: number[] };
}

/** The stored fit's numbers this module reads (the reference names of results.ts and fit-lm.ts). */
interface StoredLmer {
  theta: number[];
  sigma: number;
  fixef: { estimate: number[] };
  reml?: boolean;
}

export function evaluateModel(spec: ModelSpec, data: DataFrame, storedFit: Record<string, unknown>, subset: Uint8Array | undefined): ModelEvaluation {
  if (spec.kind === 'lmer') return evaluateLmer(spec, data, storedFit as unknown as StoredLmer, subset);
  if (spec.kind === 'lm') return evaluateLm(spec, data, storedFit, subset);
  if (spec.kind === 'glmer') return evaluateGlmer(spec, data, storedFit as unknown as StoredLmer, subset);
  if (spec.kind === 'lmList') return evaluateLmList(spec.formula, data, storedFit, subset);
  throw new AppError('unsupported', `Diagnostic plots are not drawn for ${spec.kind} models yet.`);
}

/**
 * glmer at its stored (θ, β): PIRLS for the conditional modes u alone (β fixed, as
 * lme4's stage 2 evaluates), giving μ. Response residuals are y − μ (resid(m, "response")),
 * y being the proportion of successes for cbind(s, f) responses.
 */
function evaluateGlmer(spec: ModelSpec, data: DataFrame, stored: StoredLmer, subset: Uint8Array | undefined): ModelEvaluation {
  if (!spec.family || !Array.isArray(stored.theta) || !Array.isArray(stored.fixef?.estimate)) {
    throw new AppError('bad-input', 'The stored fit of this model has no family, θ or fixed effects; fit the model again to plot it.');
  }
  const model = buildGlmmModel(parseFormula(spec.formula), data, { family: spec.family, link: spec.link, subset });
  if (stored.theta.length !== model.layout.lower.length || stored.fixef.estimate.length !== model.p) {
    throw new AppError('bad-input', "The stored fit's parameters do not match the model on today's data; the data changed since the fit: fit the model again.");
  }
  const U = rowsOfU(model, Float64Array.from(stored.theta));
  const state = pirls({ model, U, beta: Float64Array.from(stored.fixef.estimate), lp0: null });
  const head = (stored as unknown as { fitted_head?: number[] }).fitted_head ?? [];
  // PIRLS stops at a relative tolerance, so μ agrees with the stored head to about 1e-6.
  head.forEach((f, i) => {
    if (i < model.n && Math.abs(state.mu[i] - f) > 1e-5 * Math.max(1, Math.abs(f))) {
      throw new AppError('bad-input', `The model on today's data gives a fitted value ${state.mu[i]} in its row ${i + 1}, but the stored fit has ${f}: the data or its recipes changed since the fit. Fit the model again to plot it.`);
    }
  });
  const residuals = model.y.map((y, i) => y - state.mu[i]);
  const standardized = model.y.map((y, i) => pearsonResidual(model.family, y, state.mu[i], model.wt[i]));
  const f = model.random.flist[0];
  const term = model.random.terms[f.terms[0]];
  return {
    kind: 'glmer',
    frame: model.frame,
    observed: model.y,
    fitted: state.mu,
    residuals,
    standardized,
    sigma: 1,
    group: { name: f.group, codes: term.codes, levels: f.levels },
  };
}

function evaluateLmer(spec: ModelSpec, data: DataFrame, stored: StoredLmer, subset: Uint8Array | undefined): ModelEvaluation {
  if (!Array.isArray(stored.theta) || typeof stored.sigma !== 'number') {
    throw new AppError('bad-input', 'The stored fit of this model has no θ and σ; fit the model again to plot it.');
  }
  const model = buildLmmModel(parseFormula(spec.formula), data, { subset });
  if (stored.theta.length !== model.layout.lower.length) {
    throw new AppError('bad-input', `The stored fit has ${stored.theta.length} θ parameters but the model on today's data has ${model.layout.lower.length}; the data changed since the fit: fit the model again.`);
  }
  const objective = lmmObjective(model, spec.reml);
  const value = objective(Float64Array.from(stored.theta));
  if (!Number.isFinite(value)) throw new AppError('internal', 'The model cannot be evaluated at its stored θ.');
  const sol = solveLmm(model, objective.factor, spec.reml);
  objective.dispose();
  checkSame('σ', sol.sigma, stored.sigma);
  Array.from(sol.beta).forEach((b, j) => checkSame(model.fixed.names[j], b, stored.fixef.estimate[j]));
  const f = model.random.flist[0];
  const term = model.random.terms[f.terms[0]];
  return {
    kind: 'lmer',
    frame: model.frame,
    observed: model.y,
    fitted: sol.fitted,
    residuals: sol.residuals,
    standardized: sol.residuals.map((r) => r / sol.sigma),
    sigma: sol.sigma,
    group: { name: f.group, codes: term.codes, levels: f.levels },
    lmm: { model, sol, theta: stored.theta },
  };
}

function evaluateLm(spec: ModelSpec, data: DataFrame, stored: Record<string, unknown>, subset: Uint8Array | undefined): ModelEvaluation {
  const formula = parseFormula(spec.formula);
  const frame = buildModelFrame(formula, data, { subset });
  const y = numericResponse(frame, formula);
  const design = buildDesign(formula.terms, formula.intercept, frame.variables, frame.n, `In the formula "${formula.source}"`);
  const fit = fitLm({ X: design.X, n: frame.n, p: design.p, names: design.names }, y, { intercept: formula.intercept });
  if (typeof stored.sigma === 'number') checkSame('σ', fit.sigma, stored.sigma);
  const { n, p, X } = design;
  // Leverages hᵢᵢ = xᵢ'(X'X)⁻¹xᵢ from the covariance σ²(X'X)⁻¹ over the estimable columns.
  const cols = design.names.map((_, j) => j).filter((j) => !Number.isNaN(fit.vcov[j * p + j]));
  const s2 = fit.sigma * fit.sigma;
  const standardized = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (const j of cols) {
      const xj = X[j * n + i];
      for (const k of cols) h += xj * fit.vcov[k * p + j] * X[k * n + i];
    }
    h /= s2;
    const s = fit.residuals[i] / (fit.sigma * Math.sqrt(1 - h));
    // R's rstandard gives NaN where a row is fitted exactly (hᵢᵢ = 1).
    standardized[i] = Number.isFinite(s) ? s : NaN;
  }
  let group: ModelEvaluation['group'] = null;
  for (const [name, column] of frame.variables) {
    if (column.kind === 'factor') {
      group = { name, codes: column.codes, levels: column.levels };
      break;
    }
  }
  return { kind: 'lm', frame, observed: y, fitted: fit.fitted, residuals: fit.residuals, standardized, sigma: fit.sigma, group };
}

/** The evaluation must give the stored estimates back; anything else means the data changed since the fit. */
function checkSame(what: string, now: number, stored: number): void {
  if (typeof stored !== 'number' || Math.abs(now - stored) > 1e-7 * Math.max(1, Math.abs(stored))) {
    throw new AppError('bad-input', `The model on today's data gives ${what} = ${now}, but the stored fit has ${stored}: the data or its recipes changed since the fit. Fit the model again to plot it.`);
  }
}
