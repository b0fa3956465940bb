import { describe, expect, it } from 'vitest';
import { rRound } from '../../../../src-main/engine/recipes/math';
import { factor, frameOf, labels, numeric, nums, run } from './helpers';

const NA = NaN;

describe('mathematical functions match R 4.2.2', () => {
  it('log, log with a base, log2, log10, log1p, exp, sqrt, expm1', () => {
    const f = frameOf(numeric('x', [-1, 0, 1, 10]));
    const warnings: string[] = [];
    // R: log(c(-1, 0, 1, 10)) is NaN -Inf 0 2.3025850929940459, with "NaNs produced".
    expect(nums('log(x)', f, warnings)).toEqual([NA, -Infinity, 0, 2.3025850929940459]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('log(x) gave NaN for 1 value');
    const one = frameOf(numeric('x', [1]));
    // R: log(8, 2), log(100, 10), log(10, 3), log2(10), log10(2), log1p(1e-10), exp(1), sqrt(2), expm1(1e-10)
    const got = ['log(8, 2)', 'log(100, base = 10)', 'log(10, 3)', 'log2(10)', 'log10(2)', 'log1p(1e-10)', 'exp(1)', 'sqrt(2)', 'expm1(1e-10)'].map(
      (s) => nums(s, one)[0],
    );
    const r = [3, 2, 2.0959032742893848, 3.3219280948873622, 0.3010299956639812, 9.9999999995000007e-11, 2.7182818284590451, 1.4142135623730951, 1.00000000005e-10];
    got.forEach((v, i) => expect(v).toBeCloseTo(r[i], 15));
    expect(nums('log(-2, 10)', one)).toEqual([NA]);
  });

  it('rounds as R 4 does: half to even on the stored double', () => {
    const x = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.15, 0.25, 0.35, 2.675, 1.005, -1.005, 0.125, 12345.5, 123.456, -123.456, 1234.5678, 0.285, 5.015, 2.345, 1e-20, 0.1 + 0.2];
    const d = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, -1, -2, -2, 2, 2, 2, 3, 15];
    // R: sprintf("%.17g", round(x, d))
    const r = [0, 2, 2, -0, -2, -2, 0.1, 0.2, 0.3, 2.67, 1, -1, 0.12, 12346, 120, -100, 1200, 0.28, 5.02, 2.35, 0, 0.3];
    expect(x.map((v, i) => rRound(v, d[i]))).toEqual(r);
    const f = frameOf(numeric('x', x), numeric('d', d));
    expect(nums('round(x, d)', f)).toEqual(r);
    expect(run('round(x)', frameOf(numeric('x', [2.5], 'integer'))).kind).toBe('numeric'); // R: typeof(round(5L)) is "double"
  });

  it('abs, floor, ceiling, trunc, sign', () => {
    const f = frameOf(numeric('x', [-2.5, 0, 3.7, NA]));
    expect(nums('abs(x)', f)).toEqual([2.5, 0, 3.7, NA]);
    expect(nums('floor(x)', f)).toEqual([-3, 0, 3, NA]);
    expect(nums('ceiling(x)', f)).toEqual([-2, 0, 4, NA]);
    expect(nums('trunc(x)', f)).toEqual([-2, 0, 3, NA]);
    expect(nums('sign(x)', f)).toEqual([-1, 0, 1, NA]);
  });
});

