import { parseRecipeText } from '../../../../src-shared/expr/validate';
import { parseFormula } from '../../../../src-shared/formula/parse-formula';
import { applyRecipes } from '../../../../src-main/engine/recipes/apply-recipes';
import { buildGlmmModel, type GlmmModel } from '../../../../src-main/engine/glmm/model';
import type { GlmerSummary } from '../../../../src-main/engine/glmm/results';
import { asArray, caseFactors, comparable, lmerCase, sampleFrame, type LmerCase, type LmerReference } from '../lmm/helpers';

/** A glmer reference case (test/fixtures/README.md): an lmer case plus family, nAGQ and prep. */
export interface GlmerCase extends LmerCase {
  family: 'binomial' | 'poisson';
  nAGQ: number;
  prep: string | null;
  fit: LmerCase['fit'] & { deviance: number; df_resid: number; fixef: LmerReference['fixef'] & { p: number[] } };
}

export const glmerCase = (id: string): GlmerCase => lmerCase(`lme4/${id}.json`) as GlmerCase;

/** The case's data with its `prep` recipe applied, as the app would apply it. */
export async function glmerCaseModel(c: GlmerCase): Promise<GlmmModel> {
  let frame = await sampleFrame(c.data, c.levels, caseFactors(c));
  if (c.prep) frame = applyRecipes(frame, [parseRecipeText(c.prep)]).frame;
  return buildGlmmModel(parseFormula(c.formula), frame, { family: c.family });
}

/** Every number of the glmer fixture: lmer's fields plus p-values, deviance and df.resid. */
export function glmerComparable(fit: GlmerSummary, ref: GlmerCase['fit']): [string, number, number][] {
  const out = comparable({ ...fit, confint_wald: [] } as never, ref);
  asArray(ref.fixef.p).forEach((v, i) => out.push([`fixef.p[${i}]`, fit.fixef.p[i], v]));
  out.push(['deviance', fit.deviance, ref.deviance], ['df_resid', fit.df_resid, ref.df_resid]);
  return out;
}
