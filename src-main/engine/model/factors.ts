import { MISSING_CODE, type Column } from '../data/column';
import { factorFromNumbers } from '../import/levels';

/**
 * Factor helpers with R's semantics for model frames: dropping unused levels
 * (model.frame(drop.unused.levels = TRUE), as lm and lmer call it), making a
 * grouping factor of any column (lme4's makeFac: factor(x), levels sorted), and
 * lme4's interaction of grouping factors (`%i%`: observed combinations only,
 * ordered by the first factor's level, then the second's; labels "a:b").
 */

export interface Factor {
  codes: Int32Array;
  levels: string[];
}

/** The rows' values at `rows` (0-based), with a factor's unused levels dropped; the column itself when nothing changes. */
export function gatherColumn(column: Column, rows: Int32Array | null): Column {
  if (column.kind !== 'factor') {
    if (!rows) return column;
    const values = new Float64Array(rows.length);
    const src = column.values;
    for (let i = 0; i < rows.length; i++) values[i] = src[rows[i]];
    return { name: column.name, kind: column.kind, values };
  }
  let codes = column.codes;
  if (rows) {
    codes = new Int32Array(rows.length);
    const src = column.codes;
    for (let i = 0; i < rows.length; i++) codes[i] = src[rows[i]];
  }
  const dropped = dropUnusedLevels({ codes, levels: column.levels });
  return { name: column.name, kind: 'factor', codes: dropped.codes, levels: dropped.levels };
}

/** R's factor(x)[, drop = TRUE]: levels keep their order; codes are renumbered only when a level is unused. */
export function dropUnusedLevels(f: Factor): Factor {
  const used = new Uint8Array(f.levels.length);
  const codes = f.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] !== MISSING_CODE) used[codes[i]] = 1;
  if (used.every((u) => u === 1)) return f;
  const map = new Int32Array(f.levels.length).fill(MISSING_CODE);
  const levels: string[] = [];
  f.levels.forEach((level, k) => {
    if (used[k]) {
      map[k] = levels.length;
      levels.push(level);
    }
  });
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] === MISSING_CODE ? MISSING_CODE : map[codes[i]];
  return { codes: out, levels };
}

/** lme4's makeFac: a factor as it is; numbers and logicals become factors of their sorted distinct values. */
export function asFactor(column: Column): Factor {
  if (column.kind === 'factor') return { codes: column.codes, levels: column.levels };
  return factorFromNumbers(column.values, column.kind === 'logical');
}

/** Above this many possible combinations, distinct keys are found by sorting instead of a lookup table. */
const TABLE_LIMIT = 1 << 24;

/** lme4's f1 %i% f2 (rows with a missing code stay missing). */
export function interactFactors(f1: Factor, f2: Factor): Factor {
  const n = f1.codes.length;
  const l2 = f2.levels.length;
  const size = f1.levels.length * l2;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = f1.codes[i];
    const b = f2.codes[i];
    keys[i] = a === MISSING_CODE || b === MISSING_CODE ? -1 : a * l2 + b;
  }
  const codes = new Int32Array(n);
  let distinct: Float64Array;
  if (size <= TABLE_LIMIT) {
    const table = new Int32Array(size).fill(-1);
    for (let i = 0; i < n; i++) if (keys[i] >= 0) table[keys[i]] = 0;
    let m = 0;
    for (let k = 0; k < size; k++) if (table[k] === 0) table[k] = m++ + 1;
    distinct = new Float64Array(m);
    for (let k = 0; k < size; k++) if (table[k] > 0) distinct[table[k] - 1] = k;
    for (let i = 0; i < n; i++) codes[i] = keys[i] < 0 ? MISSING_CODE : table[keys[i]] - 1;
  } else {
    distinct = distinctBySort(keys);
    const index = new Map<number, number>();
    distinct.forEach((k, r) => index.set(k, r));
    for (let i = 0; i < n; i++) codes[i] = keys[i] < 0 ? MISSING_CODE : index.get(keys[i])!;
  }
  const levels = Array.from(distinct, (k) => `${f1.levels[Math.floor(k / l2)]}:${f2.levels[k % l2]}`);
  return { codes, levels };
}

function distinctBySort(keys: Float64Array): Float64Array {
  const sorted = keys.slice().sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i] >= 0 && (m === 0 || sorted[i] !== sorted[m - 1])) sorted[m++] = sorted[i];
  return sorted.slice(0, m);
}

/** The interaction of several factors, the leftmost varying slowest: a:(b:c), as lme4 nests `g1/g2/g3`. */
export function interactAll(factors: Factor[]): Factor {
  let combined = factors[factors.length - 1];
  for (let j = factors.length - 2; j >= 0; j--) combined = interactFactors(factors[j], combined);
  return combined;
}
