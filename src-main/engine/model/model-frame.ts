import type { Expr } from '@shared/expr/ast';
import { printExpression } from '@shared/expr/print';
import { AppError } from '@shared/errors';
import type { ParsedFormula } from '@shared/formula/types';
import { columnLength, MISSING_CODE, type Column } from '../data/column';
import type { DataFrame } from '../data/frame';
import { evaluate } from '../recipes/evaluate';
import { asFactor, dropUnusedLevels, gatherColumn, interactAll, type Factor } from './factors';

/**
 * R's model.frame for lm and lmer: every variable the formula uses (response,
 * fixed terms, offsets, random-effect slopes and grouping factors) evaluated over
 * the data, the subset applied, then every row with a missing value in any of
 * them dropped (na.omit), then factor levels no longer present dropped
 * (drop.unused.levels = TRUE, which lm and lmer both ask for).
 */

export type ModelResponse =
  /** A numeric or logical response; a factor response is 0 for its first level and 1 otherwise (R's binomial family), with its levels. */
  | { kind: 'vector'; label: string; y: Float64Array; levels: string[] | null }
  /** cbind(successes, failures) for a binomial model. */
  | { kind: 'binomial'; label: string; successes: Float64Array; failures: Float64Array };

export interface GroupingFactor {
  /** As lme4 names it: "school", "g2:g1". */
  label: string;
  codes: Int32Array;
  levels: string[];
}

export interface ModelFrame {
  formula: ParsedFormula;
  /** Rows used. */
  n: number;
  /** The data rows (0-based) used, in order. */
  rows: Int32Array;
  /** Each variable by its deparsed expression ("standLRT", "I(x^2)", "sex"), restricted to the rows used. */
  variables: Map<string, Column>;
  response: ModelResponse | null;
  /** The sum of the offsets, or null when there are none. */
  offset: Float64Array | null;
  /** One per distinct grouping factor of the random terms, by label. */
  groups: Map<string, GroupingFactor>;
  dropped: { subset: number; missing: number };
  messages: string[];
}

export interface ModelFrameOptions {
  /** 1 = keep the row (R's subset argument). */
  subset?: Uint8Array;
}

export function buildModelFrame(parsed: ParsedFormula, frame: DataFrame, options: ModelFrameOptions = {}): ModelFrame {
  const used = new Map<string, Expr>();
  const use = (e: Expr): void => {
    const key = printExpression(e);
    if (!used.has(key)) used.set(key, e);
  };
  const response = parsed.response;
  const cbindArgs = response ? binomialArgs(response, parsed.text) : null;
  if (cbindArgs) cbindArgs.forEach(use);
  else if (response) use(response);
  parsed.variables.forEach(use);
  parsed.offsets.forEach(use);
  for (const r of parsed.random) {
    for (const t of r.terms) t.factors.forEach(use);
    r.group.forEach(use);
  }

  const full = new Map<string, Column>();
  const warnings: string[] = [];
  for (const [key, e] of used) {
    const column = evaluate(e, frame, { what: 'formula', source: parsed.text, warnings });
    if (columnLength(column) !== frame.rows) {
      throw new AppError('bad-input', `In the formula "${parsed.source}": ${key} gives ${columnLength(column)} values for ${frame.rows} rows.`);
    }
    full.set(key, column);
  }

  const { rows, dropped, messages } = keptRows(full, frame.rows, options.subset);
  if (rows.length === 0) {
    throw new AppError('bad-input', `In the formula "${parsed.source}": no rows are left to fit (${describeDrops(dropped, messages)}).`);
  }
  const all = rows.length === frame.rows ? null : rows;
  const variables = new Map<string, Column>();
  for (const [key, column] of full) {
    const c = gatherColumn(column, all);
    checkFinite(key, c, rows, parsed.source);
    variables.set(key, c);
  }

  return {
    formula: parsed,
    n: rows.length,
    rows,
    variables,
    response: response ? modelResponse(response, cbindArgs, variables, parsed.source) : null,
    offset: offsetSum(parsed, variables, rows.length),
    groups: groupingFactors(parsed, variables),
    dropped,
    messages: [...warnings, ...messages],
  };
}

/** The two columns of a cbind() response, or null for an ordinary response. */
function binomialArgs(response: Expr, text: string): Expr[] | null {
  if (response.type !== 'call' || response.fn !== 'cbind') return null;
  if (response.args.length !== 2 || response.args.some((a) => a.name)) {
    throw new AppError(
      'bad-input',
      `In the formula "${text}": a cbind() response takes two columns, successes and failures, e.g. cbind(incidence, size - incidence).`,
    );
  }
  return response.args.map((a) => a.value);
}

