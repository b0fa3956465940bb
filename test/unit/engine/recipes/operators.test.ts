import { describe, expect, it } from 'vitest';
import { rIntDiv, rMod, rPow } from '../../../../src-main/engine/recipes/arithmetic';
import { factor, frameOf, labels, numeric, nums, run } from './helpers';

const NA = NaN;

describe('arithmetic follows R', () => {
  it('computes %% and %/% as R does, to the last bit (R 4.2.2: sprintf("%.17g", …))', () => {
    const a = [5.5, -5, 5, 1, 5, -5, 5, -5, Infinity, 0.3, 0.3, 7.5, -7.5, 2.7];
    const b = [2, 3, -3, 0.1, 0, 3, Infinity, Infinity, 3, 0.1, 0.1, 0.2, 0.2, 0.9];
    const f = frameOf(numeric('a', a), numeric('b', b));
    const mod = nums('a %% b', f);
    const div = nums('a %/% b', f);
    // R: c(5.5 %% 2, -5 %% 3, 5 %% -3, 1 %% 0.1, 5 %% 0) and so on.
    expect(mod.slice(0, 5)).toEqual([1.5, 1, -1, 0.09999999999999995, NA]);
    expect([mod[6], mod[7], mod[8], mod[9], mod[11]]).toEqual([5, Infinity, NA, 0.099999999999999978, 0.099999999999999589]);
    // R: 5 %/% 0 is Inf, -5 %/% 3 is -2, 0.3 %/% 0.1 is 2, -7.5 %/% 0.2 is -38, 2.7 %/% 0.9 is 3.
    expect([div[4], div[5], div[10], div[12], div[13]]).toEqual([Infinity, -2, 2, -38, 3]);
    expect(rMod(1e20, 3)).toBe(1); // R: 1e20 %% 3 is 1 (with a loss-of-accuracy warning)
    expect(rIntDiv(-7, 2)).toBe(-4);
  });

  it('handles R_pow special cases that differ from Math.pow', () => {
    // R: c(1^NA, NA^0, (-8)^(1/3), (-Inf)^0.5, (-2)^Inf, (-0.5)^Inf, Inf^-1, 0^-1, (-Inf)^3, (-Inf)^2, 2^0.5, (-2)^3, 0^0)
    const r = [1, 1, NA, NA, NA, NA, 0, Infinity, -Infinity, Infinity, 1.4142135623730951, -8, 1];
    const x = [1, NA, -8, -Infinity, -2, -0.5, Infinity, 0, -Infinity, -Infinity, 2, -2, 0];
    const y = [NA, 0, 1 / 3, 0.5, Infinity, Infinity, -1, -1, 3, 2, 0.5, 3, 0];
    expect(x.map((v, i) => rPow(v, y[i]))).toEqual(r);
    const f = frameOf(numeric('x', x), numeric('y', y));
    expect(nums('x ^ y', f)).toEqual(r);
  });

  it('gives Inf for division by zero, NaN for 0/0 and propagates NA', () => {
    const f = frameOf(numeric('x', [1, -1, 0, NA]));
    expect(nums('x / 0', f)).toEqual([Infinity, -Infinity, NA, NA]);
    expect(nums('x * 0 + 1', f)).toEqual([1, 1, 1, NA]);
    expect(nums('-x', f)).toEqual([-1, 1, -0, NA]);
    expect(nums('-2^2', f)).toEqual([-4, -4, -4, -4]);
  });

  it('keeps integers integer where R does, with NA for overflow and for %/% 0L', () => {
    const f = frameOf(numeric('i', [5, -7, 2147483647], 'integer'));
    const warnings: string[] = [];
    const sum = run('i + 1L', f, warnings);
    expect(sum.kind).toBe('integer');
    // R: .Machine$integer.max + 1L is NA with "NAs produced by integer overflow".
    expect(Array.from((sum as { values: Float64Array }).values)).toEqual([6, -6, NA]);
    expect(warnings.join()).toContain('integer overflow');
    expect(nums('i %/% 0L', f)).toEqual([NA, NA, NA]);
    expect(nums('i %/% 2L', f)).toEqual([2, -4, 1073741823]);
    expect(nums('i %% 2L', f)).toEqual([1, 1, 1]);
    expect(run('i / 1L', f).kind).toBe('numeric');
    expect(run('i + TRUE', f).kind).toBe('integer');
    expect(run('i + 1', f).kind).toBe('numeric');
  });
});

