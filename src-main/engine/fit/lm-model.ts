import { AppError } from '@shared/errors';
import type { ParsedFormula } from '@shared/formula/types';
import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../data/frame';
import { fitLm, type LmFit } from '../lm/fit-lm';
import { buildDesign } from '../model/design-columns';
import { buildModelFrame, type ModelFrame } from '../model/model-frame';
import { parseExpression } from '@shared/expr/parse';
import { deparseCall, nameExpr } from '../print/deparse';
import { formatSummaryLm } from '../print/summary-lm';

/**
 * From a formula and data to a fitted lm, the way R's lm() gets there: model
 * frame (subset, then rows with missing values dropped), model matrix with
 * every column (aliased ones are reported as NA, as summary.lm does), then the
 * QR fit.
 */
export interface LmModel {
  formula: ParsedFormula;
  fit: LmFit;
  frame: ModelFrame;
}

export function fitLmModel(formulaText: string, data: DataFrame, options: { subset?: Uint8Array } = {}): LmModel {
  const formula = parseFormula(formulaText);
  if (formula.random.length > 0) {
    throw new AppError(
      'unsupported',
      `The formula "${formula.source}" has random-effects terms such as ${formula.random[0].source}: that is a mixed model (lmer), which is not available yet in this version of Nestor.`,
    );
  }
  const frame = buildModelFrame(formula, data, options);
  const y = numericResponse(frame, formula);
  const design = buildDesign(formula.terms, formula.intercept, frame.variables, frame.n, `In the formula "${formula.source}"`);
  const fit = fitLm({ X: design.X, n: frame.n, p: design.p, names: design.names }, y, { intercept: formula.intercept });
  return { formula, fit, frame };
}

/** The response as numbers; a factor response or an offset is refused with the reason. */
export function numericResponse(frame: ModelFrame, formula: ParsedFormula): Float64Array {
  const response = frame.response;
  if (!response) throw new AppError('bad-input', `The formula "${formula.source}" has no response (nothing to the left of ~).`);
  if (response.kind !== 'vector' || response.levels !== null) {
    throw new AppError('bad-input', `The response ${response.label} is not numeric; a linear model needs a numeric response.`);
  }
  if (frame.offset) throw new AppError('unsupported', 'offset() terms in linear models are not supported yet; subtract the offset from the response instead.');
  return response.y;
}

/** summary(lm) as R prints it, with R's call: lm(formula = …, data = …[, subset = …]). */
export function lmSummaryText(model: LmModel, dataName: string, subset?: string): string {
  const args = [
    { name: 'formula', value: model.formula.expr },
    { name: 'data', value: nameExpr(dataName) },
  ];
  if (subset !== undefined) args.push({ name: 'subset', value: parseExpression(subset, 'subset') });
  return formatSummaryLm(model.fit, deparseCall('lm', args), {
    naDeleted: model.frame.dropped.missing,
    rowNames: Array.from(model.frame.rows, (r) => String(r + 1)),
  });
}
