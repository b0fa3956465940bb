import { AppError } from '../errors';
import type { Recipe } from '../recipes';
import type { BinaryOp, Expr } from './ast';
import { CONSTANT_NAMES, describe, ExprIssue, FUNCTIONS, needNumbers, type Arg, type FunctionSpec, type Mode, type StaticType } from './functions';
import { parseExpression } from './parse';
import { syntaxError, tokenize, type Token } from './tokenize';

/**
 * Checks of a recipe that need no data, only the names and kinds of the columns:
 * names exist, functions exist with the arguments R would accept, and types fit
 * (no arithmetic on factors). The renderer runs them as a recipe is typed; the
 * engine runs the same checks before evaluating, so messages agree.
 */
export interface ColumnInfo {
  name: string;
  kind: string;
  levels?: string[];
}

export type Validation = { ok: true } | { ok: false; message: string; position?: number };

type CallExpr = Extract<Expr, { type: 'call' }>;
const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '^', '%%', '%/%']);
const INTEGER_ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '%%', '%/%']);
const COMPARISON = new Set<BinaryOp>(['<', '>', '<=', '>=', '==', '!=']);
const RESERVED = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'in', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_', '...']);

function modeOfKind(kind: string): Mode {
  return kind === 'factor' ? 'factor' : kind === 'integer' ? 'integer' : kind === 'logical' ? 'logical' : 'double';
}

/**
 * R's argument matching, exact names only: named arguments first, then positions
 * in the order of the formals. `source`, when given, lets an unknown argument name be pointed at.
 */
export function matchArguments(call: CallExpr, spec: FunctionSpec, source?: string): { named: Record<string, Expr>; dots: Expr[] } {
  const named: Record<string, Expr> = {};
  const dots: Expr[] = [];
  const dotsAt = spec.formals.indexOf('...');
  const list = spec.formals.filter((f) => f !== '...').join(', ');
  for (const a of call.args) {
    if (a.name === undefined) continue;
    if (spec.formals.includes(a.name) && a.name !== '...') {
      if (named[a.name]) throw new ExprIssue(a.value.start, `the argument ${a.name} of ${call.fn}() is given twice`);
      named[a.name] = a.value;
    } else if (call.fn === 'c') {
      dots.push(a.value); // c(a = 1) names an element; only the value matters here
    } else {
      const hint = suggestion(a.name, spec.formals);
      const at = source ? source.lastIndexOf(a.name, a.value.start) : -1;
      throw new ExprIssue(at > call.start ? at : a.value.start, `${call.fn}() has no argument named "${a.name}"${hint}; its arguments are ${list || 'unnamed'}`);
    }
  }
  const positional = (dotsAt < 0 ? spec.formals : spec.formals.slice(0, dotsAt)).filter((f) => !(f in named));
  let p = 0;
  for (const a of call.args) {
    if (a.name !== undefined) continue;
    if (p < positional.length) named[positional[p++]] = a.value;
    else if (dotsAt >= 0) dots.push(a.value);
    else throw new ExprIssue(a.value.start, `${call.fn}() takes at most ${spec.formals.length} argument${spec.formals.length === 1 ? '' : 's'}: ${spec.usage}`);
  }
  for (const r of spec.required) {
    if (!(r in named)) throw new ExprIssue(call.start, `${call.fn}() needs the argument ${r}: ${spec.usage}`);
  }
  return { named, dots };
}

/** Up to three of `candidates` close to `name` (a typo or different case), as " (did you mean …?)". */
export function suggestion(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  const scored = candidates
    .filter((c) => c !== '...' && c !== name)
    .map((c) => ({ c, d: c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase()) }))
    .filter(({ c, d }) => d <= Math.max(1, Math.floor(Math.min(name.length, c.length) / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ c }) => `"${c}"`);
  if (scored.length === 0) return '';
  const list = scored.length === 1 ? scored[0] : `${scored.slice(0, -1).join(', ')} or ${scored[scored.length - 1]}`;
  return ` (did you mean ${list}?)`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The type of every node of `expr` (the engine evaluates with them), or an
 * ExprIssue at the first problem. `source` lets messages point at operators.
 */
