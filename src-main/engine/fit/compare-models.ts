import { AppError } from '@shared/errors';
import { GLMER_LINKS, LMLIST_NOT_COMPARED, type ModelKind, type ModelsCompareValue } from '@shared/models';
import type { Recipe } from '@shared/recipes';
import { parseFormula } from '@shared/formula/parse-formula';
import type { TaskContext } from '../context';
import type { DataFrame } from '../data/frame';
import type { LmerOptions } from '../lmm/fit-lmer';
import { anovaColumn, formatAnova } from '../print/anova';
import { formatAnovaLmer, type AnovaLmerResult } from '../print/anova-lmer';
import { applySettingsAndRecipes } from '../recipes/apply-variables';
import type { VariableSettingInfo } from '@shared/variables';
import { anovaLm, type AnovaLmTable } from './anova-lm';
import { subsetMask } from './fit-model';
import { fitLmModel } from './lm-model';
import { compareLmer } from './lmer-model';
import { compareGlmer, type GlmerChoice } from './glmer-model';

/**
 * anova() of several models, for the CLI's compare and the app's comparison
 * job alike: lm models as stats::anova prints them (rows numbered, "Model 1:"
 * lines), mixed models as lme4 does (refitted by ML, rows named by the models).
 */
export interface ComparedModel {
  /** m1, m2, … or the name given: lme4's row names. */
  name: string;
  formula: string;
  /** Whether the model as specified uses REML, so that lme4 refits it and says so. */
  reml: boolean;
  /** glmer models: family, link and nAGQ (the same for every model compared). */
  glmer?: GlmerChoice;
}

export interface CompareOptions {
  kind: ModelKind;
  dataName: string;
  subset?: Uint8Array;
  /** The subset as written, for lme4's "Subset:" heading line. */
  subsetText?: string;
  checkpoint?: LmerOptions['checkpoint'];
}

export type Comparison =
  | { kind: 'anova.lm'; anova: AnovaLmTable; value: ModelsCompareValue }
  | { kind: 'anova.lmer'; anova: AnovaLmerResult; value: ModelsCompareValue };

const LM_COLUMNS = ['Res.Df', 'RSS', 'Df', 'Sum of Sq', 'F', 'Pr(>F)'];
const LMER_COLUMNS = ['npar', 'AIC', 'BIC', 'logLik', 'deviance', 'Chisq', 'Df', 'Pr(>Chisq)'];

export async function compareModels(models: readonly ComparedModel[], frame: DataFrame, options: CompareOptions): Promise<Comparison> {
  if (models.length < 2) throw new AppError('bad-input', 'A comparison (anova) needs two or more models.');
  if (options.kind === 'lmList') throw new AppError('bad-input', LMLIST_NOT_COMPARED);
  if (options.kind === 'lmer' || options.kind === 'glmer') {
    const parsed = models.map((m) => ({ name: m.name, formula: parseFormula(m.formula) }));
    const plain = parsed.find((m) => m.formula.random.length === 0);
    if (plain) throw new AppError('bad-input', `${plain.name} (${plain.formula.source}) has no random-effects term, so it cannot be compared as a mixed model.`);
    const shared = { dataName: options.dataName, subset: options.subset, subsetText: options.subsetText, checkpoint: options.checkpoint };
    const anova = options.kind === 'glmer' ? await compareGlmer(parsed, frame, sameGlmer(models), shared) : await compareLmer(parsed, frame, { ...shared, reml: models.some((m) => m.reml) });
    const rows = anova.rows.map((r) => [r.name, r.npar, r.AIC, r.BIC, r.logLik, r.deviance, r.Chisq, r.Df, r.p].map(cell));
    return {
      kind: 'anova.lmer',
      anova,
      value: {
        kind: 'anova.lmer',
        text: formatAnovaLmer(anova.rows, anova.heading),
        messages: anova.messages.map((m) => m.trimEnd()),
        table: { columns: ['Model', ...LMER_COLUMNS], rows },
      },
    };
  }
  const fits = models.map((m) => fitLmModel(m.formula, frame, { subset: options.subset }));
  const anova = anovaLm(fits);
  const columns = [anova.resDf, anova.rss, anova.df, anova.sumSq, anova.F, anova.p];
  const heading = ['Analysis of Variance Table', '', ...anova.formulas.map((f, k) => `Model ${k + 1}: ${f}`)];
  const text = formatAnova(heading, {
    rowNames: anova.formulas.map((_, k) => String(k + 1)),
    colNames: LM_COLUMNS,
    columns: columns.map(anovaColumn),
  });
  const rows = models.map((m, k) => [m.name, ...columns.map((c) => cell(c[k]))]);
  const messages = [...new Set(fits.flatMap((f) => f.frame.messages))];
  return { kind: 'anova.lm', anova, value: { kind: 'anova.lm', text, messages, table: { columns: ['Model', ...LM_COLUMNS], rows } } };
}

/** The engine task: the dataset after its recipes and the models' shared subset, then the comparison. */
export interface CompareModelsInput {
  kind: ModelKind;
  models: ComparedModel[];
  subset?: string;
  rows: number;
  columns: DataFrame['columns'];
  recipes: Recipe[];
  /** The dataset's variable settings, applied before the recipes. */
  variables?: VariableSettingInfo[];
  dataName: string;
}

export async function runModelsCompare(input: CompareModelsInput, ctx: TaskContext): Promise<ModelsCompareValue> {
  ctx.progress(null, 'Preparing the data…');
  const { frame, warnings } = applySettingsAndRecipes({ rows: input.rows, columns: input.columns }, input.variables, input.recipes);
  const subset = input.subset === undefined ? undefined : subsetMask(input.subset, frame, warnings);
  await ctx.checkpoint();
  const names = input.models.map((m) => m.name).join(', ');
  ctx.progress(null, input.kind === 'lmer' || input.kind === 'glmer' ? `Fitting ${names} by maximum likelihood…` : `Fitting ${names}…`);
  const { value } = await compareModels(input.models, frame, {
    kind: input.kind,
    dataName: input.dataName,
    subset,
    subsetText: input.subset,
    checkpoint: () => ctx.checkpoint(),
  });
  return { ...value, messages: [...warnings, ...value.messages] };
}

/** anova() of glmer fits compares one family, link and nAGQ: likelihoods of different families are not comparable. */
function sameGlmer(models: readonly ComparedModel[]): GlmerChoice {
  const first = models[0].glmer;
  if (!first) throw new AppError('bad-input', `${models[0].name} has no family: a glmer comparison needs binomial or poisson models.`);
  const describe = (g: GlmerChoice | undefined) => (g ? `${g.family}(${g.link ?? GLMER_LINKS[g.family][0]}), nAGQ = ${g.nAGQ ?? 1}` : 'no family');
  const other = models.find((m) => describe(m.glmer) !== describe(first));
  if (other) throw new AppError('bad-input', `${other.name} (${describe(other.glmer)}) and ${models[0].name} (${describe(first)}) differ in family, link or nAGQ; compare glmer models fitted the same way.`);
  return first;
}

function cell(v: number | string | null): string | number | null {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
