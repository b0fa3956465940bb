import { MISSING_CODE } from '../data/column';
import type { Expr } from '@shared/expr/ast';
import { describe, ExprIssue, type StaticType } from '@shared/expr/functions';
import { toIntegerRange } from './arithmetic';
import { cut } from './cut';
import { asNumber, defaultFactor, elementsText, factorWithLevels } from './factor';
import { applyMath, logBase, nanCount, rRound, type MathFn } from './math';
import { extreme, mean, median, parallelExtreme, scale, sum, variance } from './summaries';
import { asText, lengthOf, num, NULL_VALUE, scalar, text, type CatValue, type NumMode, type Value } from './values';

/**
 * What each function of src-shared/expr/functions.ts does. Arguments arrive matched
 * to R's formals and already type-checked against that table, so these only deal
 * with values: lengths, NA in flags, and R's warnings.
 */
export interface Arg {
  expr: Expr;
  value: Value;
}

export interface CallContext {
  call: Extract<Expr, { type: 'call' }>;
  named: Record<string, Arg | undefined>;
  dots: Arg[];
  /** The result's type from the static check. */
  type: StaticType;
  warn(reason: string): void;
}

type Impl = (c: CallContext) => Value;

function numbers(arg: Arg): Float64Array {
  if (arg.value.t !== 'num') throw new Error(`internal: ${describe(arg.expr)} reached a numeric function as ${arg.value.t}`);
  return arg.value.v;
}

/** A single TRUE/FALSE argument (na.rm, right, …). */
function flag(c: CallContext, name: string, fallback: boolean): boolean {
  const arg = c.named[name];
  if (!arg) return fallback;
  const v = numbers(arg);
  if (v.length !== 1 || v[0] !== v[0]) throw new ExprIssue(arg.expr.start, `${name} of ${c.call.fn}() must be a single TRUE or FALSE`);
  return v[0] !== 0;
}

function single(c: CallContext, name: string, fallback: number): number {
  const arg = c.named[name];
  if (!arg) return fallback;
  const v = numbers(arg);
  if (v.length !== 1) throw new ExprIssue(arg.expr.start, `${name} of ${c.call.fn}() must be a single number, not ${v.length} values`);
  return v[0];
}

/** The common length of elementwise arguments: each has length n or 1. */
function commonLength(c: CallContext, args: readonly Arg[]): number {
  let n = 1;
  for (const a of args) {
    const len = lengthOf(a.value);
    if (len === 0) return 0;
    if (len !== 1) n = Math.max(n, len);
  }
  for (const a of args) {
    const len = lengthOf(a.value);
    if (len !== 1 && len !== n) {
      throw new ExprIssue(a.expr.start, `${describe(a.expr)} has ${len} values where ${c.call.fn}() needs ${n} (or a single value)`);
    }
  }
  return n;
}

function warnNaN(c: CallContext, args: readonly Float64Array[], out: Float64Array): void {
  const k = nanCount(args, out);
  if (k > 0) c.warn(`${describe(c.call)} gave NaN for ${k} value${k === 1 ? '' : 's'} outside its domain (R warns "NaNs produced")`);
}

function math(fn: MathFn): Impl {
  return (c) => {
    const x = numbers(c.named.x!);
    const out = applyMath(fn, x);
    warnNaN(c, [x], out);
    return num(out, c.type.mode === 'integer' ? 'integer' : 'double');
  };
}

function summary(fn: (x: Float64Array, naRm: boolean, trim: number) => number): Impl {
  return (c) => scalar(fn(numbers(c.named.x!), flag(c, 'na.rm', false), single(c, 'trim', 0)));
}

function combine(c: CallContext): Value {
  const parts = c.dots.filter((d) => d.value.t !== 'null');
  if (c.type.mode === 'null') return NULL_VALUE;
  if (c.type.mode === 'character') return text(parts.flatMap((p) => elementsText(p.value)));
  const total = parts.reduce((s, p) => s + lengthOf(p.value), 0);
  const out = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(numbers(p), at);
    at += lengthOf(p.value);
  }
  return num(out, c.type.mode as NumMode);
}

