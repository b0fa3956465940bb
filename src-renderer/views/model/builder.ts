import { AppError } from '@shared/errors';
import { parseExpression } from '@shared/expr/parse';
import { printExpression } from '@shared/expr/print';
import { tokenize, type Token } from '@shared/expr/tokenize';
import { parseLmListFormula } from '@shared/formula/lm-list';
import { parseFormula } from '@shared/formula/parse-formula';
import { formulaFromSpec, printFormula, specFromFormula, type ModelSpec as BuilderSpec, type RandomSpec } from '@shared/formula/print-formula';
import type { ParsedFormula } from '@shared/formula/types';
import type { ModelKind } from '@shared/models';

export type { BuilderSpec, RandomSpec };

/**
 * The model builder's edits as pure functions of the spec, and the two ways
 * between spec and formula text. Every edit returns a new spec; the draft
 * writes it as a formula and reads it back, so the controls always show what
 * R's terms() makes of the formula (term order, duplicates, labels).
 */
export const EMPTY_SPEC: BuilderSpec = { response: '', fixed: [], intercept: true, random: [] };

/** A name as a formula writes it (backticks for names R would not read bare). */
export function quoteName(name: string): string {
  return printExpression({ type: 'name', name, start: 0, end: 0 });
}

/** A formula problem with the 1-based character it points at, when there is one. */
export interface FormulaProblem {
  message: string;
  /** The reason alone, without the "In the formula …, at character n:" preamble. */
  reason: string;
  position?: number;
}

export type FormulaReading =
  | { state: 'empty' }
  | {
      state: 'ok';
      /** For lmList, the regression of each group: the formula without its "| group". */
      parsed: ParsedFormula;
      spec: BuilderSpec | null;
      specProblem: string | null;
      /** lmList's grouping factor as the formula writes it; absent (or null while not yet given) otherwise. */
      group?: string | null;
    }
  | { state: 'error'; problem: FormulaProblem };

export function problemOf(err: unknown): FormulaProblem {
  if (!(err instanceof AppError)) throw err;
  const detail = err.detail as { position?: number } | undefined;
  const position = typeof detail?.position === 'number' ? detail.position : undefined;
  // syntaxError writes 'In the formula "…", at character n: reason.'; the caret shows where.
  const marker = position === undefined ? -1 : err.message.indexOf(`, at character ${position}: `);
  const reason = marker < 0 ? err.message : err.message.slice(marker + `, at character ${position}: `.length);
  const tidy = reason.charAt(0).toUpperCase() + reason.slice(1);
  return { message: err.message, reason: tidy, ...(position === undefined ? {} : { position }) };
}

/**
 * Parses typed formula text; `spec` is null when the formula parses but the builder cannot show it.
 * For lmList a formula that ends in "| group" is read as nlme writes it; one without the bar is
 * still read (as the response and predictors so far), with no group yet.
 */
export function readFormula(text: string, kind: ModelKind = 'lmer'): FormulaReading {
  if (text.trim() === '') return { state: 'empty' };
  let parsed: ParsedFormula;
  let group: string | null | undefined;
  try {
    if (kind === 'lmList' && endsInGroup(text)) {
      const lml = parseLmListFormula(text);
      parsed = lml.formula;
      group = quoteName(lml.group);
    } else {
      parsed = parseFormula(text);
      if (kind === 'lmList') group = null;
    }
  } catch (err) {
    return { state: 'error', problem: problemOf(err) };
  }
  const extra = group === undefined ? {} : { group };
  try {
    return { state: 'ok', parsed, spec: specFromFormula(parsed), specProblem: null, ...extra };
  } catch (err) {
    return { state: 'ok', parsed, spec: null, specProblem: problemOf(err).reason, ...extra };
  }
}

