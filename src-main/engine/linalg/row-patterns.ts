/**
 * The sparsity of a model matrix that the row reduction (tsqr.ts) exploits. A factor's
 * indicator columns (and an interaction's columns) have at most one nonzero per row,
 * so the rows that share the same nonzero column in every such run (the same
 * "pattern") have only the dense columns plus one column per run.
 *
 * A run of indicators (its nonzeros all 1) beside an intercept (a column of ones) adds
 * no column at all: in a pattern's rows its nonzero column is the column of ones, so it
 * has the same column of R, copied at the end. A million rows of y ~ x1 + … + x8 + g
 * (28 columns, g with 20 levels) reduce as 20 groups of 9 columns, with y 10: about
 * a tenth of the arithmetic of reducing all 29.
 *
 * The runs are guessed from a sample of rows, but a row's pattern is read from the row
 * itself: a row with two nonzeros in one run, or an indicator run's nonzero not 1, gets
 * the key `keys` ("any pattern") and is reduced with every column, so a wrong guess only
 * costs time.
 */
export interface RowPatterns {
  /** Columns taken whole in every pattern, increasing. */
  dense: Int32Array;
  /** Runs of consecutive columns [start, end) read as "which one is nonzero", by start. */
  runStart: Int32Array;
  runEnd: Int32Array;
  /** A row's key is Σ over runs of (offset of its nonzero column in the run + 1) · stride, 0 for none. */
  stride: Int32Array;
  /** Keys 0 … keys − 1 are patterns; key `keys` is a row reduced with every column. */
  keys: number;
  /** A dense column that is 1 in every row (the intercept), or −1. */
  ones: number;
  /** Per run: 1 when its nonzeros are 1 (seen in the sample, checked in every row) and there is a column of ones. */
  indicator: Uint8Array;
}

/** Upper bound on the number of patterns (each keeps a small triangle and a block of rows). */
export const MAX_KEYS = 4096;
/** Rows looked at to guess the runs, spread evenly over the data. */
const SAMPLE_ROWS = 4096;
/** A run's contribution to a row's key sits below COUNT_SHIFT bits, its count of nonzeros above. */
const COUNT_SHIFT = 13;
const KEY_MASK = (1 << COUNT_SHIFT) - 1;
const CONFLICT = 1 << 29;

/**
 * Runs for the p columns of X, with `extra` more columns (right-hand sides) in every
 * block, and at most `maxWidths` block columns summed over all patterns (the caller's
 * memory for one row of every pattern's block).
 */
export function findRowPatterns(X: Float64Array, n: number, p: number, extra: number, maxWidths: number): RowPatterns {
  const sample = sampleRows(n);
  const runs = exclusiveRuns(X, n, p, sample).filter(([s, e]) => e - s >= 2);
  const ones = findOnes(X, n, p, sample);
  const isIndicator = runs.map(([s, e]) => ones >= 0 && sampledNonzerosAreOne(X, n, s, e, sample));
  // A run saves its width in block columns, less the one its value takes unless it is made of indicators.
  const saving = runs.map(([s, e], r) => e - s - (isIndicator[r] ? 0 : 1));
  const order = runs.map((_, r) => r).sort((a, b) => saving[b] - saving[a] || runs[a][0] - runs[b][0]);
  const taken: number[] = [];
  let keys = 1;
  let width = p + extra;
  for (const r of order) {
    const [s, e] = runs[r];
    const k = keys * (e - s + 1);
    const w = width - saving[r];
    if (saving[r] <= 0 || k > Math.min(MAX_KEYS, KEY_MASK + 1) || k * w > maxWidths) continue;
    keys = k;
    width = w;
    taken.push(r);
  }
  taken.sort((a, b) => runs[a][0] - runs[b][0]);
  const inRun = new Uint8Array(p);
  for (const r of taken) inRun.fill(1, runs[r][0], runs[r][1]);
  const dense: number[] = [];
  for (let j = 0; j < p; j++) if (!inRun[j]) dense.push(j);
  const stride = new Int32Array(taken.length);
  let step = 1;
  taken.forEach((r, t) => {
    stride[t] = step;
    step *= runs[r][1] - runs[r][0] + 1;
  });
  return {
    dense: Int32Array.from(dense),
    runStart: Int32Array.from(taken, (r) => runs[r][0]),
    runEnd: Int32Array.from(taken, (r) => runs[r][1]),
    stride,
    keys,
    ones,
    indicator: Uint8Array.from(taken, (r) => +isIndicator[r]),
  };
}

