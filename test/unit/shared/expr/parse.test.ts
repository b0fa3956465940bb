import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { Expr } from '@shared/expr/ast';
import { parseExpression } from '@shared/expr/parse';
import { printExpression } from '@shared/expr/print';

/** The tree as a compact Lisp-like string, to check precedence without positions. */
function shape(e: Expr): string {
  switch (e.type) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'logical':
      return e.value ? 'TRUE' : 'FALSE';
    case 'na':
      return 'NA';
    case 'null':
      return 'NULL';
    case 'name':
      return e.name;
    case 'paren':
      return `(${shape(e.inner)})`;
    case 'unary':
      return `[${e.op} ${shape(e.arg)}]`;
    case 'binary':
      return `[${e.op} ${shape(e.left)} ${shape(e.right)}]`;
    case 'call':
      return `${e.fn}{${e.args.map((a) => (a.name ? `${a.name}=` : '') + shape(a.value)).join(' ')}}`;
  }
}

const parse = (s: string) => shape(parseExpression(s));

describe('parseExpression follows R operator precedence', () => {
  it.each([
    ['-2^2', '[- [^ 2 2]]'],
    ['2^3^2', '[^ 2 [^ 3 2]]'],
    ['2^-1', '[^ 2 [- 1]]'],
    ['-1:3', '[: [- 1] 3]'],
    ['a:b^2', '[: a [^ b 2]]'],
    ['1 + 2 * 3', '[+ 1 [* 2 3]]'],
    ['a - b - c', '[- [- a b] c]'],
    ['x %in% c("a", "b")', '[%in% x c{"a" "b"}]'],
    ['a * b %in% c', '[* a [%in% b c]]'],
    ['!a == b', '[! [== a b]]'],
    ['a < 1 & b > 2 | c', '[| [& [< a 1] [> b 2]] c]'],
    ['math < -10', '[< math [- 10]]'],
    ['y ~ x * f + (x | g)', '[~ y [+ [* x f] ([| x g])]]'],
    ['y ~ x + (x || g)', '[~ y [+ x ([|| x g])]]'],
    ['y ~ 1 + (1 | g1/g2)', '[~ y [+ 1 ([| 1 [/ g1 g2]])]]'],
    ['~ x', '[~ x]'],
    ['cbind(s, n - s) ~ period', '[~ cbind{s [- n s]} period]'],
    ['cut(x, breaks = c(0, 1), right = FALSE)', 'cut{x breaks=c{0 1} right=FALSE}'],
    ['ifelse(is.na(x), NA, x)', 'ifelse{is.na{x} NA x}'],
    ['`my var` + 1L + 1e-3 + .5', '[+ [+ [+ my var 1] 0.001] 0.5]'],
    ["school != '48'", '[!= school "48"]'],
    ['Inf + NaN', '[+ Infinity NaN]'],
  ])('%s', (source, expected) => {
    expect(parse(source)).toBe(expected);
  });
});

describe('printExpression writes what R deparse writes', () => {
  it.each([
    ['normexam~standLRT+(1|school)', 'normexam ~ standLRT + (1 | school)'],
    ['normexam ~ standLRT + sex + (standLRT+sex|school)', 'normexam ~ standLRT + sex + (standLRT + sex | school)'],
    ['y ~ a*b + a:b + I(x^2) + log(y)', 'y ~ a * b + a:b + I(x^2) + log(y)'],
    ['fail ~ raven + (1 | school)', 'fail ~ raven + (1 | school)'],
    ['ifelse(math < -10, 1, 0)', 'ifelse(math < -10, 1, 0)'],
    ['x %in% c("a","b")', 'x %in% c("a", "b")'],
  ])('%s', (source, expected) => {
    expect(printExpression(parseExpression(source))).toBe(expected);
  });
});

describe('syntax errors name the position', () => {
  it.each([
    ['math <', 7, 'it ends too early'],
    ['a + * b', 5, 'unexpected "*"'],
    ['f(a b)', 5, 'expected a comma or ")" but found "b"'],
    ['(a + b', 7, 'expected a closing parenthesis'],
    ['a $ b', 3, 'unexpected character "$"'],
    ['"abc', 1, 'a string is never closed'],
    ['a %o% b', 3, 'the operator %o% is not supported'],
    ['', 1, 'is empty'],
  ])('%s', (source, position, message) => {
    try {
      parseExpression(source, 'filter');
      throw new Error('expected a syntax error');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('bad-input');
      expect(e.message).toContain(message);
      expect(e.message).toContain(`In the filter "${source}"`);
      expect((e.detail as { position: number }).position).toBe(position);
    }
  });
});
