import { MISSING_CODE } from '../data/column';
import { compareText } from '../import/levels';
import { formatElement } from './format';
import { asText, levelMap, type CatValue, type NumValue, type Value } from './values';

/**
 * factor(), and the conversions between factors, text and numbers, as R does them:
 * levels are the sorted distinct values written as text (numbers by value, text
 * in the collation the importer uses, see import/levels.ts), and a factor keeps
 * its level order when it is re-made (unused levels dropped).
 */
export interface FactorResult {
  value: CatValue;
  /** Values that were not NA but matched none of the given levels (R makes them NA silently). */
  unmatched: number;
}

/** The elements of a short value (levels = c(...)) as text, NA as null. */
export function elementsText(value: Value): (string | null)[] {
  const t = asText(value);
  return Array.from(t.codes, (c) => (c === MISSING_CODE ? null : t.levels[c]));
}

/** factor(x) with R's default levels. */
export function defaultFactor(x: Value): CatValue {
  if (x.t === 'num') return factorOfNumbers(x);
  if (x.t === 'null') return { t: 'cat', codes: new Int32Array(0), levels: [], factor: true };
  const used = new Uint8Array(x.levels.length);
  for (const c of x.codes) if (c !== MISSING_CODE) used[c] = 1;
  const order = x.levels.map((_, i) => i).filter((i) => used[i] === 1);
  if (!x.factor) order.sort((a, b) => compareText(x.levels[a], x.levels[b]));
  return recode(x.codes, order, x.levels);
}

/** New codes where order[k] is the old code of new level k. */
function recode(codes: Int32Array, order: readonly number[], oldLevels: readonly string[]): CatValue {
  const rank = new Int32Array(oldLevels.length).fill(MISSING_CODE);
  order.forEach((old, k) => (rank[old] = k));
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    out[i] = c === MISSING_CODE ? MISSING_CODE : rank[c];
  }
  return { t: 'cat', codes: out, levels: order.map((i) => oldLevels[i]), factor: true };
}

function factorOfNumbers(x: NumValue): CatValue {
  const v = x.v;
  const distinct = Float64Array.from(new Set(v)).filter((d) => d === d).sort();
  const labels: string[] = [];
  const levelOf = new Map<number, number>();
  for (const d of distinct) {
    const label = formatElement(d, x.mode);
    // Distinct doubles that R writes alike (15 significant digits) share a level, as in R.
    if (labels.length === 0 || labels[labels.length - 1] !== label) labels.push(label);
    levelOf.set(d, labels.length - 1);
  }
  const codes = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) codes[i] = v[i] === v[i] ? levelOf.get(v[i])! : MISSING_CODE;
  return { t: 'cat', codes, levels: labels, factor: true };
}

/**
 * factor(x, levels, labels): x is matched to `levels` as text, as R's match() does;
 * `labels` renames the levels in order, and equal labels merge their levels.
 * Repeated levels and a wrong number of labels are problems (R stops there too).
 */
export function factorWithLevels(x: Value, levels: (string | null)[], labels: (string | null)[] | null): FactorResult | { problem: 'duplicated-level' | 'labels-length'; detail: string } {
  const given = levels.filter((l): l is string => l !== null);
  const seen = new Set<string>();
  for (const l of given) {
    if (seen.has(l)) return { problem: 'duplicated-level', detail: l };
    seen.add(l);
  }
  let names = given;
  if (labels) {
    if (labels.length === 1 && given.length > 1) names = given.map((_, i) => `${labels[0] ?? 'NA'}${i + 1}`);
    else if (labels.length !== given.length) return { problem: 'labels-length', detail: `${labels.length} labels for ${given.length} levels` };
    else names = labels.map((l) => l ?? 'NA');
  }
  const text = asText(x);
  const toGiven = levelMap(text.levels, given);
  const unique: string[] = [];
  const finalOf = new Map<string, number>();
  const toFinal = Int32Array.from(names, (name) => {
    let k = finalOf.get(name);
    if (k === undefined) {
      k = unique.length;
      finalOf.set(name, k);
      unique.push(name);
    }
    return k;
  });
  const codes = new Int32Array(text.codes.length);
  let unmatched = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = text.codes[i];
    const g = c === MISSING_CODE ? -1 : toGiven[c];
    if (c !== MISSING_CODE && g < 0) unmatched++;
    codes[i] = g < 0 ? MISSING_CODE : toFinal[g];
  }
  return { value: { t: 'cat', codes, levels: unique, factor: true }, unmatched };
}

/** A text value as a factor column holds it: the labels present, sorted as factor() sorts them. */
export function textAsFactor(x: CatValue): CatValue {
  return x.factor ? x : defaultFactor(x);
}

const DECIMAL = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?)(\d*))?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]+)$/;
const SPECIAL = /^([+-]?)(nan|infinity|inf)$/i;

/**
 * R's String2Real via R_strtod: blanks around, Inf/infinity/NaN in any case, hex,
 * "1." and "1e". A blank string is NA quietly; anything else that is not a number
 * (the text "NA" included, as in R) gives null, which R turns into NA with a warning.
 */
export function parseNumber(label: string): number | null {
  const s = label.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
  if (s === '') return NaN;
  let m = DECIMAL.exec(s);
  if (m) return Number(`${m[1]}${m[2]}e${m[3] ?? ''}${m[4] || '0'}`);
  m = HEX.exec(s);
  if (m) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 16);
  m = SPECIAL.exec(s);
  if (m) return m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
  return null;
}

/**
 * as.numeric(): a factor gives its codes 1, 2, … (R's behaviour, though rarely what
 * is wanted; as.numeric(as.character(f)) reads the labels), text is read as numbers.
 * `failed` counts labels that are not numbers (R: "NAs introduced by coercion").
 */
export function asNumber(x: CatValue): { values: Float64Array; failed: number } {
  const values = new Float64Array(x.codes.length);
  if (x.factor) {
    for (let i = 0; i < values.length; i++) values[i] = x.codes[i] === MISSING_CODE ? NaN : x.codes[i] + 1;
    return { values, failed: 0 };
  }
  const parsed = x.levels.map(parseNumber);
  let failed = 0;
  for (let i = 0; i < values.length; i++) {
    const c = x.codes[i];
    const p = c === MISSING_CODE ? NaN : parsed[c];
    if (p === null) failed++;
    values[i] = p ?? NaN;
  }
  return { values, failed };
}
