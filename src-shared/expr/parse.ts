import type { BinaryOp, CallArg, Expr, UnaryOp } from './ast';
import { syntaxError, tokenize, type Token } from './tokenize';

/**
 * A Pratt parser with R's operator precedence (?Syntax), lowest first:
 * `~` < `| ||` < `& &&` < `!` < comparisons < `+ -` < `* /` < `%any%` < `:` <
 * unary `+ -` < `^` (right-associative). So `-2^2` is -(2^2), `-1:3` is (-1):3,
 * `!a == b` is !(a == b), and `y ~ x | g` puts the bar inside the formula.
 */
const BINARY: Record<string, { bp: number; right?: boolean }> = {
  '~': { bp: 1 },
  '|': { bp: 2 },
  '||': { bp: 2 },
  '&': { bp: 3 },
  '&&': { bp: 3 },
  '<': { bp: 5 },
  '>': { bp: 5 },
  '<=': { bp: 5 },
  '>=': { bp: 5 },
  '==': { bp: 5 },
  '!=': { bp: 5 },
  '+': { bp: 6 },
  '-': { bp: 6 },
  '*': { bp: 7 },
  '/': { bp: 7 },
  '%in%': { bp: 8 },
  '%%': { bp: 8 },
  '%/%': { bp: 8 },
  ':': { bp: 9 },
  '^': { bp: 11, right: true },
};
const PREFIX_BP: Record<string, number> = { '~': 1, '!': 4, '-': 10, '+': 10 };

const CONSTANTS: Record<string, (start: number, end: number) => Expr> = {
  TRUE: (start, end) => ({ type: 'logical', value: true, start, end }),
  FALSE: (start, end) => ({ type: 'logical', value: false, start, end }),
  NA: (start, end) => ({ type: 'na', start, end }),
  NA_real_: (start, end) => ({ type: 'na', start, end }),
  NA_integer_: (start, end) => ({ type: 'na', start, end }),
  NA_character_: (start, end) => ({ type: 'na', start, end }),
  NULL: (start, end) => ({ type: 'null', start, end }),
  Inf: (start, end) => ({ type: 'number', value: Infinity, text: 'Inf', start, end }),
  NaN: (start, end) => ({ type: 'number', value: NaN, text: 'NaN', start, end }),
};

/** Parses a whole R-like expression; `what` names it in error messages ("formula", "filter", …). */
export function parseExpression(source: string, what = 'expression'): Expr {
  if (source.trim() === '') throw syntaxError(source, 0, `the ${what} is empty`, what);
  const parser = new Parser(source, tokenize(source, what), what);
  const expr = parser.expression(0);
  parser.expectEnd();
  return expr;
}

class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly what: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpected(t);
  }

  expression(minBp: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') break;
      const info = BINARY[t.text];
      if (!info || info.bp <= minBp) {
        if (!info && t.text !== '!') throw this.unexpected(t);
        break;
      }
      this.next();
      const right = this.expression(info.right ? info.bp - 1 : info.bp);
      left = { type: 'binary', op: t.text as BinaryOp, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private prefix(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: t.value!, text: t.text, start: t.start, end: t.end };
      case 'string':
        return { type: 'string', value: t.text, start: t.start, end: t.end };
      case 'name': {
        if (this.peek().kind === '(') return this.call(t);
        const constant = CONSTANTS[t.text];
        // Backticked `TRUE` is a name, as in R.
        if (constant && this.source[t.start] !== '`') return constant(t.start, t.end);
        return { type: 'name', name: t.text, start: t.start, end: t.end };
      }
      case '(': {
        const inner = this.expression(0);
        const close = this.next();
        if (close.kind !== ')') throw this.unexpected(close, 'a closing parenthesis ")"');
        return { type: 'paren', inner, start: t.start, end: close.end };
      }
      case 'op': {
        const bp = PREFIX_BP[t.text];
        if (bp === undefined) throw this.unexpected(t);
        const arg = this.expression(bp);
        return { type: 'unary', op: t.text as UnaryOp, arg, start: t.start, end: arg.end };
      }
      default:
        throw this.unexpected(t);
    }
  }

  private call(nameToken: Token): Expr {
    this.next(); // (
    const args: CallArg[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        const t = this.peek();
        const following = this.tokens[this.i + 1];
        if ((t.kind === 'name' || t.kind === 'string') && following.kind === '=') {
          this.i += 2;
          args.push({ name: t.text, value: this.expression(0) });
        } else {
          args.push({ value: this.expression(0) });
        }
        const sep = this.next();
        if (sep.kind === ')') break;
        if (sep.kind !== ',') throw this.unexpected(sep, 'a comma or ")"');
      }
    } else {
      this.next();
    }
    const end = this.tokens[this.i - 1].end;
    return { type: 'call', fn: nameToken.text, args, start: nameToken.start, end };
  }

  private unexpected(t: Token, expected?: string) {
    const found = t.kind === 'end' ? 'the end' : `"${this.source.slice(t.start, t.end)}"`;
    const message = expected ? `expected ${expected} but found ${found}` : t.kind === 'end' ? 'it ends too early' : `unexpected ${found}`;
    return syntaxError(this.source, t.start, message, this.what);
  }
}