export function checkExpression(expr: Expr, columns: readonly ColumnInfo[], source?: string): Map<Expr, StaticType> {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const types = new Map<Expr, StaticType>();
  const opOffset = (e: Extract<Expr, { type: 'binary' }>): number => {
    let i = e.left.end;
    if (source) while (i < e.right.start && /\s/.test(source[i])) i++;
    return i;
  };
  const visit = (e: Expr): StaticType => {
    const t = typeOf(e);
    types.set(e, t);
    return t;
  };
  const typeOf = (e: Expr): StaticType => {
    switch (e.type) {
      case 'number':
        return { mode: e.text.endsWith('L') ? 'integer' : 'double', rows: false };
      case 'string':
        return { mode: 'character', rows: false };
      case 'logical':
      case 'na':
        return { mode: 'logical', rows: false };
      case 'null':
        return { mode: 'null', rows: false };
      case 'name': {
        const column = byName.get(e.name);
        if (column) return { mode: modeOfKind(column.kind), rows: true };
        const constant = CONSTANT_NAMES[e.name];
        if (constant) return { mode: constant.mode, rows: false };
        if (FUNCTIONS[e.name]) throw new ExprIssue(e.start, `${e.name} is a function; call it as ${FUNCTIONS[e.name].usage}`);
        const names = columns.map((c) => c.name);
        const hint = suggestion(e.name, names);
        const listed = !hint && names.length > 0 && names.length <= 12 ? `; the variables are ${names.join(', ')}` : '';
        throw new ExprIssue(e.start, `there is no variable "${e.name}"${hint}${listed}`);
      }
      case 'paren':
        return visit(e.inner);
      case 'unary': {
        if (e.op === '~') throw new ExprIssue(e.start, '~ makes a model formula; it has no place in a recipe');
        const arg = { expr: e.arg, type: visit(e.arg) };
        needNumbers(arg, e.op === '!' ? 'the negation !' : `the sign ${e.op}`);
        const mode: Mode = e.op === '!' ? 'logical' : arg.type.mode === 'double' ? 'double' : 'integer';
        return { mode, rows: arg.type.rows };
      }
      case 'binary':
        return binary(e);
      case 'call':
        return call(e);
    }
  };
  const binary = (e: Extract<Expr, { type: 'binary' }>): StaticType => {
    if (e.op === '~') throw new ExprIssue(opOffset(e), '~ makes a model formula; it has no place in a recipe');
    const left: Arg = { expr: e.left, type: visit(e.left) };
    const right: Arg = { expr: e.right, type: visit(e.right) };
    const rows = left.type.rows || right.type.rows;
    if (ARITHMETIC.has(e.op)) {
      needNumbers(left, 'arithmetic');
      needNumbers(right, 'arithmetic');
      const integer = INTEGER_ARITHMETIC.has(e.op) && left.type.mode !== 'double' && right.type.mode !== 'double';
      return { mode: integer ? 'integer' : 'double', rows };
    }
    if (COMPARISON.has(e.op)) {
      for (const side of [left, right]) {
        if (side.type.mode === 'null') throw new ExprIssue(side.expr.start, `${describe(side.expr)} is NULL and cannot be compared`);
      }
      const text = [left, right].find((s) => s.type.mode === 'factor') ?? [left, right].find((s) => s.type.mode === 'character');
      if (text && e.op !== '==' && e.op !== '!=') {
        const what = describe(text.expr);
        throw new ExprIssue(
          opOffset(e),
          text.type.mode === 'factor'
            ? `ordering comparisons are not meaningful for factors (${what} is a factor): use == or !=, or compare as.numeric(as.character(${what})) as numbers`
            : `${e.op} compares numbers, and ${what} is text: use == or != for text`,
        );
      }
      return { mode: 'logical', rows };
    }
    if (e.op === '&' || e.op === '|' || e.op === '&&' || e.op === '||') {
      needNumbers(left, `the operator ${e.op}`);
      needNumbers(right, `the operator ${e.op}`);
      if (e.op.length === 2 && rows) {
        throw new ExprIssue(opOffset(e), `${e.op} combines single TRUE/FALSE values; to combine conditions row by row, use ${e.op[0]}`);
      }
      return { mode: 'logical', rows };
    }
    if (e.op === '%in%') {
      if (left.type.mode === 'null') throw new ExprIssue(left.expr.start, `the left side of %in% is NULL`);
      return { mode: 'logical', rows: left.type.rows };
    }
    // ':' — a sequence of numbers, as in c(1:10); between columns it is a formula interaction.
    if (rows) {
      throw new ExprIssue(opOffset(e), '":" makes a sequence of numbers, like 1:10; between variables it means an interaction, which belongs in a model formula');
    }
    needNumbers(left, 'the sequence operator :');
    needNumbers(right, 'the sequence operator :');
    return { mode: left.type.mode !== 'double' || isWholeLiteral(e.left) ? 'integer' : 'double', rows: false };
  };
  const call = (e: CallExpr): StaticType => {
    const spec = FUNCTIONS[e.fn];
    if (!spec) {
      const hint = suggestion(e.fn, Object.keys(FUNCTIONS));
      const column = byName.has(e.fn) ? ` (${e.fn} is a variable, not a function)` : '';
      const known = hint || column ? '' : `; recipes can use ${Object.keys(FUNCTIONS).join(', ')}`;
      throw new ExprIssue(e.start, `there is no function ${e.fn}()${hint}${column}${known}`);
    }
    const matched = matchArguments(e, spec, source);
    const named: Record<string, Arg> = {};
    for (const [k, v] of Object.entries(matched.named)) named[k] = { expr: v, type: visit(v) };
    return spec.result({ named, dots: matched.dots.map((d) => ({ expr: d, type: visit(d) })) }, e);
  };
  visit(expr);
  return types;
}

