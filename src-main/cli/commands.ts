import { AppError } from '@shared/errors';
import { compareModels } from '../engine/fit/compare-models';
import { fitLmModel, lmSummaryText } from '../engine/fit/lm-model';
import { fitLmListModel } from '../engine/fit/lm-list-model';
import { lmFitJson } from '../engine/lm/fit-lm';
import { formatLmList, formatLmListIntervals } from '../engine/print/lm-list';
import { lmerFitJson, lmerSummaryText, singularNotes } from '../engine/fit/lmer-model';
import { fitLmmModel } from '../engine/lmm/fit-lmer';
import { buildLmmModel } from '../engine/lmm/model';
import { lmerInference } from './mixed-inference';
import { formatWaldConfint } from '../engine/inference/wald-text';
import { fitGlmer } from '../engine/glmm/fit-glmer';
import { glmerFitJson, glmerSummaryText, type GlmerChoice } from '../engine/fit/glmer-model';
import { GLMER_LINKS, GlmerFamily, type GlmerLink } from '@shared/models';
import { parseFormula } from '@shared/formula/parse-formula';
import type { CliOptions } from './args';
import type { LoadedData } from './load-data';

/** What a command prints on stdout. */
export type Output = string;

export async function runFit(options: CliOptions, data: LoadedData): Promise<Output> {
  const parsed = parseFormula(options.formulas[0]);
  const glmer = glmerChoice(options);
  if (glmer) {
    rejectInferenceOptions(options, 'glmer');
    if (parsed.random.length === 0) throw new AppError('bad-input', `The formula "${parsed.source}" has no random-effects term such as (1 | group): glmer needs one (Nestor does not fit glm() models).`);
    const fit = await fitGlmer(parsed, data.frame, { ...glmer, subset: data.subset });
    for (const note of [...fit.convergence.notes, ...fit.convergence.warnings]) process.stderr.write(`${note}\n`);
    if (options.json) return json({ formula: parsed.source, kind: 'glmer', family: fit.family, link: fit.link, nAGQ: fit.nAGQ, nobs: fit.nobs, fit: glmerFitJson(fit), messages: fit.messages });
    const wald = options.confint === 'wald' ? `\n${formatWaldConfint({ ...fit, hasSigma: false })}` : '';
    return glmerSummaryText(fit, options.dataName, options.subset ?? undefined) + wald;
  }
  if (parsed.random.length > 0) {
    const model = buildLmmModel(parsed, data.frame, { subset: data.subset });
    const fit = await fitLmmModel(model, { reml: options.reml });
    const explained = singularNotes(fit, parsed);
    for (const note of [...fit.convergence.notes, ...fit.convergence.warnings, ...explained]) process.stderr.write(`${note}\n`);
    const inference = await lmerInference(options, model, fit);
    for (const note of inference.notes) process.stderr.write(`${note}\n`);
    if (options.json) {
      return json({ formula: parsed.source, kind: 'lmer', nobs: fit.nobs, fit: { ...lmerFitJson(fit), ...inference.fit }, ...inference.top, messages: fit.messages, singular_explanation: explained });
    }
    return lmerSummaryText(fit, options.dataName, options.subset ?? undefined) + inference.text;
  }
  rejectInferenceOptions(options, 'lm');
  const model = fitLmModel(options.formulas[0], data.frame, { subset: data.subset });
  if (options.json) {
    return json({ formula: model.formula.source, kind: 'lm', nobs: model.fit.nobs, fit: lmFitJson(model.fit), messages: model.frame.messages });
  }
  return lmSummaryText(model, options.dataName, options.subset ?? undefined);
}

export async function runLmList(options: CliOptions, data: LoadedData): Promise<Output> {
  rejectInferenceOptions(options, 'lmList');
  const model = fitLmListModel(options.formulas[0], data.frame, { subset: data.subset });
  const { fit } = model;
  if (options.json) {
    return json({
      formula: options.formulas[0],
      kind: 'lmlist',
      lmlist: { groups: fit.groups, names: fit.names, coef: fit.coef, lower: fit.lower, upper: fit.upper, pooled_sigma: fit.pooled_sigma },
    });
  }
  return formatLmList(fit, model.source, options.dataName) + formatLmListIntervals(fit);
}

