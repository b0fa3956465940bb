import { printCoefmat } from './coefmat';
import { catFill, printNamedStrings } from './console-text';
import { catNumber, DEFAULT_DIGITS, formatR } from './format-real';
import { printNamedVector, printTextMatrix } from './layout';
import { lme4FormulaLines } from './lme4-formula';
import { roundR, zapsmall } from './r-math';
import { abbreviate } from './r-strings';
import { printVarCorr, type VarCorrTerm } from './varcorr';

/**
 * What lme4's print(summary(fit)) of a linear mixed model shows. The numbers are
 * the fitted-lmer result (test/fixtures/README.md, `fit` of kind lmer); the rest
 * describes how the model was called and how the optimizer ended.
 */
export interface LmerSummaryInput {
  /** REML (true) or maximum likelihood (false): the title and the criterion block differ. */
  reml: boolean;
  /** The formula as written, e.g. "normexam ~ standLRT + (1 | school)"; `||` terms are shown expanded, as lme4 does. */
  formula: string;
  /** The data set's name as the call shows it ("Exam"): the "Data:" line. */
  data: string;
  /** Deparsed `weights`, `offset` and `subset` arguments of the call, when it had them. */
  weights?: string;
  offset?: string;
  subset?: string;
  /** Fixed effects in model-matrix order: names, estimates, standard errors and t values. */
  fixef: { names: readonly string[]; estimate: readonly number[]; se: readonly number[]; statistic: readonly number[] };
  /** Correlation matrix of the fixed-effect estimates (rows), for "Correlation of Fixed Effects". */
  corr_fixef: readonly (readonly number[])[];
  /** One entry per random-effects term, in lme4's order: group, effect names, their SDs and correlations. */
  varcorr: readonly VarCorrTerm[];
  /** Residual standard deviation. */
  sigma: number;
  /** Log-likelihood (ML fits: the maximised one), and the number of parameters (fixed effects, θ and σ). */
  logLik: number;
  df: number;
  /** AIC and BIC (shown for ML fits). */
  AIC: number;
  BIC: number;
  /** The REML criterion at the optimum (REML fits), or the deviance −2·logLik (ML fits). */
  REMLcrit?: number | null;
  deviance_ml?: number | null;
  nobs: number;
  /** Levels per grouping factor, in lme4's order of the factors ({ school: 65 }). */
  ngroups: Readonly<Record<string, number>>;
  /** lme4's singularity rule (a θ on its lower bound below 1e-4): adds the "boundary (singular) fit" message. */
  isSingular: boolean;
  /** min, Q1, median, Q3, max of the scaled Pearson residuals. */
  scaled_resid_quantiles: readonly number[];
  /** Name of the optimizer shown in the convergence line; "nloptwrap" is lme4's default for lmer. */
  optimizer: string;
  /** The optimizer's own return code (0 = success); a nonzero code prints the convergence line. */
  convergence_code?: number;
  /** The optimizer's text for a nonzero code, shown in parentheses. */
  convergence_message?: string;
  /** lme4's convergence checks (gradient, Hessian), e.g. "Model failed to converge with max|grad| = …"; ignored for singular fits, as lme4 stops checking there. */
  lme4_messages?: readonly string[];
  /** Warnings the optimizer itself raised. */
  optimizer_warnings?: readonly string[];
  /** Messages about the fixed-effects model matrix, e.g. "fixed-effect model matrix is rank deficient so dropping 1 column / coefficient". */
  fit_messages?: readonly string[];
}

export interface SummaryLmerOptions {
  /** lme4's digits: max(3, getOption("digits") - 3) = 4. */
  digits?: number;
  /** getOption("lme4.summary.cor.max"): above this many fixed effects the correlation table is left out. */
  corMax?: number;
  /** Show the correlation table whatever the number of fixed effects (print(…, correlation = TRUE)). */
  correlation?: boolean;
  width?: number;
}

export const SINGULAR_MESSAGE = "boundary (singular) fit: see help('isSingular')";
const LME4_COR_MAX = 12;
const CLASS = 'lmerMod';

