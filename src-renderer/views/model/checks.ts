import type { Expr } from '@shared/expr/ast';
import { CONSTANT_NAMES } from '@shared/expr/functions';
import { printExpression } from '@shared/expr/print';
import { suggestion } from '@shared/expr/validate';
import type { ParsedFormula, RandomTerm, Term } from '@shared/formula/types';
import type { GlmerFamily, ModelKind } from '@shared/models';
import { formatCount } from '../../lib/format';
import type { FormulaReading } from './builder';

/**
 * What can be said about a model before fitting it, from the dataset's
 * description alone (column kinds, factor levels, missing counts): no data is
 * read, so every statement here is certain or says that it is a bound.
 */
export interface CheckColumn {
  name: string;
  kind: string;
  /** Unknown for variables computed by recipes. */
  missing?: number;
  levels?: string[];
}

export interface CheckInput {
  kind: ModelKind;
  formula: FormulaReading;
  columns: readonly CheckColumn[];
  rows: number;
  datasetName: string;
  /** A subset is set, or the dataset has filter recipes: counts are of the rows before them. */
  subset: boolean;
  filtered: boolean;
  /** lmList: rows per level of the grouping factor in the imported data, when they have been counted. */
  groupSizes?: ReadonlyMap<string, number> | null;
  /** glmer: the response's family (binomial by default). */
  family?: GlmerFamily;
}

export type CheckLevel = 'error' | 'warning' | 'note';

export interface Check {
  /** Stable per kind of check (and subject), for keyed lists and tests. */
  id: string;
  level: CheckLevel;
  message: string;
}

export function prefitChecks(input: CheckInput): Check[] {
  const { formula } = input;
  if (formula.state === 'empty') {
    return [{ id: 'no-formula', level: 'error', message: 'Choose the response: the numeric variable the model explains.' }];
  }
  if (formula.state === 'error') {
    const where = formula.problem.position === undefined ? '' : ` at character ${formula.problem.position}`;
    return [{ id: 'formula', level: 'error', message: `The formula has an error${where}: fix it above, or use the controls.` }];
  }
  const parsed = formula.parsed;
  const byName = new Map(input.columns.map((c) => [c.name, c]));
  const checks: Check[] = [];
  if (!parsed.response) checks.push({ id: 'no-response', level: 'error', message: 'The formula has no response: write it left of ~, e.g. normexam ~ standLRT.' });
  checks.push(...unknownNames(parsed, input));
  checks.push(...(input.kind === 'glmer' ? glmerResponse(parsed, byName, input.family ?? 'binomial') : responseKind(parsed, byName)));
  checks.push(...kindMatches(parsed, input.kind));
  if (input.kind === 'lmer' || input.kind === 'glmer') {
    checks.push(...groupingChecks(parsed, byName));
    checks.push(...slopesWithoutFixed(parsed));
  }
  const group = input.kind === 'lmList' ? (formula.group ?? null) : null;
  if (input.kind === 'lmList' && parsed.random.length === 0) checks.push(...lmListChecks(parsed, group, input, byName));
  checks.push(...missingRows(parsed, input, byName, group === null ? [] : [unquoteName(group)]));
  return checks;
}

export function hasErrors(checks: readonly Check[]): boolean {
  return checks.some((c) => c.level === 'error');
}

/** Every variable name an expression reads, in order, once each (function names are not variables). */
export function namesIn(e: Expr, out: string[] = []): string[] {
  switch (e.type) {
    case 'name':
      if (e.name !== '.' && !out.includes(e.name)) out.push(e.name);
      break;
    case 'paren':
      namesIn(e.inner, out);
      break;
    case 'unary':
      namesIn(e.arg, out);
      break;
    case 'binary':
      namesIn(e.left, out);
      namesIn(e.right, out);
      break;
    case 'call':
      for (const a of e.args) namesIn(a.value, out);
      break;
  }
  return out;
}

