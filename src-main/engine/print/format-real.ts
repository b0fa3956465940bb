import { exactDecimal, padLeft, printfExponential, printfFixed, printfGeneral, roundSignificant } from './decimal';

/**
 * How R writes numbers: formatReal() decides one layout for a whole vector (fixed
 * or scientific, width, decimals) from R's `digits` significant digits, and
 * encodeReal() writes each element in it (src/main/format.c, printutils.c).
 * format(), print() of vectors and matrices, cat() and format.pval() are all this.
 *
 * A value is a number or null; null is R's NA (printed "NA"), NaN is NaN.
 */
export type RValue = number | null;

export interface RealLayout {
  width: number;
  /** Digits after the decimal point (fixed), or of the mantissa (scientific). */
  decimals: number;
  /** 0: fixed notation; 1 or 2: scientific with 2 or 3 exponent digits. */
  exponent: 0 | 1 | 2;
}

/** R's options(digits) default, used by format(), cat() and print(). */
export const DEFAULT_DIGITS = 7;
/** R_print.na.width: the width of "NA". */
const NA_WIDTH = 2;
/** Above this power of ten R's C code does not look for rounding that widens a number. */
const KP_MAX = 22;

interface Scientific {
  negative: boolean;
  /** Power of ten of the first significant digit after rounding to `digits`. */
  kpower: number;
  /** Significant digits needed (trailing zeros dropped), at most `digits`. */
  nsig: number;
  /** Scientific rounding reached 10^kpower although the fixed notation would not (9996 → 1e+04). */
  roundingWidens: boolean;
}

function scientific(x: number, digits: number): Scientific {
  if (x === 0) return { negative: false, kpower: 0, nsig: 1, roundingWidens: false };
  const r = Math.abs(x);
  const rounded = roundSignificant(exactDecimal(r), digits);
  const kpower = rounded.point - 1;
  const nsig = Math.max(1, rounded.digits.length);
  let roundingWidens = false;
  if (kpower > 0 && kpower <= KP_MAX) {
    const rgt = Math.min(KP_MAX, Math.max(0, digits - kpower));
    const fuzz = 0.5 / 10 ** rgt;
    roundingWidens = r < 10 ** kpower - fuzz;
  }
  return { negative: x < 0, kpower, nsig, roundingWidens };
}

/** formatReal(): the common layout of `values` with `digits` significant digits (R's `digits`). */
export function formatRealLayout(values: readonly RValue[], digits = DEFAULT_DIGITS, nsmall = 0): RealLayout {
  let naFlag = false;
  let nanFlag = false;
  let posInf = false;
  let negInf = false;
  let neg = false;
  let rgt = -Infinity;
  let mxl = -Infinity;
  let mnl = Infinity;
  let mxsl = -Infinity;
  let mxns = -Infinity;
  for (const x of values) {
    if (x === null) {
      naFlag = true;
    } else if (Number.isNaN(x)) {
      nanFlag = true;
    } else if (x === Infinity) {
      posInf = true;
    } else if (x === -Infinity) {
      negInf = true;
    } else {
      const s = scientific(x, digits);
      let left = s.kpower + 1;
      if (s.roundingWidens) left--;
      const sleft = (s.negative ? 1 : 0) + (left <= 0 ? 1 : left);
      const right = s.nsig - left;
      if (s.negative) neg = true;
      rgt = Math.max(rgt, right);
      mxl = Math.max(mxl, left);
      mnl = Math.min(mnl, left);
      mxsl = Math.max(mxsl, sleft);
      mxns = Math.max(mxns, s.nsig);
    }
  }
  let width = 0;
  let decimals = 0;
  let exponent: 0 | 1 | 2 = 0;
  if (mxl !== -Infinity) {
    if (mxl < 0) mxsl = 1 + (neg ? 1 : 0);
    if (rgt < 0) rgt = 0;
    let wF = mxsl + rgt + (rgt !== 0 ? 1 : 0);
    exponent = mxl > 100 || mnl <= -99 ? 2 : 1;
    decimals = mxns - 1;
    width = (neg ? 1 : 0) + (decimals > 0 ? 1 : 0) + decimals + 4 + exponent;
    // Fixed notation whenever it is no wider than scientific (options(scipen = 0)).
    if (wF <= width) {
      exponent = 0;
      if (nsmall > rgt) {
        rgt = nsmall;
        wF = mxsl + rgt + (rgt !== 0 ? 1 : 0);
      }
      decimals = rgt;
      width = wF;
    }
  }
  if (naFlag) width = Math.max(width, NA_WIDTH);
  if (nanFlag || posInf) width = Math.max(width, 3);
  if (negInf) width = Math.max(width, 4);
  return { width, decimals, exponent };
}

