import { describe, expect, it } from 'vitest';
import { dropUnusedLevels, interactAll, interactFactors } from '../../../../src-main/engine/model/factors';

const labels = (f: { codes: Int32Array; levels: string[] }) => Array.from(f.codes, (c) => (c < 0 ? null : f.levels[c]));

describe("lme4's interaction of grouping factors", () => {
  it('keeps observed combinations, the first factor varying slowest, and missing stays missing', () => {
    // lme4: g1 %i% g2 with g1 levels d c b a: levels "d:u" "c:u" … ordered by g1's level, then g2's.
    const g1 = { codes: Int32Array.from([3, 0, 3, 1, -1, 0]), levels: ['d', 'c', 'b', 'a'] };
    const g2 = { codes: Int32Array.from([1, 0, 0, 1, 0, 1]), levels: ['u', 'v'] };
    const f = interactFactors(g1, g2);
    expect(f.levels).toEqual(['d:u', 'd:v', 'c:v', 'a:u', 'a:v']);
    expect(labels(f)).toEqual(['a:v', 'd:u', 'a:u', 'c:v', null, 'd:v']);
  });

  it('gives the same answer when the combinations are too many for a lookup table', () => {
    const many = (codes: number[]) => ({ codes: Int32Array.from(codes), levels: Array.from({ length: 5000 }, (_, k) => `L${k}`) });
    const f = interactFactors(many([4999, 0, 17, 4999, 0]), many([1, 4999, 2, 1, 3]));
    expect(f.levels).toEqual(['L0:L3', 'L0:L4999', 'L17:L2', 'L4999:L1']);
    expect(labels(f)).toEqual(['L4999:L1', 'L0:L4999', 'L17:L2', 'L4999:L1', 'L0:L3']);
  });

  it('nests three factors as a:(b:c)', () => {
    const a = { codes: Int32Array.from([1, 0, 1]), levels: ['1', '2'] };
    const b = { codes: Int32Array.from([0, 0, 1]), levels: ['u', 'v'] };
    const c = { codes: Int32Array.from([1, 1, 0]), levels: ['a', 'b'] };
    // lme4: names "g3:(g2:g1)", levels like "1:u:a" (see parse-formula tests for the names).
    expect(interactAll([a, b, c]).levels).toEqual(['1:u:b', '2:u:b', '2:v:a']);
  });
});

describe('dropping unused levels', () => {
  it('keeps the order of the levels that remain', () => {
    const f = dropUnusedLevels({ codes: Int32Array.from([2, 0, 2, -1]), levels: ['x', 'y', 'z'] });
    expect(f.levels).toEqual(['x', 'z']);
    expect(Array.from(f.codes)).toEqual([1, 0, 1, -1]);
  });

  it('returns the factor itself when every level is used', () => {
    const f = { codes: Int32Array.from([1, 0]), levels: ['x', 'y'] };
    expect(dropUnusedLevels(f)).toBe(f);
  });
});