/** The variables the model frame will hold: response, fixed, offsets, slopes and grouping factors. */
export function modelVariables(parsed: ParsedFormula): string[] {
  const out: string[] = [];
  if (parsed.response) namesIn(parsed.response, out);
  for (const v of parsed.variables) namesIn(v, out);
  for (const o of parsed.offsets) namesIn(o, out);
  for (const r of parsed.random) {
    for (const t of r.terms) for (const f of t.factors) namesIn(f, out);
    for (const g of r.group) namesIn(g, out);
  }
  return out;
}

function unknownNames(parsed: ParsedFormula, input: CheckInput): Check[] {
  const names = input.columns.map((c) => c.name);
  return modelVariables(parsed)
    .filter((n) => !names.includes(n) && !(n in CONSTANT_NAMES))
    .map((n) => ({
      id: `unknown:${n}`,
      level: 'error' as const,
      message: `There is no variable "${n}" in ${input.datasetName}${suggestion(n, names)}.`,
    }));
}

function responseKind(parsed: ParsedFormula, byName: Map<string, CheckColumn>): Check[] {
  const r = parsed.response;
  if (r?.type !== 'name') return [];
  const column = byName.get(r.name);
  if (column?.kind !== 'factor') return [];
  const levels = column.levels ?? [];
  const shown = levels.length > 0 && levels.length <= 4 ? ` (${levels.join(', ')})` : '';
  return [
    {
      id: 'response-factor',
      level: 'error',
      message: `The response ${r.name} is a factor${shown}; a linear model explains a numeric response. Choose a numeric variable.`,
    },
  ];
}

/**
 * What a glmer family asks of the response: binomial takes 0/1 values, a two-level
 * factor (the second level is the success) or cbind(successes, failures); poisson takes
 * counts. The values themselves are checked by the fit, which names the first bad row.
 */
function glmerResponse(parsed: ParsedFormula, byName: Map<string, CheckColumn>, family: GlmerFamily): Check[] {
  const r = parsed.response;
  if (!r) return [];
  if (r.type === 'call' && r.fn === 'cbind') {
    if (family === 'binomial') return [];
    return [{ id: 'glmer-cbind-family', level: 'error', message: 'cbind(successes, failures) is a binomial response; choose the binomial family, or give the counts alone for poisson.' }];
  }
  if (r.type !== 'name') return [];
  const column = byName.get(r.name);
  if (!column) return [];
  if (family === 'binomial') {
    if (column.kind === 'factor') {
      const levels = column.levels ?? [];
      if (levels.length === 2) return [{ id: 'glmer-factor-response', level: 'note', message: `${r.name} is a factor: the model gives the chance of "${levels[1]}" (its second level) rather than "${levels[0]}".` }];
      return [
        {
          id: 'glmer-binomial-levels',
          level: 'error',
          message: `A binomial response must be 0/1, a factor with two levels, or cbind(successes, failures); ${r.name} is a factor with ${levels.length} levels. Make a 0/1 variable with a recipe, such as ${r.name}_yes = ifelse(${r.name} == "${levels[levels.length - 1] ?? 'yes'}", 1, 0).`,
        },
      ];
    }
    if (column.kind === 'logical') return [];
    return [{ id: 'glmer-binomial-values', level: 'note', message: `A binomial response must be 0 or 1 in every row (1 for the outcome counted); the fit stops at the first row of ${r.name} that is not.` }];
  }
  if (column.kind === 'factor') {
    return [{ id: 'glmer-poisson-factor', level: 'error', message: `A poisson response must be counts (0, 1, 2, …); ${r.name} is a factor. Choose a numeric variable of counts, or the binomial family for a yes/no outcome.` }];
  }
  if (column.kind !== 'integer') {
    return [{ id: 'glmer-poisson-values', level: 'note', message: `A poisson response must be counts: whole numbers 0 or more. ${r.name} is ${column.kind}; the fit stops at the first row that is not a count.` }];
  }
  return [];
}

