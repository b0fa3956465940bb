import { MISSING_CODE } from '../data/column';
import { asText, levelMap, type CatValue, type Value } from './values';

/**
 * Comparisons and logic as R computes them: NA where an operand is NA, R's
 * three-valued & and |, and comparisons involving a factor or text made on the
 * labels (R's Ops.factor turns the factor into its labels, and a number compared
 * with text is written as text first), so `school != 48` drops the rows labelled "48".
 */
export type CompareOp = '<' | '>' | '<=' | '>=' | '==' | '!=';

export function compareNumbers(op: CompareOp, a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  // One loop per operator keeps the comparison out of the hot loop's branches.
  switch (op) {
    case '<':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] !== a[ia] || b[ib] !== b[ib] ? NaN : a[ia] < b[ib] ? 1 : 0;
      break;
    case '>':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] !== a[ia] || b[ib] !== b[ib] ? NaN : a[ia] > b[ib] ? 1 : 0;
      break;
    case '<=':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] !== a[ia] || b[ib] !== b[ib] ? NaN : a[ia] <= b[ib] ? 1 : 0;
      break;
    case '>=':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] !== a[ia] || b[ib] !== b[ib] ? NaN : a[ia] >= b[ib] ? 1 : 0;
      break;
    case '==':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] !== a[ia] || b[ib] !== b[ib] ? NaN : a[ia] === b[ib] ? 1 : 0;
      break;
    case '!=':
      for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) out[i] = a[ia] !== a[ia] || b[ib] !== b[ib] ? NaN : a[ia] !== b[ib] ? 1 : 0;
      break;
  }
  return out;
}

/** == or != on labels; either side may be a factor, text, or numbers (written as R writes them). */
export function compareLabels(op: '==' | '!=', left: Value, right: Value, n: number): Float64Array {
  const a = asText(left);
  const b = asText(right);
  const same = op === '==' ? 1 : 0;
  const toA = levelMap(b.levels, a.levels);
  const ca = a.codes;
  const cb = b.codes;
  if (ca.length === n && cb.length === 1) return byLevel(ca, a.levels.length, (k) => (cb[0] === MISSING_CODE ? NaN : toA[cb[0]] === k ? same : 1 - same));
  if (cb.length === n && ca.length === 1) return byLevel(cb, b.levels.length, (k) => (ca[0] === MISSING_CODE ? NaN : toA[k] === ca[0] ? same : 1 - same));
  const sa = ca.length === 1 ? 0 : 1;
  const sb = cb.length === 1 ? 0 : 1;
  const out = new Float64Array(n);
  for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) {
    const x = ca[ia];
    const y = cb[ib];
    if (x === MISSING_CODE || y === MISSING_CODE) out[i] = NaN;
    else out[i] = toA[y] === x ? same : 1 - same;
  }
  return out;
}

/** A result per level looked up by code: the common case of a column compared with one value. */
function byLevel(codes: Int32Array, levels: number, result: (level: number) => number): Float64Array {
  const table = new Float64Array(levels + 1);
  table[0] = NaN; // code -1, NA
  for (let k = 0; k < levels; k++) table[k + 1] = result(k);
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i] + 1];
  return out;
}

/** Whether a factor's level set differs from another's: R refuses to compare such factors. */
export function sameLevelSets(a: CatValue, b: CatValue): boolean {
  if (a.levels.length !== b.levels.length) return false;
  const set = new Set(a.levels);
  return b.levels.every((l) => set.has(l));
}

/** R's truth value of a number: NaN stays NA, non-zero is TRUE. */
const truth = (x: number): number => (x !== x ? NaN : x !== 0 ? 1 : 0);

export function and(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) {
    const x = truth(a[ia]);
    const y = truth(b[ib]);
    // FALSE wins over NA: NA & FALSE is FALSE.
    out[i] = x === 0 || y === 0 ? 0 : x !== x || y !== y ? NaN : 1;
  }
  return out;
}

export function or(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) {
    const x = truth(a[ia]);
    const y = truth(b[ib]);
    // TRUE wins over NA: NA | TRUE is TRUE.
    out[i] = x === 1 || y === 1 ? 1 : x !== x || y !== y ? NaN : 0;
  }
  return out;
}

export function not(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    out[i] = x !== x ? NaN : x === 0 ? 1 : 0;
  }
  return out;
}

/**
 * x %in% table, which is match(x, table, nomatch = 0) > 0: never NA, and NA is
 * found in a table that holds NA. Numbers match numbers by value; with a factor
 * or text on either side both are matched as labels, as match() does.
 */
export function inTable(x: Value, table: Value): Float64Array {
  if (x.t === 'num' && table.t !== 'cat') {
    const values = new Set<number>();
    let hasNA = false;
    if (table.t === 'num') {
      for (const v of table.v) {
        if (v !== v) hasNA = true;
        else values.add(v === 0 ? 0 : v);
      }
    }
    const out = new Float64Array(x.v.length);
    for (let i = 0; i < out.length; i++) {
      const v = x.v[i];
      out[i] = v !== v ? (hasNA ? 1 : 0) : values.has(v) ? 1 : 0;
    }
    return out;
  }
  const a = asText(x);
  const b = asText(table);
  const present = new Uint8Array(b.levels.length);
  let hasNA = false;
  for (const c of b.codes) {
    if (c === MISSING_CODE) hasNA = true;
    else present[c] = 1;
  }
  const toB = levelMap(a.levels, b.levels);
  const found = Uint8Array.from(toB, (j) => (j >= 0 && present[j] ? 1 : 0));
  const out = new Float64Array(a.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = a.codes[i];
    out[i] = c === MISSING_CODE ? (hasNA ? 1 : 0) : found[c];
  }
  return out;
}
