import { AppError } from '@shared/errors';
import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../data/frame';
import { buildFixedDesign, type FixedDesign } from '../model/fixed-design';
import { buildModelFrame, type ModelFrame } from '../model/model-frame';
import { formBlocks, withResponse, type Blocks } from './blocks';
import { buildRandomDesign, type RandomDesign } from './random-design';
import { thetaLayout, type ThetaLayout } from './theta';

/**
 * Everything about a linear mixed model that does not depend on θ: the model
 * frame, X (aliased columns dropped as lme4 drops them), the random-effects
 * terms in lme4's order, the θ layout, and the cross-product blocks.
 */
export interface LmmModel {
  formula: ParsedFormula;
  frame: ModelFrame;
  fixed: FixedDesign;
  random: RandomDesign;
  /** The response as given (fitted values add the offset back). */
  y: Float64Array;
  offset: Float64Array | null;
  layout: ThetaLayout;
  blocks: Blocks;
  n: number;
  p: number;
}

export interface LmmModelOptions {
  /** 1 = keep the row (R's subset argument). */
  subset?: Uint8Array;
}

export function buildLmmModel(formula: ParsedFormula, data: DataFrame, options: LmmModelOptions = {}): LmmModel {
  const frame = buildModelFrame(formula, data, { subset: options.subset });
  return lmmModelFromFrame(frame);
}

export function lmmModelFromFrame(frame: ModelFrame): LmmModel {
  const formula = frame.formula;
  const response = frame.response;
  if (!response) throw new AppError('bad-input', `The formula "${formula.source}" has no response (nothing to the left of ~).`);
  if (response.kind !== 'vector' || response.levels !== null) {
    throw new AppError('bad-input', `The response ${response.label} is not numeric; a linear mixed model (lmer) needs a numeric response.`);
  }
  const fixed = buildFixedDesign(frame);
  const random = buildRandomDesign(frame);
  const { n } = frame;
  const y = response.y;
  let yFit = y;
  if (frame.offset) {
    yFit = new Float64Array(n);
    for (let i = 0; i < n; i++) yFit[i] = y[i] - frame.offset[i];
  }
  const layout = thetaLayout(random.terms);
  const blocks = formBlocks(random.terms, fixed.X, fixed.p, yFit);
  return { formula, frame, fixed, random, y, offset: frame.offset, layout, blocks, n, p: fixed.p };
}

/** The same model with another response (simulated responses of a parametric bootstrap); no offset. */
export function lmmModelWithResponse(model: LmmModel, y: Float64Array): LmmModel {
  const blocks = withResponse(model.blocks, model.random.terms, model.fixed.X, y);
  return { ...model, y, offset: null, blocks };
}
