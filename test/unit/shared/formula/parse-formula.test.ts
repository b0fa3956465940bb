import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { printExpression } from '@shared/expr/print';
import { parseFormula, parseGroupedFormula } from '@shared/formula/parse-formula';
import type { RandomTerm } from '@shared/formula/types';

describe("the fixed part expands as R's terms() does", () => {
  // R 4.2.2: attr(terms(f), "term.labels"), attr(terms(f), "intercept") and the variables
  // (attr(terms(f), "variables") without the response and offsets).
  it.each([
    ['y ~ a*b', ['a', 'b', 'a:b'], true, ['a', 'b']],
    ['y ~ b:a + a', ['a', 'b:a'], true, ['b', 'a']],
    ['y ~ a + b:a', ['a', 'a:b'], true, ['a', 'b']],
    ['y ~ (a+b+c)^2', ['a', 'b', 'c', 'a:b', 'a:c', 'b:c'], true, ['a', 'b', 'c']],
    ['y ~ (a+b+c)^3', ['a', 'b', 'c', 'a:b', 'a:c', 'b:c', 'a:b:c'], true, ['a', 'b', 'c']],
    ['y ~ (a+b+c+d)^3', ['a', 'b', 'c', 'd', 'a:b', 'a:c', 'a:d', 'b:c', 'b:d', 'c:d', 'a:b:c', 'a:b:d', 'a:c:d', 'b:c:d'], true, ['a', 'b', 'c', 'd']],
    ['y ~ (a+b+c)^3 - a:b:c', ['a', 'b', 'c', 'a:b', 'a:c', 'b:c'], true, ['a', 'b', 'c']],
    ['y ~ (a*b)^2', ['a', 'b', 'a:b'], true, ['a', 'b']],
    ['y ~ a^2', ['a'], true, ['a']],
    ['y ~ a/b', ['a', 'a:b'], true, ['a', 'b']],
    ['y ~ a/(b+c)', ['a', 'a:b', 'a:c'], true, ['a', 'b', 'c']],
    ['y ~ (a+b)/c', ['a', 'b', 'a:b:c'], true, ['a', 'b', 'c']],
    ['y ~ (a+b)/c/d', ['a', 'b', 'a:b:c', 'a:b:c:d'], true, ['a', 'b', 'c', 'd']],
    ['y ~ a/b/c', ['a', 'a:b', 'a:b:c'], true, ['a', 'b', 'c']],
    ['y ~ a %in% b', ['a:b'], true, ['a', 'b']],
    ['y ~ a + b %in% a', ['a', 'a:b'], true, ['a', 'b']],
    ['y ~ a*b + c %in% a', ['a', 'b', 'a:b', 'a:c'], true, ['a', 'b', 'c']],
    ['y ~ (a + b)*(c + d)', ['a', 'b', 'c', 'd', 'a:c', 'a:d', 'b:c', 'b:d'], true, ['a', 'b', 'c', 'd']],
    ['y ~ (a + b):c', ['a:c', 'b:c'], true, ['a', 'b', 'c']],
    ['y ~ a:b + c:a + b', ['b', 'a:b', 'a:c'], true, ['a', 'b', 'c']],
    ['y ~ a:b:c + c + b:c', ['c', 'b:c', 'a:b:c'], true, ['a', 'b', 'c']],
    ['y ~ c + a:b + a', ['c', 'a', 'a:b'], true, ['c', 'a', 'b']],
    ['y ~ a - 1', ['a'], false, ['a']],
    ['y ~ 0 + a', ['a'], false, ['a']],
    ['y ~ a + 0', ['a'], false, ['a']],
    ['y ~ -1 + a', ['a'], false, ['a']],
    ['y ~ a - 1 + 1', ['a'], true, ['a']],
    ['y ~ a + 1 - 1', ['a'], false, ['a']],
    ['y ~ a - 0', ['a'], true, ['a']],
    ['y ~ a - (1 + b)', ['a'], false, ['a', 'b']],
    ['y ~ a - (0 + b)', ['a'], true, ['a', 'b']],
    ['y ~ (a+b)^2 - 1', ['a', 'b', 'a:b'], false, ['a', 'b']],
    ['y ~ 1', [], true, []],
    ['y ~ 0', [], false, []],
    ['y ~ a - b', ['a'], true, ['a', 'b']],
    ['y ~ a + (b - b)', ['a'], true, ['a', 'b']],
    ['y ~ a*b - a:b', ['a', 'b'], true, ['a', 'b']],
    ['y ~ a*b - a', ['b', 'a:b'], true, ['a', 'b']],
    ['y ~ a*b*c - a:b', ['a', 'b', 'c', 'a:c', 'b:c', 'a:b:c'], true, ['a', 'b', 'c']],
    ['y ~ a:b - b', ['a:b'], true, ['a', 'b']],
    ['y ~ a + a', ['a'], true, ['a']],
    ['y ~ a:b + b:a', ['a:b'], true, ['a', 'b']],
    ['y ~ (a) + ((b))', ['a', 'b'], true, ['a', 'b']],
    ['y ~ I(x^2) + log(y2) + x', ['I(x^2)', 'log(y2)', 'x'], true, ['I(x^2)', 'log(y2)', 'x']],
    ['y ~ log(x + 1):f + I(x^2)', ['I(x^2)', 'log(x + 1):f'], true, ['log(x + 1)', 'f', 'I(x^2)']],
    ['y ~ `my var` * f', ['`my var`', 'f', '`my var`:f'], true, ['`my var`', 'f']],
    ['~ a + b', ['a', 'b'], true, ['a', 'b']],
  ])('%s', (text, labels, intercept, variables) => {
    const f = parseFormula(text);
    expect(f.terms.map((t) => t.label)).toEqual(labels);
    expect(f.intercept).toBe(intercept);
    expect(f.variables.map(printExpression)).toEqual(variables);
  });

  it('keeps each term’s variables as expressions in R’s order', () => {
    const f = parseFormula('y ~ sex:I(standLRT^2) + log(schavg + 2)');
    expect(f.terms.map((t) => t.factors.map(printExpression))).toEqual([['log(schavg + 2)'], ['sex', 'I(standLRT^2)']]);
    expect(f.terms[1].label).toBe('sex:I(standLRT^2)');
  });

  it('matches variables whatever their spacing, as R compares expressions', () => {
    expect(parseFormula('y ~ I(x^2) + I( x ^ 2 ) + log(x)*I(x^2)').terms.map((t) => t.label)).toEqual([
      'I(x^2)',
      'log(x)',
      'I(x^2):log(x)',
    ]);
  });

  it('collects offsets apart from the terms', () => {
    const f = parseFormula('y ~ offset(log(n)) + x + offset(o)');
    expect(f.offsets.map(printExpression)).toEqual(['log(n)', 'o']);
    expect(f.terms.map((t) => t.label)).toEqual(['x']);
  });

  it('reads the response as an expression, cbind() included', () => {
    const f = parseFormula('cbind(incidence, size - incidence) ~ period + (1 | herd)');
    expect(printExpression(f.response!)).toBe('cbind(incidence, size - incidence)');
    expect(f.terms.map((t) => t.label)).toEqual(['period']);
    expect(parseFormula('log(y) ~ x').response).toMatchObject({ type: 'call', fn: 'log' });
    expect(parseFormula('~ x').response).toBeNull();
  });
});

