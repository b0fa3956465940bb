/**
 * R's arithmetic on doubles (src/main/arithmetic.c): NA and NaN propagate, x/0 is
 * ±Inf, 0/0 is NaN, 1^NA is 1, and %% and %/% follow myfmod()/myfloor(), which work
 * in long double; here the product floor(q)·y is kept exact (Dekker's two-product)
 * so that 1 %% 0.1 gives R's 0.09999999999999995 rather than 0.
 */
export type ArithOp = '+' | '-' | '*' | '/' | '^' | '%%' | '%/%';

const EPS = 2.220446049250313e-16;
const INT_MAX = 2147483647;

/** R_pow(): x^y with R's special cases, which differ from Math.pow for 1^NaN, NaN^0 and negative bases with infinite exponents. */
export function rPow(x: number, y: number): number {
  if (y === 2) return x * x;
  if (x === 1 || y === 0) return 1;
  if (x === 0) return y > 0 ? 0 : y < 0 ? Infinity : y;
  if (Number.isFinite(x) && Number.isFinite(y)) return Math.pow(x, y);
  if (x !== x || y !== y) return x + y;
  if (!Number.isFinite(x)) {
    if (x > 0) return y < 0 ? 0 : Infinity;
    if (Number.isFinite(y) && y === Math.floor(y)) return y < 0 ? 0 : rMod(y, 2) !== 0 ? x : -x;
  }
  if (!Number.isFinite(y) && x >= 0) {
    if (y > 0) return x >= 1 ? Infinity : 0;
    return x < 1 ? Infinity : 0;
  }
  return NaN;
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

/** x - f·y with f·y computed exactly, rounded once: R's (LDOUBLE)x - floor(q) * (LDOUBLE)y. */
function remainderAfter(x: number, f: number, y: number): number {
  const p = f * y;
  if (!Number.isFinite(p)) return x - p;
  const cf = SPLIT * f;
  const fh = cf - (cf - f);
  const fl = f - fh;
  const cy = SPLIT * y;
  const yh = cy - (cy - y);
  const yl = y - yh;
  const err = fh * yh - p + fh * yl + fl * yh + fl * yl;
  return x - p - err;
}

/** x %% y (R's myfmod): the result has the sign of y. */
export function rMod(x: number, y: number): number {
  if (y === 0) return NaN;
  if (Math.abs(y) * EPS > 1 && Number.isFinite(x) && Math.abs(x) <= Math.abs(y)) {
    return Math.abs(x) === Math.abs(y) ? 0 : (x < 0 && y > 0) || (y < 0 && x > 0) ? x + y : x;
  }
  const q = x / y;
  const tmp = remainderAfter(x, Math.floor(q), y);
  return tmp - Math.floor(tmp / y) * y;
}

/** x %/% y (R's myfloor). */
export function rIntDiv(x: number, y: number): number {
  const q = x / y;
  if (y === 0 || Math.abs(q) * EPS > 1 || !Number.isFinite(q)) return q;
  if (Math.abs(q) < 1) return q < 0 ? -1 : (x < 0 && y > 0) || (x > 0 && y < 0) ? -1 : 0;
  const fq = Math.floor(q);
  const tmp = remainderAfter(x, fq, y);
  return fq + Math.floor(tmp / y);
}

/**
 * a op b elementwise into a new array of length n; a and b have length n or 1
 * (a single value is reused for every element).
 */
export function arithmetic(op: ArithOp, a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  switch (op) {
    case '+':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] + b[ib];
      break;
    case '-':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] - b[ib];
      break;
    case '*':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] * b[ib];
      break;
    case '/':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] / b[ib];
      break;
    case '^':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = rPow(a[ia], b[ib]);
      break;
    case '%%':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = rMod(a[ia], b[ib]);
      break;
    case '%/%':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = rIntDiv(a[ia], b[ib]);
      break;
  }
  return out;
}

/**
 * Integer results as R keeps them: NA where R's integer arithmetic gives NA
 * (x %/% 0L, x %% 0L, overflow past 2^31 - 1). Returns how many overflowed, for R's warning.
 */
export function toIntegerRange(values: Float64Array): number {
  let overflow = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (!Number.isFinite(v)) values[i] = NaN;
    else if (v > INT_MAX || v < -INT_MAX) {
      values[i] = NaN;
      overflow++;
    }
  }
  return overflow;
}
