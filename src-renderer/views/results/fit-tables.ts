import { z } from 'zod';
import { GLMER_LINKS, type ModelFitValue, type ModelSpec } from '@shared/models';
import { formatNumber } from '../../lib/format';
import type { ColumnFormat, ExportCell, ExportTable } from '../../lib/table-export';
import type { GlossaryKey } from './glossary';

/**
 * A stored fit as the tables the Results view shows: the numbers of R's
 * printed summary, one table per block, under the labels R uses. Nothing is
 * computed here but σ² and the rows' order; the engine's numbers pass through.
 */
export interface FitColumn {
  label: string;
  tip?: GlossaryKey;
  format?: ColumnFormat;
}

export interface FitRow {
  cells: ExportCell[];
  /** For tables of mixed statistics: this row's number format. */
  format?: ColumnFormat;
  /** Explains the row's label. */
  tip?: GlossaryKey;
}

export interface FitTable {
  id: 'fixef' | 'ranef' | 'corr' | 'stats' | 'anova' | 'groups' | 'odds' | 'tests' | 'typeIII' | 'intervals';
  title: string;
  tip?: GlossaryKey;
  /** A line under the table (where the intervals come from, the numbers of groups). */
  note?: string;
  noteTip?: GlossaryKey;
  columns: FitColumn[];
  rows: FitRow[];
}

export type FitTables = { ok: true; tables: FitTable[]; isSingular: boolean; notConverged: string | null } | { ok: false; message: string };

// JSON has no NaN: the engine's NaN (an aliased coefficient, a correlation of a zero SD) is stored as null.
const num = z.number().nullable();
const nums = z.array(num);

const LmFit = z.object({
  coef: z.object({ names: z.array(z.string()), estimate: nums, se: nums, t: nums, p: nums }),
  sigma: num,
  df_resid: z.number(),
  r_squared: num,
  adj_r_squared: num,
  fstatistic: z.tuple([num, num, num]).nullable(),
  f_p: num,
  logLik: num,
  AIC: num,
  BIC: num,
  confint: z.array(z.tuple([num, num])),
  nobs: z.number(),
  aliased: z.array(z.string()).default([]),
});

const VarCorrTerm = z.object({
  group: z.string(),
  /** Unique per term as R's VarCorr prints it: a second term on school is school.1. */
  term_group: z.string().optional(),
  names: z.array(z.string()),
  variance: nums,
  sd: nums,
  corr: z.array(nums).nullable(),
});

const LmerFit = z.object({
  fixef: z.object({ names: z.array(z.string()), estimate: nums, se: nums, statistic: nums }),
  varcorr: z.array(VarCorrTerm),
  sigma: num,
  logLik: num,
  df: z.number(),
  AIC: num,
  BIC: num,
  REMLcrit: num,
  deviance_ml: num,
  nobs: z.number(),
  ngroups: z.record(z.string(), z.number()),
  isSingular: z.boolean(),
  confint_wald: z.array(nums),
  optimizer: z.object({ converged: z.boolean(), message: z.string() }).optional(),
});

/** nlme's lmList numbers: per group coef(m), intervals(m) and the rows fitted (failed: why lm stopped there). */
const LmListFit = z.object({
  group: z.string(),
  groups: z.array(z.string()),
  names: z.array(z.string()),
  coef: z.array(nums),
  lower: z.array(nums),
  upper: z.array(nums),
  level: z.number(),
  pooled_sigma: z.number(),
  df_pooled: z.number(),
  nobs: z.array(z.number()),
  nobs_total: z.number(),
  failed: z.array(z.string().nullable()),
  empty_groups: z.array(z.string()),
});