function kindMatches(parsed: ParsedFormula, kind: ModelKind): Check[] {
  if (kind === 'glmer' && parsed.random.length === 0) {
    return [{ id: 'glmer-no-random', level: 'error', message: 'A generalized linear mixed model needs at least one random-effects term, such as (1 | school); add one.' }];
  }
  if (kind === 'lmer' && parsed.random.length === 0) {
    return [{ id: 'lmer-no-random', level: 'error', message: 'A linear mixed model needs at least one random-effects term, such as (1 | school); add one, or fit a linear model (lm).' }];
  }
  if (kind === 'lm' && parsed.random.length > 0) {
    return [{ id: 'lm-random', level: 'error', message: 'A linear model (lm) has no random effects; choose a linear mixed model (lmer), or remove the terms in parentheses.' }];
  }
  if (kind === 'lmList' && parsed.random.length > 0) {
    return [
      {
        id: 'lmlist-random',
        level: 'error',
        message: 'lmList fits an ordinary regression in each group and has no random effects; remove the terms in parentheses and give the group after "|", or choose a linear mixed model (lmer).',
      },
    ];
  }
  return [];
}

/** A name as the formula writes it, without R's backticks: `my var` → my var. */
export function unquoteName(written: string): string {
  return written.length > 1 && written.startsWith('`') && written.endsWith('`') ? written.slice(1, -1).replace(/\\(.)/g, '$1') : written;
}

/**
 * lmList's grouping factor: given, a factor of the data, and with levels that have rows
 * enough for the regression's coefficients. A level with fewer rows than coefficients
 * gets NA coefficients from lmList, one with exactly as many fits them exactly and
 * gets no standard errors; the counts are of the imported rows, so they are bounds.
 */
function lmListChecks(parsed: ParsedFormula, group: string | null, input: CheckInput, byName: Map<string, CheckColumn>): Check[] {
  if (!group) {
    return [{ id: 'lmlist-no-group', level: 'error', message: 'Choose the grouping factor: lmList fits one regression per level of it, as in normexam ~ standLRT | school.' }];
  }
  const name = unquoteName(group);
  const column = byName.get(name);
  if (!column) {
    const names = input.columns.map((c) => c.name);
    return [{ id: `unknown:${name}`, level: 'error', message: `There is no variable "${name}" in ${input.datasetName}${suggestion(name, names)}.` }];
  }
  if (column.kind === 'integer') {
    return [{ id: `numeric-group:${name}`, level: 'note', message: `${name} is integer, not a factor; as in nlme, each of its distinct values will be a group.` }];
  }
  if (column.kind !== 'factor') {
    return [
      {
        id: `lmlist-group-kind:${name}`,
        level: 'error',
        message: `${name} is ${column.kind}, not a factor: lmList fits one regression per level of a factor. Make a factor of it with a recipe such as ${name}_f = factor(${name}), and group by that.`,
      },
    ];
  }
  if (column.levels?.length === 1) {
    return [{ id: `lmlist-one-level:${name}`, level: 'warning', message: `${name} has only one level ("${column.levels[0]}"), so lmList fits a single regression, the same as lm.` }];
  }
  const p = matrixColumns(parsed.intercept, parsed.terms, byName);
  const sizes = input.groupSizes;
  if (!sizes || p === null || p === 0) return [];
  const few: string[] = [];
  const exact: string[] = [];
  for (const level of column.levels ?? []) {
    const n = sizes.get(level) ?? 0;
    if (n > 0 && n < p) few.push(`${level} (${formatCount(n)} ${n === 1 ? 'row' : 'rows'})`);
    else if (n > 0 && n === p) exact.push(level);
  }
  const before = input.subset || input.filtered ? ` (counted before the ${input.subset && input.filtered ? 'subset and the dataset’s filters' : input.subset ? 'subset' : 'dataset’s filters'})` : '';
  const coefficients = `${p} coefficient${p === 1 ? '' : 's'}`;
  const checks: Check[] = [];
  if (few.length) {
    checks.push({
      id: 'lmlist-few-rows',
      level: 'warning',
      message: `${few.length === 1 ? `${name} ${few[0]} has` : `${few.length} levels of ${name} have`} fewer rows than the ${coefficients} of each regression${before}, so lmList gives ${few.length === 1 ? 'it' : 'them'} NA coefficients${few.length === 1 ? '' : `: ${shortList(few)}`}.`,
    });
  }
  if (exact.length) {
    checks.push({
      id: 'lmlist-exact-rows',
      level: 'note',
      message: `${exact.length === 1 ? `${name} ${exact[0]} has` : `${exact.length} levels of ${name} have`} exactly as many rows as the ${coefficients}${before}: ${exact.length === 1 ? 'its regression goes' : 'their regressions go'} through every point, with no standard errors or intervals${exact.length === 1 ? '' : ` (${shortList(exact)})`}.`,
    });
  }
  return checks;
}