/**
 * The text of print(summary(fit)) for an lmer fit, character for character as lme4
 * 1.1-31 under R 4.2 writes it to stdout (lme4:::print.summary.merMod). What lme4
 * writes to stderr instead is in summaryLmerMessages().
 */
export function formatSummaryLmer(input: LmerSummaryInput, options: SummaryLmerOptions = {}): string {
  const digits = options.digits ?? Math.max(3, DEFAULT_DIGITS - 3);
  const width = options.width ?? 80;
  // methTitle() pastes "maximum likelihood" with an empty GLMM part: the trailing space doubles before ['lmerMod'].
  let out = title(input.reml ? 'Linear mixed model fit by REML' : 'Linear mixed model fit by maximum likelihood ', width);
  out += callBlock(input, width);
  out += '\n' + criterionBlock(input, width) + '\n';
  out += 'Scaled residuals: \n';
  const q = zapsmall(input.scaled_resid_quantiles, digits + 1);
  out += printNamedVector(q, ['Min', '1Q', 'Median', '3Q', 'Max'], digits, { width }) + '\n';
  out += 'Random effects:\n' + printVarCorr(input.varcorr, input.sigma, { digits, width });
  const groups = Object.entries(input.ngroups).map(([g, n]) => `${g}, ${n}`);
  out += catFill([`Number of obs: ${input.nobs}, groups: `, groups.join('; ')], width);
  out += fixedEffectsBlock(input, digits, options, width);
  const fitMessages = (input.fit_messages ?? []).filter((m) => m.length > 0);
  if (fitMessages.length > 0) out += 'fit warnings:\n' + fitMessages.map((m) => m + '\n').join('');
  out += convergenceBlock(input);
  return out;
}

/** .prt.methTit: the title, wrapped only when it would not fit the console. */
export function title(methTitle: string, width: number, cls = CLASS): string {
  if (methTitle.length + 5 + cls.length <= width) return `${methTitle} ['${cls}']\n`;
  return catFill([...strwrapSimple(methTitle, width - 2), ' [', cls, ']'], width, '');
}

