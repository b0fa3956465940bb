import type { Expr } from '@shared/expr/ast';
import { printExpression } from '@shared/expr/print';
import { AppError } from '@shared/errors';
import { parseLmListFormula } from '@shared/formula/lm-list';
import type { ParsedFormula } from '@shared/formula/types';
import type { ModelFitValue } from '@shared/models';
import type { Column } from '../data/column';
import { findColumn, type DataFrame } from '../data/frame';
import { fitGroupOls, poolLmList, type FailedGroup, type GroupFit, type LmListFit } from '../lm/lm-list';
import { buildDesign } from '../model/design-columns';
import { asFactor, dropUnusedLevels } from '../model/factors';
import { buildModelFrame, type ModelFrame } from '../model/model-frame';
import { formatLmList } from '../print/lm-list';
import { numericResponse } from './lm-model';

/**
 * nlme's lmList(y ~ x | g, data, subset): the subset, then one lm per level of
 * g on that level's rows alone. Each group gets its own model frame, so a
 * factor keeps only the levels the group has (lm's drop.unused.levels), and a
 * group where a factor has a single level stops lm with "contrasts can be
 * applied only to factors with 2 or more levels": nlme keeps such a group as a
 * row of NA that adds nothing to the pooled residual SD. Rows with a missing
 * value in the model's variables are left out first (nlme's default,
 * na.fail, would stop at them instead; the app says so).
 */
export interface LmListModel {
  /** The regression fitted in every group, without the bar. */
  formula: ParsedFormula;
  group: string;
  /** The whole formula as R deparses it: normexam ~ standLRT | school. */
  source: string;
  fit: LmListFit;
  /** The rows used, over all groups. */
  frame: ModelFrame;
  /** Levels of the grouping factor with no rows in the data used (school 48 under school != 48). */
  empty: string[];
  /** Per group, why lm stopped there in words shared by such groups ("sex has only one level"), or null. */
  causes: (string | null)[];
  /** Each fitted group's fitted values by data row (0-based); rows of groups lm could not fit are absent (NA in nlme). */
  fittedByRow: Map<number, number>;
}

type GroupOutcome = (GroupFit & { fitted: Float64Array; rows: Int32Array }) | (FailedGroup & { cause: string });

export function fitLmListModel(formulaText: string, data: DataFrame, options: { subset?: Uint8Array } = {}): LmListModel {
  const { formula, group, source } = parseLmListFormula(formulaText);
  const groupExpr: Expr = { type: 'name', name: group, start: 0, end: 0 };
  // The grouping variable must be complete too, so it joins the model frame's variables.
  const frame = buildModelFrame({ ...formula, variables: [...formula.variables, groupExpr] }, data, options);
  numericResponse(frame, formula);
  const groupColumn = frame.variables.get(printExpression(groupExpr));
  if (!groupColumn) throw new AppError('internal', `The grouping variable ${group} is missing from the model frame.`);
  const factor = asFactor(groupColumn);
  const members: number[][] = factor.levels.map(() => []);
  factor.codes.forEach((code, i) => members[code].push(frame.rows[i]));

  const groups: string[] = [];
  const fits: GroupOutcome[] = [];
  factor.levels.forEach((level, g) => {
    if (members[g].length === 0) return;
    groups.push(level);
    fits.push(fitGroup(formula, data, Int32Array.from(members[g])));
  });
  const fit = poolLmList(groups, fits);
  const dataColumn = findColumn(data, group);
  const declared = dataColumn ? asFactor(dataColumn).levels : factor.levels;
  const causes = fits.map((f) => ('cause' in f ? f.cause : null));
  const fittedByRow = new Map<number, number>();
  for (const f of fits) if ('fitted' in f) f.rows.forEach((row, i) => fittedByRow.set(row, f.fitted[i]));
  return { formula, group, source, fit, frame, empty: declared.filter((level) => !groups.includes(level)), causes, fittedByRow };
}

/** One group's lm on its rows alone, or why lm would stop there. */
function fitGroup(formula: ParsedFormula, data: DataFrame, rows: Int32Array): GroupOutcome {
  // R's data[rows, ]: factors keep their levels until the model frame drops the unused ones.
  const sub: DataFrame = { rows: rows.length, columns: data.columns.map((c) => rowsOf(c, rows)) };
  let frame: ModelFrame;
  try {
    frame = buildModelFrame(formula, sub);
  } catch (error) {
    if (error instanceof AppError && error.code === 'bad-input') return { failed: error.message, cause: error.message, n: rows.length };
    throw error;
  }
  const responseKey = formula.response ? printExpression(formula.response) : null;
  const variables = new Map<string, Column>();
  for (const [key, column] of frame.variables) {
    if (column.kind !== 'factor') {
      variables.set(key, column);
      continue;
    }
    const used = dropUnusedLevels(column);
    if (key !== responseKey && used.levels.length < 2) {
      const cause = `${key} has only one level there, and lm's contrasts need two or more`;
      return { failed: `${key} has only one level (${used.levels[0]}) there, and lm's contrasts need two or more`, cause, n: rows.length };
    }
    variables.set(key, { ...column, codes: used.codes, levels: used.levels });
  }
  const y = numericResponse(frame, formula);
  const design = buildDesign(formula.terms, formula.intercept, variables, frame.n, `In the formula "${formula.source}"`);
  const fit = fitGroupOls({ X: design.X, n: frame.n, p: design.p, names: design.names }, y);
  // Fitted values Xb over the estimable columns (an aliased column's NA coefficient adds nothing, as in lm).
  const fitted = new Float64Array(frame.n);
  for (let j = 0; j < design.p; j++) {
    const b = fit.coef[j];
    if (!Number.isFinite(b)) continue;
    for (let i = 0; i < frame.n; i++) fitted[i] += design.X[j * frame.n + i] * b;
  }
  return { ...fit, fitted, rows: Int32Array.from(frame.rows, (r) => rows[r]) };
}

