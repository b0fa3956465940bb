import { describe, expect, it } from 'vitest';
import { formatCVector, formatG, formatNumber } from '../../../../src-main/engine/recipes/format';

describe('formatG is C\'s %.*g as R\'s formatC(x, digits, width = 1) gives it', () => {
  it.each([
    // R 4.2.2: formatC(c(0.3125, 0.125, 2.5, 1000, 123456, 0.0001, 0.00001234, -0.5, 1e-300, 99.95, 0.0015), digits = 3, width = 1)
    [3, [0.3125, 0.125, 2.5, 1000, 123456, 0.0001, 0.00001234, -0.5, 1e-300, 99.95, 0.0015], ['0.312', '0.125', '2.5', '1e+03', '1.23e+05', '0.0001', '1.23e-05', '-0.5', '1e-300', '100', '0.0015']],
    // R: formatC(c(2.5, 3.5, 0.25, 0.35, 9.5), digits = 1, width = 1): exact ties go to even, 0.35 is stored below the tie
    [1, [2.5, 3.5, 0.25, 0.35, 9.5], ['2', '4', '0.2', '0.3', '1e+01']],
    // R: formatC(c(1e100, 123456789, 99950, 0.000099995, 1.5e-10), digits = 3, width = 1)
    [3, [1e100, 123456789, 99950, 0.000099995, 1.5e-10], ['1e+100', '1.23e+08', '1e+05', '0.0001', '1.5e-10']],
    [4, [1234.5], ['1234']],
  ])('digits = %i', (digits, values, expected) => {
    expect(values.map((v) => formatG(v, digits))).toEqual(expected);
  });

  it('right-aligns non-finite values to each other, as formatC does (R: formatC(c(NaN, Inf, -Inf, 1), digits = 3, width = 1))', () => {
    expect(formatCVector([NaN, Infinity, -Infinity, 1], 3)).toEqual([' NaN', ' Inf', '-Inf', '1']);
    expect(formatCVector([Infinity, 1], 3)).toEqual(['Inf', '1']);
  });
});

describe('formatNumber is R 4.2\'s as.character() of a double', () => {
  it('chooses fixed or scientific notation by width with 15 significant digits', () => {
    // R 4.2.2: as.character(c(1e14 + 0.5, 2^60, 123456789012345678, -0.5, 1e-300, 1e300, 5e-324, 0.1, 1e-5,
    //   123456.7, 1234567890123.5, -1e5, 0.1234567890123456, 1e21, 1e16 + 2)); the literal 123456789012345678
    // is the double 123456789012345680, written here as such.
    const values = [1e14 + 0.5, 2 ** 60, 123456789012345680, -0.5, 1e-300, 1e300, 5e-324, 0.1, 1e-5, 123456.7, 1234567890123.5, -1e5, 0.1234567890123456, 1e21, 1e16 + 2];
    expect(values.map(formatNumber)).toEqual([
      '1e+14',
      '1152921504606846976',
      '123456789012345680',
      '-0.5',
      '1e-300',
      '1e+300',
      '4.94065645841247e-324',
      '0.1',
      '1e-05',
      '123456.7',
      '1234567890123.5',
      '-1e+05',
      '0.123456789012346',
      '1e+21',
      '1e+16',
    ]);
    expect([Infinity, -Infinity, 0].map(formatNumber)).toEqual(['Inf', '-Inf', '0']);
  });
});