function isWholeLiteral(e: Expr): boolean {
  if (e.type === 'paren') return isWholeLiteral(e.inner);
  if (e.type === 'unary' && (e.op === '-' || e.op === '+')) return isWholeLiteral(e.arg);
  return e.type === 'number' && Number.isInteger(e.value);
}

/** Why `name` cannot name a computed variable, or null. */
export function recipeNameProblem(name: string): string | null {
  if (name.trim() === '') return 'a computed variable needs a name';
  if (name.includes('`')) return `the name "${name}" contains a backtick, which R names cannot hold`;
  if ([...name].some((ch) => ch.charCodeAt(0) < 32)) return `the name "${name}" contains a line break or tab`;
  return null;
}

/** How a recipe is written as text: `name = expression` or the filter's condition. */
export function recipeText(recipe: Recipe): string {
  if (recipe.kind === 'filter') return recipe.expression;
  const plain = /^([A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/.test(recipe.name) && !RESERVED.has(recipe.name);
  return `${plain ? recipe.name : `\`${recipe.name}\``} = ${recipe.expression}`;
}

/**
 * A recipe as typed: `name = expression` (or R's `name <- expression`) computes a
 * variable, anything else is a filter. `==` is a comparison, so `school == 48` is a
 * filter; only a single `=` outside parentheses after a name assigns.
 */
export function parseRecipeText(text: string): Recipe {
  return splitRecipeText(text).recipe;
}

function splitRecipeText(text: string): { recipe: Recipe; offset: number } {
  const what = 'recipe';
  const tokens = tokenize(text, what);
  let depth = 0;
  let assign = -1;
  for (let i = 0; i < tokens.length && assign < 0; i++) {
    const t = tokens[i];
    if (t.kind === '(') depth++;
    else if (t.kind === ')') depth--;
    else if (t.kind === '=' && depth === 0) assign = i;
  }
  let bodyStart = -1;
  if (assign >= 0) {
    if (assign !== 1 || tokens[0].kind !== 'name') {
      throw syntaxError(text, tokens[assign].start, 'a computed variable is written name = expression, with one variable name before "=" (to compare, write ==)', what);
    }
    bodyStart = tokens[assign].end;
  } else if (isArrow(tokens)) {
    bodyStart = tokens[2].end;
  }
  if (bodyStart < 0) {
    parseExpression(text, what);
    return { recipe: { kind: 'filter', expression: text.trim() }, offset: text.length - text.trimStart().length };
  }
  const name = nameOf(text, tokens[0]);
  const body = text.slice(bodyStart);
  if (body.trim() === '') throw syntaxError(text, text.length, `nothing follows "${name} =": write the expression that computes ${name}`, what);
  parseAt(text, bodyStart, what);
  const offset = bodyStart + body.length - body.trimStart().length;
  return { recipe: { kind: 'compute', name, expression: body.trim() }, offset };
}

/** `name <- value`, written without a space inside `<-` (R reads `a < -1` with a space as a comparison). */
function isArrow(tokens: Token[]): boolean {
  const [n, lt, minus] = tokens;
  return n.kind === 'name' && lt?.kind === 'op' && lt.text === '<' && minus?.kind === 'op' && minus.text === '-' && minus.start === lt.end;
}

function nameOf(text: string, token: Token): string {
  const quoted = text[token.start] === '`';
  if (!quoted && RESERVED.has(token.text)) {
    throw syntaxError(text, token.start, `${token.text} is a reserved word in R; to use it as a name, write it in backticks: \`${token.text}\``, 'recipe');
  }
  const problem = recipeNameProblem(token.text);
  if (problem) throw syntaxError(text, token.start, problem, 'recipe');
  return token.text;
}

/** Parses text.slice(start) but reports syntax errors at their place in the whole text. */
function parseAt(text: string, start: number, what: string): Expr {
  const part = text.slice(start);
  try {
    return parseExpression(part, what);
  } catch (err) {
    const position = err instanceof AppError ? (err.detail as { position?: number } | undefined)?.position : undefined;
    if (!(err instanceof AppError) || position === undefined) throw err;
    const prefix = `In the ${what} "${part}", at character ${position}: `;
    const reason = err.message.startsWith(prefix) ? err.message.slice(prefix.length).replace(/\.$/, '') : err.message;
    throw syntaxError(text, start + position - 1, reason, what);
  }
}

function invalid(reason: string, offset?: number): Validation {
  // Not capitalised: a reason may begin with a variable's name, whose case matters.
  const message = reason + (reason.endsWith('.') ? '' : '.');
  return offset === undefined ? { ok: false, message } : { ok: false, message, position: offset + 1 };
}

/** Validate-as-you-type: the whole recipe without data. Positions are 1-based characters of recipe.expression. */
export function validateRecipe(recipe: Recipe, columns: readonly ColumnInfo[]): Validation {
  if (recipe.kind === 'compute') {
    const problem = recipeNameProblem(recipe.name);
    if (problem) return invalid(problem);
  }
  let expr: Expr;
  try {
    expr = parseExpression(recipe.expression, recipe.kind === 'filter' ? 'filter' : 'expression');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const position = (err.detail as { position?: number } | undefined)?.position;
    return { ok: false, message: err.message, ...(position === undefined ? {} : { position }) };
  }
  try {
    const root = checkExpression(expr, columns, recipe.expression).get(expr)!;
    checkResult(recipe, expr, root);
  } catch (err) {
    if (err instanceof ExprIssue) return invalid(err.reason, err.offset);
    throw err;
  }
  return { ok: true };
}

/** The same for typed text; positions are 1-based characters of `text`. */
export function validateRecipeText(text: string, columns: readonly ColumnInfo[]): { ok: true; recipe: Recipe } | { ok: false; message: string; position?: number } {
  let split: { recipe: Recipe; offset: number };
  try {
    split = splitRecipeText(text);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const position = (err.detail as { position?: number } | undefined)?.position;
    return { ok: false, message: err.message, ...(position === undefined ? {} : { position }) };
  }
  const v = validateRecipe(split.recipe, columns);
  if (v.ok) return { ok: true, recipe: split.recipe };
  return v.position === undefined ? v : { ...v, position: v.position + split.offset };
}

/** What a recipe's whole expression must give: a condition for a filter, values for a computed variable. */
export function checkResult(recipe: Recipe, expr: Expr, root: StaticType): void {
  if (recipe.kind === 'filter') {
    if (root.mode !== 'logical') {
      const gives = root.mode === 'factor' ? 'a factor' : root.mode === 'character' ? 'text' : root.mode === 'null' ? 'NULL' : 'numbers';
      throw new ExprIssue(expr.start, `a filter must be a condition that is TRUE or FALSE for each row, such as school != 48, but this gives ${gives}`);
    }
  } else if (root.mode === 'null') {
    throw new ExprIssue(expr.start, `${describe(expr)} gives NULL, which cannot be a variable`);
  }
}

/**
 * The columns a recipe sees: the imported ones plus every variable computed by
 * the recipes before it, with the kind its expression gives. Recipes that do not
 * check out are skipped here (they are reported on their own).
 */
export function columnsAfterRecipes(columns: readonly ColumnInfo[], recipes: readonly Recipe[]): ColumnInfo[] {
  const seen = [...columns];
  for (const recipe of recipes) {
    if (recipe.kind !== 'compute') continue;
    try {
      const expr = parseExpression(recipe.expression);
      const mode = checkExpression(expr, seen, recipe.expression).get(expr)!.mode;
      const kind = mode === 'double' ? 'numeric' : mode === 'character' ? 'factor' : mode;
      const existing = seen.findIndex((c) => c.name === recipe.name);
      const info = { name: recipe.name, kind };
      if (existing >= 0) seen[existing] = info;
      else seen.push(info);
    } catch (err) {
      if (!(err instanceof AppError) && !(err instanceof ExprIssue)) throw err;
    }
  }
  return seen;
}
