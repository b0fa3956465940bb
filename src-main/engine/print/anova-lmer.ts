import gammainc from '@stdlib/math-base-special-gammainc';
import { AppError } from '@shared/errors';
import { formatAnova } from './anova';
import { lme4FormulaLine } from './lme4-formula';

/**
 * lme4's anova() of several mixed models (anova.merMod, lme4 1.1-31): each model's
 * maximised log-likelihood (REML fits are refitted with ML first), models sorted by
 * their number of parameters, and a likelihood-ratio test of each against the one
 * before it.
 */
export interface AnovaLmerModel {
  /** The name the table shows, e.g. "m2" (R uses the argument's name). */
  name: string;
  /** The formula as written; shown as lme4 keeps it (`||` expanded). */
  formula: string;
  /** Parameters of the model: fixed effects, covariance parameters θ and σ (logLik's df). */
  npar: number;
  /** The maximised log-likelihood of the ML fit (the ML refit of a REML fit). */
  logLik: number;
  nobs: number;
  /** Whether the model as fitted used REML, so that anova had to refit it: lme4 then says so. */
  reml?: boolean;
}

export interface AnovaLmerRow {
  name: string;
  npar: number;
  AIC: number;
  BIC: number;
  logLik: number;
  deviance: number;
  /** Absent (null) in the first row. */
  Chisq: number | null;
  Df: number | null;
  /** Upper chi-square tail; null in the first row and where Df = 0. */
  p: number | null;
}

export interface AnovaLmerResult {
  rows: AnovaLmerRow[];
  /** print.anova's heading: "Data: Exam", "Models:", "m2: normexam ~ standLRT + (1 | school)", … */
  heading: string[];
  /** What lme4 writes to stderr while computing the table, each ending in a newline. */
  messages: string[];
}

export interface AnovaLmerOptions {
  /** The data set's name as the calls show it. */
  data: string;
  /** The deparsed subset argument the models share, if any. */
  subset?: string;
}

export const REFIT_MESSAGE = 'refitting model(s) with ML (instead of REML)\n';

/** P(X > x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2), accurate far into the tail. */
export function chisqUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

export function anovaLmer(models: readonly AnovaLmerModel[], options: AnovaLmerOptions): AnovaLmerResult {
  if (models.length < 2) {
    throw new AppError('bad-input', 'anova() of mixed models compares two or more models; give at least two.');
  }
  const nobs = models.map((m) => m.nobs);
  if (nobs.some((n) => n !== nobs[0])) {
    throw new AppError(
      'bad-input',
      `The models were not all fitted to the same number of rows (${nobs.join(', ')}), so their likelihoods cannot be compared; a variable with missing values in one model only drops rows there.`,
    );
  }
  const messages: string[] = [];
  let names = models.map((m) => m.name);
  if (new Set(names).size < names.length || names.some((n) => n.length > 200)) {
    // lme4's fallback when the models cannot be told apart by name.
    messages.push('Warning message:\nfailed to find model names, assigning generic names\n');
    names = names.map((_, k) => `MODEL${k + 1}`);
  }
  if (models.some((m) => m.reml)) messages.unshift(REFIT_MESSAGE);
  // R's order() is stable: models with equal npar keep the order they were given in.
  const order = models.map((_, k) => k).sort((a, b) => models[a].npar - models[b].npar || a - b);
  const rows: AnovaLmerRow[] = order.map((k, r) => {
    const m = models[k];
    const row: AnovaLmerRow = {
      name: names[k],
      npar: m.npar,
      AIC: -2 * m.logLik + 2 * m.npar,
      BIC: -2 * m.logLik + Math.log(m.nobs) * m.npar,
      logLik: m.logLik,
      deviance: -2 * m.logLik,
      Chisq: null,
      Df: null,
      p: null,
    };
    if (r > 0) {
      const prev = models[order[r - 1]];
      row.Chisq = 2 * Math.max(0, m.logLik - prev.logLik);
      row.Df = m.npar - prev.npar;
      row.p = row.Df === 0 ? null : chisqUpperTail(row.Chisq, row.Df);
    }
    return row;
  });
  const heading = [`Data: ${options.data}`];
  if (options.subset !== undefined) heading.push(`Subset: ${options.subset}`);
  heading.push('Models:', ...order.map((k) => `${names[k]}: ${lme4FormulaLine(models[k].formula)}`));
  return { rows, heading, messages };
}

/** print() of the anova table: print.anova's rules (formatAnova) with five significant digits and the stars legend. */
export function formatAnovaLmer(rows: readonly AnovaLmerRow[], heading: readonly string[], options: { fancyQuotes?: boolean } = {}): string {
  return formatAnova(
    [...heading],
    {
      rowNames: rows.map((r) => r.name),
      colNames: ['npar', 'AIC', 'BIC', 'logLik', 'deviance', 'Chisq', 'Df', 'Pr(>Chisq)'],
      columns: [
        rows.map((r) => r.npar),
        rows.map((r) => r.AIC),
        rows.map((r) => r.BIC),
        rows.map((r) => r.logLik),
        rows.map((r) => r.deviance),
        rows.map((r) => r.Chisq),
        rows.map((r) => r.Df),
        rows.map((r) => r.p),
      ],
    },
    { fancyQuotes: options.fancyQuotes },
  );
}
