import { describe, expect, it } from 'vitest';
import { qnorm, RNormal } from '../../../../src-main/engine/inference/bootstrap/r-normal';

/** Printed by R 4.2.2 with sprintf("%.17g", …). */
const R_RNORM_1000 = [
  -0.44577826483667654, -1.2058565689642957, 0.041126313845689946, 0.63938840757114301, -0.78655435591273481, -0.38548929809551952, -0.47586788407770619,
  0.7197506914744366,
];
const R_QNORM: [number, number][] = [
  [1e-300, -37.047096299361201],
  [1e-20, -9.2623400897984052],
  [1e-12, -7.0344838253011321],
  [0.01, -2.3263478740408408],
  [0.07, -1.4757910281791702],
  [0.3, -0.52440051270804067],
  [0.5, 0],
  [0.93, 1.4757910281791708],
  [0.999999, 4.7534243088170891],
];

describe('R random normals (bootstrap)', () => {
  it('draws set.seed(1000); rnorm(8) exactly as R does (Mersenne-Twister, inversion)', () => {
    const g = new RNormal(1000);
    expect(Array.from({ length: 8 }, () => g.next())).toEqual(R_RNORM_1000);
  });

  it("computes qnorm to R's last bit in all three branches of AS 241, and its limits", () => {
    for (const [p, q] of R_QNORM) expect(qnorm(p)).toBe(q);
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(1.5)).toBeNaN();
  });

  it('skips k normals to the same place as drawing them', () => {
    const drawn = new RNormal(7);
    for (let i = 0; i < 1000; i++) drawn.next();
    const skipped = new RNormal(7);
    skipped.skip(1000);
    expect(skipped.fill(new Float64Array(5))).toEqual(drawn.fill(new Float64Array(5)));
  });
});
