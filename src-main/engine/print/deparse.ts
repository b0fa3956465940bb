import type { Expr } from '@shared/expr/ast';
import { formatR } from './format-real';

/**
 * R's deparse() of a call, with its line breaking (src/main/deparse.c), for the
 * "Call:" and "Formula:" lines of printed summaries. A line is broken, once it is
 * longer than width.cutoff (60) bytes, only at two kinds of places: after the
 * ", " between a call's arguments and after the operator of a spaced binary
 * operation (`+`, `~`, `|`, `*`, …, not `/ ^ : %% %/%`). Continuation lines are
 * indented four spaces per open break. Explicit parentheses are kept as parsed;
 * numbers are written as R writes them (1e6 → 1e+06, 15 significant digits).
 */
export const DEPARSE_CUTOFF = 60;

/** Operators R deparses without surrounding spaces (PP_BINARY2); they never take a line break. */
const TIGHT = new Set(['^', ':', '/', '%%', '%/%']);
const SYNTACTIC_NAME = /^((([A-Za-z]|[.][A-Za-z._])[A-Za-z0-9._]*)|[.])$/;
const RESERVED = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'NA_integer_', 'NA_real_', 'NA_character_', 'in']);

class Buffer {
  readonly lines: string[] = [];
  private line = '';
  private len = 0;
  private indent = 0;
  private startLine = true;
  constructor(private readonly cutoff: number) {}

  put(text: string): void {
    if (this.startLine) {
      this.startLine = false;
      // R's printtab2buff: four spaces for each of the first four levels, two after that.
      for (let i = 1; i <= this.indent; i++) this.add(i <= 4 ? '    ' : '  ');
    }
    this.add(text);
  }

  private add(text: string): void {
    this.line += text;
    this.len += utf8Length(text);
  }

  /** Breaks the line if it is already past the cutoff; the first break of a construct indents what follows. */
  lineBreak(state: { broken: boolean }): void {
    if (this.len <= this.cutoff) return;
    if (!state.broken) {
      state.broken = true;
      this.indent++;
    }
    this.writeLine();
  }

  endBreak(state: { broken: boolean }): void {
    if (state.broken) this.indent--;
  }

  writeLine(): void {
    this.lines.push(this.line);
    this.line = '';
    this.len = 0;
    this.startLine = true;
  }
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** deparse(expr, width.cutoff): the lines R would print. */
export function deparseLines(expr: Expr, cutoff = DEPARSE_CUTOFF): string[] {
  const buffer = new Buffer(cutoff);
  write(expr, buffer);
  buffer.writeLine();
  return buffer.lines;
}

/** A call `fn(name = value, …)` deparsed as R shows a model's call, lines joined with "\n". */
export function deparseCall(fn: string, args: readonly { name?: string; value: Expr }[], cutoff = DEPARSE_CUTOFF): string {
  const call: Expr = { type: 'call', fn, args: args.map((a) => ({ name: a.name, value: a.value })), start: 0, end: 0 };
  return deparseLines(call, cutoff).join('\n');
}

/** A bare name as an expression, e.g. the data set in `data = Exam`. */
export function nameExpr(name: string): Expr {
  return { type: 'name', name, start: 0, end: 0 };
}

function write(e: Expr, b: Buffer): void {
  switch (e.type) {
    case 'number':
      b.put(numberText(e.value, e.text));
      return;
    case 'string':
      b.put(JSON.stringify(e.value));
      return;
    case 'logical':
      b.put(e.value ? 'TRUE' : 'FALSE');
      return;
    case 'na':
      b.put('NA');
      return;
    case 'null':
      b.put('NULL');
      return;
    case 'name':
      b.put(quoteName(e.name));
      return;
    case 'paren':
      b.put('(');
      write(e.inner, b);
      b.put(')');
      return;
    case 'unary':
      b.put(e.op);
      write(e.arg, b);
      return;
    case 'binary': {
      write(e.left, b);
      if (TIGHT.has(e.op)) {
        b.put(e.op);
        write(e.right, b);
        return;
      }
      b.put(` ${e.op} `);
      const state = { broken: false };
      b.lineBreak(state);
      write(e.right, b);
      b.endBreak(state);
      return;
    }
    case 'call': {
      b.put(quoteName(e.fn) + '(');
      const state = { broken: false };
      e.args.forEach((arg, i) => {
        if (arg.name !== undefined) b.put(`${quoteName(arg.name)} = `);
        write(arg.value, b);
        if (i < e.args.length - 1) {
          b.put(', ');
          b.lineBreak(state);
        }
      });
      b.endBreak(state);
      b.put(')');
      return;
    }
  }
}

/** Integers keep their L; doubles are written with 15 significant digits, as deparse does. */
function numberText(value: number, text: string): string {
  if (/L$/.test(text)) return `${value}L`;
  return formatR(value, 15).trim();
}

function quoteName(name: string): string {
  return SYNTACTIC_NAME.test(name) && !RESERVED.has(name) ? name : '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}
