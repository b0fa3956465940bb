import { printCoefmat } from './coefmat';
import { catFill } from './console-text';
import { DEFAULT_DIGITS } from './format-real';
import { printNamedVector } from './layout';
import { zapsmall } from './r-math';
import { callBlock, convergenceBlock, correlationBlock, criterionBlock, title, type SummaryLmerOptions } from './summary-lmer';
import { printVarCorr, type VarCorrTerm } from './varcorr';

/**
 * What lme4's print(summary(fit)) of a generalized linear mixed model shows (the
 * fitted-glmer result, test/fixtures/README.md `fit` of kind glmer, plus the call).
 * The same printer as lmer's (lme4:::print.summary.merMod) with a family line, the
 * AIC block of ML fits, no residual row (binomial and Poisson have no scale) and
 * z tests with p-values and stars.
 */
export interface GlmerSummaryInput {
  family: string;
  link: string;
  /** 1: Laplace approximation; otherwise adaptive Gauss-Hermite quadrature with this many points (0 included, as lme4 prints it). */
  nAGQ: number;
  formula: string;
  data: string;
  weights?: string;
  offset?: string;
  subset?: string;
  fixef: { names: readonly string[]; estimate: readonly number[]; se: readonly number[]; statistic: readonly number[]; p: readonly number[] };
  corr_fixef: readonly (readonly number[])[];
  varcorr: readonly VarCorrTerm[];
  logLik: number;
  df: number;
  AIC: number;
  BIC: number;
  nobs: number;
  ngroups: Readonly<Record<string, number>>;
  isSingular: boolean;
  scaled_resid_quantiles: readonly number[];
  /** lme4's stage-2 optimizer for glmer: "Nelder_Mead" (shown only in the convergence line). */
  optimizerName?: string;
  convergence_code?: number;
  convergence_message?: string;
  lme4_messages?: readonly string[];
  optimizer_warnings?: readonly string[];
  fit_messages?: readonly string[];
}

const CLASS = 'glmerMod';

/** lme4:::methTitle for a GLMM. */
export function glmerMethodTitle(nAGQ: number): string {
  const how = nAGQ === 1 ? '(Laplace Approximation)' : `(Adaptive Gauss-Hermite Quadrature, nAGQ = ${nAGQ})`;
  return `Generalized linear mixed model fit by maximum likelihood ${how}`;
}

/** print(summary(fit)) of a glmer fit, character for character as lme4 1.1-31 under R 4.2 writes it to stdout. */
export function formatSummaryGlmer(input: GlmerSummaryInput, options: SummaryLmerOptions = {}): string {
  const digits = options.digits ?? Math.max(3, DEFAULT_DIGITS - 3);
  const width = options.width ?? 80;
  let out = title(glmerMethodTitle(input.nAGQ), width, CLASS);
  // .prt.family: cat(" Family:", family, paste(" (", link, ")"), fill = TRUE).
  out += catFill([' Family:', input.family, ` ( ${input.link} )`], width);
  out += callBlock(input, width);
  // The summary's deviance is −2·logLik (llikAIC), not deviance(fit), the sum of the deviance residuals.
  out += '\n' + criterionBlock({ ...input, reml: false, deviance_ml: null }, width) + '\n';
  out += 'Scaled residuals: \n';
  out += printNamedVector(zapsmall(input.scaled_resid_quantiles, digits + 1), ['Min', '1Q', 'Median', '3Q', 'Max'], digits, { width }) + '\n';
  out += 'Random effects:\n' + printVarCorr(input.varcorr, NaN, { digits, width, useScale: false });
  const groups = Object.entries(input.ngroups).map(([g, n]) => `${g}, ${n}`);
  out += catFill([`Number of obs: ${input.nobs}, groups: `, groups.join('; ')], width);
  const { fixef } = input;
  if (fixef.names.length > 0) {
    out += '\nFixed effects:\n';
    out += printCoefmat(
      { rowNames: fixef.names, colNames: ['Estimate', 'Std. Error', 'z value', 'Pr(>|z|)'], columns: [fixef.estimate, fixef.se, fixef.statistic, fixef.p] },
      { digits, width },
    );
    out += correlationBlock(fixef.names, input.corr_fixef, options, width);
  }
  const fitMessages = (input.fit_messages ?? []).filter((m) => m.length > 0);
  if (fitMessages.length > 0) out += 'fit warnings:\n' + fitMessages.map((m) => m + '\n').join('');
  out += convergenceBlock({ ...input, optimizer: input.optimizerName ?? 'Nelder_Mead' });
  return out;
}
