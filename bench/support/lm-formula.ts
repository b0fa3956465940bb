import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../../src-main/engine/data/frame';
import { fitLm, type LmFit } from '../../src-main/engine/lm/fit-lm';
import { buildFixedDesign } from '../../src-main/engine/model/fixed-design';
import { buildModelFrame } from '../../src-main/engine/model/model-frame';

/**
 * lm(formula, data) the way Nestor gets there from what the user typed: the formula
 * parsed, the model frame (rows with missing values dropped), the model matrix with
 * its aliasing check, then the QR fit with summary.lm's statistics. The aliasing
 * check's row reduction goes to the fit, so the rows are reduced once.
 */
export function fitLmFormula(formula: string, data: DataFrame): LmFit {
  const parsed = parseFormula(formula);
  const frame = buildModelFrame(parsed, data);
  const design = buildFixedDesign(frame);
  const response = frame.response;
  if (response?.kind !== 'vector' || response.levels !== null) throw new Error(`the bench formula ${formula} needs a numeric response`);
  return fitLm({ X: design.X, n: design.n, p: design.p, names: design.names }, response.y, {
    intercept: parsed.intercept,
    reduction: design.reduction,
  });
}