describe('summaries and scale()', () => {
  const s = frameOf(numeric('s', [1, 2, 4, NA, 8]));

  it('scale() centres by the mean and divides by the n - 1 SD, ignoring NA (R: scale(c(1, 2, 4, NA, 8)))', () => {
    const expected = [-0.88833013839597308, -0.56530099716107374, 0.080757285308724822, NA, 1.372873850248322];
    nums('scale(s)', s).forEach((v, i) => (Number.isNaN(expected[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(expected[i], 15)));
    const noCentre = [0.18786728732554486, 0.37573457465108973, 0.75146914930217945, NA, 1.5029382986043589];
    nums('scale(s, center = FALSE)', s).forEach((v, i) => (Number.isNaN(noCentre[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(noCentre[i], 15)));
    expect(nums('scale(s, center = 2, scale = 3)', s)).toEqual([-0.33333333333333331, 0, 0.66666666666666663, NA, 2]);
    expect(nums('scale(s, scale = FALSE)', s)).toEqual([-2.75, -1.75, 0.25, NA, 4.25]);
  });

  it('mean, sd, median, min, max, sum with na.rm, trimmed mean; NA without na.rm', () => {
    // R: mean 3.75, sd 3.0956959368344519, median 3, min 1, max 8, sum 15 (na.rm = TRUE)
    expect(nums('mean(s, na.rm = TRUE)', s)[0]).toBe(3.75);
    expect(nums('sd(s, na.rm = TRUE)', s)[0]).toBeCloseTo(3.0956959368344519, 15);
    expect(nums('median(s, na.rm = TRUE)', s)[0]).toBe(3);
    expect(nums('min(s, na.rm = TRUE)', s)[0]).toBe(1);
    expect(nums('max(s, na.rm = TRUE)', s)[0]).toBe(8);
    expect(nums('sum(s, na.rm = TRUE)', s)[0]).toBe(15);
    expect(nums('mean(s)', s)[0]).toBeNaN();
    expect(nums('mean(c(1, 2, 3, 4, 100), trim = 0.2)', s)[0]).toBe(3);
    expect(nums('median(c(4, 1, 3, 2))', s)[0]).toBe(2.5);
    expect(nums('sd(c(0.1, 0.2, 0.3, 0.4))', s)[0]).toBeCloseTo(0.12909944487358055, 16);
    // Centring by a summary, the everyday use:
    expect(nums('s - mean(s, na.rm = TRUE)', s)).toEqual([-2.75, -1.75, 0.25, NA, 4.25]);
  });

  it('min/max of nothing is ±Inf with a warning; pmin/pmax work elementwise', () => {
    const warnings: string[] = [];
    // R: max(c(NA, NA), na.rm = TRUE) is -Inf with "no non-missing arguments to max; returning -Inf".
    expect(nums('max(m, na.rm = TRUE)', frameOf(numeric('m', [NA, NA])), warnings)).toEqual([-Infinity, -Infinity]);
    expect(warnings[0]).toContain('no values that are not missing');
    const f = frameOf(numeric('v', [1, NA, 5]));
    // R: pmin(c(1, NA, 5), 3) is 1 NA 3; pmax(c(1, NA, 5), 3, na.rm = TRUE) is 3 3 5.
    expect(nums('pmin(v, 3)', f)).toEqual([1, NA, 3]);
    expect(nums('pmax(v, 3, na.rm = TRUE)', f)).toEqual([3, 3, 5]);
    expect(nums('max(v, na.rm = TRUE) - min(v, na.rm = TRUE)', f)).toEqual([4, 4, 4]);
    expect(run('max(1L, 2L)', f).kind).toBe('integer');
    expect(run('sum(v > 2, na.rm = TRUE)', f).kind).toBe('integer');
  });
});

describe('ifelse()', () => {
  it('gives NA where the test is NA, and the common type of yes and no', () => {
    const f = frameOf(numeric('x', [1, NA, -2]));
    // R: ifelse(c(1, NA, -2) > 0, "pos", "neg") is "pos" NA "neg"
    expect(labels('ifelse(x > 0, "pos", "neg")', f)).toEqual({ labels: ['pos', null, 'neg'], levels: ['neg', 'pos'] });
    expect(nums('ifelse(x > 0, 1L, 2.5)', f)).toEqual([1, NA, 2.5]);
    expect(run('ifelse(x > 0, 1L, 2L)', f).kind).toBe('integer');
    expect(nums('ifelse(is.na(x), 0, x)', f)).toEqual([1, 0, -2]);
    expect(labels('ifelse(x > 0, "a", as.character(x))', f).labels).toEqual(['a', null, '-2']);
  });
});

describe('factor() and conversions', () => {
  it('orders default levels as R: numbers by value written as R writes them, text by collation', () => {
    const f = frameOf(numeric('x', [10, 2, 1e5, 2.5, NA]));
    // R: levels(factor(c(10, 2, 1e5, 2.5, NA))) is "2" "2.5" "10" "1e+05"; codes 3 1 4 2 NA
    expect(labels('factor(x)', f)).toEqual({ labels: ['10', '2', '1e+05', '2.5', null], levels: ['2', '2.5', '10', '1e+05'] });
    const t = frameOf(factor('s', ['b', 'a', 'B', 'A', 'S10', 'S2']));
    // R: levels(factor(c("b", "a", "B", "A", "S10", "S2"))) is "a" "A" "b" "B" "S10" "S2"
    expect(labels('factor(as.character(s))', t).levels).toEqual(['a', 'A', 'b', 'B', 'S10', 'S2']);
    expect(labels('factor(x > 5)', f).levels).toEqual(['FALSE', 'TRUE']);
  });

  it('factor(x, levels, labels): unlisted values become NA (with a warning), equal labels merge', () => {
    const f = frameOf(numeric('x', [1, 2, 3, 2]));
    const warnings: string[] = [];
    // R: factor(c(1, 2, 3, 2), levels = c(3, 1)) has codes 2 NA 1 NA
    expect(labels('factor(x, levels = c(3, 1))', f, warnings)).toEqual({ labels: ['1', null, '3', null], levels: ['3', '1'] });
    expect(warnings[0]).toContain('2 values of x matched none of the levels');
    // R: factor(c(1, 2, 3, 2), levels = 1:3, labels = c("lo", "mid", "lo")) has levels "lo" "mid", codes 1 2 1 2
    expect(labels('factor(x, levels = 1:3, labels = c("lo", "mid", "lo"))', f)).toEqual({ labels: ['lo', 'mid', 'lo', 'mid'], levels: ['lo', 'mid'] });
  });

  it('drops unused levels when re-made by factor() but not by as.factor()', () => {
    const f = frameOf(factor('g', ['a', 'b', 'a'], ['a', 'b', 'c']));
    expect(labels('factor(g)', f).levels).toEqual(['a', 'b']);
    expect(labels('as.factor(g)', f).levels).toEqual(['a', 'b', 'c']);
  });

  it('as.numeric of a factor gives the codes (R), of its labels the numbers; of text parses like R_strtod', () => {
    const f = frameOf(factor('f', ['10', '5', '7', '10'], ['10', '5', '7']));
    const warnings: string[] = [];
    // R: f <- factor(c("10", "5", "7", "10")); as.numeric(f) is 1 2 3 1; as.numeric(as.character(f)) is 10 5 7 10
    expect(nums('as.numeric(f)', f, warnings)).toEqual([1, 2, 3, 1]);
    expect(warnings[0]).toContain('level positions');
    expect(nums('as.numeric(as.character(f))', f)).toEqual([10, 5, 7, 10]);
    const inputs = [' 3 ', '1e-3', 'inf', 'INF', 'Infinity', '-inf', 'NaN', 'NA', '0x1A', '.5', '1.', 'TRUE', '1,5', '', '1e', '+2', '1e+', '- 1'];
    const t = frameOf(factor('s', inputs));
    const parsed: string[] = [];
    // R 4.2.2: as.numeric(c(" 3 ", "1e-3", "inf", …)); "" is NA quietly, "NA", "TRUE", "1,5", "- 1" with a warning.
    expect(nums('as.numeric(as.character(s))', t, parsed)).toEqual([3, 0.001, Infinity, Infinity, Infinity, -Infinity, NA, NA, 26, 0.5, 1, NA, NA, NA, 1, 2, 1, NA]);
    expect(parsed.join()).toContain('4 values of as.character(s) are not numbers');
  });

  it('as.character writes numbers as R does, and is.na sees NA in numbers and factors', () => {
    const f = frameOf(numeric('x', [1e5, 123456, 0.0001, 0.1 + 0.2, 1 / 3, 1e15, 100, 2 ** 31]));
    // R: as.character(c(1e5, 123456, 0.0001, 0.1 + 0.2, 1/3, 1e15, 100, 2^31))
    expect(labels('as.character(x)', f).labels).toEqual(['1e+05', '123456', '1e-04', '0.3', '0.333333333333333', '1e+15', '100', '2147483648']);
    const g = frameOf(numeric('x', [1, NA]), factor('h', [null, 'a']));
    expect(nums('is.na(x)', g)).toEqual([0, 1]);
    expect(nums('is.na(h)', g)).toEqual([1, 0]);
    expect(nums('as.integer(c(2.7, -2.7))', frameOf(numeric('x', [1, 2])))).toEqual([2, -2]);
    expect(nums('I(x^2)', g)).toEqual([1, NA]);
  });
});

describe('cut() gives R labels and codes', () => {
  const f = frameOf(numeric('x', [0.5, 1, 2.5, 3, 7.25, 10, NA]));
  const codes = (source: string) => {
    const r = labels(source, f);
    return { levels: r.levels, codes: r.labels.map((l) => (l === null ? null : r.levels.indexOf(l) + 1)) };
  };

  it('a number of intervals: equal widths over the range widened by 0.1%', () => {
    // R: cut(x, 3) has levels "(0.49,3.67]" "(3.67,6.83]" "(6.83,10]" and codes 1 1 1 1 3 3 NA
    expect(codes('cut(x, 3)')).toEqual({ levels: ['(0.49,3.67]', '(3.67,6.83]', '(6.83,10]'], codes: [1, 1, 1, 1, 3, 3, null] });
    // R: levels(cut(c(5, 5, 5), 2)) is "(4.995,5]" "(5,5.005]", codes 1 1 1
    expect(labels('cut(c(5, 5, 5), 2)', frameOf(numeric('v', [1, 2, 3]))).levels).toEqual(['(4.995,5]', '(5,5.005]']);
    // R: levels(cut(c(0.1234, 0.1235, 0.1236), 2)) needs 4 digits to tell the breaks apart
    expect(labels('cut(v, 2)', frameOf(numeric('v', [0.1234, 0.1235, 0.1236]))).levels).toEqual(['(0.1234,0.1235]', '(0.1235,0.1236]']);
    expect(labels('cut(v, 2)', frameOf(numeric('v', [1000, 2000, 3000]))).levels).toEqual(['(998,2e+03]', '(2e+03,3e+03]']);
    expect(labels('cut(v, 3)', frameOf(numeric('v', [0.00001234, 0.5]))).levels).toEqual(['(-0.000488,0.167]', '(0.167,0.333]', '(0.333,0.5]']);
  });

  it('given breaks, right = FALSE, include.lowest, labels = FALSE, infinite breaks', () => {
    expect(codes('cut(x, c(0, 1, 5, 10))')).toEqual({ levels: ['(0,1]', '(1,5]', '(5,10]'], codes: [1, 1, 2, 2, 3, 3, null] });
    expect(codes('cut(x, c(0, 1, 5, 10), right = FALSE)')).toEqual({ levels: ['[0,1)', '[1,5)', '[5,10)'], codes: [1, 2, 2, 2, 3, null, null] });
    expect(codes('cut(x, c(0.5, 1, 5, 10), include.lowest = TRUE)')).toEqual({ levels: ['[0.5,1]', '(1,5]', '(5,10]'], codes: [1, 1, 2, 2, 3, 3, null] });
    expect(codes('cut(x, c(0.5, 1, 5, 10), include.lowest = TRUE, right = FALSE)')).toEqual({ levels: ['[0.5,1)', '[1,5)', '[5,10]'], codes: [1, 2, 2, 2, 3, 3, null] });
    // R: cut(x, c(0, 5, 10), labels = FALSE) is 1 1 1 1 2 2 NA
    expect(nums('cut(x, c(0, 5, 10), labels = FALSE)', f)).toEqual([1, 1, 1, 1, 2, 2, NA]);
    expect(run('cut(x, c(0, 5, 10), labels = FALSE)', f).kind).toBe('integer');
    expect(labels('cut(x, c(-Inf, 0, 2, Inf))', f).levels).toEqual(['(-Inf,0]', '(0,2]', '(2, Inf]']);
    expect(labels('cut(x, c(0, 2.5, 5, 7.5, 10), dig.lab = 1)', f).levels).toEqual(['(0,2]', '(2,5]', '(5,8]', '(8,1e+01]']);
    expect(labels('cut(x, c(0, 0.3125, 3))', f).levels).toEqual(['(0,0.312]', '(0.312,3]']);
    expect(codes('cut(x, c(0, 5, 10), labels = c("low", "high"))').levels).toEqual(['low', 'high']);
  });
});