/** glmer's numbers (engine glmm/results.ts); odds_ratios only for the logit link. */
const GlmerFit = z.object({
  fixef: z.object({ names: z.array(z.string()), estimate: nums, se: nums, statistic: nums, p: nums }),
  varcorr: z.array(VarCorrTerm),
  logLik: num,
  df: z.number(),
  AIC: num,
  BIC: num,
  df_resid: z.number(),
  nobs: z.number(),
  ngroups: z.record(z.string(), z.number()),
  isSingular: z.boolean(),
  family: z.string(),
  link: z.string(),
  nAGQ: z.number(),
  optimizer: z.object({ converged: z.boolean(), message: z.string() }),
  odds_ratios: z.object({ names: z.array(z.string()), estimate: nums, lower: nums, upper: nums, level: z.number() }).optional(),
  /** Absent in fits stored before Nestor reported them. */
  confint_wald: z.array(nums).optional(),
});

/** The badge's method for a glmer model: lme4's family, link and approximation. */
export function glmerMethod(spec: Pick<ModelSpec, 'family' | 'link' | 'nAGQ'>): string {
  const family = spec.family ?? 'binomial';
  const nAGQ = spec.nAGQ ?? 1;
  const how = nAGQ === 1 ? 'Laplace' : `adaptive Gauss-Hermite, nAGQ = ${nAGQ}`;
  return `${family} (${spec.link ?? GLMER_LINKS[family][0]}) · ${how}`;
}

const EST: ColumnFormat = { digits: 4 };

/** A coefficient table's columns: the term, its estimate and standard error, then the test's (and intervals') own. */
export function coefColumns(...rest: FitColumn[]): FitColumn[] {
  return [{ label: 'Term' }, { label: 'Estimate', format: EST }, { label: 'Std. Error', format: EST }, ...rest];
}
const STAT: ColumnFormat = { digits: 7 };
const COUNT: ColumnFormat = { digits: 15 };

export function fitTables(value: ModelFitValue): FitTables {
  if (value.kind === 'lm') {
    const parsed = LmFit.safeParse(value.fit);
    return parsed.success ? { ok: true, tables: lmTables(parsed.data), isSingular: false, notConverged: null } : unreadable(parsed.error);
  }
  if (value.kind === 'lmList') {
    const parsed = LmListFit.safeParse(value.fit);
    return parsed.success ? { ok: true, tables: lmListTables(parsed.data), isSingular: false, notConverged: null } : unreadable(parsed.error);
  }
  if (value.kind === 'glmer') {
    const parsed = GlmerFit.safeParse(value.fit);
    if (!parsed.success) return unreadable(parsed.error);
    const fit = parsed.data;
    return { ok: true, tables: glmerTables(fit), isSingular: fit.isSingular, notConverged: fit.optimizer.converged ? null : fit.optimizer.message };
  }
  const parsed = LmerFit.safeParse(value.fit);
  if (!parsed.success) return unreadable(parsed.error);
  const fit = parsed.data;
  return {
    ok: true,
    tables: lmerTables(fit),
    isSingular: fit.isSingular,
    notConverged: fit.optimizer && !fit.optimizer.converged ? fit.optimizer.message : null,
  };
}

function unreadable(error: z.ZodError): FitTables {
  const issue = error.issues[0];
  return { ok: false, message: `the stored fit has no readable ${issue?.path.join('.') || 'numbers'} (${issue?.message ?? 'unknown problem'}).` };
}