function ifelse(c: CallContext): Value {
  const test = c.named.test!;
  const yes = c.named.yes!;
  const no = c.named.no!;
  const t = numbers(test);
  const n = t.length;
  for (const a of [yes, no]) {
    const len = lengthOf(a.value);
    if (len !== 1 && len !== n) throw new ExprIssue(a.expr.start, `${describe(a.expr)} has ${len} values but the test of ifelse() has ${n}`);
  }
  if (c.type.mode === 'character') {
    const y = asText(yes.value);
    const o = asText(no.value);
    // One label list for both branches, so that equal labels share a code.
    const levels = [...y.levels];
    const index = new Map(levels.map((l, k) => [l, k]));
    const fromNo = Int32Array.from(o.levels, (l) => {
      let k = index.get(l);
      if (k === undefined) {
        k = levels.length;
        index.set(l, k);
        levels.push(l);
      }
      return k;
    });
    const codes = new Int32Array(n);
    const sy = y.codes.length === 1 ? 0 : 1;
    const so = o.codes.length === 1 ? 0 : 1;
    for (let i = 0; i < n; i++) {
      const ti = t[i];
      const k = ti !== ti ? MISSING_CODE : ti !== 0 ? y.codes[i * sy] : o.codes[i * so];
      codes[i] = k === MISSING_CODE || ti !== 0 ? k : fromNo[k];
    }
    return { t: 'cat', codes, levels, factor: false };
  }
  const y = numbers(yes);
  const o = numbers(no);
  const sy = y.length === 1 ? 0 : 1;
  const so = o.length === 1 ? 0 : 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ti = t[i];
    out[i] = ti !== ti ? NaN : ti !== 0 ? y[i * sy] : o[i * so];
  }
  return num(out, c.type.mode as NumMode);
}

function log(c: CallContext): Value {
  const x = numbers(c.named.x!);
  if (!c.named.base) return math('log')(c);
  const base = numbers(c.named.base);
  const n = commonLength(c, [c.named.x!, c.named.base]);
  const out = logBase(x, base, n);
  warnNaN(c, [x, base], out);
  return num(out);
}

function round(c: CallContext): Value {
  const x = numbers(c.named.x!);
  const digits = c.named.digits ? numbers(c.named.digits) : Float64Array.of(0);
  const n = c.named.digits ? commonLength(c, [c.named.x!, c.named.digits]) : x.length;
  const out = new Float64Array(n);
  const sx = x.length === 1 ? 0 : 1;
  const sd = digits.length === 1 ? 0 : 1;
  for (let i = 0; i < n; i++) out[i] = rRound(x[i * sx], digits[i * sd]);
  return num(out, c.type.mode === 'integer' ? 'integer' : 'double');
}

function scaleCall(c: CallContext): Value {
  const option = (name: string): boolean | number => {
    const arg = c.named[name];
    if (!arg) return true;
    if (arg.value.t === 'num' && arg.value.mode === 'logical') return flag(c, name, true);
    return single(c, name, 0);
  };
  return num(scale(numbers(c.named.x!), option('center'), option('scale')));
}

function factor(c: CallContext): Value {
  const x = c.named.x!;
  const { levels, labels } = c.named;
  if (!levels && !labels) return defaultFactor(x.value);
  const given = levels ? elementsText(levels.value) : defaultFactor(x.value).levels;
  const made = factorWithLevels(x.value, given, labels ? elementsText(labels.value) : null);
  if ('problem' in made) {
    const at = made.problem === 'duplicated-level' ? levels! : labels!;
    const reason = made.problem === 'duplicated-level' ? `the level "${made.detail}" is given twice` : `factor() got ${made.detail}`;
    throw new ExprIssue(at.expr.start, reason);
  }
  if (made.unmatched > 0) {
    c.warn(`${made.unmatched} value${made.unmatched === 1 ? '' : 's'} of ${describe(x.expr)} matched none of the levels given and became NA (R does this silently)`);
  }
  return made.value;
}

function asNumeric(c: CallContext): Value {
  const x = c.named.x!;
  if (x.value.t === 'num') return num(x.value.v, c.type.mode === 'integer' ? 'integer' : 'double');
  const cat = x.value as CatValue;
  const { values, failed } = asNumber(cat);
  if (cat.factor) {
    // R's behaviour, kept on purpose: the codes 1, 2, …, not the labels.
    c.warn(
      `${describe(c.call)} gives the level positions (1, 2, …) of the factor ${describe(x.expr)}, as R does; ` +
        `for the numbers its labels show, write ${c.call.fn}(as.character(${describe(x.expr)}))`,
    );
  }
  if (failed > 0) c.warn(`${failed} value${failed === 1 ? '' : 's'} of ${describe(x.expr)} are not numbers and became NA (R: "NAs introduced by coercion")`);
  return num(values, 'double');
}

