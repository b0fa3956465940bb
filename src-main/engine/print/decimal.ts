/**
 * Exact decimal digits of a double, and the C library's %f / %e / %g built on them.
 *
 * R prints through C's sprintf, and glibc's sprintf is exact: it rounds the true
 * binary value, and an exact tie (0.125 to two places) goes to the even digit.
 * JavaScript's toFixed/toPrecision round ties away from zero, so R's text cannot
 * be made from them; every printed digit here comes from the exact expansion.
 */

/** |x| = 0.d1d2d3… × 10^(point), digits without leading or trailing zeros ("" for 0). */
export interface Decimal {
  digits: string;
  point: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal value of |x| for finite x: every double is a finite decimal fraction. */
export function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  // |x| = mantissa × 2^exponent = mantissa × 5^(-exponent) / 10^(-exponent) when exponent < 0.
  let text: string;
  let scale: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    scale = 0;
  } else {
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    scale = -exponent;
  }
  return trim({ digits: text, point: text.length - scale });
}

function trim(d: Decimal): Decimal {
  let start = 0;
  while (start < d.digits.length && d.digits.charCodeAt(start) === 48) start++;
  let end = d.digits.length;
  while (end > start && d.digits.charCodeAt(end - 1) === 48) end--;
  if (start === end) return { digits: '', point: 0 };
  return { digits: d.digits.slice(start, end), point: d.point - start };
}

/**
 * Rounds to `keep` leading digits (keep may be 0 or negative: the value then rounds
 * to 0 or to one unit in the first kept place), ties to even as glibc does.
 */
export function roundDigits(d: Decimal, keep: number): Decimal {
  const n = d.digits.length;
  if (keep >= n) return d;
  if (keep < 0) return { digits: '', point: 0 };
  const next = d.digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (next !== 5) {
    up = next > 5;
  } else if (keep + 1 < n) {
    up = true; // trailing digits are never zero after trim(), so it is past the tie
  } else {
    up = keep > 0 && (d.digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  }
  if (!up) return trim({ digits: d.digits.slice(0, keep), point: d.point });
  if (keep === 0) return { digits: '1', point: d.point + 1 };
  const kept = d.digits.slice(0, keep).split('').map((c) => c.charCodeAt(0) - 48);
  let i = keep - 1;
  while (i >= 0 && kept[i] === 9) {
    kept[i] = 0;
    i--;
  }
  if (i < 0) return { digits: '1', point: d.point + 1 };
  kept[i]++;
  return trim({ digits: kept.join(''), point: d.point });
}

/** Rounds to `places` digits after the decimal point. */
export function roundPlaces(d: Decimal, places: number): Decimal {
  return d.digits === '' ? d : roundDigits(d, d.point + places);
}

/** Rounds to `significant` digits; the result's `point` says where the first digit now sits. */
export function roundSignificant(d: Decimal, significant: number): Decimal {
  return d.digits === '' ? d : roundDigits(d, significant);
}

/** Digit i of the expansion (0 past its end). */
function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** C's "%.{places}f" for finite x (a negative value that rounds to zero keeps its sign, as in C). */
export function printfFixed(x: number, places: number): string {
  const d = roundPlaces(exactDecimal(x), places);
  let integer = '';
  for (let i = 0; i < d.point; i++) integer += digitAt(d, i);
  if (integer === '') integer = '0';
  let fraction = '';
  for (let i = 0; i < places; i++) fraction += digitAt(d, d.point + i);
  return sign(x) + integer + (places > 0 ? '.' + fraction : '');
}

/** C's "%.{places}e" for finite x: at least two exponent digits. */
export function printfExponential(x: number, places: number): string {
  const exact = exactDecimal(x);
  if (exact.digits === '') return sign(x) + '0' + (places > 0 ? '.' + '0'.repeat(places) : '') + 'e+00';
  const d = roundSignificant(exact, places + 1);
  let mantissa = d.digits[0];
  if (places > 0) {
    mantissa += '.';
    for (let i = 1; i <= places; i++) mantissa += digitAt(d, i);
  }
  return sign(x) + mantissa + exponentText(d.point - 1);
}

function exponentText(e: number): string {
  const magnitude = Math.abs(e);
  return 'e' + (e < 0 ? '-' : '+') + (magnitude < 10 ? '0' : '') + String(magnitude);
}

/** C's "%.{precision}g" for finite x: %e or %f by the rounded exponent, trailing zeros removed. */
export function printfGeneral(x: number, precision: number): string {
  const p = precision === 0 ? 1 : precision;
  const exact = exactDecimal(x);
  const exponent = exact.digits === '' ? 0 : roundSignificant(exact, p).point - 1;
  const text = p > exponent && exponent >= -4 ? printfFixed(x, p - 1 - exponent) : printfExponential(x, p - 1);
  return dropTrailingZeros(text);
}

function dropTrailingZeros(text: string): string {
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const rest = e < 0 ? '' : text.slice(e);
  if (!mantissa.includes('.')) return text;
  return mantissa.replace(/\.?0+$/, '') + rest;
}

/** Right-justifies text in a field of `width` characters, as printf's "%*s" does. */
export function padLeft(text: string, width: number): string {
  const w = textWidth(text);
  return w >= width ? text : ' '.repeat(width - w) + text;
}

export function padRight(text: string, width: number): string {
  const w = textWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}

/** Characters on screen (code points), as R's Rstrwid counts plain text. */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