/** The first column that is 1 in every row (looked at in the sample first, so other columns cost little). */
function findOnes(X: Float64Array, n: number, p: number, sample: Int32Array): number {
  for (let j = 0; j < p; j++) {
    if (sample.some((i) => X[j * n + i] !== 1)) continue;
    let all = true;
    for (let i = j * n; i < (j + 1) * n && all; i++) all = X[i] === 1;
    if (all) return j;
  }
  return -1;
}

function sampledNonzerosAreOne(X: Float64Array, n: number, start: number, end: number, sample: Int32Array): boolean {
  for (let j = start; j < end; j++) {
    for (const i of sample) if (X[j * n + i] !== 0 && X[j * n + i] !== 1) return false;
  }
  return true;
}

function sampleRows(n: number): Int32Array {
  const s = Math.min(n, SAMPLE_ROWS);
  return Int32Array.from({ length: s }, (_, k) => Math.floor((k * n) / s));
}

/**
 * Maximal runs of consecutive columns that have a zero somewhere in the sample and at
 * most one nonzero per sampled row. Numeric columns (no zeros) end a run.
 */
function exclusiveRuns(X: Float64Array, n: number, p: number, sample: Int32Array): [number, number][] {
  const taken = new Uint8Array(sample.length);
  const runs: [number, number][] = [];
  let start = -1;
  for (let j = 0; j < p; j++) {
    const col = j * n;
    let zeros = 0;
    let clash = false;
    for (let k = 0; k < sample.length; k++) {
      const nonzero = X[col + sample[k]] !== 0;
      if (!nonzero) zeros++;
      else if (taken[k]) clash = true;
    }
    const candidate = zeros > 0;
    if (start >= 0 && (!candidate || clash)) {
      runs.push([start, j]);
      start = -1;
    }
    if (!candidate) continue;
    if (start < 0) {
      start = j;
      taken.fill(0);
    }
    for (let k = 0; k < sample.length; k++) if (X[col + sample[k]] !== 0) taken[k] = 1;
  }
  if (start >= 0) runs.push([start, p]);
  return runs;
}

/**
 * Keys of rows [i0, i0 + m) into keys[0 … m), and each value run's nonzero value into
 * values[r·ld + i] (0 when the run has none). `count` is scratch of at least m entries.
 * Each nonzero adds its column's key part plus one count above the key bits, so a run
 * with two nonzeros in a row shows as a count above one; in an indicator run a nonzero
 * other than 1 adds two counts more, which shows the same way. A value run's value is
 * the sum of its columns, exact because at most one term is not zero.
 */
export function rowKeys(
  X: Float64Array,
  n: number,
  i0: number,
  m: number,
  patterns: RowPatterns,
  keys: Int32Array,
  values: Float64Array,
  ld: number,
  count: Int32Array,
): void {
  keys.fill(0, 0, m);
  const { runStart, runEnd, stride } = patterns;
  for (let r = 0; r < runStart.length; r++) {
    count.fill(0, 0, m);
    if (patterns.indicator[r]) indicatorCounts(X, n, i0, m, runStart[r], runEnd[r], stride[r], count);
    else valueCounts(X, n, i0, m, runStart[r], runEnd[r], stride[r], count, values, r * ld);
    for (let i = 0; i < m; i++) {
      const t = count[i];
      keys[i] = (keys[i] + (t & KEY_MASK)) | (t >>> COUNT_SHIFT > 1 ? CONFLICT : 0);
    }
  }
  if (runStart.length === 0) return;
  for (let i = 0; i < m; i++) if (keys[i] & CONFLICT) keys[i] = patterns.keys;
}

