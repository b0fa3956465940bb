import { describe, expect, it } from 'vitest';
import { quantilesType7 } from '../../../../src-main/engine/lm/quantiles';

const PROBS = [0, 0.25, 0.5, 0.75, 1];

describe("quantilesType7 is R's quantile(x, type = 7)", () => {
  it('interpolates between order statistics: quantile(c(3, 1, 4, 1, 5, 9, 2, 6)) = 1, 1.75, 3.5, 5.25, 9', () => {
    expect(quantilesType7(Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]), PROBS)).toEqual([1, 1.75, 3.5, 5.25, 9]);
  });

  it('gives the order statistics of a large shuffled sequence exactly (R: quantile(sample(0:999999)) = 0, 249999.75, 499999.5, 749999.25, 999999)', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    let seed = 3;
    for (let i = n - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [x[i], x[j]] = [x[j], x[i]];
    }
    const before = Float64Array.from(x);
    expect(quantilesType7(x, PROBS)).toEqual([0, 249999.75, 499999.5, 749999.25, 999999]);
    expect(x).toEqual(before);
  });

  it('handles ties, a single value and unsorted probabilities', () => {
    expect(quantilesType7(Float64Array.from([2, 2, 2, 2, 7]), PROBS)).toEqual([2, 2, 2, 2, 7]);
    expect(quantilesType7(Float64Array.from([4.5]), PROBS)).toEqual([4.5, 4.5, 4.5, 4.5, 4.5]);
    // R: quantile(c(10, 0, 5, 20), c(0.9, 0.1)) = 17, 1.5 (h − lo = 0.3 in floating point, as in R).
    expect(quantilesType7(Float64Array.from([10, 0, 5, 20]), [0.9, 0.1])).toEqual([17, expect.closeTo(1.5, 14)]);
  });
});
