import { describe, expect, it } from 'vitest';
import { lme4FormulaLine, lme4FormulaLines } from '../../../../src-main/engine/print/lme4-formula';

describe('lme4FormulaLine: the formula lme4 keeps in the call (expandDoubleVerts)', () => {
  // R: ff[[3]] <- lme4:::expandDoubleVerts(ff[[3]]); deparse1(ff)
  it.each([
    ['y ~ x + (a*b || g)', 'y ~ x + ((1 | g) + (0 + a | g) + (0 + b | g) + (0 + a:b | g))'],
    ['y ~ x + (0 + x || g)', 'y ~ x + ((0 + x | g))'],
    ['y ~ (x || g1/g2) + (1|h)', 'y ~ ((1 | g1/g2) + (0 + x | g1/g2)) + (1 | h)'],
    ['y ~ log(x) + (log(x) + I(x^2) || g)', 'y ~ log(x) + ((1 | g) + (0 + log(x) | g) + (0 + I(x^2) | g))'],
    ['normexam ~ standLRT + (standLRT | school)', 'normexam ~ standLRT + (standLRT | school)'],
  ])('%s → %s', (source, expected) => {
    expect(lme4FormulaLine(source)).toBe(expected);
  });

  it('breaks long formulas where deparse does', () => {
    // R: deparse() of the expanded y ~ x + (x + z || g) + (x || h)
    expect(lme4FormulaLines('y ~ x + (x + z || g) + (x || h)')).toEqual([
      'y ~ x + ((1 | g) + (0 + x | g) + (0 + z | g)) + ((1 | h) + (0 + ',
      '    x | h))',
    ]);
  });
});
