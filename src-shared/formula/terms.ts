import type { Expr } from '../expr/ast';
import { printExpression } from '../expr/print';
import { syntaxError } from '../expr/tokenize';
import type { Term } from './types';

/**
 * R's terms() expansion of one side of a formula (stats/src/model.c, TermsForm):
 * each term is a set of variables, `+` joins, `:` unions, `*` is a + b + a:b,
 * `/` nests (a/b = a + a:b, (a+b)/c = a + b + a:b:c), `%in%` unions with every
 * variable on the right, `^n` crosses n times, `-` deletes (flipping what 0 and 1
 * mean, so `-1` drops the intercept and `-0` keeps it). Duplicates are dropped and
 * terms sorted by degree, keeping order of appearance within a degree; inside a
 * term the variables follow their order of first appearance in the formula.
 */

type Bits = number[]; // sorted variable indices

export interface Encoded {
  terms: Term[];
  intercept: boolean;
  /** Every variable seen, in order of first appearance (also those of removed terms). */
  variables: Expr[];
  offsets: Expr[];
}

export interface EncodeOptions {
  /** The whole text, for error positions. */
  source: string;
  what: string;
  /** Variables installed before the right-hand side (the response), so R's variable order is kept. */
  leading?: Expr[];
  /** Receives a parenthesised bar term in a position where a term is added; without it, bars are errors. */
  onBar?: (bar: Extract<Expr, { type: 'binary' }>, paren: Expr) => void;
  allowOffsets: boolean;
}

export function encodeTerms(rhs: Expr | null, options: EncodeOptions): Encoded {
  const encoder = new Encoder(options);
  for (const e of options.leading ?? []) encoder.install(e, true);
  const bits = rhs ? encoder.encode(rhs, true) : [];
  const kept = unique(bits).filter((b) => b.length > 0);
  // A stable sort by degree, as R's TermsForm orders the terms.
  const ordered = kept.map((b, i) => ({ b, i })).sort((x, y) => x.b.length - y.b.length || x.i - y.i);
  const leading = options.leading?.length ?? 0;
  const vars = encoder.vars;
  const terms = ordered.map(({ b }) => {
    const factors = b.map((v) => vars[v].expr);
    return { label: b.map((v) => vars[v].key).join(':'), factors };
  });
  for (const { b } of ordered) {
    const clash = b.find((v) => v < leading);
    if (clash !== undefined) {
      const e = encoder.rightHandUse.get(clash) ?? vars[clash].expr;
      throw syntaxError(options.source, e.start, `the response ${vars[clash].key} also appears on the right-hand side`, options.what);
    }
  }
  return {
    terms,
    intercept: encoder.intercept,
    variables: vars.slice(leading).map((v) => v.expr),
    offsets: encoder.offsets,
  };
}

class Encoder {
  vars: { key: string; expr: Expr }[] = [];
  private index = new Map<string, number>();
  intercept = true;
  /** False on the right of a `-`, where 1 and 0 swap meaning (R's `parity`). */
  private parity = true;
  offsets: Expr[] = [];

  constructor(private readonly options: EncodeOptions) {}

  /** Where a leading variable (the response) is first used again on the right-hand side, for the error. */
  rightHandUse = new Map<number, Expr>();

  install(e: Expr, leading = false): number {
    const key = printExpression(e);
    let v = this.index.get(key);
    if (v === undefined) {
      v = this.vars.length;
      this.vars.push({ key, expr: e });
      this.index.set(key, v);
    } else if (!leading && v < (this.options.leading?.length ?? 0) && !this.rightHandUse.has(v)) {
      this.rightHandUse.set(v, e);
    }
    return v;
  }

  private error(e: Expr, message: string): Error {
    return syntaxError(this.options.source, e.start, message, this.options.what);
  }

  /** `additive`: the term is being added to the model (the only place a random-effects term may stand). */
  encode(e: Expr, additive: boolean): Bits[] {
    switch (e.type) {
      case 'number':
        if (e.value === 1) this.intercept = this.parity;
        else if (e.value === 0) this.intercept = !this.parity;
        else throw this.error(e, `the number ${e.text} cannot be a term; only 1 (intercept) and 0 (no intercept) can, and I(…) wraps arithmetic such as I(2 * x)`);
        return [];
      case 'name':
        if (e.name === '.') throw this.error(e, '"." (all other columns) is not supported; list the variables by name');
        return [[this.install(e)]];
      case 'call':
        return this.call(e);
      case 'paren': {
        const inner = e.inner;
        if (inner.type === 'binary' && (inner.op === '|' || inner.op === '||')) {
          if (!this.options.onBar) throw this.error(e, `a random-effects term ${printExpression(e)} is not allowed here`);
          if (!additive) throw this.error(e, `the random-effects term ${printExpression(e)} can only be added with "+", not combined with other terms`);
          this.options.onBar(inner, e);
          return [];
        }
        return this.encode(inner, additive);
      }
      case 'unary':
        if (e.op === '+') return this.encode(e.arg, additive);
        if (e.op === '-') {
          this.removal(e.arg);
          return [];
        }
        throw this.unsupported(e, e.op);
      case 'binary':
        return this.binary(e, additive);
      default:
        throw this.error(e, `${printExpression(e)} is not a variable and cannot be a term`);
    }
  }