/** strwrap(x, width, exdent = 2) for a title of plain words. */
function strwrapSimple(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && next.length >= width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** .prt.call(long = TRUE): Formula, Data, Weights, Offset and Subset lines, each cat(fill = TRUE). */
export function callBlock(input: Pick<LmerSummaryInput, 'formula' | 'data' | 'weights' | 'offset' | 'subset'>, width: number): string {
  let out = catFill(['Formula:', ...lme4FormulaLines(input.formula)], width);
  out += catFill(['   Data:', input.data], width);
  if (input.weights !== undefined) out += catFill(['Weights:', input.weights], width);
  if (input.offset !== undefined) out += catFill([' Offset:', input.offset], width);
  if (input.subset !== undefined) out += catFill([' Subset:', input.subset], width);
  return out;
}

/** .prt.aictab: the REML criterion, or AIC/BIC/logLik/deviance/df.resid, all rounded to one decimal. */
export function criterionBlock(input: Pick<LmerSummaryInput, 'reml' | 'REMLcrit' | 'deviance_ml' | 'logLik' | 'AIC' | 'BIC' | 'nobs' | 'df'>, width: number): string {
  if (input.reml) {
    const crit = input.REMLcrit ?? -2 * input.logLik;
    return catFill(['REML criterion at convergence:', catNumber(roundR(crit, 1))], width);
  }
  const deviance = input.deviance_ml ?? -2 * input.logLik;
  const dfResid = input.nobs - input.df;
  const values = [input.AIC, input.BIC, input.logLik, deviance, dfResid].map((v) => roundR(v, 1));
  const texts = formatR(values);
  // df.resid is formatted on its own, so it shows no decimals.
  texts[4] = formatR(values[4]);
  return printNamedStrings(texts, ['AIC', 'BIC', 'logLik', 'deviance', 'df.resid'], width);
}

function fixedEffectsBlock(input: LmerSummaryInput, digits: number, options: SummaryLmerOptions, width: number): string {
  const { fixef } = input;
  const p = fixef.names.length;
  if (p === 0) return '';
  let out = '\nFixed effects:\n';
  out += printCoefmat(
    { rowNames: fixef.names, colNames: ['Estimate', 'Std. Error', 't value'], columns: [fixef.estimate, fixef.se, fixef.statistic] },
    { digits, width },
  );
  return out + correlationBlock(fixef.names, input.corr_fixef, options, width);
}

/** "Correlation of Fixed Effects:" (lower triangle, 3 decimals), when shown. */
export function correlationBlock(names: readonly string[], corr: readonly (readonly number[])[], options: SummaryLmerOptions, width: number): string {
  const p = names.length;
  if (!showCorrelation(p, options) || p < 2) return '';
  // round(3) then format(nsmall = 3) over the whole matrix, diagonal included.
  const flat: number[] = [];
  for (let j = 0; j < p; j++) for (let i = 0; i < p; i++) flat.push(roundR(corr[i][j], 3));
  const text = formatR(flat, DEFAULT_DIGITS, 3);
  const rowNames = abbreviate(names, 11).slice(1);
  const colNames = abbreviate(names, 6).slice(0, p - 1);
  const cells = rowNames.map((_, r) => colNames.map((_, c) => (c < r + 1 ? text[c * p + (r + 1)] : '')));
  return '\nCorrelation of Fixed Effects:\n' + printTextMatrix({ rowNames, colNames, cells }, { right: false, width });
}

function showCorrelation(p: number, options: SummaryLmerOptions): boolean {
  return options.correlation ?? p <= (options.corMax ?? LME4_COR_MAX);
}

/**
 * The messages of lme4's fit that print again at the end of the summary (.prt.warn):
 * shown only when the optimizer returned a nonzero code or lme4 has something to say.
 * A singular fit has only the singularity message, since lme4 skips the gradient checks then.
 */
export function lmerConvergenceMessages(input: Pick<LmerSummaryInput, 'isSingular' | 'lme4_messages'>): string[] {
  return input.isSingular ? [SINGULAR_MESSAGE] : (input.lme4_messages ?? []).slice();
}

export function convergenceBlock(input: Pick<LmerSummaryInput, 'convergence_code' | 'isSingular' | 'lme4_messages' | 'optimizer_warnings' | 'convergence_message' | 'optimizer'>): string {
  const code = input.convergence_code ?? 0;
  const messages = lmerConvergenceMessages(input);
  const warnings = input.optimizer_warnings ?? [];
  if (code === 0 && messages.length === 0 && warnings.length === 0) return '';
  const status = code === 0 ? '(OK)' : input.convergence_message !== undefined ? `(${input.convergence_message})` : '';
  const lines = [`optimizer (${input.optimizer}) convergence code: ${code} ${status}`, ...messages, ...warnings];
  // cat(sep = "\n") ends with a newline of its own, and lme4 adds cat("\n"): a blank line follows.
  return lines.join('\n') + '\n\n';
}

/**
 * What print(summary(fit)) writes to stderr (R's message(), each text ending in its
 * newline), for a caller that keeps the two streams apart: the note that the
 * correlation table was left out. `objectName` is how R names the printed object
 * (deparse(substitute(x)): "summary(fit)" for print(summary(fit))).
 */
export function summaryLmerMessages(input: LmerSummaryInput, options: SummaryLmerOptions = {}, objectName = 'x'): string[] {
  const p = input.fixef.names.length;
  const corMax = options.corMax ?? LME4_COR_MAX;
  if (p <= corMax || options.correlation !== undefined) return [];
  const nam = objectName.length >= 32 ? '....' : objectName;
  return [
    `\nCorrelation matrix not shown by default, as p = ${p} > ${corMax}.\nUse print(${nam}, correlation=TRUE)  or\n    vcov(${nam})        if you need it\n\n`,
  ];
}
