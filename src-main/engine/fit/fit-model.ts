import { AppError } from '@shared/errors';
import { parseExpression } from '@shared/expr/parse';
import type { ModelFitValue, ModelSpec } from '@shared/models';
import type { Recipe } from '@shared/recipes';
import type { TaskContext } from '../context';
import type { DataFrame } from '../data/frame';
import { lmFitJson } from '../lm/fit-lm';
import { applySettingsAndRecipes } from '../recipes/apply-variables';
import type { VariableSettingInfo } from '@shared/variables';
import { evaluate } from '../recipes/evaluate';
import { fitLmModel, lmSummaryText } from './lm-model';
import { fitLmListValue } from './lm-list-model';
import { lmerFitJson, lmerSummaryText, singularNotes } from './lmer-model';
import { fitLmer } from '../lmm/fit-lmer';
import { fitGlmer } from '../glmm/fit-glmer';
import { glmerFitJson, glmerSummaryText } from './glmer-model';
import { parseFormula } from '@shared/formula/parse-formula';

/**
 * One model fit as the app asks for it: the dataset's recipes, the model's
 * subset, then the fit; the value holds R's printed summary and the numbers
 * under the reference names, ready to store as the model's result.
 */
export interface FitModelInput {
  spec: ModelSpec;
  rows: number;
  columns: DataFrame['columns'];
  recipes: Recipe[];
  /** The dataset's variable settings, applied before the recipes. */
  variables?: VariableSettingInfo[];
  /** The data's name in printed calls (`data = Exam`). */
  dataName: string;
}

export async function fitModel(input: FitModelInput, ctx: TaskContext): Promise<ModelFitValue> {
  const { spec } = input;
  ctx.progress(null, 'Preparing the data…');
  const { frame, warnings } = applySettingsAndRecipes({ rows: input.rows, columns: input.columns }, input.variables, input.recipes);
  const subset = spec.subset === undefined ? undefined : subsetMask(spec.subset, frame, warnings);
  await ctx.checkpoint();
  if (spec.kind === 'lm') {
    ctx.progress(null, 'Fitting the linear model…');
    const model = fitLmModel(spec.formula, frame, { subset });
    const text = lmSummaryText(model, input.dataName, spec.subset);
    return { kind: 'lm', formula: model.formula.source, text, fit: lmFitJson(model.fit), messages: [...warnings, ...model.frame.messages] };
  }
  if (spec.kind === 'lmList') {
    ctx.progress(null, 'Fitting one regression per group…');
    return fitLmListValue(spec.formula, frame, { subset, dataName: input.dataName, warnings });
  }
  const formula = parseFormula(spec.formula);
  if (formula.random.length === 0) {
    throw new AppError('bad-input', `The formula "${formula.source}" has no random-effects term such as (1 | group); fit it as a linear model (lm).`);
  }
  if (spec.kind === 'glmer') {
    if (!spec.family) throw new AppError('bad-input', 'A generalized linear mixed model (glmer) needs a family: binomial or poisson.');
    ctx.progress(null, 'Fitting the generalized linear mixed model…');
    const fit = await fitGlmer(formula, frame, {
      family: spec.family,
      link: spec.link,
      nAGQ: spec.nAGQ,
      subset,
      checkpoint: () => ctx.checkpoint(),
      onProgress: (p) => ctx.progress(null, `Stage ${p.stage}: ${p.evaluations} evaluations, deviance ${p.objective.toFixed(4)}`),
    });
    return {
      kind: 'glmer',
      formula: formula.source,
      text: glmerSummaryText(fit, input.dataName, spec.subset),
      fit: glmerFitJson(fit),
      messages: [...warnings, ...fit.messages, ...fit.convergence.warnings, ...fit.convergence.notes],
    };
  }
  ctx.progress(null, 'Fitting the mixed model…');
  const fit = await fitLmer(formula, frame, {
    reml: spec.reml,
    subset,
    checkpoint: () => ctx.checkpoint(),
    onProgress: (p) =>
      ctx.progress(null, p.phase === 'optimizing' ? `Optimizing: ${p.evaluations} evaluations, criterion ${p.objective.toFixed(4)}` : 'Checking convergence…'),
  });
  return {
    kind: 'lmer',
    formula: formula.source,
    text: lmerSummaryText(fit, input.dataName, spec.subset),
    fit: lmerFitJson(fit),
    messages: [...warnings, ...fit.messages, ...fit.convergence.warnings, ...fit.convergence.notes, ...singularNotes(fit, formula)],
  };
}

export function subsetMask(text: string, frame: DataFrame, warnings: string[]): Uint8Array {
  const column = evaluate(parseExpression(text, 'subset'), frame, { what: 'subset', source: text, warnings });
  if (column.kind !== 'logical') throw new AppError('bad-input', `The subset "${text}" must be a condition (TRUE or FALSE for each row), e.g. school != 48.`);
  const mask = new Uint8Array(frame.rows);
  for (let i = 0; i < frame.rows; i++) mask[i] = column.values[i] === 1 ? 1 : 0;
  return mask;
}