/** Whether the formula's right-hand side is `terms | group` (lmList's bar, outside any parentheses). */
function endsInGroup(text: string): boolean {
  let expr;
  try {
    expr = parseExpression(text, 'formula');
  } catch {
    return false;
  }
  const rhs = expr.type === 'binary' && expr.op === '~' ? expr.right : expr.type === 'unary' && expr.op === '~' ? expr.arg : null;
  return rhs?.type === 'binary' && rhs.op === '|';
}

/** lmList's formula: the regression of every group, then "| group". */
export function lmListText(regression: string, group: string): string {
  return `${regression} | ${group}`;
}

/** Kinds with random-effects terms: lmer and glmer. */
export function isMixed(kind: ModelKind): boolean {
  return kind === 'lmer' || kind === 'glmer';
}

/** What a switch of model kind works on: the controls' spec, lmList's group, random terms put aside. */
export interface KindState {
  kind: ModelKind;
  spec: BuilderSpec;
  /** lmList's grouping factor as written ('' for none). */
  group: string;
  /** Random terms put aside by a switch to lm or lmList, for a switch back to lmer. */
  stashed: RandomSpec[];
}

/**
 * Another kind of model from the same response and predictors: lm and lmList put
 * the random terms aside (lmList takes the first one's grouping factor when it has
 * none), lmer brings them back, or groups by lmList's factor with (1 | group).
 */
export function switchKind(state: KindState, kind: ModelKind, isVariable: (name: string) => boolean): KindState {
  let { spec, group, stashed } = state;
  if (!isMixed(kind) && spec.random.length > 0) {
    if (kind === 'lmList' && !group) group = groupFromRandom(spec, isVariable) ?? '';
    stashed = spec.random;
    spec = { ...spec, random: [] };
  } else if (isMixed(kind) && spec.random.length === 0) {
    if (stashed.length > 0) spec = { ...spec, random: stashed };
    else if (state.kind === 'lmList' && group) spec = addRandom(spec, group);
    stashed = [];
  }
  return { kind, spec, group, stashed };
}

/**
 * The grouping factor an lmList can take over from a mixed model's first random term,
 * when that term groups by one variable: (standLRT | school) gives school.
 */
export function groupFromRandom(spec: BuilderSpec, isVariable: (name: string) => boolean): string | null {
  const first = spec.random[0];
  if (!first) return null;
  const parts = groupParts(first.group, isVariable);
  return parts?.length === 1 ? quoteName(parts[0]) : null;
}

/** The formula text of a spec and the spec as read back from it; null text while there is no response. */
export function writeSpec(spec: BuilderSpec): { text: string | null; spec: BuilderSpec } | { problem: FormulaProblem } {
  if (spec.response.trim() === '') return { text: null, spec };
  try {
    const parsed = formulaFromSpec(spec);
    return { text: printFormula(parsed), spec: specFromFormula(parsed) };
  } catch (err) {
    return { problem: problemOf(err) };
  }
}

/** The variable names (as written) a term label interacts: "standLRT:sex" → ["standLRT", "sex"]. */
export function termVariables(label: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c === '`') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ':' && depth === 0) {
      out.push(label.slice(start, i));
      start = i + 1;
    }
  }
  out.push(label.slice(start));
  return out;
}

/** The order R would keep the variables of a new term in: order of first appearance in the formula. */
function formulaOrder(spec: BuilderSpec, names: string[]): string[] {
  const seen: string[] = [spec.response, ...spec.fixed.flatMap(termVariables)];
  const rank = (n: string) => {
    const i = seen.indexOf(n);
    return i < 0 ? seen.length + names.indexOf(n) : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b));
}

export function setResponse(spec: BuilderSpec, name: string): BuilderSpec {
  // The response cannot also be a predictor; R's terms() would refuse the formula.
  const fixed = spec.fixed.filter((t) => !termVariables(t).includes(name));
  return { ...spec, response: name, fixed };
}

export function addFixed(spec: BuilderSpec, names: string[]): BuilderSpec {
  const add = names.filter((n) => n !== spec.response && !spec.fixed.includes(n));
  return { ...spec, fixed: [...spec.fixed, ...add] };
}

