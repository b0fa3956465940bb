import { AppError } from '@shared/errors';
import { MISSING_CODE } from '../data/column';
import { NOT_A_NUMBER, numberScan, scanNumberText } from './infer';

/**
 * Factor levels in the order R gives them. factor() sorts its levels with sort(),
 * which follows the locale's collation; Nestor uses ICU's English collation, which
 * is what R's sort() gives in an English locale for everyday labels: letters compare
 * without case first, lower case before upper case on ties ("a" "A" "b" "B"), and
 * digits compare as characters ("S10" before "S2"). Labels that are all numbers
 * are ordered by value ("1", "2", …, "10"), as R's factor() orders a numeric column.
 */
const collator = new Intl.Collator('en', { numeric: false, sensitivity: 'variant' });

export function compareText(a: string, b: string): number {
  // Distinct strings the collator deems equal (e.g. ignorable characters) still get a fixed order.
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Indices of `labels` in level order. */
export function levelOrder(labels: readonly string[], altDecimal: number): number[] {
  const order = labels.map((_, i) => i);
  const numbers = new Float64Array(labels.length);
  let allNumbers = labels.length > 0;
  for (let i = 0; i < labels.length && allNumbers; i++) {
    numbers[i] = scanNumberText(labels[i], altDecimal);
    allNumbers = numberScan.kind !== NOT_A_NUMBER && !Number.isNaN(numbers[i]);
  }
  if (allNumbers) order.sort((a, b) => numbers[a] - numbers[b] || compareText(labels[a], labels[b]));
  else order.sort((a, b) => compareText(labels[a], labels[b]));
  return order;
}

/** A number's label as R's as.character writes it for the everyday cases (integers, short decimals). */
export function numberLabel(v: number): string {
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export interface Factor {
  codes: Int32Array;
  levels: string[];
}

/** Provisional codes (first-seen order) → codes into the sorted levels, in place. */
export function sortedFactor(codes: Int32Array, labels: readonly string[], altDecimal: number): Factor {
  const order = levelOrder(labels, altDecimal);
  const rank = new Int32Array(labels.length);
  order.forEach((label, r) => (rank[label] = r));
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c !== MISSING_CODE) codes[i] = rank[c];
  }
  return { codes, levels: order.map((i) => labels[i]) };
}

/**
 * A numeric column read as a factor (options.factors): one level per distinct value,
 * ordered by value and labelled as R labels them (factor(c(1L, 10L, 2L)) has levels
 * "1", "2", "10"; a logical column has "FALSE", "TRUE"). Values written differently
 * but equal ("1" and "1.0") share a level, as they do in R.
 */
export function factorFromNumbers(values: Float64Array, logical: boolean): Factor {
  let present = 0;
  const distinct = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) distinct[present++] = values[i];
  const sorted = distinct.subarray(0, present).sort();
  let m = 0;
  for (let i = 0; i < present; i++) if (m === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const levelValues = sorted.subarray(0, m);
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v === v ? findSorted(levelValues, v) : MISSING_CODE;
  }
  const levels = Array.from(levelValues, (v) => (logical ? (v === 1 ? 'TRUE' : 'FALSE') : numberLabel(v)));
  return { codes, levels };
}

function findSorted(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ExplicitLevelsInput {
  fileName: string;
  column: string;
  codes: Int32Array;
  labels: readonly string[];
  labelLines: readonly number[];
  levels: readonly string[];
  altDecimal: number;
}

/**
 * options.levels: the person's order, every listed level kept even if absent from the
 * data (R's factor(x, levels = …)). A value that is not listed is an error naming it
 * and its first line; R would silently turn it into NA, hiding a typo in the data.
 * A number matches a level written as the same number ("01" matches "1"), as it does
 * in R after read.csv has made the column numeric.
 */
export function factorWithLevels(input: ExplicitLevelsInput): Factor {
  const { fileName, column, codes, labels, labelLines, levels, altDecimal } = input;
  const exact = new Map<string, number>();
  const byNumber = new Map<string, number>();
  levels.forEach((level, i) => {
    if (exact.has(level)) {
      throw new AppError('bad-input', `${fileName}: the level "${level}" is listed twice for column "${column}".`, {
        file: fileName,
        column,
      });
    }
    exact.set(level, i);
    const v = scanNumberText(level, altDecimal);
    if (numberScan.kind !== NOT_A_NUMBER && !byNumber.has(numberLabel(v))) byNumber.set(numberLabel(v), i);
  });
  const target = new Int32Array(labels.length);
  let unknown = -1;
  labels.forEach((label, i) => {
    let t = exact.get(label);
    if (t === undefined) {
      const v = scanNumberText(label, altDecimal);
      if (numberScan.kind !== NOT_A_NUMBER) t = byNumber.get(numberLabel(v));
    }
    if (t === undefined) {
      if (unknown < 0 || labelLines[i] < labelLines[unknown]) unknown = i;
    } else {
      target[i] = t;
    }
  });
  if (unknown >= 0) {
    const line = labelLines[unknown];
    const shown = levels.length <= 12 ? levels.map((l) => `"${l}"`).join(', ') : `${levels.length} levels`;
    throw new AppError(
      'bad-input',
      `${fileName}: line ${line}: the value "${labels[unknown]}" of column "${column}" is not one of the levels given for it (${shown}).`,
      { file: fileName, line, column, value: labels[unknown] },
    );
  }
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c !== MISSING_CODE) codes[i] = target[c];
  }
  return { codes, levels: [...levels] };
}