describe('logic and comparisons', () => {
  // R: outer(c(TRUE, FALSE, NA), c(TRUE, FALSE, NA), "&") and "|".
  const x = numeric('x', [1, 1, 1, 0, 0, 0, NA, NA, NA], 'logical');
  const y = numeric('y', [1, 0, NA, 1, 0, NA, 1, 0, NA], 'logical');
  const f = frameOf(x, y);

  it('uses three-valued & and | (NA & FALSE is FALSE, NA | TRUE is TRUE)', () => {
    expect(nums('x & y', f)).toEqual([1, 0, NA, 0, 0, 0, NA, 0, NA]);
    expect(nums('x | y', f)).toEqual([1, 1, 1, 1, 0, NA, 1, NA, NA]);
    expect(nums('!x', f)).toEqual([0, 0, 0, 1, 1, 1, NA, NA, NA]);
    expect(run('x & y', f).kind).toBe('logical');
  });

  it('treats numbers as TRUE when non-zero and short-circuits && and ||', () => {
    const g = frameOf(numeric('n', [2, 0, NA]));
    expect(nums('n & TRUE', g)).toEqual([1, 0, NA]);
    expect(nums('FALSE && NA', g)).toEqual([0, 0, 0]);
    expect(nums('TRUE || NA', g)).toEqual([1, 1, 1]);
    expect(nums('NA && TRUE', g)).toEqual([NA, NA, NA]);
  });

  it('compares numbers with NA propagating', () => {
    const g = frameOf(numeric('math', [-12, -10, 0, NA]));
    expect(nums('math < -10', g)).toEqual([1, 0, 0, NA]);
    expect(nums('math >= -10', g)).toEqual([0, 1, 1, NA]);
    expect(nums('math == 0', g)).toEqual([0, 0, 1, NA]);
    expect(run('math < -10', g).kind).toBe('logical');
  });

  it('%in% never gives NA, and finds NA in a table holding NA (match semantics)', () => {
    const g = frameOf(numeric('v', [1, NA, 3, 4]));
    // R: c(1, NA, 3, 4) %in% c(NA, 3) is FALSE TRUE TRUE FALSE; c(1, NA) %in% c(1, 2) is TRUE FALSE.
    expect(nums('v %in% c(NA, 3)', g)).toEqual([0, 1, 1, 0]);
    expect(nums('v %in% c(1, 2)', g)).toEqual([1, 0, 0, 0]);
    expect(nums('v %in% 3:4', g)).toEqual([0, 0, 1, 1]);
  });
});

describe('factors and text compare as R compares them: by label', () => {
  const school = factor('school', ['1', '48', '2', null, '48', '10'], ['1', '2', '10', '48']);
  const f = frameOf(school, numeric('x', [0.1 + 0.2, 1e5, 100000, 1, 2, 3]));

  it('school != 48 and school != "48" keep every row but label "48" (NA stays NA)', () => {
    expect(nums('school != 48', f)).toEqual([1, 0, 1, NA, 0, 1]);
    expect(nums("school != '48'", f)).toEqual([1, 0, 1, NA, 0, 1]);
    expect(nums('48 == school', f)).toEqual([0, 1, 0, NA, 1, 0]);
    expect(nums('school %in% c(1, 10)', f)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(nums('school %in% 1:2', f)).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('writes numbers as R does before comparing them with text', () => {
    // R: c(0.1 + 0.2 == "0.3", 1e5 == "1e+05", 100000 == "100000") is TRUE TRUE FALSE.
    expect(nums('x == "0.3"', f)[0]).toBe(1);
    expect(nums('x == "1e+05"', f).slice(1, 3)).toEqual([1, 1]);
    expect(nums('x == "100000"', f).slice(1, 3)).toEqual([0, 0]);
    expect(nums('as.character(x) != "1"', f)).toEqual([1, 1, 1, 0, 1, 1]);
  });

  it('compares two factors with the same level set by label, and warns when a compared label is no level', () => {
    const g = frameOf(factor('a', ['x', 'y', 'x'], ['x', 'y']), factor('b', ['y', 'y', 'x'], ['y', 'x']));
    expect(nums('a == b', g)).toEqual([0, 1, 1]);
    const warnings: string[] = [];
    expect(nums('a != "z"', g, warnings)).toEqual([1, 1, 1]);
    expect(warnings[0]).toContain('no level of a is "z"');
  });

  it('builds sequences with ":" as R does', () => {
    const g = frameOf(numeric('v', [1, 2, 3]));
    expect(nums('sum(1:3)', g)).toEqual([6, 6, 6]);
    expect(nums('sum(3:1 * c(1, 10, 100))', g)).toEqual([123, 123, 123]);
    expect(nums('sum(-1:2)', g)).toEqual([2, 2, 2]);
    expect(nums('max(1.5:4)', g)).toEqual([3.5, 3.5, 3.5]);
    expect(labels('factor(v, levels = 3:1)', g).levels).toEqual(['3', '2', '1']);
  });
});