function lmTables(fit: z.infer<typeof LmFit>): FitTable[] {
  const { coef } = fit;
  const fixef: FitTable = {
    id: 'fixef',
    title: 'Coefficients',
    columns: coefColumns(
      { label: 't value', tip: 't', format: EST },
      { label: 'Pr(>|t|)', tip: 'p', format: { pvalue: true } },
      { label: '2.5 %', tip: 'confint', format: EST },
      { label: '97.5 %', tip: 'confint', format: EST },
    ),
    rows: coef.names.map((name, j) => ({
      cells: [name, coef.estimate[j], coef.se[j], coef.t[j], coef.p[j], fit.confint[j]?.[0] ?? null, fit.confint[j]?.[1] ?? null],
    })),
    note:
      `95% confidence intervals from the t distribution on ${fit.df_resid} residual degrees of freedom.` +
      (fit.aliased.length ? ` Not estimable (a combination of earlier columns): ${fit.aliased.join(', ')}.` : ''),
  };
  const rows: FitRow[] = [
    { cells: ['Observations', fit.nobs], format: COUNT },
    { cells: ['Residual degrees of freedom', fit.df_resid], format: COUNT },
    { cells: ['σ (residual SD)', fit.sigma], tip: 'sigma', format: EST },
    { cells: ['R²', fit.r_squared], tip: 'r2', format: EST },
    { cells: ['Adjusted R²', fit.adj_r_squared], tip: 'r2', format: EST },
  ];
  if (fit.fstatistic) {
    const [f, numdf, dendf] = fit.fstatistic;
    rows.push({ cells: [`F statistic on ${numdf} and ${dendf} DF`, f], tip: 'fstat', format: EST });
    rows.push({ cells: ['p-value of F', fit.f_p], tip: 'fstat', format: { pvalue: true } });
  }
  rows.push(
    { cells: ['logLik', fit.logLik], tip: 'logLik' },
    { cells: ['AIC', fit.AIC], tip: 'aic' },
    { cells: ['BIC', fit.BIC], tip: 'bic' },
  );
  return [fixef, statsTable(rows)];
}

/**
 * One row per group: its rows, then each coefficient with the limits of nlme's
 * intervals(m) beside it, NA (empty) where nlme has NA.
 */
function lmListTables(fit: z.infer<typeof LmListFit>): FitTable[] {
  const percent = `${Math.round(fit.level * 1000) / 10}%`;
  const groups: FitTable = {
    id: 'groups',
    title: `Coefficients by ${fit.group}, with ${percent} intervals`,
    columns: [
      { label: fit.group },
      { label: 'Rows', format: COUNT },
      ...fit.names.flatMap((name): FitColumn[] => [
        { label: name, format: EST },
        { label: `${name} lower`, tip: 'pooled', format: EST },
        { label: `${name} upper`, tip: 'pooled', format: EST },
      ]),
    ],
    rows: fit.groups.map((group, k) => ({
      cells: [group, fit.nobs[k], ...fit.names.flatMap((_, j) => [fit.coef[k][j] ?? null, fit.lower[k][j] ?? null, fit.upper[k][j] ?? null])],
    })),
    note:
      `${percent} intervals as nlme’s intervals(): estimate ± t × standard error, with the residual SD pooled over the groups ` +
      `(σ = ${formatNumber(fit.pooled_sigma)} on ${fit.df_pooled} degrees of freedom). Empty cells are NA.`,
  };
  const fitted = fit.failed.filter((f) => f === null).length;
  const rows: FitRow[] = [
    { cells: ['Regressions fitted', fitted], format: COUNT },
    { cells: ['Observations', fit.nobs_total], format: COUNT },
    { cells: ['Coefficients per regression', fit.names.length], format: COUNT },
    { cells: ['σ (residual SD, pooled)', fit.pooled_sigma], tip: 'pooled', format: STAT },
    { cells: ['Residual degrees of freedom', fit.df_pooled], format: COUNT },
  ];
  if (fitted < fit.groups.length) rows.push({ cells: [`Levels of ${fit.group} where lm failed (NA rows)`, fit.groups.length - fitted], format: COUNT });
  if (fit.empty_groups.length) rows.push({ cells: [`Levels of ${fit.group} with no rows`, fit.empty_groups.join(', ')] });
  return [groups, statsTable(rows)];
}

function statsTable(rows: FitRow[]): FitTable {
  return { id: 'stats', title: 'Model fit', columns: [{ label: 'Statistic' }, { label: 'Value', format: STAT }], rows };
}

/** One row per variance component; lmer adds the residual's. */
function varianceRows(varcorr: z.infer<typeof VarCorrTerm>[]): FitRow[] {
  return varcorr.flatMap((term) => term.names.map((name, j) => ({ cells: [term.term_group ?? term.group, name, term.variance[j], term.sd[j]] })));
}