function shortList(items: string[], max = 10): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function levelsOf(e: Expr, byName: Map<string, CheckColumn>): number | null {
  if (e.type !== 'name') return null;
  const c = byName.get(e.name);
  return c?.kind === 'factor' && c.levels ? c.levels.length : null;
}

function groupingChecks(parsed: ParsedFormula, byName: Map<string, CheckColumn>): Check[] {
  const checks: Check[] = [];
  const seen = new Set<string>();
  for (const atom of parsed.random.flatMap((r) => r.group)) {
    if (atom.type !== 'name' || seen.has(atom.name)) continue;
    seen.add(atom.name);
    const c = byName.get(atom.name);
    if (!c) continue;
    if (c.kind === 'factor' && c.levels?.length === 1) {
      checks.push({
        id: `one-level:${atom.name}`,
        level: 'error',
        message: `The grouping factor ${atom.name} has only one level ("${c.levels[0]}"): there is nothing to vary between groups. Choose a factor with two or more levels.`,
      });
    } else if (c.kind !== 'factor') {
      checks.push({
        id: `numeric-group:${atom.name}`,
        level: 'note',
        message: `${atom.name} is ${c.kind}, not a factor; as in lme4, each of its distinct values will be a group.`,
      });
    }
  }
  for (const r of parsed.random) {
    // Upper bound on the groups: the product of the declared levels (unused combinations do not count).
    let groups = 1;
    for (const atom of r.group) {
      const k = levelsOf(atom, byName);
      if (k === null) {
        groups = Number.POSITIVE_INFINITY;
        break;
      }
      groups *= k;
    }
    const q = randomColumns(r, byName);
    if (q === null || groups < 2 || q < groups) continue;
    const what = r.group.length === 1 ? `${r.groupLabel} has only ${formatCount(groups)} levels` : `${r.groupLabel} has at most ${formatCount(groups)} groups`;
    checks.push({
      id: `q-vs-levels:${r.source}:${r.groupLabel}`,
      level: 'warning',
      message: `${r.source} gives each ${r.groupLabel} ${q} random effects, but ${what}: so few groups cannot support a ${q} × ${q} covariance matrix, and the fit is likely to be singular. Fewer slopes, or uncorrelated terms (||), ask less of the data.`,
    });
  }
  return checks;
}

/**
 * Columns of a random-effects term's model matrix (lme4's q), by R's coding rule: a factor
 * in a term gets contrasts (k − 1 columns) when the term without it is already in the
 * model, else indicators (k columns). Null when a variable's columns are not known.
 */
export function randomColumns(r: RandomTerm, byName: Map<string, CheckColumn>): number | null {
  return matrixColumns(r.intercept, r.terms, byName);
}

