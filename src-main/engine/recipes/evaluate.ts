import type { Expr } from '@shared/expr/ast';
import { CONSTANT_NAMES, describe, ExprIssue, FUNCTIONS, type StaticType } from '@shared/expr/functions';
import { printExpression } from '@shared/expr/print';
import { syntaxError } from '@shared/expr/tokenize';
import { checkExpression, matchArguments } from '@shared/expr/validate';
import type { Column } from '../data/column';
import type { DataFrame } from '../data/frame';
import { arithmetic, toIntegerRange, type ArithOp } from './arithmetic';
import { CALLS, type Arg } from './calls';
import { and, compareLabels, compareNumbers, inTable, not, or, sameLevelSets, type CompareOp } from './compare';
import { textAsFactor } from './factor';
import { asText, lengthOf, num, NULL_VALUE, scalar, text, type NumMode, type Value } from './values';

/**
 * Evaluates an R-like expression over a data frame's columns, vectorised: names
 * are columns, single values are reused for every row, and each operator or
 * function is one loop over typed arrays. The whole expression is type-checked
 * first (src-shared/expr/validate.ts), so type errors name the variable and the
 * character where they occur before any work is done.
 */
export interface EvaluateContext {
  /** Names the expression in messages ("filter", "expression"). */
  what?: string;
  /** The text the expression was parsed from; positions refer to it. */
  source?: string;
  /** Receives R-style warnings (NaNs produced, NAs introduced by coercion). */
  warnings?: string[];
}

type Binary = Extract<Expr, { type: 'binary' }>;
const ARITHMETIC = new Set(['+', '-', '*', '/', '^', '%%', '%/%']);
const COMPARISON = new Set(['<', '>', '<=', '>=', '==', '!=']);

export function evaluate(expr: Expr, frame: DataFrame, context: EvaluateContext = {}): Column {
  const source = context.source ?? printExpression(expr);
  const what = context.what ?? 'expression';
  const reasons: string[] = [];
  try {
    const { value } = evaluateValue(expr, frame, source, reasons);
    return toColumn(value, frame, printExpression(expr), expr);
  } catch (err) {
    if (err instanceof ExprIssue) throw syntaxError(source, err.offset, err.reason, what);
    throw err;
  } finally {
    context.warnings?.push(...reasons.map((r) => `In the ${what} "${source}": ${r}.`));
  }
}

/** The value of `expr` and its static type; problems are ExprIssues at a character of `source`. */
export function evaluateValue(expr: Expr, frame: DataFrame, source: string, warnings: string[]): { value: Value; type: StaticType } {
  const types = checkExpression(expr, frame.columns, source);
  const evaluator = new Evaluator(frame, types, source, warnings);
  return { value: evaluator.eval(expr), type: types.get(expr)! };
}

/** A value as a column of the frame: one element per row (single values repeated), text as a factor. */
export function toColumn(value: Value, frame: DataFrame, name: string, expr: Expr): Column {
  const n = lengthOf(value);
  if (value.t === 'null') throw new ExprIssue(expr.start, `${describe(expr)} gives NULL, which cannot be a variable`);
  if (n !== frame.rows && n !== 1) {
    throw new ExprIssue(expr.start, `${describe(expr)} gives ${n} values, but the data have ${frame.rows} rows; it must give one value per row or a single value`);
  }
  const shared = (a: ArrayLike<number>) => frame.columns.some((c) => (c.kind === 'factor' ? c.codes === a : c.values === a));
  if (value.t === 'num') {
    const values = n === 1 ? new Float64Array(frame.rows).fill(value.v[0]) : shared(value.v) ? Float64Array.from(value.v) : value.v;
    return { name, kind: value.mode === 'double' ? 'numeric' : value.mode, values };
  }
  const f = textAsFactor(value);
  const codes = n === 1 ? new Int32Array(frame.rows).fill(f.codes[0]) : shared(f.codes) ? Int32Array.from(f.codes) : f.codes;
  return { name, kind: 'factor', codes, levels: [...f.levels] };
}

class Evaluator {
  constructor(
    private readonly frame: DataFrame,
    private readonly types: Map<Expr, StaticType>,
    private readonly source: string,
    private readonly warnings: string[],
  ) {}

  private mode(e: Expr): NumMode {
    const m = this.types.get(e)!.mode;
    return m === 'integer' || m === 'logical' ? m : 'double';
  }

  eval(e: Expr): Value {
    switch (e.type) {
      case 'number':
        return scalar(e.value, this.mode(e));
      case 'string':
        return text([e.value]);
      case 'logical':
        return scalar(e.value ? 1 : 0, 'logical');
      case 'na':
        return scalar(NaN, 'logical');
      case 'null':
        return NULL_VALUE;
      case 'name':
        return this.name(e);
      case 'paren':
        return this.eval(e.inner);
      case 'unary': {
        const arg = this.numbers(e.arg);
        if (e.op === '!') return num(not(arg), 'logical');
        const out = new Float64Array(arg.length);
        const sign = e.op === '-' ? -1 : 1;
        for (let i = 0; i < arg.length; i++) out[i] = sign * arg[i];
        return num(out, this.mode(e));
      }
      case 'binary':
        return this.binary(e);
      case 'call':
        return this.call(e);
    }
  }

  private name(e: Extract<Expr, { type: 'name' }>): Value {
    const column = this.frame.columns.find((c) => c.name === e.name);
    if (!column) return scalar(CONSTANT_NAMES[e.name].value, CONSTANT_NAMES[e.name].mode as NumMode);
    if (column.kind === 'factor') return { t: 'cat', codes: column.codes, levels: column.levels, factor: true };
    return num(column.values, column.kind === 'numeric' ? 'double' : column.kind);
  }