function correlationRows(varcorr: z.infer<typeof VarCorrTerm>[]): FitRow[] {
  return varcorr.flatMap((term) =>
    term.corr === null
      ? []
      : term.names.flatMap((name, j) => term.names.slice(0, j).map((other, k) => ({ cells: [term.term_group ?? term.group, name, other, term.corr![j][k] ?? null] }))),
  );
}

function groupsNote(ngroups: Record<string, number>): string {
  return `Number of groups: ${Object.entries(ngroups)
    .map(([group, n]) => `${group} ${n}`)
    .join(', ')}. Each group’s own effects are its conditional modes.`;
}

/**
 * summary(glmer)'s blocks as tables: fixed effects with z tests, the variance components
 * (on the link scale, no residual), the fit statistics of its AIC line, and for logit
 * models the odds ratios the engine computed with their Wald intervals.
 */
function glmerTables(fit: z.infer<typeof GlmerFit>): FitTable[] {
  const { fixef } = fit;
  const tables: FitTable[] = [
    {
      id: 'fixef',
      title: 'Fixed effects',
      columns: coefColumns(
        { label: 'z value', tip: 'z', format: EST },
        { label: 'Pr(>|z|)', tip: 'pz', format: { pvalue: true } },
        { label: 'Wald 2.5 %', tip: 'wald', format: EST },
        { label: 'Wald 97.5 %', tip: 'wald', format: EST },
      ),
      rows: fixef.names.map((name, j) => ({
        cells: [name, fixef.estimate[j], fixef.se[j], fixef.statistic[j], fixef.p[j], fit.confint_wald?.[j]?.[0] ?? null, fit.confint_wald?.[j]?.[1] ?? null],
      })),
      note: `Estimates on the ${fit.link} scale of the ${fit.family} family; z tests and 95% Wald intervals (estimate ± 1.96 SE) from the normal approximation, as lme4 gives them.`,
    },
  ];
  const odds = fit.odds_ratios;
  if (odds) {
    const percent = `${Math.round(odds.level * 1000) / 10}%`;
    const tail = (1 - odds.level) / 2;
    tables.push({
      id: 'odds',
      title: 'Odds ratios',
      tip: 'oddsRatio',
      columns: [
        { label: 'Term' },
        { label: 'Odds ratio', format: EST },
        { label: `${Math.round(tail * 1000) / 10} %`, tip: 'wald', format: EST },
        { label: `${Math.round((1 - tail) * 1000) / 10} %`, tip: 'wald', format: EST },
      ],
      rows: odds.names.map((name, j) => ({ cells: [name, odds.estimate[j], odds.lower[j], odds.upper[j]] })),
      note: `exp(estimate), with ${percent} Wald intervals exp(estimate ± 1.96 × standard error), as exp(confint(m, method = "Wald")). The intercept’s is the odds at 0 of every predictor, not a ratio.`,
    });
  }
  tables.push({
    id: 'ranef',
    title: 'Random effects',
    tip: 'varianceGlmer',
    columns: [{ label: 'Group' }, { label: 'Term' }, { label: 'Variance', format: EST }, { label: 'Std. Dev.', format: EST }],
    rows: varianceRows(fit.varcorr),
    note: groupsNote(fit.ngroups),
    noteTip: 'condModes',
  });
  const correlations = correlationRows(fit.varcorr);
  if (correlations.length) {
    tables.push({ id: 'corr', title: 'Correlations of random effects', tip: 'corr', columns: [{ label: 'Group' }, { label: 'Term' }, { label: 'with' }, { label: 'Corr', format: EST }], rows: correlations });
  }
  tables.push(
    statsTable([
      { cells: ['Observations', fit.nobs], format: COUNT },
      ...Object.entries(fit.ngroups).map(([group, n]) => ({ cells: [`Groups: ${group}`, n], format: COUNT })),
      { cells: ['Parameters', fit.df], format: COUNT },
      { cells: ['AIC', fit.AIC], tip: 'aic' },
      { cells: ['BIC', fit.BIC], tip: 'bic' },
      { cells: ['logLik', fit.logLik], tip: 'logLik' },
      // The summary's deviance column is −2·logLik (lme4's llikAIC), as printed beside AIC.
      { cells: ['deviance', fit.logLik === null ? null : -2 * fit.logLik], tip: 'deviance' },
      { cells: ['df.resid', fit.df_resid], format: COUNT },
    ]),
  );
  return tables;
}

