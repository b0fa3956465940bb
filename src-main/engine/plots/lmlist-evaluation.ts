import type { Expr } from '@shared/expr/ast';
import { printExpression } from '@shared/expr/print';
import { AppError } from '@shared/errors';
import type { DataFrame } from '../data/frame';
import { fitLmListModel } from '../fit/lm-list-model';
import { numericResponse } from '../fit/lm-model';
import { asFactor } from '../model/factors';
import { buildModelFrame } from '../model/model-frame';
import type { ModelEvaluation } from './model-evaluation';

/**
 * An lmList fit's per-row numbers: each group's own lm again (cheap), its
 * fitted values and residuals on that group's rows. Rows of groups lm could not
 * fit (nlme's NA rows) are left out, as R's plot drops NA. Standardized
 * residuals are nlme's residuals(m, type = "pearson"): each residual over its
 * own group's residual SD (NaN where a group has no residual degrees of
 * freedom); the by-group panel uses the lmList's grouping factor.
 */
export function evaluateLmList(formulaText: string, data: DataFrame, stored: Record<string, unknown>, subset: Uint8Array | undefined): ModelEvaluation {
  const model = fitLmListModel(formulaText, data, { subset });
  const sigma = model.fit.pooled_sigma;
  if (typeof stored.pooled_sigma === 'number' && Math.abs(sigma - stored.pooled_sigma) > 1e-7 * Math.max(1, Math.abs(stored.pooled_sigma))) {
    throw new AppError('bad-input', `The model on today's data gives a pooled σ = ${sigma}, but the stored fit has ${stored.pooled_sigma}: the data or its recipes changed since the fit. Fit the model again to plot it.`);
  }
  // The rows of the fitted groups, in data order: the frame the diagnostics read.
  const keep = new Uint8Array(data.rows);
  for (const row of model.fittedByRow.keys()) keep[row] = 1;
  const groupExpr: Expr = { type: 'name', name: model.group, start: 0, end: 0 };
  const frame = buildModelFrame({ ...model.formula, variables: [...model.formula.variables, groupExpr] }, data, { subset: keep });
  const observed = numericResponse(frame, model.formula);
  const n = frame.n;
  const groupColumn = frame.variables.get(printExpression(groupExpr));
  if (!groupColumn) throw new AppError('internal', `The grouping variable ${model.group} is missing from the model frame.`);
  const factor = asFactor(groupColumn);
  const ownSigma = factor.levels.map((level) => model.fit.sigma[model.fit.groups.indexOf(level)] ?? NaN);
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const standardized = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    fitted[i] = model.fittedByRow.get(frame.rows[i]) ?? NaN;
    residuals[i] = observed[i] - fitted[i];
    const s = residuals[i] / ownSigma[factor.codes[i]];
    standardized[i] = Number.isFinite(s) ? s : NaN;
  }
  return { kind: 'lmList', frame, observed, fitted, residuals, standardized, sigma, group: { name: model.group, codes: factor.codes, levels: factor.levels } };
}