function asInteger(c: CallContext): Value {
  const v = asNumeric(c) as { t: 'num'; v: Float64Array };
  const out = Float64Array.from(v.v, Math.trunc);
  if (toIntegerRange(out) > 0) c.warn(`${describe(c.call)} gave NA for values beyond the integer range (R: "NAs introduced by coercion to integer range")`);
  return num(out, 'integer');
}

function isNA(c: CallContext): Value {
  const x = c.named.x!.value;
  if (x.t === 'null') return num(new Float64Array(0), 'logical');
  if (x.t === 'num') return num(Float64Array.from(x.v, (v) => (v !== v ? 1 : 0)), 'logical');
  return num(Float64Array.from(x.codes, (k) => (k === MISSING_CODE ? 1 : 0)), 'logical');
}

function cutCall(c: CallContext): Value {
  const labelsArg = c.named.labels;
  let labels: string[] | null | false = null;
  if (labelsArg && labelsArg.value.t !== 'null') {
    if (labelsArg.value.t === 'num' && labelsArg.value.mode === 'logical') {
      if (flag(c, 'labels', false)) throw new ExprIssue(labelsArg.expr.start, 'labels of cut() must be text, NULL or FALSE');
      labels = false;
    } else {
      labels = elementsText(labelsArg.value).map((l) => l ?? 'NA');
    }
  }
  const digLab = single(c, 'dig.lab', 3);
  const result = cut(numbers(c.named.x!), numbers(c.named.breaks!), {
    labels,
    includeLowest: flag(c, 'include.lowest', false),
    right: flag(c, 'right', true),
    digLab: Number.isFinite(digLab) ? Math.max(1, Math.trunc(digLab)) : 3,
  });
  if (!result.ok) throw new ExprIssue((c.named[result.at] ?? c.named.x!).expr.start, result.reason);
  if (!result.levels) return num(Float64Array.from(result.codes, (k) => (k === MISSING_CODE ? NaN : k + 1)), 'integer');
  return { t: 'cat', codes: result.codes, levels: result.levels, factor: true };
}

function variadic(c: CallContext, elementwise: boolean, kind: 'min' | 'max' | 'sum'): Value {
  const parts = c.dots.map(numbers);
  const naRm = flag(c, 'na.rm', false);
  const mode = c.type.mode === 'integer' ? 'integer' : 'double';
  if (elementwise) return num(parallelExtreme(parts, commonLength(c, c.dots), naRm, kind === 'max'), mode);
  if (kind === 'sum') {
    const total = Float64Array.of(sum(parts, naRm));
    if (mode === 'integer' && toIntegerRange(total) > 0) c.warn(`${describe(c.call)} overflowed the integer range and gave NA, as in R (sum(as.numeric(x)) avoids it)`);
    return num(total, mode);
  }
  const { value, empty } = extreme(parts, naRm, kind === 'max');
  if (empty) c.warn(`${describe(c.call)} has no values that are not missing; it gives ${value} (R warns the same)`);
  return scalar(value, empty ? 'double' : mode);
}

export const CALLS: Readonly<Record<string, Impl>> = {
  c: combine,
  ifelse,
  log,
  log2: math('log2'),
  log10: math('log10'),
  log1p: math('log1p'),
  exp: math('exp'),
  expm1: math('expm1'),
  sqrt: math('sqrt'),
  floor: math('floor'),
  ceiling: math('ceiling'),
  trunc: math('trunc'),
  sign: math('sign'),
  abs: math('abs'),
  round,
  scale: scaleCall,
  factor,
  'as.factor': (c) => {
    const x = c.named.x!.value;
    return x.t === 'cat' && x.factor ? x : defaultFactor(x);
  },
  'as.numeric': asNumeric,
  'as.double': asNumeric,
  'as.integer': asInteger,
  'as.character': (c) => asText(c.named.x!.value),
  'is.na': isNA,
  I: (c) => c.named.x!.value,
  cut: cutCall,
  mean: summary(mean),
  median: summary((x, naRm) => median(x, naRm)),
  sd: summary((x, naRm) => Math.sqrt(variance(x, naRm))),
  min: (c) => variadic(c, false, 'min'),
  max: (c) => variadic(c, false, 'max'),
  sum: (c) => variadic(c, false, 'sum'),
  pmin: (c) => variadic(c, true, 'min'),
  pmax: (c) => variadic(c, true, 'max'),
};