function lmerTables(fit: z.infer<typeof LmerFit>): FitTable[] {
  const { fixef } = fit;
  const tables: FitTable[] = [
    {
      id: 'fixef',
      title: 'Fixed effects',
      columns: coefColumns({ label: 't value', tip: 't', format: EST }, { label: 'Wald 2.5 %', tip: 'wald', format: EST }, { label: 'Wald 97.5 %', tip: 'wald', format: EST }),
      rows: fixef.names.map((name, j) => ({
        cells: [name, fixef.estimate[j], fixef.se[j], fixef.statistic[j], fit.confint_wald[j]?.[0] ?? null, fit.confint_wald[j]?.[1] ?? null],
      })),
      note: '95% Wald intervals: estimate ± 1.96 standard errors.',
    },
  ];
  const sigma = fit.sigma;
  tables.push({
    id: 'ranef',
    title: 'Random effects',
    tip: 'variance',
    columns: [{ label: 'Group' }, { label: 'Term' }, { label: 'Variance', format: EST }, { label: 'Std. Dev.', format: EST }],
    rows: [
      ...fit.varcorr.flatMap((term) => term.names.map((name, j) => ({ cells: [term.term_group ?? term.group, name, term.variance[j], term.sd[j]] }))),
      { cells: ['Residual', '', sigma === null ? null : sigma * sigma, sigma] },
    ],
    note: `Number of groups: ${Object.entries(fit.ngroups)
      .map(([group, n]) => `${group} ${n}`)
      .join(', ')}. Each group’s own effects are its conditional modes.`,
    noteTip: 'condModes',
  });
  const correlations = fit.varcorr.flatMap((term) =>
    term.corr === null
      ? []
      : term.names.flatMap((name, j) => term.names.slice(0, j).map((other, k) => ({ cells: [term.term_group ?? term.group, name, other, term.corr![j][k] ?? null] }))),
  );
  if (correlations.length) {
    tables.push({
      id: 'corr',
      title: 'Correlations of random effects',
      tip: 'corr',
      columns: [{ label: 'Group' }, { label: 'Term' }, { label: 'with' }, { label: 'Corr', format: EST }],
      rows: correlations,
    });
  }
  const criterion: FitRow =
    fit.REMLcrit !== null
      ? { cells: ['REML criterion at convergence', fit.REMLcrit], tip: 'reml' }
      : { cells: ['Deviance (ML)', fit.deviance_ml], tip: 'deviance' };
  tables.push(
    statsTable([
      { cells: ['Observations', fit.nobs], format: COUNT },
      ...Object.entries(fit.ngroups).map(([group, n]) => ({ cells: [`Groups: ${group}`, n], format: COUNT })),
      { cells: ['Parameters', fit.df], format: COUNT },
      criterion,
      { cells: ['logLik', fit.logLik], tip: 'logLik' },
      { cells: ['AIC', fit.AIC], tip: 'aic' },
      { cells: ['BIC', fit.BIC], tip: 'bic' },
      { cells: ['σ (residual SD)', sigma], tip: 'sigma', format: EST },
    ]),
  );
  return tables;
}

/** The table as it leaves the app, rows in the order shown. */
export function exportOf(table: FitTable, rows: FitRow[] = table.rows): ExportTable {
  return {
    title: table.title,
    columns: table.columns.map((c) => c.label),
    rows: rows.map((r) => r.cells),
    formats: table.columns.map((c) => c.format),
    rowFormats: rows.map((r) => r.format),
  };
}
