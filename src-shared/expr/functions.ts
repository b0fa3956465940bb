import type { Expr } from './ast';
import { printExpression } from './print';

/**
 * The functions recipes may call, with R's argument names and the type each
 * returns. This table is the one authority on types: the renderer checks a
 * recipe as it is typed with it, and the engine checks it before evaluating,
 * so both give the same message at the same character.
 */
export type Mode = 'double' | 'integer' | 'logical' | 'factor' | 'character' | 'null';

/** What an expression gives: its mode, and whether it has one value per row (it uses a column). */
export interface StaticType {
  mode: Mode;
  rows: boolean;
}

/** A problem at a character of the source (0-based offset); turned into an AppError or a UI message by the caller. */
export class ExprIssue extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ExprIssue';
  }
}

export interface Arg {
  expr: Expr;
  type: StaticType;
}

export interface TypedArgs {
  named: Record<string, Arg | undefined>;
  dots: Arg[];
}

type CallExpr = Extract<Expr, { type: 'call' }>;

export interface FunctionSpec {
  /** R's formals in order; '...' takes any number of unnamed arguments, formals after it are named only. */
  formals: readonly string[];
  required: readonly string[];
  /** How R's help page writes the call, for messages. */
  usage: string;
  result(args: TypedArgs, call: CallExpr): StaticType;
}

export const isNumberMode = (m: Mode): boolean => m === 'double' || m === 'integer' || m === 'logical';
const isIntegerLike = (m: Mode): boolean => m === 'integer' || m === 'logical';

/** How a message names an operand: the variable itself, or the expression as R prints it. */
export function describe(e: Expr): string {
  return printExpression(e.type === 'paren' ? e.inner : e);
}

/** Why `arg` cannot be used where numbers are needed; `need` says what needs them ("arithmetic", "log()"). */
export function notNumbers(arg: Expr, mode: Mode, need: string): string {
  const what = describe(arg);
  if (mode === 'factor') {
    return (
      `${what} is a factor; ${need} needs numbers. For the numbers its labels show, write ` +
      `as.numeric(as.character(${what})) (as.numeric(${what}) alone gives the level positions 1, 2, …, as in R)`
    );
  }
  if (mode === 'character') return `${what} is text; ${need} needs numbers (as.numeric(${what}) reads numbers from text)`;
  return `${need} needs numbers but ${what} is NULL`;
}

export function needNumbers(arg: Arg, need: string): void {
  if (!isNumberMode(arg.type.mode)) throw new ExprIssue(arg.expr.start, notNumbers(arg.expr, arg.type.mode, need));
}

function needSingle(arg: Arg | undefined, what: string): void {
  if (arg?.type.rows) throw new ExprIssue(arg.expr.start, `${what} must be a single value, not one per row`);
}

function needFlag(args: TypedArgs, name: string, fn: string): void {
  const arg = args.named[name];
  if (!arg) return;
  if (!isNumberMode(arg.type.mode)) throw new ExprIssue(arg.expr.start, `${name} of ${fn}() must be TRUE or FALSE`);
  needSingle(arg, `${name} of ${fn}()`);
}

const rowsOf = (...args: (Arg | undefined)[]): boolean => args.some((a) => a?.type.rows === true);

/** Elementwise numeric function of x (log, exp, …): numbers in, doubles out. */
function math(fn: string, formals: readonly string[] = ['x'], usage = `${fn}(x)`): FunctionSpec {
  return {
    formals,
    required: ['x'],
    usage,
    result(args) {
      for (const name of formals) if (args.named[name]) needNumbers(args.named[name]!, `${fn}()`);
      return { mode: 'double', rows: rowsOf(...formals.map((f) => args.named[f])) };
    },
  };
}

/** mean(), sd(), median(): numbers in, one double out. */
function summary(fn: string, formals: readonly string[], usage: string): FunctionSpec {
  return {
    formals,
    required: ['x'],
    usage,
    result(args) {
      needNumbers(args.named.x!, `${fn}()`);
      needFlag(args, 'na.rm', fn);
      if (args.named.trim) {
        needNumbers(args.named.trim, `trim of ${fn}()`);
        needSingle(args.named.trim, `trim of ${fn}()`);
      }
      return { mode: 'double', rows: false };
    },
  };
}