/** encodeReal(): one value in a layout, right-justified to its width. */
export function encodeReal(x: RValue, layout: RealLayout, naText = 'NA'): string {
  let text: string;
  if (x === null) text = naText;
  else if (Number.isNaN(x)) text = 'NaN';
  else if (x === Infinity) text = 'Inf';
  else if (x === -Infinity) text = '-Inf';
  else {
    // R prints a negative zero as 0.
    const v = x === 0 ? 0 : x;
    // C writes as many exponent digits as needed (e-05, e+100); `exponent` only widened the field.
    text = layout.exponent !== 0 ? printfExponential(v, layout.decimals) : printfFixed(v, layout.decimals);
  }
  return padLeft(text, layout.width);
}

/** R's format(x, digits): every element in the common layout, padded to one width. */
export function formatR(x: number | null, digits?: number, nsmall?: number): string;
export function formatR(x: readonly RValue[] | Float64Array, digits?: number, nsmall?: number): string[];
export function formatR(x: RValue | readonly RValue[] | Float64Array, digits = DEFAULT_DIGITS, nsmall = 0): string | string[] {
  if (x === null || typeof x === 'number') {
    const values = [x];
    return encodeReal(x, formatRealLayout(values, digits, nsmall));
  }
  const values: RValue[] = Array.from(x as ArrayLike<RValue>);
  const layout = formatRealLayout(values, digits, nsmall);
  return values.map((v) => encodeReal(v, layout));
}

/** How cat() writes one number: on its own, with 7 significant digits. */
export function catNumber(x: RValue): string {
  return formatR(x, DEFAULT_DIGITS);
}

/**
 * R's formatC(x, digits) with the default format "g" for doubles: C's "%.{digits}g"
 * in a field of digits + 1 characters (R's default width), non-finite values as text.
 */
export function formatC(x: RValue, digits: number, width = digits + 1): string {
  let text: string;
  if (x === null) text = 'NA';
  else if (Number.isNaN(x)) text = 'NaN';
  else if (x === Infinity) text = 'Inf';
  else if (x === -Infinity) text = '-Inf';
  else text = printfGeneral(x, digits);
  return padLeft(text, width);
}

/** .Machine$double.eps: format.pval's default `eps`. */
export const DOUBLE_EPS = 2.220446049250313e-16;

/**
 * R's format.pval(pv, digits, eps): p-values below eps become "<eps" ("< 2.2e-16"),
 * the others are formatted together in two groups (fixed-looking ones, with exponent
 * at least -3 or -4, and the rest), as the R function does. Missing p-values give "NA".
 */
export function formatPValue(pv: readonly RValue[], digits = DEFAULT_DIGITS - 2, eps = DOUBLE_EPS): string[] {
  const out: string[] = new Array<string>(pv.length).fill('NA');
  const present: number[] = [];
  for (let i = 0; i < pv.length; i++) {
    const p = pv[i];
    if (p !== null && !Number.isNaN(p)) present.push(i);
  }
  const small = present.filter((i) => (pv[i] as number) < eps);
  const rest = present.filter((i) => (pv[i] as number) >= eps);
  const texts: string[] = [];
  if (rest.length > 0) {
    const fixp: number[] = [];
    const sci: number[] = [];
    for (const i of rest) {
      const p = pv[i] as number;
      const expo = Math.floor(Math.log10(p > 0 ? p : 1e-50));
      if (expo >= -3 || (expo === -4 && digits > 1)) fixp.push(i);
      else sci.push(i);
    }
    for (const group of [fixp, sci]) {
      if (group.length === 0) continue;
      const formatted = formatR(
        group.map((i) => pv[i]),
        digits,
      );
      group.forEach((i, k) => {
        out[i] = formatted[k];
        texts.push(formatted[k]);
      });
    }
  }
  if (small.length > 0) {
    let d = Math.max(1, digits - 2);
    let sep: string;
    if (rest.length > 0) {
      const nc = Math.max(...texts.map((t) => t.length));
      if (d > 1 && d + 6 > nc) d = Math.max(1, nc - 7);
      sep = d === 1 && nc <= 6 ? '' : ' ';
    } else {
      sep = d === 1 ? '' : ' ';
    }
    const text = '<' + sep + formatR(eps, d);
    for (const i of small) out[i] = text;
  }
  return out;
}