/**
 * The interaction of two or more variables, with their main effects when they are
 * missing (the hierarchy people expect; a lone a:b can still be typed or kept by removing a and b).
 */
export function addInteraction(spec: BuilderSpec, names: string[]): BuilderSpec {
  const vars = formulaOrder(spec, [...new Set(names.flatMap(termVariables))].filter((n) => n !== spec.response));
  if (vars.length < 2) return spec;
  const withMain = addFixed(spec, vars);
  const label = vars.join(':');
  return withMain.fixed.includes(label) ? withMain : { ...withMain, fixed: [...withMain.fixed, label] };
}

export function removeFixed(spec: BuilderSpec, labels: string[]): BuilderSpec {
  return { ...spec, fixed: spec.fixed.filter((t) => !labels.includes(t)) };
}

export function addRandom(spec: BuilderSpec, group: string): BuilderSpec {
  return { ...spec, random: [...spec.random, { group, intercept: true, slopes: [], correlated: true }] };
}

export function updateRandom(spec: BuilderSpec, index: number, patch: Partial<RandomSpec>): BuilderSpec {
  return { ...spec, random: spec.random.map((r, i) => (i === index ? { ...r, ...patch } : r)) };
}

export function removeRandom(spec: BuilderSpec, index: number): BuilderSpec {
  return { ...spec, random: spec.random.filter((_, i) => i !== index) };
}

/** A slope switched on or off, kept in the order of the fixed effects so the formula reads naturally. */
export function toggleSlope(spec: BuilderSpec, index: number, label: string, on: boolean): BuilderSpec {
  const r = spec.random[index];
  if (!r) return spec;
  const set = new Set(r.slopes);
  if (on) set.add(label);
  else set.delete(label);
  const order = [...spec.fixed, ...r.slopes.filter((s) => !spec.fixed.includes(s)), label];
  const slopes = [...new Set(order)].filter((s) => set.has(s));
  return updateRandom(spec, index, { slopes });
}

/**
 * A grouping written as a nesting of plain variables ("school/class" → ["school", "class"]),
 * or null when it is something the builder does not edit (an interaction g1:g2, a call).
 */
export function groupParts(group: string, isVariable: (name: string) => boolean): string[] | null {
  let tokens: Token[];
  try {
    tokens = tokenize(group, 'grouping');
  } catch {
    return null;
  }
  const parts: string[] = [];
  for (let i = 0; i < tokens.length - 1; i += 2) {
    const name = tokens[i];
    const next = tokens[i + 1];
    if (name.kind !== 'name' || !isVariable(name.text)) return null;
    parts.push(name.text);
    if (next.kind === 'end') return parts;
    if (next.kind !== 'op' || next.text !== '/') return null;
  }
  return null;
}

export function groupFromParts(parts: string[]): string {
  return parts.map(quoteName).join('/');
}

/** The random-effects term as the formula writes it, for the card that edits it. */
export function randomTermText(r: RandomSpec): string {
  const lhs = r.intercept ? (r.slopes.length === 0 ? ['1'] : r.slopes) : ['0', ...r.slopes];
  return `(${lhs.join(' + ')} ${r.correlated ? '|' : '||'} ${r.group})`;
}

/**
 * How lme4 reads a term after expandDoubleVerts and expandSlash: `(x || g)` is
 * (1 | g) + (0 + x | g), `(1 | a/b)` is (1 | b:a) + (1 | a). The term itself when it is unchanged.
 */
export function lme4Reading(r: RandomSpec): string {
  const source = randomTermText(r);
  let random;
  try {
    random = parseFormula(`~ ${source}`).random;
  } catch {
    return source;
  }
  return random
    .map((t) => {
      const labels = t.terms.map((x) => x.label);
      const lhs = t.intercept ? (labels.length === 0 ? ['1'] : labels) : ['0', ...labels];
      return `(${lhs.join(' + ')} | ${t.groupLabel})`;
    })
    .join(' + ');
}
