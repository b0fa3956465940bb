import { describe, expect, it } from 'vitest';
import { formatBootIntervals } from '../../../../src-main/engine/inference/bootstrap/boot-text';
import { percentileInterval } from '../../../../src-main/engine/inference/bootstrap/percentile';
import { bootFixture, column } from './bootstrap-helpers';

describe('percentile intervals (boot.ci type "perc")', () => {
  // On R's own replicates the ends are R's: the same order statistics and norm.inter interpolation.
  it.each(['jsp_ri_gender', 'exam_m3_rs', 'exam_m3_rs_ml'])("%s: R's ends from R's replicates, at levels 0.95 and 0.9", (id) => {
    const fx = bootFixture(id);
    for (const level of fx.ci) {
      level.names.forEach((name, k) => {
        const { interval, warning } = percentileInterval(column(fx, k), level.level);
        expect(warning, name).toBeNull();
        expect(interval?.[0]).toBeCloseTo(level.ci[k][0], 13);
        expect(interval?.[1]).toBeCloseTo(level.ci[k][1], 13);
      });
    }
  });

  it("prints the interval matrix as R's print(confint(…)) does", () => {
    for (const id of ['jsp_ri_gender', 'exam_m3_rs']) {
      for (const level of bootFixture(id).ci) expect(formatBootIntervals(level.names, level.ci, level.level)).toBe(level.text);
    }
  });

  it('takes the order statistic itself when (R + 1)α is whole, and drops non-finite replicates first', () => {
    const t = Array.from({ length: 39 }, (_, i) => (i * 7) % 39);
    // R: boot:::perc.ci(0:38, conf = 0.9): (R + 1)α = 2 and 38, so the 2nd and 38th order statistics.
    expect(percentileInterval([...t, NaN, Infinity], 0.9)).toEqual({ interval: [1, 37], warning: null });
    // R: boot:::perc.ci(0:38): (1 − 0.95)/2 is a hair above 0.025, so (R + 1)α is a hair above 1 and
    // R interpolates to 7.0465663719927706e-16, with its warning about the extreme order statistics.
    expect(percentileInterval(t, 0.95)).toEqual({ interval: [7.0465663719927706e-16, 38], warning: 'extreme order statistics used as endpoints' });
    // R: boot:::perc.ci(c(5, 1:4, 6:9)): (R + 1)α = 0.25, k = 0, the minimum; 9.75, k = R, the maximum.
    expect(percentileInterval([5, 1, 2, 3, 4, 6, 7, 8, 9], 0.95).interval).toEqual([1, 9]);
  });

  it('interpolates between neighbours on the normal scale (norm.inter)', () => {
    // R: boot:::norm.inter(1:99, c(0.025, 0.975)) gives 2.54224949884 and 97.45775050116.
    const { interval } = percentileInterval(Array.from({ length: 99 }, (_, i) => i + 1), 0.95);
    expect(interval?.[0]).toBeCloseTo(2.54224949884, 10);
    expect(interval?.[1]).toBeCloseTo(97.45775050116, 10);
  });

  it('gives no interval when every replicate is equal, as boot.ci declines', () => {
    const res = percentileInterval([0.5, 0.5, 0.5, 0.5], 0.95);
    expect(res.interval).toBeNull();
    expect(res.warning).toMatch(/All values of t are equal to 0.5/);
  });
});