/** Columns of model.matrix for an intercept and terms in R's order (aliased columns included). */
export function matrixColumns(intercept: boolean, terms: readonly Term[], byName: Map<string, CheckColumn>): number | null {
  let total = intercept ? 1 : 0;
  let emptyPresent = intercept;
  const earlier: Set<string>[] = [];
  for (const term of terms) {
    const cols = termColumns(term, earlier, emptyPresent, byName);
    if (cols === null) return null;
    total += cols.columns;
    emptyPresent ||= cols.indicatorFromEmpty;
    earlier.push(new Set(term.factors.map(printExpression)));
  }
  return total;
}

function termColumns(
  term: Term,
  earlier: Set<string>[],
  emptyPresent: boolean,
  byName: Map<string, CheckColumn>,
): { columns: number; indicatorFromEmpty: boolean } | null {
  const keys = term.factors.map(printExpression);
  let columns = 1;
  let indicatorFromEmpty = false;
  term.factors.forEach((f, i) => {
    if (f.type !== 'name') return;
    const c = byName.get(f.name);
    if (!c) columns = Number.NaN;
    if (c?.kind !== 'factor') return;
    const k = c.levels?.length ?? Number.NaN;
    const margin = keys.filter((_, j) => j !== i);
    const present = margin.length === 0 ? emptyPresent : earlier.some((s) => s.size === margin.length && margin.every((m) => s.has(m)));
    columns *= present ? k - 1 : k;
    if (!present && margin.length === 0) indicatorFromEmpty = true;
  });
  return Number.isNaN(columns) ? null : { columns, indicatorFromEmpty };
}

function slopesWithoutFixed(parsed: ParsedFormula): Check[] {
  const fixed = new Set(parsed.terms.map((t) => t.label));
  const checks: Check[] = [];
  const seen = new Set<string>();
  for (const r of parsed.random) {
    for (const t of r.terms) {
      const key = `${t.label}|${r.groupLabel}`;
      if (fixed.has(t.label) || seen.has(key)) continue;
      seen.add(key);
      checks.push({
        id: `slope-no-fixed:${key}`,
        level: 'note',
        message: `${t.label} varies by ${r.groupLabel} but has no fixed effect, so the ${r.groupLabel} slopes vary around 0 rather than around an average slope.`,
      });
    }
  }
  return checks;
}

function missingRows(parsed: ParsedFormula, input: CheckInput, byName: Map<string, CheckColumn>, more: string[]): Check[] {
  const counted = [...new Set([...modelVariables(parsed), ...more])]
    .map((n) => byName.get(n))
    .filter((c): c is CheckColumn & { missing: number } => c?.missing !== undefined && c.missing > 0)
    .sort((a, b) => b.missing - a.missing);
  if (counted.length === 0) return [];
  const most = counted[0].missing;
  const sum = counted.reduce((s, c) => s + c.missing, 0);
  const names = orList(counted.map((c) => c.name));
  const before = input.subset && input.filtered ? ' (counted before the subset and the dataset’s filters)' : input.subset ? ' (counted before the subset)' : input.filtered ? ' (counted before the dataset’s filters)' : '';
  if (most >= input.rows) {
    return [{ id: 'missing-all', level: 'error', message: `Every row has a missing value in ${counted[0].name}; nothing would be left to fit.` }];
  }
  if (counted.length === 1) {
    const n = formatCount(most);
    return [{ id: 'missing', level: 'warning', message: `${n} ${most === 1 ? 'row has' : 'rows have'} a missing value in ${names} and will be left out${before}.` }];
  }
  // From column counts alone, the rows missing something lie between the largest count and the sum.
  const upper = Math.min(sum, input.rows);
  const each = counted.map((c) => `${formatCount(c.missing)} in ${c.name}`).join(', ');
  return [
    {
      id: 'missing',
      level: 'warning',
      message: `Between ${formatCount(most)} and ${formatCount(upper)} rows have a missing value in ${names} and will be left out${before}: ${each}.`,
    },
  ];
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