/** min(), max(), sum(), pmin(), pmax(): any number of numeric arguments. */
function variadic(fn: string, elementwise: boolean, integerStays: boolean): FunctionSpec {
  return {
    formals: ['...', 'na.rm'],
    required: [],
    usage: `${fn}(..., na.rm = FALSE)`,
    result(args, call) {
      if (args.dots.length === 0) throw new ExprIssue(call.start, `${fn}() needs at least one argument`);
      for (const a of args.dots) needNumbers(a, `${fn}()`);
      needFlag(args, 'na.rm', fn);
      const integer = integerStays && args.dots.every((a) => isIntegerLike(a.type.mode));
      return { mode: integer ? 'integer' : 'double', rows: elementwise && rowsOf(...args.dots) };
    },
  };
}

function rank(m: Mode): number {
  return m === 'null' ? 0 : m === 'logical' ? 1 : m === 'integer' ? 2 : m === 'double' ? 3 : 4;
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  c: {
    formals: ['...'],
    required: [],
    usage: 'c(...)',
    result(args) {
      let mode: Mode = 'null';
      for (const a of args.dots) {
        if (a.type.rows) {
          throw new ExprIssue(a.expr.start, `c() combines single values, like c(1, 2) or c("a", "b"); ${describe(a.expr)} has one value per row`);
        }
        if (a.type.mode === 'factor') throw new ExprIssue(a.expr.start, `c() combines numbers or text; ${describe(a.expr)} is a factor`);
        if (rank(a.type.mode) > rank(mode)) mode = a.type.mode;
      }
      return { mode, rows: false };
    },
  },
  ifelse: {
    formals: ['test', 'yes', 'no'],
    required: ['test', 'yes', 'no'],
    usage: 'ifelse(test, yes, no)',
    result(args) {
      const { test, yes, no } = args.named as Record<string, Arg>;
      if (!isNumberMode(test.type.mode)) {
        throw new ExprIssue(test.expr.start, `the test of ifelse() must be a condition such as x > 0; ${describe(test.expr)} is ${article(test.type.mode)}`);
      }
      if (!test.type.rows && (yes.type.rows || no.type.rows)) {
        throw new ExprIssue(
          test.expr.start,
          `the test of ifelse() is a single value, so R would give only the first row's value of yes or no; use a test that differs by row, such as x > 0`,
        );
      }
      for (const a of [yes, no]) {
        if (a.type.mode === 'factor') {
          throw new ExprIssue(
            a.expr.start,
            `${describe(a.expr)} is a factor, and R's ifelse() would give its level positions (1, 2, …), not its labels; write as.character(${describe(a.expr)})`,
          );
        }
        if (a.type.mode === 'null') throw new ExprIssue(a.expr.start, `ifelse() cannot give NULL`);
      }
      const top = rank(yes.type.mode) >= rank(no.type.mode) ? yes.type.mode : no.type.mode;
      return { mode: top, rows: test.type.rows };
    },
  },
  log: math('log', ['x', 'base'], 'log(x, base = exp(1))'),
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
  abs: {
    formals: ['x'],
    required: ['x'],
    usage: 'abs(x)',
    result({ named: { x } }) {
      needNumbers(x!, 'abs()');
      return { mode: isIntegerLike(x!.type.mode) ? 'integer' : 'double', rows: x!.type.rows };
    },
  },
  round: {
    formals: ['x', 'digits'],
    required: ['x'],
    usage: 'round(x, digits = 0)',
    result({ named: { x, digits } }) {
      needNumbers(x!, 'round()');
      if (digits) needNumbers(digits, 'digits of round()');
      // R 4.2's round() gives doubles even for integers.
      return { mode: 'double', rows: rowsOf(x, digits) };
    },
  },
  scale: {
    formals: ['x', 'center', 'scale'],
    required: ['x'],
    usage: 'scale(x, center = TRUE, scale = TRUE)',
    result(args) {
      needNumbers(args.named.x!, 'scale()');
      for (const name of ['center', 'scale']) {
        const a = args.named[name];
        if (!a) continue;
        if (!isNumberMode(a.type.mode)) throw new ExprIssue(a.expr.start, `${name} of scale() must be TRUE, FALSE or a number`);
        needSingle(a, `${name} of scale()`);
      }
      return { mode: 'double', rows: args.named.x!.type.rows };
    },
  },
  factor: {
    formals: ['x', 'levels', 'labels'],
    required: ['x'],
    usage: 'factor(x, levels, labels = levels)',
    result({ named: { x, levels, labels } }) {
      if (x!.type.mode === 'null') throw new ExprIssue(x!.expr.start, 'factor() of NULL has no values');
      for (const [name, a] of [['levels', levels], ['labels', labels]] as const) {
        if (!a) continue;
        needSingle(a, `${name} of factor()`);
        if (a.type.mode === 'factor') throw new ExprIssue(a.expr.start, `${name} of factor() must be numbers or text`);
      }
      return { mode: 'factor', rows: x!.type.rows };
    },
  },
  'as.factor': convert('as.factor', 'factor'),
  'as.numeric': convert('as.numeric', 'double'),
  'as.double': convert('as.double', 'double'),
  'as.integer': convert('as.integer', 'integer'),
  'as.character': convert('as.character', 'character'),
  'is.na': convert('is.na', 'logical'),
  I: {
    formals: ['x'],
    required: ['x'],
    usage: 'I(x)',
    result: ({ named: { x } }) => x!.type,
  },
  cut: {
    formals: ['x', 'breaks', 'labels', 'include.lowest', 'right', 'dig.lab'],
    required: ['x', 'breaks'],
    usage: 'cut(x, breaks, labels = NULL, include.lowest = FALSE, right = TRUE, dig.lab = 3)',
    result(args) {
      const { x, breaks, labels } = args.named;
      needNumbers(x!, 'cut()');
      needNumbers(breaks!, 'breaks of cut()');
      needSingle(breaks, 'breaks of cut()');
      needFlag(args, 'include.lowest', 'cut');
      needFlag(args, 'right', 'cut');
      const digLab = args.named['dig.lab'];
      if (digLab) {
        needNumbers(digLab, 'dig.lab of cut()');
        needSingle(digLab, 'dig.lab of cut()');
      }
      if (labels) {
        needSingle(labels, 'labels of cut()');
        if (labels.type.mode === 'factor') throw new ExprIssue(labels.expr.start, 'labels of cut() must be text, NULL or FALSE');
      }
      // labels = FALSE asks for the interval numbers instead of a factor.
      return { mode: labels?.type.mode === 'logical' ? 'integer' : 'factor', rows: x!.type.rows };
    },
  },
  mean: summary('mean', ['x', 'trim', 'na.rm'], 'mean(x, trim = 0, na.rm = FALSE)'),
  median: summary('median', ['x', 'na.rm'], 'median(x, na.rm = FALSE)'),
  sd: summary('sd', ['x', 'na.rm'], 'sd(x, na.rm = FALSE)'),
  min: variadic('min', false, true),
  max: variadic('max', false, true),
  sum: variadic('sum', false, true),
  pmin: variadic('pmin', true, true),
  pmax: variadic('pmax', true, true),
};

function convert(fn: string, mode: Mode): FunctionSpec {
  return {
    formals: ['x'],
    required: ['x'],
    usage: `${fn}(x)`,
    result({ named: { x } }) {
      if (x!.type.mode === 'null' && fn !== 'is.na') throw new ExprIssue(x!.expr.start, `${fn}() of NULL has no values`);
      return { mode, rows: x!.type.rows };
    },
  };
}

function article(mode: Mode): string {
  return mode === 'factor' ? 'a factor' : mode === 'character' ? 'text' : mode === 'null' ? 'NULL' : 'a number';
}

/** Names that mean something without a column of that name, as in R's base environment. */
export const CONSTANT_NAMES: Readonly<Record<string, { value: number; mode: Mode }>> = {
  pi: { value: Math.PI, mode: 'double' },
  T: { value: 1, mode: 'logical' },
  F: { value: 0, mode: 'logical' },
};