const ONE_COUNT = 1 << COUNT_SHIFT;
/** Added for a nonzero that is not 1 in an indicator run: two more counts. */
const NOT_ONE = 2 << COUNT_SHIFT;

/** Four columns per pass over the rows: a row's count is loaded and stored once for four columns. */
function indicatorCounts(X: Float64Array, n: number, i0: number, m: number, start: number, end: number, stride: number, count: Int32Array): void {
  let j = start;
  let add = stride + ONE_COUNT;
  for (; j + 3 < end; j += 4, add += 4 * stride) {
    const c0 = j * n + i0;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const a1 = add + stride;
    const a2 = a1 + stride;
    const a3 = a2 + stride;
    for (let i = 0; i < m; i++) {
      const x0 = X[c0 + i];
      const x1 = X[c1 + i];
      const x2 = X[c2 + i];
      const x3 = X[c3 + i];
      count[i] +=
        (x0 === 0 ? 0 : x0 === 1 ? add : add + NOT_ONE) +
        (x1 === 0 ? 0 : x1 === 1 ? a1 : a1 + NOT_ONE) +
        (x2 === 0 ? 0 : x2 === 1 ? a2 : a2 + NOT_ONE) +
        (x3 === 0 ? 0 : x3 === 1 ? a3 : a3 + NOT_ONE);
    }
  }
  for (; j < end; j++, add += stride) {
    const col = j * n + i0;
    for (let i = 0; i < m; i++) {
      const x = X[col + i];
      count[i] += x === 0 ? 0 : x === 1 ? add : add + NOT_ONE;
    }
  }
}

function valueCounts(
  X: Float64Array,
  n: number,
  i0: number,
  m: number,
  start: number,
  end: number,
  stride: number,
  count: Int32Array,
  values: Float64Array,
  v: number,
): void {
  values.fill(0, v, v + m);
  let j = start;
  let add = stride + ONE_COUNT;
  for (; j + 3 < end; j += 4, add += 4 * stride) {
    const c0 = j * n + i0;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const a1 = add + stride;
    const a2 = a1 + stride;
    const a3 = a2 + stride;
    for (let i = 0; i < m; i++) {
      const x0 = X[c0 + i];
      const x1 = X[c1 + i];
      const x2 = X[c2 + i];
      const x3 = X[c3 + i];
      count[i] += (x0 !== 0 ? add : 0) + (x1 !== 0 ? a1 : 0) + (x2 !== 0 ? a2 : 0) + (x3 !== 0 ? a3 : 0);
      values[v + i] += x0 + x1 + x2 + x3;
    }
  }
  for (; j < end; j++, add += stride) {
    const col = j * n + i0;
    for (let i = 0; i < m; i++) {
      const x = X[col + i];
      count[i] += x !== 0 ? add : 0;
      values[v + i] += x;
    }
  }
}

/** Offset (1-based; 0 for none) of the nonzero column of run r in rows with this key. */
export function runOffset(patterns: RowPatterns, key: number, r: number): number {
  return Math.floor(key / patterns.stride[r]) % (patterns.runEnd[r] - patterns.runStart[r] + 1);
}

/**
 * The columns a pattern's rows can have nonzero: `block`, the dense ones then the nonzero
 * one of each value run present, are reduced; `ones`, the nonzero columns of its indicator
 * runs, equal the column of ones in these rows and get its column of R.
 */
export function patternColumns(patterns: RowPatterns, key: number): { block: Int32Array; ones: Int32Array } {
  const block = Array.from(patterns.dense);
  const ones: number[] = [];
  for (let r = 0; r < patterns.runStart.length; r++) {
    const offset = runOffset(patterns, key, r);
    if (offset > 0) (patterns.indicator[r] ? ones : block).push(patterns.runStart[r] + offset - 1);
  }
  return { block: Int32Array.from(block), ones: Int32Array.from(ones) };
}
