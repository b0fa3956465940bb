/**
 * R's elementwise mathematical functions. R's math1() returns NaN for arguments
 * outside the domain (log(-1), sqrt(-1)) and warns "NaNs produced"; `nanCount`
 * lets the caller do the same.
 */
export type MathFn = 'log' | 'log2' | 'log10' | 'log1p' | 'exp' | 'expm1' | 'sqrt' | 'abs' | 'floor' | 'ceiling' | 'trunc' | 'sign';

/** R_log(): log of 0 is -Inf and of a negative number NaN on every platform. */
const rLog = (x: number): number => (x > 0 ? Math.log(x) : x === 0 ? -Infinity : NaN);

const FNS: Record<MathFn, (x: number) => number> = {
  log: rLog,
  log2: (x) => (x > 0 ? Math.log2(x) : x === 0 ? -Infinity : NaN),
  log10: (x) => (x > 0 ? Math.log10(x) : x === 0 ? -Infinity : NaN),
  log1p: (x) => (x === -1 ? -Infinity : Math.log1p(x)),
  exp: Math.exp,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  abs: Math.abs,
  floor: Math.floor,
  ceiling: Math.ceil,
  trunc: Math.trunc,
  sign: (x) => (x !== x ? x : x > 0 ? 1 : x < 0 ? -1 : 0),
};

export function applyMath(fn: MathFn, x: Float64Array): Float64Array {
  const f = FNS[fn];
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

/** log(x, base) as R's logbase(): exact log10/log2 for those bases, else log(x)/log(base). */
export function logBase(x: Float64Array, base: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const sx = x.length === 1 ? 0 : 1;
  const sb = base.length === 1 ? 0 : 1;
  for (let i = 0, ix = 0, ib = 0; i < n; i++, ix += sx, ib += sb) {
    const b = base[ib];
    const v = x[ix];
    out[i] = b === 10 ? FNS.log10(v) : b === 2 ? FNS.log2(v) : rLog(v) / rLog(b);
  }
  return out;
}

/** Elements that became NaN from an argument that was not NaN: R's "NaNs produced". */
export function nanCount(args: readonly Float64Array[], out: Float64Array): number {
  let count = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === out[i]) continue;
    let inputNaN = false;
    for (const a of args) {
      const v = a[a.length === 1 ? 0 : i];
      if (v !== v) inputNaN = true;
    }
    if (!inputNaN) count++;
  }
  return count;
}

/** C's nearbyint() in the default rounding mode: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** 10^n by repeated multiplication, as R_pow_di does (exact up to 10^22). */
function pow10(n: number): number {
  let x = 10;
  let result = 1;
  for (let k = n; ; ) {
    if (k & 1) result *= x;
    k >>= 1;
    if (k === 0) break;
    x *= x;
  }
  return result;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** C's logb(): the binary exponent of x > 0, also for subnormal numbers. */
function logb(x: number): number {
  bits[0] = x;
  const exp = (words[1] >>> 20) & 0x7ff;
  if (exp !== 0) return exp - 1023;
  return Math.floor(Math.log2(x));
}

/**
 * R 4's round(x, digits) (src/nmath/fround.c): of the two candidates with `digits`
 * decimals around x, the closer one, and on an exact tie the even one. It decides
 * on the double x itself, so round(0.15, 1) is 0.1 (0.15 is stored just below)
 * while round(2.5) is 2.
 */
export function rRound(x: number, digits: number): number {
  if (x !== x || digits !== digits) return x + digits;
  if (!Number.isFinite(x)) return x;
  if (digits > 323 || x === 0) return x;
  if (digits < -308) return 0;
  if (digits === 0) return roundHalfEven(x);
  const dig = Math.floor(digits + 0.5);
  const sgn = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const l10x = 0.3010299956639812 * (0.5 + logb(a));
  if (l10x + dig > 15) return sgn * a;
  let xd: number;
  let xu: number;
  let i10: number;
  if (dig <= 308) {
    const p = dig >= 0 ? pow10(dig) : 1 / pow10(-dig);
    const x10 = p * a;
    i10 = Math.floor(x10);
    xd = i10 / p;
    xu = Math.ceil(x10) / p;
  } else {
    const p10 = pow10(dig - 308);
    const p = pow10(308);
    const x10 = a * p * p10;
    i10 = Math.floor(x10);
    xd = i10 / p / p10;
    xu = Math.ceil(x10) / p / p10;
  }
  const du = xu - a;
  const dd = a - xd;
  return sgn * (du < dd || (i10 % 2 === 1 && du === dd) ? xu : xd);
}
