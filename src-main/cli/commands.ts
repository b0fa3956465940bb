import { AppError } from '@shared/errors';
import { compareModels } from '../engine/fit/compare-models';
import { fitLmModel, lmSummaryText } from '../engine/fit/lm-model';
import { fitLmListModel } from '../engine/fit/lm-list-model';
import { lmFitJson } from '../engine/lm/fit-lm';
import { formatLmList, formatLmListIntervals } from '../engine/print/lm-list';
import { lmerFitJson, lmerSummaryText, singularNotes } from '../engine/fit/lmer-model';
import { fitLmer } from '../engine/lmm/fit-lmer';
import { fitGlmer } from '../engine/glmm/fit-glmer';
import { glmerFitJson, glmerSummaryText, type GlmerChoice } from '../engine/fit/glmer-model';
import { GLMER_LINKS, GlmerFamily, type GlmerLink } from '@shared/models';
import { parseFormula } from '@shared/formula/parse-formula';
import type { CliOptions } from './args';
import type { LoadedData } from './load-data';

/** What a command prints on stdout. */
export type Output = string;

export async function runFit(options: CliOptions, data: LoadedData): Promise<Output> {
  rejectLaterOptions(options);
  const parsed = parseFormula(options.formulas[0]);
  const glmer = glmerChoice(options);
  if (glmer) {
    if (parsed.random.length === 0) throw new AppError('bad-input', `The formula "${parsed.source}" has no random-effects term such as (1 | group): glmer needs one (Nestor does not fit glm() models).`);
    const fit = await fitGlmer(parsed, data.frame, { ...glmer, subset: data.subset });
    for (const note of [...fit.convergence.notes, ...fit.convergence.warnings]) process.stderr.write(`${note}\n`);
    if (options.json) return json({ formula: parsed.source, kind: 'glmer', family: fit.family, link: fit.link, nAGQ: fit.nAGQ, nobs: fit.nobs, fit: glmerFitJson(fit), messages: fit.messages });
    return glmerSummaryText(fit, options.dataName, options.subset ?? undefined);
  }
  if (parsed.random.length > 0) {
    const fit = await fitLmer(parsed, data.frame, { reml: options.reml, subset: data.subset });
    const explained = singularNotes(fit, parsed);
    for (const note of [...fit.convergence.notes, ...fit.convergence.warnings, ...explained]) process.stderr.write(`${note}\n`);
    if (options.json) {
      return json({ formula: parsed.source, kind: 'lmer', nobs: fit.nobs, fit: lmerFitJson(fit), messages: fit.messages, singular_explanation: explained });
    }
    return lmerSummaryText(fit, options.dataName, options.subset ?? undefined);
  }
  const model = fitLmModel(options.formulas[0], data.frame, { subset: data.subset });
  if (options.json) {
    return json({ formula: model.formula.source, kind: 'lm', nobs: model.fit.nobs, fit: lmFitJson(model.fit), messages: model.frame.messages });
  }
  return lmSummaryText(model, options.dataName, options.subset ?? undefined);
}

export async function runLmList(options: CliOptions, data: LoadedData): Promise<Output> {
  rejectLaterOptions(options);
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
  rejectLaterOptions(options);
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

/** Options that belong to models this version cannot fit yet: say so instead of ignoring them. */
function rejectLaterOptions(options: CliOptions): void {
  const later: [boolean, string][] = [
    [options.ddf !== null, '--ddf (Satterthwaite or Kenward-Roger degrees of freedom) is for mixed-model t tests'],
    [options.confint !== null || options.nsim !== null || options.seed !== null, '--confint, --nsim and --seed are for mixed-model intervals'],
  ];
  for (const [given, what] of later) {
    if (given) throw new AppError('unsupported', `${what}, which this version of Nestor does not offer yet. Linear models print their 95% intervals with --json (confint); mixed models give Wald intervals there (confint_wald).`);
  }
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