function keptRows(
  columns: Map<string, Column>,
  nRows: number,
  subset: Uint8Array | undefined,
): { rows: Int32Array; dropped: ModelFrame['dropped']; messages: string[] } {
  if (subset && subset.length !== nRows) throw new AppError('internal', `The subset has ${subset.length} entries for ${nRows} rows.`);
  const keep = subset ? Uint8Array.from(subset, (s) => (s ? 1 : 0)) : new Uint8Array(nRows).fill(1);
  let kept = 0;
  for (let i = 0; i < nRows; i++) kept += keep[i];
  const bySubset = nRows - kept;
  const perVariable: string[] = [];
  // Count per variable before removing any row, so each count reads "rows where this one is missing".
  const missing = new Uint8Array(nRows);
  for (const [key, c] of columns) {
    const count = c.kind === 'factor' ? markMissingCodes(c.codes, keep, missing) : markMissingValues(c.values, keep, missing);
    if (count > 0) perVariable.push(`${key} ${count}`);
  }
  let n = 0;
  for (let i = 0; i < nRows; i++) if (keep[i] && !missing[i]) n++;
  const rows = new Int32Array(n);
  for (let i = 0, j = 0; i < nRows; i++) if (keep[i] && !missing[i]) rows[j++] = i;
  const byMissing = kept - n;
  const messages: string[] = [];
  if (byMissing > 0) {
    messages.push(`${byMissing} observation${byMissing === 1 ? '' : 's'} deleted due to missingness (missing values: ${perVariable.join(', ')}).`);
  }
  return { rows, dropped: { subset: bySubset, missing: byMissing }, messages };
}

/** Marks the kept rows where the value is missing; returns how many. */
function markMissingCodes(codes: Int32Array, keep: Uint8Array, missing: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    if (keep[i] && codes[i] === MISSING_CODE) {
      count++;
      missing[i] = 1;
    }
  }
  return count;
}

function markMissingValues(values: Float64Array, keep: Uint8Array, missing: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (keep[i] && values[i] !== values[i]) {
      count++;
      missing[i] = 1;
    }
  }
  return count;
}

function describeDrops(dropped: ModelFrame['dropped'], messages: string[]): string {
  const parts = [];
  if (dropped.subset > 0) parts.push(`the subset removes ${dropped.subset}`);
  if (messages.length > 0) parts.push(messages.join(' '));
  return parts.length > 0 ? parts.join('; ') : 'the data have no rows';
}

/** lm and lmer stop at an infinite value ("NA/NaN/Inf in 'x'"); say which variable and row. */
function checkFinite(key: string, c: Column, rows: Int32Array, source: string): void {
  if (c.kind === 'factor') return;
  const v = c.values;
  let count = 0;
  let first = -1;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === Infinity || v[i] === -Infinity) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (count > 0) {
    throw new AppError(
      'bad-input',
      `In the formula "${source}": ${key} is infinite in ${count} row${count === 1 ? '' : 's'} (the first is data row ${rows[first] + 1}); ` +
        'a model cannot use infinite values. Filter those rows out or transform the variable differently.',
      { variable: key, row: rows[first] + 1 },
    );
  }
}

function numericValues(key: string, c: Column, role: string, source: string): Float64Array {
  if (c.kind === 'factor') throw new AppError('bad-input', `In the formula "${source}": ${role} ${key} must be numeric, but it is a factor.`);
  return c.values;
}

function modelResponse(response: Expr, cbindArgs: Expr[] | null, variables: Map<string, Column>, source: string): ModelResponse {
  const label = printExpression(response);
  if (cbindArgs) {
    const [s, f] = cbindArgs.map((e) => {
      const key = printExpression(e);
      return numericValues(key, variables.get(key)!, 'the binomial response column', source);
    });
    return { kind: 'binomial', label, successes: s, failures: f };
  }
  const c = variables.get(label)!;
  if (c.kind !== 'factor') return { kind: 'vector', label, y: c.values, levels: null };
  const y = new Float64Array(c.codes.length);
  for (let i = 0; i < y.length; i++) y[i] = c.codes[i] > 0 ? 1 : 0;
  return { kind: 'vector', label, y, levels: c.levels };
}

function offsetSum(parsed: ParsedFormula, variables: Map<string, Column>, n: number): Float64Array | null {
  if (parsed.offsets.length === 0) return null;
  const sum = new Float64Array(n);
  for (const e of parsed.offsets) {
    const key = printExpression(e);
    const v = numericValues(key, variables.get(key)!, 'the offset', parsed.source);
    for (let i = 0; i < n; i++) sum[i] += v[i];
  }
  return sum;
}

function groupingFactors(parsed: ParsedFormula, variables: Map<string, Column>): Map<string, GroupingFactor> {
  const groups = new Map<string, GroupingFactor>();
  for (const r of parsed.random) {
    if (groups.has(r.groupLabel)) continue;
    const factors: Factor[] = r.group.map((e) => dropUnusedLevels(asFactor(variables.get(printExpression(e))!)));
    const f = factors.length === 1 ? factors[0] : interactAll(factors);
    groups.set(r.groupLabel, { label: r.groupLabel, codes: f.codes, levels: f.levels });
  }
  return groups;
}
