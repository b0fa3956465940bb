/**
 * R's rounding functions with R's own arithmetic, so that printed tables that first
 * round (printCoefmat, zapsmall) land on the same doubles R does.
 * signif() is nmath/fprec.c; round() is nmath/fround.c's algorithm since R 4.0.0,
 * which picks whichever of the two nearest candidates is closer to x.
 */

/** R_pow_di: x^n by repeated squaring, exactly as R computes 10^digits. */
export function powDi(x: number, n: number): number {
  let xn = 1;
  if (Number.isNaN(x)) return x;
  if (n === 0) return 1;
  if (!Number.isFinite(x)) return Math.pow(x, n);
  const negative = n < 0;
  let k = negative ? -n : n;
  for (;;) {
    if (k & 1) xn *= x;
    k >>= 1;
    if (k === 0) break;
    x *= x;
  }
  return negative ? 1 / xn : xn;
}

/** C's nearbyint under the default rounding mode: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const MAX_SIGNIF_DIGITS = 22;
const MAX10E = Math.trunc(1024 * Math.LOG10E * Math.LN2); // DBL_MAX_EXP * log10(2) = 308

/** R's signif(x, digits). */
export function signif(x: number, digits: number): number {
  if (Number.isNaN(x) || Number.isNaN(digits)) return x + digits;
  if (!Number.isFinite(x)) return x;
  if (!Number.isFinite(digits)) return digits > 0 ? x : 0;
  if (x === 0) return x;
  let dig = Math.floor(digits + 0.5);
  if (dig > MAX_SIGNIF_DIGITS) return x;
  if (dig < 1) dig = 1;
  const sgn = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const l10 = Math.log10(ax);
  let e10 = dig - 1 - Math.floor(l10);
  if (Math.abs(l10) < MAX10E - 2) {
    let p10 = 1;
    if (e10 > MAX10E) {
      p10 = powDi(10, e10 - MAX10E);
      e10 = MAX10E;
    }
    if (e10 > 0) {
      const pow10 = powDi(10, e10);
      return sgn * (roundHalfEven(ax * pow10 * p10) / pow10) / p10;
    }
    const pow10 = powDi(10, -e10);
    return sgn * (roundHalfEven(ax / pow10) * pow10);
  }
  // Within a few powers of ten of the double range: R's large/small branch.
  const doRound = MAX10E - l10 >= powDi(10, -dig);
  const e2 = dig + (e10 > 0 ? 1 : -1) * MAX_SIGNIF_DIGITS;
  const p10 = powDi(10, e2);
  const P10 = powDi(10, e10 - e2);
  let y = ax * p10 * P10;
  if (doRound) y += 0.5;
  y = Math.floor(y) / p10;
  return (sgn * y) / P10;
}

const MAX_ROUND_DIGITS = 308;
const DBL_DIG = 15;

/** R's round(x, digits) (R ≥ 4.0.0). Non-integer digits round to the nearest integer first, as R does. */
export function roundR(x: number, digits = 0): number {
  if (Number.isNaN(x) || Number.isNaN(digits)) return x + digits;
  if (!Number.isFinite(x) || digits > MAX_ROUND_DIGITS + 15 || x === 0) return x;
  if (digits < -MAX_ROUND_DIGITS) return 0;
  if (digits === 0) return roundHalfEven(x);
  const dig = Math.floor(digits + 0.5);
  const sgn = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  // M_LOG10_2 * (0.5 + logb(x)): digits beyond double precision leave x as it is.
  const l10x = Math.LOG10E * Math.LN2 * (0.5 + logb(ax));
  if (l10x + dig > DBL_DIG) return sgn * ax;
  let xd: number;
  let xu: number;
  let i10: number;
  if (dig <= MAX_ROUND_DIGITS) {
    const pow10 = powDi(10, dig);
    const x10 = pow10 * ax;
    i10 = Math.floor(x10);
    xd = i10 / pow10;
    xu = Math.ceil(x10) / pow10;
  } else {
    const p10 = powDi(10, dig - MAX_ROUND_DIGITS);
    const pow10 = powDi(10, MAX_ROUND_DIGITS);
    const x10 = ax * pow10 * p10;
    i10 = Math.floor(x10);
    xd = i10 / pow10 / p10;
    xu = Math.ceil(x10) / pow10 / p10;
  }
  const du = xu - ax;
  const dd = ax - xd;
  return sgn * (du < dd || (du === dd && i10 % 2 === 1) ? xu : xd);
}

/** C's logb: the binary exponent of a finite nonzero x. */
function logb(x: number): number {
  let e = Math.floor(Math.log2(x));
  // log2 can be off by one next to powers of two.
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return e;
}

/**
 * R's zapsmall(x, digits): rounds everything to the decimals the largest |x| leaves
 * (R 4.2: `round(x, digits - log10(mx))`, a non-integer that round() rounds again).
 * Missing values (null, NaN) stay as they are.
 */
export function zapsmall(values: readonly (number | null)[], digits: number): (number | null)[] {
  let mx = -Infinity;
  let any = false;
  for (const v of values) {
    if (v === null || Number.isNaN(v)) continue;
    any = true;
    if (Math.abs(v) > mx) mx = Math.abs(v);
  }
  if (!any) return values.slice();
  const d = mx > 0 ? Math.max(0, digits - Math.log10(mx)) : digits;
  return values.map((v) => (v === null || Number.isNaN(v) ? v : roundR(v, d)));
}
