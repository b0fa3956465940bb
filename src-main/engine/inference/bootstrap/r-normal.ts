import { RRandom } from '../../plots/r-sample';

/**
 * rnorm() as R draws it after set.seed(seed) with its defaults (Mersenne-Twister,
 * normal.kind = "Inversion"): each normal takes two uniforms, u = ⌊2²⁷·u₁⌋ + u₂,
 * and is qnorm(u / 2²⁷) (R's norm_rand, snorm.c). The second uniform is there
 * because one 32-bit uniform alone is too coarse in the tails. With R's own qnorm
 * (below) the draws are R's to the last bit, so a bootstrap with a given seed
 * simulates exactly the responses lme4 simulates.
 */
const BIG = 134217728;

export class RNormal {
  private readonly uniform: RRandom;

  constructor(seed: number) {
    this.uniform = new RRandom(seed);
  }

  /** norm_rand(): one standard normal. */
  next(): number {
    let u = this.uniform.unif();
    u = Math.trunc(BIG * u) + this.uniform.unif();
    return qnorm(u / BIG);
  }

  /** Moves past k normals without computing them (their two uniforms each). */
  skip(k: number): void {
    for (let i = 0; i < 2 * k; i++) this.uniform.unif();
  }

  /** rnorm(out.length) into `out`. */
  fill(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.next();
    return out;
  }
}

/**
 * qnorm(p) of the standard normal as R (≤ 4.2) computes it: Wichura's algorithm
 * AS 241 (PPND16, Applied Statistics 37, 1988), evaluated in R's order of
 * operations (nmath/qnorm.c) so that the result is R's to the last bit.
 */
/* eslint-disable no-loss-of-precision -- the coefficients as qnorm.c writes them; each parses to the double R uses */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  // min(p, 1 − p) below 0.075; R forms 1 − p as 0.5 − p + 0.5.
  let r = q > 0 ? 0.5 - p + 0.5 : p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r += -1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r += -5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}
/* eslint-enable no-loss-of-precision */