export async function runCompare(options: CliOptions, data: LoadedData): Promise<Output> {
  rejectInferenceOptions(options, 'compare');
  const parsed = options.formulas.map((f) => parseFormula(f));
  const mixed = parsed.filter((p) => p.random.length > 0).length;
  if (mixed > 0 && mixed < parsed.length) throw new AppError('bad-input', 'compare takes either all linear models or all mixed models; these formulas mix the two.');
  const glmer = glmerChoice(options);
  if (glmer && mixed < parsed.length) throw new AppError('bad-input', 'compare with --family compares glmer models: every formula needs a random-effects term such as (1 | group).');
  const comparison = await compareModels(
    options.formulas.map((formula, k) => ({ name: `m${k + 1}`, formula, reml: glmer ? false : options.reml, glmer: glmer ?? undefined })),
    data.frame,
    { kind: glmer ? 'glmer' : mixed > 0 ? 'lmer' : 'lm', dataName: options.dataName, subset: data.subset, subsetText: options.subset ?? undefined },
  );
  if (comparison.kind === 'anova.lmer') {
    for (const m of comparison.anova.messages) process.stderr.write(m);
    if (options.json) return json({ kind: glmer ? 'anova.glmer' : 'anova.lmer', anova: comparison.anova.rows });
    return comparison.value.text;
  }
  const table = comparison.anova;
  if (options.json) {
    return json({
      kind: 'anova.lm',
      models: table.formulas,
      anova: { Res_Df: table.resDf, RSS: table.rss, Df: table.df, Sum_of_Sq: table.sumSq, F: table.F, p: table.p },
    });
  }
  return comparison.value.text;
}

/** --ddf, --confint, --nsim and --seed are for lmer fits (glmer: Wald intervals only); elsewhere they are a mistake, said as such. */
function rejectInferenceOptions(options: CliOptions, kind: 'glmer' | 'lm' | 'lmList' | 'compare'): void {
  const given = options.ddf !== null || options.confint !== null || options.nsim !== null || options.seed !== null;
  if (!given) return;
  if (kind === 'glmer') {
    if (options.ddf !== null) throw new AppError('bad-input', '--ddf is for linear mixed models: a glmer fit tests its fixed effects with z tests (Wald), which its summary prints.');
    if (options.confint !== 'wald' || options.nsim !== null || options.seed !== null) {
      throw new AppError('unsupported', 'For glmer fits Nestor gives Wald intervals (--confint wald, and confint_wald in --json); profile and bootstrap intervals are offered for linear mixed models (lmer).');
    }
    return;
  }
  const what = kind === 'compare' ? 'a comparison of models' : kind === 'lmList' ? 'lmList fits' : 'linear models (lm), whose t tests and intervals are exact (--json gives confint)';
  throw new AppError('bad-input', `--ddf, --confint, --nsim and --seed are for mixed models (a formula with a term such as (1 | group)), not for ${what}.`);
}

/** --family (binomial, poisson), --link and --nagq: a glmer model; --link and --nagq alone are a mistake. */
function glmerChoice(options: CliOptions): GlmerChoice | null {
  if (options.family === null) {
    if (options.link !== null || options.nagq !== null) throw new AppError('bad-input', '--link and --nagq belong to a generalized linear mixed model: give its --family (binomial or poisson) too.');
    return null;
  }
  const family = GlmerFamily.safeParse(options.family);
  if (!family.success) throw new AppError('bad-input', `--family must be binomial or poisson (got "${options.family}").`);
  let link: GlmerLink | undefined;
  if (options.link !== null) {
    const allowed = GLMER_LINKS[family.data];
    if (!(allowed as readonly string[]).includes(options.link)) throw new AppError('bad-input', `--link: the ${family.data} family takes ${allowed.join(', ')} (got "${options.link}").`);
    link = options.link as GlmerLink;
  }
  return { family: family.data, link, nAGQ: options.nagq ?? undefined };
}

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
