import { MISSING_CODE } from '../data/column';
import { formatElement } from './format';

/**
 * Values while an expression is evaluated. R's vectors of one type each:
 * numbers (double, integer or logical, NaN = NA) in a Float64Array, and factors or
 * text as codes into a label list (-1 = NA), so text from a factor keeps its codes
 * (as.character(school) costs no per-row strings). A value has one element per
 * row, or any other length for constants and summaries (c(1, 2), mean(x)).
 */
export type NumMode = 'double' | 'integer' | 'logical';

export interface NumValue {
  t: 'num';
  v: Float64Array;
  mode: NumMode;
}

export interface CatValue {
  t: 'cat';
  codes: Int32Array;
  /** Distinct labels; for text (factor false) their order carries no meaning. */
  levels: string[];
  factor: boolean;
}

export interface NullValue {
  t: 'null';
}

export type Value = NumValue | CatValue | NullValue;

export const NULL_VALUE: NullValue = { t: 'null' };

export function num(v: Float64Array, mode: NumMode = 'double'): NumValue {
  return { t: 'num', v, mode };
}

export function scalar(x: number, mode: NumMode = 'double'): NumValue {
  return { t: 'num', v: Float64Array.of(x), mode };
}

export function text(labels: readonly (string | null)[]): CatValue {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    if (label === null) {
      codes[i] = MISSING_CODE;
      return;
    }
    let code = index.get(label);
    if (code === undefined) {
      code = levels.length;
      index.set(label, code);
      levels.push(label);
    }
    codes[i] = code;
  });
  return { t: 'cat', codes, levels, factor: false };
}

export function lengthOf(value: Value): number {
  return value.t === 'num' ? value.v.length : value.t === 'cat' ? value.codes.length : 0;
}

/**
 * as.character(): numbers become R's labels ("1e+05", "0.3", "TRUE"), each distinct
 * value formatted once; values written alike share a label, as they do in R.
 */
export function asText(value: Value): CatValue {
  if (value.t === 'cat') return value.factor ? { ...value, factor: false } : value;
  if (value.t === 'null') return { t: 'cat', codes: new Int32Array(0), levels: [], factor: false };
  const v = value.v;
  const codes = new Int32Array(v.length);
  const byValue = new Map<number, number>();
  const byLabel = new Map<string, number>();
  const levels: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let code = byValue.get(x);
    if (code === undefined) {
      const label = formatElement(x, value.mode);
      code = byLabel.get(label);
      if (code === undefined) {
        code = levels.length;
        byLabel.set(label, code);
        levels.push(label);
      }
      byValue.set(x, code);
    }
    codes[i] = code;
  }
  return { t: 'cat', codes, levels, factor: false };
}

/** The label of element i, or null for NA. */
export function labelAt(value: CatValue, i: number): string | null {
  const c = value.codes[i];
  return c === MISSING_CODE ? null : value.levels[c];
}

/** For each level of `from`, the index of the same label among `to`'s levels, or -1. */
export function levelMap(from: readonly string[], to: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  to.forEach((l, i) => {
    if (!index.has(l)) index.set(l, i);
  });
  return Int32Array.from(from, (l) => index.get(l) ?? -1);
}