function rowsOf(column: Column, rows: Int32Array): Column {
  if (column.kind === 'factor') return { ...column, codes: Int32Array.from(rows, (i) => column.codes[i]) };
  return { ...column, values: Float64Array.from(rows, (i) => column.values[i]) };
}

/**
 * The model.fit job's lmList: the groups are the levels of a factor in their
 * order, or the distinct values of an id column of whole numbers in numeric
 * order (nlme groups a numeric school exactly as factor(school)); a variable
 * with fractional values is a measurement, not a grouping, and is refused. The
 * value holds nlme's print(m) and the numbers of coef(m), summary(m) and intervals(m).
 */
export function fitLmListValue(formulaText: string, data: DataFrame, options: { subset?: Uint8Array; dataName: string; warnings: string[] }): ModelFitValue {
  const { group } = parseLmListFormula(formulaText);
  const column = findColumn(data, group);
  if (column && column.kind !== 'factor' && !column.values.every((v) => Number.isNaN(v) || Number.isInteger(v))) {
    throw new AppError(
      'bad-input',
      `The grouping variable ${group} holds numbers that are not whole (ids), so it cannot group: lmList fits one regression per level of a factor. Make one with a recipe such as ${group}_f = factor(${group}) and group by it.`,
    );
  }
  const model = fitLmListModel(formulaText, data, { subset: options.subset });
  return {
    kind: 'lmList',
    formula: model.source,
    text: formatLmList(model.fit, model.source, options.dataName),
    fit: lmListFitJson(model),
    messages: [...options.warnings, ...model.frame.messages, ...lmListNotes(model)],
  };
}

/** The numbers under the names of nlme's objects; NA as null, as JSON stores it. */
export function lmListFitJson(model: LmListModel): Record<string, unknown> {
  const { fit } = model;
  const na = (row: number[]) => row.map((v) => (Number.isFinite(v) ? v : null));
  return {
    group: model.group,
    groups: fit.groups,
    names: fit.names,
    coef: fit.coef.map(na),
    se: fit.se.map(na),
    t: fit.t.map(na),
    p: fit.p.map(na),
    lower: fit.lower.map(na),
    upper: fit.upper.map(na),
    level: fit.level,
    pooled_sigma: fit.pooled_sigma,
    df_pooled: fit.df_pooled,
    nobs: fit.nobs,
    nobs_total: fit.nobs.reduce((a, b, k) => a + (fit.failed[k] === null ? b : 0), 0),
    rank: fit.rank,
    sigma: na(fit.sigma),
    failed: fit.failed,
    empty_groups: model.empty,
  };
}

const LISTED = 12;

/** What a reader should know about the groups: the empty ones, the ones lm could not fit, NA coefficients and intervals. */
export function lmListNotes(model: LmListModel): string[] {
  const { fit, group } = model;
  const notes: string[] = [];
  if (model.empty.length) {
    notes.push(
      model.empty.length === 1
        ? `${group} ${model.empty[0]} has no rows in the data used, so it has no regression (lmList leaves out empty groups).`
        : `${model.empty.length} levels of ${group} have no rows in the data used, so they have no regression (lmList leaves out empty groups): ${listed(model.empty)}.`,
    );
  }
  const byReason = new Map<string, string[]>();
  model.causes.forEach((cause, k) => {
    if (cause !== null) byReason.set(cause, [...(byReason.get(cause) ?? []), fit.groups[k]]);
  });
  for (const [reason, groups] of byReason) {
    notes.push(
      `lm cannot be fitted in ${groups.length === 1 ? `${group} ${groups[0]}` : `${groups.length} levels of ${group} (${listed(groups)})`}: ${reason}. ` +
        'As in nlme, their coefficients are NA and they add nothing to the pooled residual SD.',
    );
  }
  const partial: string[] = [];
  const noDf: string[] = [];
  fit.groups.forEach((g, k) => {
    if (fit.failed[k] !== null) return;
    const missing = fit.names.filter((_, j) => Number.isNaN(fit.coef[k][j]));
    if (missing.length) partial.push(`${g} (${missing.join(', ')})`);
    else if (fit.nobs[k] === fit.rank[k]) noDf.push(g);
  });
  if (partial.length) {
    notes.push(
      `Not estimable from a group's own rows, so NA as lmList gives them (too few rows, a predictor that does not vary, or a level the group lacks): ${group} ${listed(partial)}.`,
    );
  }
  if (noDf.length) {
    notes.push(`No residual degrees of freedom (as many rows as coefficients), so no standard errors or intervals: ${group} ${listed(noDf)}.`);
  }
  return notes;
}

function listed(items: string[]): string {
  return items.length <= LISTED ? items.join(', ') : `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`;
}
