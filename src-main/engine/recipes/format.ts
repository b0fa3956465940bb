/**
 * Numbers written as R writes them, for factor labels and text comparisons:
 * as.character() (15 significant digits, fixed or scientific by width, as R 4.2's
 * formatReal) and formatC(x, digits, format = "g") (C's %.*g), which cut() uses
 * for its interval labels. C's printf rounds the exact binary value half to even;
 * JavaScript's toExponential/toFixed round exact ties up, so ties are redone exactly.
 */

const bits = new Float64Array(1);
const words = new BigUint64Array(bits.buffer);

/** The exact decimal expansion of a finite a > 0: digits, and how many of them precede the decimal point. */
function exactDecimal(a: number): { digits: string; intDigits: number } {
  bits[0] = a;
  const w = words[0];
  const biased = Number((w >> 52n) & 0x7ffn);
  let m = w & 0xfffffffffffffn;
  let e = biased - 1075;
  if (biased === 0) e = -1074;
  else m |= 0x10000000000000n;
  if (e >= 0) {
    const digits = (m << BigInt(e)).toString();
    return { digits, intDigits: digits.length };
  }
  const digits = (m * 5n ** BigInt(-e)).toString();
  return { digits, intDigits: digits.length + e };
}

/** Keeps `keep` leading digits of an exact expansion, rounding half to even; returns the digits and the carry. */
function roundDigits(digits: string, keep: number): { kept: string; carry: boolean } {
  if (keep <= 0) {
    // Everything lies below the last kept place: round 0.ddd to 0 or 1 unit.
    const first = keep === 0 ? digits.charCodeAt(0) - 48 : 0;
    const tail = keep === 0 ? digits.slice(1) : '';
    const up = first > 5 || (first === 5 && /[1-9]/.test(tail));
    return { kept: '', carry: up };
  }
  if (digits.length <= keep) return { kept: digits.padEnd(keep, '0'), carry: false };
  const next = digits.charCodeAt(keep) - 48;
  const rest = digits.slice(keep + 1);
  let kept = digits.slice(0, keep);
  const odd = (kept.charCodeAt(keep - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || odd));
  if (!up) return { kept, carry: false };
  const chars = kept.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') chars[i--] = '0';
  if (i < 0) return { kept: '1' + chars.join('').slice(0, keep - 1), carry: true };
  chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
  kept = chars.join('');
  return { kept, carry: false };
}

/** |x| to `precision` significant digits (half to even on the exact value): the digits and the decimal exponent of the first. */
export function significant(x: number, precision: number): { digits: string; exponent: number } {
  const a = Math.abs(x);
  if (a === 0) return { digits: '0'.repeat(precision), exponent: 0 };
  if (precision <= 100) {
    const longer = a.toExponential(Math.min(100, precision));
    // Only a digit 5 right after the kept ones can be an exact tie that toExponential rounds up.
    if (longer.charAt(longer.indexOf('e') - 1) !== '5' || precision === 100) {
      const s = a.toExponential(precision - 1);
      const e = s.indexOf('e');
      return { digits: s.slice(0, e).replace('.', ''), exponent: Number(s.slice(e + 1)) };
    }
  }
  const { digits, intDigits } = exactDecimal(a);
  const { kept, carry } = roundDigits(digits, precision);
  return { digits: kept, exponent: intDigits - 1 + (carry ? 1 : 0) };
}

/** |x| with `decimals` digits after the point, half to even on the exact value (sprintf("%.*f")). */
function fixed(a: number, decimals: number): string {
  if (a < 1e21) {
    const longer = a.toFixed(Math.min(100, decimals + 1));
    if (longer.charAt(longer.length - 1) !== '5') return a.toFixed(decimals);
  }
  const { digits, intDigits } = exactDecimal(a);
  const keep = intDigits + decimals;
  const { kept, carry } = roundDigits(digits, keep);
  // The rounded value times 10^decimals, as an integer's digits.
  const scaled = (keep <= 0 ? (carry ? '1' : '0') : carry ? '1' + '0'.repeat(keep) : kept).padStart(decimals + 1, '0');
  const point = scaled.length - decimals;
  return decimals > 0 ? `${scaled.slice(0, point)}.${scaled.slice(point)}` : scaled;
}

function exponentText(e: number): string {
  const abs = Math.abs(e);
  return `e${e < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return null;
}

/** C's sprintf("%.{precision}g", x), as R's formatC(x, digits = precision, format = "g") gives it. */
export function formatG(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special) return special;
  if (x === 0) return '0';
  const p = Math.max(1, precision);
  const { digits, exponent } = significant(x, p);
  const sign = x < 0 ? '-' : '';
  if (exponent < -4 || exponent >= p) {
    const mantissa = digits.replace(/0+$/, '');
    return `${sign}${mantissa[0]}${mantissa.length > 1 ? '.' + mantissa.slice(1) : ''}${exponentText(exponent)}`;
  }
  const int = exponent >= 0 ? digits.slice(0, exponent + 1) : '0';
  const frac = (exponent >= 0 ? digits.slice(exponent + 1) : '0'.repeat(-exponent - 1) + digits).replace(/0+$/, '');
  return `${sign}${int}${frac ? '.' + frac : ''}`;
}

/**
 * formatC(values, digits, width = 1) for a vector: R formats the non-finite
 * elements together, right-aligned to the widest of them, so c(-Inf, 0, Inf)
 * gives "-Inf" "0" " Inf" (and cut() labels "(2, Inf]").
 */
export function formatCVector(values: ArrayLike<number>, digits: number): string[] {
  const out = Array.from(values, (v) => formatG(v, digits));
  let width = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) width = Math.max(width, out[i].length);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) out[i] = out[i].padStart(width);
  return out;
}

/** as.character(x) for a double in R 4.2: up to 15 significant digits, fixed notation unless scientific is narrower. */
export function formatNumber(x: number): string {
  const special = nonFinite(x);
  if (special) return special;
  if (x === 0) return '0';
  const { digits, exponent } = significant(x, 15);
  const nsig = digits.replace(/0+$/, '').length;
  const neg = x < 0 ? 1 : 0;
  const rgt = Math.max(0, nsig - 1 - exponent);
  const fixedWidth = neg + (exponent >= 0 ? exponent + 1 : 1) + (rgt > 0 ? rgt + 1 : 0);
  const sciWidth = neg + nsig + (nsig > 1 ? 1 : 0) + (Math.abs(exponent) >= 100 ? 5 : 4);
  const sign = neg ? '-' : '';
  if (fixedWidth <= sciWidth) return sign + fixed(Math.abs(x), rgt);
  const mantissa = digits.slice(0, nsig);
  return `${sign}${mantissa[0]}${nsig > 1 ? '.' + mantissa.slice(1) : ''}${exponentText(exponent)}`;
}

/** as.character() of one element of a logical, integer or double vector (integers never go scientific in R). */
export function formatElement(v: number, mode: 'double' | 'integer' | 'logical'): string {
  if (mode === 'logical') return v === 0 ? 'FALSE' : 'TRUE';
  if (mode === 'integer') return String(v);
  return formatNumber(v);
}