/** A random term as lme4's findbars() prints it, e.g. "0 + x | g2:g1". */
function bar(r: RandomTerm): string {
  const lhs = [r.intercept ? (r.terms.length ? [] : ['1']) : ['0'], ...r.terms.map((t) => t.label)].flat();
  return `${lhs.join(' + ')} | ${r.groupLabel}`;
}

describe("random terms expand as lme4's findbars() does", () => {
  // lme4 1.1-31: sapply(findbars(f), deparse); the grouping factor's name is names(getME(m, "flist")).
  it.each([
    ['normexam ~ standLRT + (1 | school)', ['1 | school']],
    ['normexam ~ standLRT + (standLRT | school)', ['standLRT | school']],
    ['math ~ raven + (1 + raven | school)', ['raven | school']],
    ['normexam ~ standLRT + sex + (standLRT + sex | school)', ['standLRT + sex | school']],
    ['y ~ x + (0 + x | g)', ['0 + x | g']],
    ['y ~ x + (-1 + x | g)', ['0 + x | g']],
    ['Reaction ~ Days + (Days || Subject)', ['1 | Subject', '0 + Days | Subject']],
    ['y ~ x + (x*z || g)', ['1 | g', '0 + x | g', '0 + z | g', '0 + x:z | g']],
    ['y ~ x + (0 + x + z || g)', ['0 + x | g', '0 + z | g']],
    ['y ~ 1 + (1 | g1/g2)', ['1 | g2:g1', '1 | g1']],
    ['y ~ 1 + (1 | g1/g2/g3)', ['1 | g3:(g2:g1)', '1 | g2:g1', '1 | g1']],
    ['y ~ x + (x || g1/g2)', ['1 | g2:g1', '1 | g1', '0 + x | g2:g1', '0 + x | g1']],
    ['y ~ 1 + (1 | g1:g2)', ['1 | g1:g2']],
    ['y ~ 1 + (1 | school/class:year)', ['1 | class:year:school', '1 | school']],
    ['y ~ (1 | g1) + x + (x | g2)', ['1 | g1', 'x | g2']],
    ['y ~ (1 | g)', ['1 | g']],
  ])('%s', (text, expected) => {
    expect(parseFormula(text).random.map(bar)).toEqual(expected);
  });

  it('records the grouping variables, the bar as written, correlation and origin', () => {
    const f = parseFormula('y ~ x + (1 | s) + (x || g1/g2)');
    expect(f.random.map((r) => r.group.map(printExpression))).toEqual([['s'], ['g2', 'g1'], ['g1'], ['g2', 'g1'], ['g1']]);
    expect(f.random.map((r) => r.origin)).toEqual([0, 1, 1, 1, 1]);
    expect(f.random.map((r) => r.correlated)).toEqual([true, false, false, false, false]);
    expect(f.random[1].source).toBe('(x || g1/g2)');
    expect(f.terms.map((t) => t.label)).toEqual(['x']);
  });

  it('leaves the fixed part as nobars() leaves it: an intercept when only random terms are given', () => {
    const f = parseFormula('y ~ (1 | g)');
    expect(f.intercept).toBe(true);
    expect(f.terms).toEqual([]);
    expect(parseFormula('y ~ 0 + (1 | g)').intercept).toBe(false);
  });

  it('keeps `|` inside a function call as R’s logical or', () => {
    const f = parseFormula('y ~ I(a | b)');
    expect(f.terms.map((t) => t.label)).toEqual(['I(a | b)']);
    expect(f.random).toEqual([]);
  });
});