  private numbers(e: Expr): Float64Array {
    const v = this.eval(e);
    if (v.t !== 'num') throw new Error(`internal: ${describe(e)} passed the type check but is not numeric`);
    return v.v;
  }

  /** The length of an elementwise result: equal lengths, or one side a single value. */
  private pairLength(left: Expr, a: Value, right: Expr, b: Value): number {
    const la = lengthOf(a);
    const lb = lengthOf(b);
    if (la === lb || lb === 1) return la;
    if (la === 1) return lb;
    if (la === 0 || lb === 0) return 0;
    const [short, long] = la < lb ? [left, right] : [right, left];
    const [ls, ll] = la < lb ? [la, lb] : [lb, la];
    const longWhat = this.types.get(long)!.rows ? 'one value per row' : `${ll} values`;
    throw new ExprIssue(short.start, `${describe(short)} has ${ls} values but ${describe(long)} has ${longWhat}; combine them only with a single value`);
  }

  private opOffset(e: Binary): number {
    let i = e.left.end;
    while (i < e.right.start && /\s/.test(this.source[i] ?? '')) i++;
    return i;
  }

  private binary(e: Binary): Value {
    if (e.op === '&&' || e.op === '||') return this.scalarLogic(e);
    const a = this.eval(e.left);
    const b = this.eval(e.right);
    if (e.op === '%in%') return num(inTable(a, b), 'logical');
    if (e.op === ':') return this.sequence(e, a, b);
    const n = this.pairLength(e.left, a, e.right, b);
    if (ARITHMETIC.has(e.op)) {
      const out = arithmetic(e.op as ArithOp, (a as { v: Float64Array }).v, (b as { v: Float64Array }).v, n);
      const mode = this.mode(e);
      if (mode === 'integer' && toIntegerRange(out) > 0) this.warnings.push(`${describe(e)} overflowed the integer range and gave NA (R: "NAs produced by integer overflow")`);
      return num(out, mode);
    }
    if (COMPARISON.has(e.op)) {
      if (a.t === 'num' && b.t === 'num') return num(compareNumbers(e.op as CompareOp, a.v, b.v, n), 'logical');
      if (a.t === 'cat' && b.t === 'cat' && a.factor && b.factor && !sameLevelSets(a, b)) {
        throw new ExprIssue(this.opOffset(e), `${describe(e.left)} and ${describe(e.right)} are factors with different levels, which R refuses to compare ("level sets of factors are different")`);
      }
      this.warnAbsentLevel(e, a, b);
      return num(compareLabels(e.op as '==' | '!=', a, b, n), 'logical');
    }
    const x = (a as { v: Float64Array }).v;
    const y = (b as { v: Float64Array }).v;
    return num(e.op === '&' ? and(x, y, n) : or(x, y, n), 'logical');
  }

  /** `school != 480` when no level is "480" is TRUE on every row: almost surely a typo, so say so. */
  private warnAbsentLevel(e: Binary, a: Value, b: Value): void {
    const [f, other, otherExpr] = a.t === 'cat' && a.factor ? [a, b, e.right] : b.t === 'cat' && b.factor ? [b, a, e.left] : [null, a, e.left];
    if (!f || lengthOf(other) !== 1 || this.types.get(otherExpr)!.rows) return;
    const label = asText(other);
    if (label.codes[0] < 0 || f.levels.includes(label.levels[label.codes[0]])) return;
    this.warnings.push(`${describe(e)}: no level of ${describe(f === a ? e.left : e.right)} is "${label.levels[label.codes[0]]}", so the comparison is the same for every row`);
  }

  private scalarLogic(e: Binary): Value {
    const first = this.single(e.left, e.op);
    // R evaluates the right side only when the left does not decide.
    if (e.op === '&&' && first === 0) return scalar(0, 'logical');
    if (e.op === '||' && first === 1) return scalar(1, 'logical');
    const second = this.single(e.right, e.op);
    const r = e.op === '&&' ? and(Float64Array.of(first), Float64Array.of(second), 1) : or(Float64Array.of(first), Float64Array.of(second), 1);
    return num(r, 'logical');
  }

  private single(e: Expr, op: string): number {
    const v = this.numbers(e);
    if (v.length !== 1) throw new ExprIssue(e.start, `${op} needs a single TRUE or FALSE on each side; ${describe(e)} has ${v.length} values`);
    return v[0] !== v[0] ? NaN : v[0] !== 0 ? 1 : 0;
  }

  private sequence(e: Binary, a: Value, b: Value): Value {
    const from = (a as { v: Float64Array }).v;
    const to = (b as { v: Float64Array }).v;
    for (const [side, v] of [[e.left, from], [e.right, to]] as const) {
      if (v.length !== 1 || v[0] !== v[0] || !Number.isFinite(v[0])) {
        throw new ExprIssue(side.start, `${describe(side)} must be a single finite number to make a sequence with ":"`);
      }
    }
    const start = from[0];
    const count = Math.floor(Math.abs(to[0] - start) + 1e-10) + 1;
    const step = start <= to[0] ? 1 : -1;
    if (count > 10_000_000) throw new ExprIssue(e.start, `${describe(e)} would make ${count} numbers`);
    return num(Float64Array.from({ length: count }, (_, i) => start + i * step), this.mode(e));
  }

  private call(e: Extract<Expr, { type: 'call' }>): Value {
    const matched = matchArguments(e, FUNCTIONS[e.fn]);
    const named: Record<string, Arg> = {};
    for (const [k, x] of Object.entries(matched.named)) named[k] = { expr: x, value: this.eval(x) };
    const dots = matched.dots.map((x) => ({ expr: x, value: this.eval(x) }));
    return CALLS[e.fn]({ call: e, named, dots, type: this.types.get(e)!, warn: (r) => this.warnings.push(r) });
  }
}
