import { describe, expect, it } from 'vitest';
import { backSpline, linearInverse, naturalSplineSlopes, predictPoly, profileEnds } from '../../../../src-main/engine/inference/profile/interpolate';
import { chisquareQuantile } from '../../../../src-main/engine/inference/profile/profile-grid';
import { percentLabels, formatConfintMatrix } from '../../../../src-main/engine/inference/confint-text';

// R 4.2.2, splines: s <- interpSpline(x, z); coef(s)[, 2]; predict(backSpline(s), t)$y; approxfun(z, x)(t)
const x = Float64Array.from([0.1, 0.3, 0.45, 0.7, 1.0, 1.4]);
const z = Float64Array.from([-2.5, -1.2, -0.4, 0.6, 1.7, 3.1]);
const Z = 1.959963984540054;

describe('interpolation of a profile as confint.thpr does it', () => {
  it('slopes of the natural interpolating spline (interpSpline)', () => {
    const expected = [6.7720626631853849, 5.9558746736292445, 4.7003916449086152, 3.6714534377719761, 3.6051348999129686, 3.4474325500435166];
    naturalSplineSlopes(x, z).forEach((s, i) => expect(s).toBeCloseTo(expected[i], 12));
  });

  it('the inverse spline (backSpline) at ζ = ±z, 0, outside the range, and at the last knot', () => {
    const back = backSpline(x, z, naturalSplineSlopes(x, z));
    expect(back).not.toBeNull();
    const at = (t: number) => predictPoly(back!, t);
    expect(at(-Z)).toBeCloseTo(0.18308246391691474, 12);
    expect(at(Z)).toBeCloseTo(1.07251157654051599, 12);
    expect(at(0)).toBeCloseTo(0.54248806220976287, 12);
    expect(at(-3)).toBeNaN();
    expect(at(3.1)).toBeCloseTo(1.4, 12);
  });

  it('a ζ that is not monotone has no inverse spline ("spline must be monotone"); the ends then come from linear interpolation', () => {
    const z2 = Float64Array.from([-2.5, -1.2, -1.3, 0.6, 1.7, 3.1]);
    expect(backSpline(x, z2, naturalSplineSlopes(x, z2))).toBeNull();
    const { ends, note } = profileEnds(x, z2, [-1.96, 1.96]);
    expect(note).toMatch(/linear interpolation/);
    expect(ends[1]).toBeCloseTo(1.07428571428571429, 12);
  });

  it('approxfun(z, x) with rule = 1', () => {
    expect(linearInverse(x, z, -1.96)).toBeCloseTo(0.18307692307692308, 12);
    expect(linearInverse(x, z, 1.96)).toBeCloseTo(1.07428571428571429, 12);
    expect(linearInverse(x, z, 5)).toBeNaN();
  });

  it('fewer than 4 points: no spline (interpSpline needs ord = 4), linear interpolation instead', () => {
    const { ends, note } = profileEnds(x.subarray(0, 3), z.subarray(0, 3), [-1.96]);
    expect(note).toMatch(/linear/);
    expect(ends[0]).toBeCloseTo(0.18307692307692308, 12);
  });

  it("the walk's cutoff: sqrt(qchisq(0.99, df))", () => {
    // R: sqrt(qchisq(0.99, 6)), sqrt(qchisq(0.99, 5))
    expect(Math.sqrt(chisquareQuantile(0.99, 6))).toBeCloseTo(4.10023094834558, 12);
    expect(Math.sqrt(chisquareQuantile(0.99, 5))).toBeCloseTo(3.88410510534782, 12);
  });

  it("confint's column labels and printed matrix", () => {
    expect(percentLabels(0.95)).toEqual(['2.5 %', '97.5 %']);
    expect(percentLabels(0.9)).toEqual(['5 %', '95 %']);
    expect(percentLabels(0.975)).toEqual(['1.25 %', '98.75 %']);
    expect(
      formatConfintMatrix(
        ['sd_(Intercept)|schgend', 'sigma'],
        [
          [0, 0.3113848],
          [NaN, Infinity],
        ],
        0.95,
      ),
    ).toBe('                       2.5 %    97.5 %\nsd_(Intercept)|schgend     0 0.3113848\nsigma                     NA       Inf\n');
  });
});