  private call(e: Extract<Expr, { type: 'call' }>): Bits[] {
    if (e.fn === 'offset') {
      if (!this.options.allowOffsets) throw this.error(e, 'offset(…) is only allowed in the fixed part of a formula');
      if (e.args.length !== 1 || e.args[0].name) throw this.error(e, 'offset(…) takes one expression, e.g. offset(log(exposure))');
      this.offsets.push(e.args[0].value);
      return [];
    }
    if (e.fn === 'cbind') throw this.error(e, 'cbind(…) is only allowed as the response (left of ~), e.g. cbind(successes, failures) ~ x');
    return [[this.install(e)]];
  }

  private binary(e: Extract<Expr, { type: 'binary' }>, additive: boolean): Bits[] {
    switch (e.op) {
      case '+':
        return unique([...this.encode(e.left, additive), ...this.encode(e.right, additive)]);
      case '-': {
        const left = this.encode(e.left, additive);
        const removed = new Set(this.removal(e.right).map(keyOf));
        return left.filter((b) => !removed.has(keyOf(b)));
      }
      case ':':
        return interact(this.nonEmpty(e.left, ':'), this.nonEmpty(e.right, ':'));
      case '*': {
        const left = this.nonEmpty(e.left, '*');
        const right = this.nonEmpty(e.right, '*');
        return unique([...left, ...right, ...interact(left, right)]);
      }
      case '/': {
        const left = this.nonEmpty(e.left, '/');
        const all = union(left);
        const right = this.nonEmpty(e.right, '/');
        return unique([...left, ...right.map((b) => merge(all, b))]);
      }
      case '%in%': {
        const left = this.nonEmpty(e.left, '%in%');
        const all = union(this.nonEmpty(e.right, '%in%'));
        return unique(left.map((b) => merge(b, all)));
      }
      case '^': {
        const base = this.nonEmpty(e.left, '^');
        const power = e.right.type === 'paren' ? e.right.inner : e.right;
        if (power.type !== 'number' || !Number.isInteger(power.value) || power.value < 1) {
          throw this.error(e.right, 'the power of a formula term must be a whole number such as 2, as in (a + b + c)^2; I(x^2) squares a variable');
        }
        // R's PowerTerms: cross the base with the running result, base terms outermost.
        let result = base;
        for (let k = 2; k <= power.value; k++) result = interact(base, result);
        return result;
      }
      case '|':
      case '||':
        throw this.error(e, `the random-effects term "${printExpression(e)}" must be in parentheses: (${printExpression(e)})`);
      case '~':
        throw this.error(e, 'a formula has only one "~"');
      default:
        throw this.unsupported(e, e.op);
    }
  }

  /** The terms to delete on the right of a `-`, where 1 and 0 swap meaning. */
  private removal(e: Expr): Bits[] {
    this.parity = !this.parity;
    try {
      return this.encode(e, false);
    } finally {
      this.parity = !this.parity;
    }
  }

  private nonEmpty(e: Expr, op: string): Bits[] {
    const terms = this.encode(e, false).filter((b) => b.length > 0);
    if (terms.length === 0) throw this.error(e, `"${op}" needs variables on both sides, but ${printExpression(e)} has none`);
    return terms;
  }

  private unsupported(e: Expr, op: string): Error {
    return this.error(
      e,
      `the operator "${op}" has no meaning in a formula; to use ${printExpression(e)} as a computed variable, wrap it in I(…): I(${printExpression(e)})`,
    );
  }
}

function keyOf(b: Bits): string {
  return b.join(',');
}

function unique(terms: Bits[]): Bits[] {
  const seen = new Set<string>();
  return terms.filter((b) => {
    const k = keyOf(b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function merge(a: Bits, b: Bits): Bits {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function union(terms: Bits[]): Bits {
  return terms.reduce(merge, []);
}

function interact(left: Bits[], right: Bits[]): Bits[] {
  const out: Bits[] = [];
  for (const l of left) for (const r of right) out.push(merge(l, r));
  return unique(out);
}
