/**
 * The cell-level rules of R's type.convert, on byte spans of the UTF-8 text so the
 * hot loop allocates nothing for numbers: what counts as a number, an integer,
 * a logical, or a missing value.
 */

export const NOT_A_NUMBER = 0;
/** Written without a decimal mark or exponent and within R's integer range: R reads it as integer. */
export const INTEGER = 1;
export const DECIMAL = 2;
/** "NaN": a double in R, and missing for every model (is.na(NaN) is TRUE). */
export const NAN_LITERAL = 3;

/** What the last scanNumber call found; a shared slot so the hot loop needs no result objects. */
export const numberScan = { kind: NOT_A_NUMBER };

/** R's integers are 32-bit with INT_MIN reserved for NA. */
const R_INT_MAX = 2147483647;

const POW10 = new Float64Array([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);

/**
 * Parses bytes[start, end) as a decimal number: optional sign, digits with an optional
 * decimal mark, optional exponent; or Inf/Infinity/NaN in any case, as R's strtod does.
 * Hexadecimal, thousands separators and anything else are not numbers (R would read
 * "0x1A" as 26; here that is a label). `altDecimal` is a second accepted decimal mark
 * (44, the comma, in semicolon-separated files) or -1.
 *
 * The value is the one JavaScript's Number() gives for the same decimal text, i.e. the
 * correctly rounded double: Clinger's fast path (an integer mantissa below 2^53 and a
 * power of ten within ±22, so one correctly rounded multiply or divide of exact
 * operands) and Number() for everything else.
 */
export function scanNumber(bytes: Uint8Array, start: number, end: number, altDecimal: number): number {
  let p = start;
  let e = end;
  // Unquoted fields arrive trimmed; only quoted ones (" 1 ") can carry blanks.
  while (p < e && isBlank(bytes[p])) p++;
  while (e > p && isBlank(bytes[e - 1])) e--;
  if (p === e) return fail();
  let c = bytes[p];
  const negative = c === 45;
  if (negative || c === 43) {
    if (++p === e) return fail();
    c = bytes[p];
  }
  if (c > 57) return special(bytes, p, e, negative); // a letter: Inf, NaN

  let mantissa = 0;
  const intStart = p;
  for (; p < e; p++) {
    const d = bytes[p] - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = p - intStart;
  let fraction = 0;
  let decimalMark = -1;
  if (p < e && (bytes[p] === 46 || bytes[p] === altDecimal)) {
    decimalMark = bytes[p];
    const fractionStart = ++p;
    for (; p < e; p++) {
      const d = bytes[p] - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    fraction = p - fractionStart;
    digits += fraction;
  }
  if (digits === 0) return fail();
  let exponent = 0;
  const hasExponent = p < e;
  if (hasExponent) {
    c = bytes[p];
    if ((c !== 101 && c !== 69) || ++p === e) return fail();
    c = bytes[p];
    const expNegative = c === 45;
    if ((expNegative || c === 43) && ++p === e) return fail();
    for (; p < e; p++) {
      const d = bytes[p] - 48;
      if (d < 0 || d > 9) return fail();
      if (exponent < 100000) exponent = exponent * 10 + d;
    }
    if (expNegative) exponent = -exponent;
  }

  const scale = exponent - fraction;
  let value: number;
  // Below 2^53 every step of the accumulation above was exact.
  if (mantissa < 9007199254740992 && scale >= -22 && scale <= 22) {
    value = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  } else {
    value = Math.abs(Number(asciiLiteral(bytes, start, end, decimalMark)));
  }
  if (decimalMark < 0 && !hasExponent && value <= R_INT_MAX) {
    numberScan.kind = INTEGER;
    return negative ? -value | 0 : value; // R's integers have no negative zero
  }
  numberScan.kind = DECIMAL;
  return negative ? -value : value;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function fail(): number {
  numberScan.kind = NOT_A_NUMBER;
  return NaN;
}

/** The number's text for Number(); it passed the grammar above, so it is ASCII. */
function asciiLiteral(bytes: Uint8Array, start: number, end: number, decimalMark: number): string {
  let literal = '';
  for (let p = start; p < end; p++) {
    const c = bytes[p];
    if (c !== 32 && c !== 9) literal += c === decimalMark ? '.' : String.fromCharCode(c);
  }
  return literal;
}

function special(bytes: Uint8Array, p: number, e: number, negative: boolean): number {
  if (e - p > 8) return fail();
  let word = '';
  for (let i = p; i < e; i++) {
    const c = bytes[i];
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return fail();
    word += String.fromCharCode(c | 0x20); // lower case
  }
  if (word === 'inf' || word === 'infinity') {
    numberScan.kind = DECIMAL;
    return negative ? -Infinity : Infinity;
  }
  if (word === 'nan') {
    numberScan.kind = NAN_LITERAL;
    return NaN;
  }
  return fail();
}

/** R's logical spellings (type.convert): 1 for true, 0 for false, -1 for anything else. */
export function logicalToken(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  const c = bytes[start];
  if (n === 1) return c === 84 ? 1 : c === 70 ? 0 : -1; // T, F
  if ((n === 4 && (c === 84 || c === 116)) || (n === 5 && (c === 70 || c === 102))) return logicalWord(latin1(bytes, start, end));
  return -1;
}

export function logicalWord(word: string): number {
  if (word === 'TRUE' || word === 'true' || word === 'True' || word === 'T') return 1;
  if (word === 'FALSE' || word === 'false' || word === 'False' || word === 'F') return 0;
  return -1;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let p = start; p < end; p++) s += String.fromCharCode(bytes[p]);
  return s;
}

const encoder = new TextEncoder();

/** scanNumber for a label that is already a string (level ordering, explicit levels). */
export function scanNumberText(label: string, altDecimal: number): number {
  const bytes = encoder.encode(label);
  return scanNumber(bytes, 0, bytes.length, altDecimal);
}

/**
 * The strings read as missing: "NA" plus the user's. Like R's na.strings they apply to
 * quoted fields too and are compared with the whole (blank-stripped) field. Empty
 * fields are missing in every column (R keeps "" as a level in character columns; an
 * empty level is never what a model wants).
 */
export class MissingMatcher {
  private readonly strings: Set<string>;
  private readonly encoded: Uint8Array[];
  /** Byte tables for the cheap tests: most fields differ in their first byte or length. */
  private readonly firstBytes = new Uint8Array(256);
  private readonly lengths: Uint8Array;

  constructor(naStrings: readonly string[] | undefined) {
    this.strings = new Set(['NA', ...(naStrings ?? []).map((s) => s.trim()).filter((s) => s.length > 0)]);
    this.encoded = [...this.strings].map((s) => encoder.encode(s));
    this.lengths = new Uint8Array(Math.max(...this.encoded.map((b) => b.length)) + 1);
    for (const b of this.encoded) {
      this.firstBytes[b[0]] = 1;
      this.lengths[b.length] = 1;
    }
  }

  isMissing(bytes: Uint8Array, start: number, end: number): boolean {
    const n = end - start;
    if (n === 0) return true;
    if (this.firstBytes[bytes[start]] === 0 || n >= this.lengths.length || this.lengths[n] === 0) return false;
    for (const na of this.encoded) {
      if (na.length !== n) continue;
      let k = 0;
      while (k < n && na[k] === bytes[start + k]) k++;
      if (k === n) return true;
    }
    return false;
  }

  isMissingText(value: string): boolean {
    return value.length === 0 || this.strings.has(value);
  }
}