describe('formulas for one fit per group (lmList)', () => {
  it('splits off the grouping factor', () => {
    const g = parseGroupedFormula('normexam ~ standLRT | school');
    expect(g.groupLabel).toBe('school');
    expect(g.formula.source).toBe('normexam ~ standLRT');
    expect(g.formula.terms.map((t) => t.label)).toEqual(['standLRT']);
    expect(parseGroupedFormula('y ~ x + z | g1:g2').group.map(printExpression)).toEqual(['g1', 'g2']);
  });

  it('needs the bar', () => {
    expect(() => parseGroupedFormula('normexam ~ standLRT')).toThrow(/ends in "\| group"/);
  });
});

describe('errors say what is wrong and where', () => {
  it.each([
    ['normexam + standLRT', 1, 'needs "~"'],
    ['y ~ x | g', 5, 'must be in parentheses: (x | g)'],
    ['y ~ x + 1 | g', 5, 'must be in parentheses'],
    ['y ~ x == 1', 5, 'the operator "==" has no meaning in a formula; to use x == 1 as a computed variable, wrap it in I(…): I(x == 1)'],
    ['y ~ x & z', 5, 'the operator "&"'],
    ['y ~ !x', 5, 'the operator "!"'],
    ['y ~ x %% 2', 5, 'the operator "%%"'],
    ['y ~ x + 2', 9, 'the number 2 cannot be a term'],
    ['y ~ .', 5, '"." (all other columns) is not supported'],
    ['y ~ x + .', 9, '"." (all other columns) is not supported'],
    ['y ~ (a + b)^z', 13, 'the power of a formula term must be a whole number'],
    ['y ~ (a + b)^1.5', 13, 'the power of a formula term must be a whole number'],
    ['y ~ x:(1 | g)', 7, 'can only be added with "+"'],
    ['y ~ x - (1 | g)', 9, 'can only be added with "+"'],
    ['y ~ x + (0 | g)', 10, 'has nothing that varies by group'],
    ['y ~ x + (1 | 2)', 14, 'the grouping factor 2 must be a variable'],
    ['y ~ x + (x | g1/(g2/g3))', 18, 'must be a variable, an interaction of variables (g1:g2) or a nesting (g1/g2)'],
    ['y ~ x + (offset(o) | g)', 10, 'offset(…) is only allowed in the fixed part'],
    ['y ~ x + cbind(a, b)', 9, 'cbind(…) is only allowed as the response'],
    ['y ~ x + y', 9, 'the response y also appears on the right-hand side'],
    ['y ~ x ~ z', 1, 'a formula has only one "~"'],
    ['y | g ~ x', 1, '"|" cannot appear in the response'],
    ['3 ~ x', 1, 'the response must be a variable'],
    ['y ~ x:1', 7, '":" needs variables on both sides'],
    ['y ~ ', 5, 'it ends too early'],
    ['', 1, 'the formula is empty'],
  ])('%s', (text, position, message) => {
    let caught: unknown;
    try {
      parseFormula(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const e = caught as AppError;
    expect(e.code).toBe('bad-input');
    expect(e.message).toContain(message);
    expect(e.message).toContain(`In the formula "${text}"`);
    expect((e.detail as { position: number }).position).toBe(position);
  });
});
