import { combineParts, type RowPart } from './combine-parts';
import { absorbRows } from './householder-block';
import { findRowPatterns, patternColumns, rowKeys, runOffset, type RowPatterns } from './row-patterns';

/**
 * Tall-skinny QR: a c × c factor T of the n × c matrix A = [X | rhs] (no pivoting),
 * from one pass over the rows. Rows are collected in blocks that fit in cache and
 * folded into a running triangle (householder-block.ts), so the cost is about 2nc²
 * flops with the data read once. Rows that share a sparsity pattern (row-patterns.ts)
 * are folded into the pattern's own, narrower triangle, and the patterns' triangles are
 * combined at the end (combine-parts.ts), which leaves T upper triangular up to an
 * order of its columns.
 *
 * T is the R of some QR decomposition A = QT: every step is an orthogonal
 * transformation of rows, so T'T = A'A and, for any set of columns, the part of another
 * column that they do not explain has the same norm in T as in A (up to rounding). That
 * is what lets tall-qr.ts take R's pivoting decisions on T instead of A.
 */
export interface ReduceOptions {
  /** Multiplies each row (√weight for weighted least squares); rows where it is 0 are left out. */
  rowScale?: Float64Array | null;
  /** Rows per block (default: a block of about 256 KB, at most 2,048 rows). */
  blockRows?: number;
}

/** A block of about 256 KB stays in the L2 cache while the reflections pass over it again and again. */
const BLOCK_VALUES = 32768;
const MAX_BLOCK_ROWS = 2048;
const MIN_BLOCK_ROWS = 32;
/** All patterns' blocks together take at most this many values (8 MB): they stay in the L3 cache. */
const BLOCKS_BUDGET = 1 << 20;

/** A pattern's running triangle; its rows wait in the shared block store. */
interface Slot {
  /** Columns of X, in block order: the dense ones, then one per value run present; the right-hand sides follow. */
  cols: Int32Array;
  /** Columns of X equal to the column of ones in this pattern's rows (indicator runs). */
  ones: Int32Array;
  c: number;
  T: Float64Array;
  fill: number;
}

/** T (c × c, column-major, c = p + rhs.length) with T'T = A'A for A = [X | rhs], T = Q'A. */
export function reduceRows(X: Float64Array, n: number, p: number, rhs: readonly Float64Array[], options: ReduceOptions = {}): Float64Array {
  // Each pattern's block has at least MIN_BLOCK_ROWS rows: few and narrow enough patterns that their blocks fit the budget.
  const patterns = findRowPatterns(X, n, p, rhs.length, Math.floor(BLOCKS_BUDGET / MIN_BLOCK_ROWS));
  return new Reducer(X, n, p, rhs, options.rowScale ?? null, patterns, options.blockRows).run();
}

/**
 * Each chunk of rows is read column by column, front to back, and each value written
 * to its row's place in its pattern's block (a scatter: writes jump between a few
 * blocks that stay in cache, reads stream). Rows with two nonzeros in one run
 * ("any pattern") are rare and go to a block of every column.
 */
class Reducer {
  private readonly c: number;
  private readonly k: number;
  private readonly runs: number;
  /** Block columns of the widest pattern: the room each pattern's block has in the store. */
  private readonly width: number;
  /** Rows of each block, and rows read per chunk (a chunk's rows always fit a block). */
  private readonly ld: number;
  private readonly slots: Slot[] = [];
  private readonly slotOfKey: Int32Array;
  private store: Float64Array;
  private readonly keys: Int32Array;
  private readonly values: Float64Array;
  private readonly count: Int32Array;
  /** Per row of the chunk: where its values go in the store (column 0 of its slot's block), −1 if elsewhere. */
  private readonly rowAt: Int32Array;
  private readonly rowSlot: Int32Array;
  /** Slots with rows in the current chunk, and how many rows each (indexed by slot). */
  private readonly touched: Int32Array;
  private readonly pending: Int32Array;
  /** runColumn[s·runs + r]: block column of run r's value in slot s, −1 when the pattern has no nonzero there. */
  private runColumn = new Int32Array(0);
  /** rhsColumn[s]: block column of the first right-hand side in slot s (they come last, so X's part of T never depends on them). */
  private rhsColumn = new Int32Array(0);
  private readonly rowScale: Float64Array;
  /** Rows of every column: the rows no pattern can take. */
  private readonly any: { T: Float64Array; block: Float64Array; ld: number; fill: number; seen: boolean };

  constructor(
    private readonly X: Float64Array,
    private readonly n: number,
    private readonly p: number,
    private readonly rhs: readonly Float64Array[],
    private readonly scale: Float64Array | null,
    private readonly patterns: RowPatterns,
    blockRows: number | undefined,
  ) {
    this.k = rhs.length;
    this.c = p + this.k;
    this.runs = patterns.runStart.length;
    this.width = patterns.dense.length + this.k + patterns.indicator.filter((isOnes) => !isOnes).length;
    const byCache = Math.floor(BLOCK_VALUES / this.width);
    const byBudget = Math.floor(BLOCKS_BUDGET / ((patterns.keys + 1) * this.width));
    this.ld = Math.max(1, blockRows ?? Math.max(MIN_BLOCK_ROWS, Math.min(MAX_BLOCK_ROWS, byCache, byBudget)));
    this.slotOfKey = new Int32Array(patterns.keys + 1).fill(-1);
    this.store = new Float64Array(this.ld * this.width * 4);
    this.keys = new Int32Array(this.ld);
    this.values = new Float64Array(this.ld * this.runs);
    this.count = new Int32Array(this.ld);
    this.rowAt = new Int32Array(this.ld);
    this.rowSlot = new Int32Array(this.ld);
    this.touched = new Int32Array(this.ld);
    this.pending = new Int32Array(patterns.keys);
    this.rowScale = new Float64Array(this.ld);
    const anyLd = Math.max(1, blockRows ?? Math.max(MIN_BLOCK_ROWS, Math.min(MAX_BLOCK_ROWS, Math.floor(BLOCK_VALUES / this.c))));
    this.any = { T: new Float64Array(this.c * this.c), block: new Float64Array(anyLd * this.c), ld: anyLd, fill: 0, seen: false };
  }

  run(): Float64Array {
    const { n, ld } = this;
    for (let i0 = 0; i0 < n; i0 += ld) this.chunk(i0, Math.min(ld, n - i0));
    return this.finish();
  }

  private chunk(i0: number, m: number): void {
    const { X, n, patterns, keys, values, count, rowAt, rowSlot, ld, width, scale, rowScale } = this;
    rowKeys(X, n, i0, m, patterns, keys, values, ld, count);
    if (scale) for (let i = 0; i < m; i++) rowScale[i] = scale[i0 + i];
    const anyKey = patterns.keys;
    // Make room first: a slot whose block cannot take this chunk's rows is folded in now.
    const touched = this.countRows(m);
    for (let t = 0; t < touched; t++) {
      const s = this.touched[t];
      if (this.slots[s].fill + this.pending[s] > ld) this.flush(s);
      this.pending[s] = 0;
    }
    for (let i = 0; i < m; i++) {
      const key = keys[i];
      if (key < 0 || key === anyKey) {
        rowAt[i] = -1;
        if (key === anyKey) this.appendAny(i0 + i, scale ? rowScale[i] : 1);
        continue;
      }
      const s = this.slotOfKey[key];
      rowSlot[i] = s;
      rowAt[i] = s * ld * width + this.slots[s].fill++;
    }
    const dense = patterns.dense;
    if (!scale && touched === 1 && rowAt[0] >= 0 && rowAt[m - 1] - rowAt[0] === m - 1 && this.slots[rowSlot[0]].cols.length === dense.length) {
      // Every row of the chunk in one block, in order, with the dense columns only: plain copies.
      this.copyRows(i0, m, rowAt[0]);
      return;
    }
    let q = 0;
    for (; q + 1 < dense.length; q += 2) this.scatterPair(dense[q] * n + i0, dense[q + 1] * n + i0, q * ld, m);
    if (q < dense.length) this.scatter(X, dense[q] * n + i0, q * ld, m);
    // An indicator run's value is the column of ones, already there.
    for (let r = 0; r < this.runs; r++) if (!patterns.indicator[r]) this.scatterRun(r, m);
    for (let r = 0; r < this.k; r++) this.scatterRhs(r, i0, m);
  }

  private copyRows(i0: number, m: number, at: number): void {
    const { X, n, store, ld, rhs } = this;
    const dense = this.patterns.dense;
    for (let q = 0; q < dense.length; q++) store.set(X.subarray(dense[q] * n + i0, dense[q] * n + i0 + m), at + q * ld);
    for (let r = 0; r < rhs.length; r++) store.set(rhs[r].subarray(i0, i0 + m), at + (dense.length + r) * ld);
  }

  /**
   * Keys to slots (new patterns get one), rows left out marked −1. The slots with rows in
   * this chunk go to touched[0 … returned count), their numbers of rows to pending[slot].
   */
  private countRows(m: number): number {
    const { keys, scale, rowScale } = this;
    const anyKey = this.patterns.keys;
    let touched = 0;
    for (let i = 0; i < m; i++) {
      if (scale && rowScale[i] === 0) {
        keys[i] = -1;
        continue;
      }
      if (keys[i] === anyKey) continue;
      let s = this.slotOfKey[keys[i]];
      if (s < 0) s = this.addSlot(keys[i]);
      if (this.pending[s]++ === 0) this.touched[touched++] = s;
    }
    return touched;
  }

  private scatter(source: Float64Array, from: number, offset: number, m: number): void {
    const { store, rowAt, scale, rowScale } = this;
    if (scale) {
      for (let i = 0; i < m; i++) if (rowAt[i] >= 0) store[rowAt[i] + offset] = source[from + i] * rowScale[i];
    } else {
      for (let i = 0; i < m; i++) if (rowAt[i] >= 0) store[rowAt[i] + offset] = source[from + i];
    }
  }

  /** Two columns of X per pass: each row's place is looked up once for both. */
  private scatterPair(from0: number, from1: number, offset: number, m: number): void {
    const { X, store, rowAt, scale, rowScale, ld } = this;
    const offset1 = offset + ld;
    if (scale) {
      for (let i = 0; i < m; i++) {
        const at = rowAt[i];
        if (at < 0) continue;
        store[at + offset] = X[from0 + i] * rowScale[i];
        store[at + offset1] = X[from1 + i] * rowScale[i];
      }
    } else {
      for (let i = 0; i < m; i++) {
        const at = rowAt[i];
        if (at < 0) continue;
        store[at + offset] = X[from0 + i];
        store[at + offset1] = X[from1 + i];
      }
    }
  }

  private scatterRhs(r: number, i0: number, m: number): void {
    const { store, rowAt, rowSlot, rhsColumn, scale, rowScale, ld } = this;
    const source = this.rhs[r];
    for (let i = 0; i < m; i++) {
      if (rowAt[i] < 0) continue;
      const at = rowAt[i] + (rhsColumn[rowSlot[i]] + r) * ld;
      store[at] = scale ? source[i0 + i] * rowScale[i] : source[i0 + i];
    }
  }

  /** Each row's value in run r goes to its slot's column for that run, if the pattern has one. */
  private scatterRun(r: number, m: number): void {
    const { store, rowAt, rowSlot, values, scale, rowScale, ld, runColumn, runs } = this;
    const v = r * ld;
    for (let i = 0; i < m; i++) {
      if (rowAt[i] < 0) continue;
      const q = runColumn[rowSlot[i] * runs + r];
      if (q >= 0) store[rowAt[i] + q * ld] = scale ? values[v + i] * rowScale[i] : values[v + i];
    }
  }

  private addSlot(key: number): number {
    const { patterns, k, ld, width } = this;
    const { block: cols, ones } = patternColumns(patterns, key);
    const s = this.slots.length;
    const c = cols.length + k;
    this.slots.push({ cols, ones, c, T: new Float64Array(c * c), fill: 0 });
    this.slotOfKey[key] = s;
    const runColumn = new Int32Array((s + 1) * this.runs);
    runColumn.set(this.runColumn);
    let q = patterns.dense.length;
    for (let r = 0; r < this.runs; r++) {
      runColumn[s * this.runs + r] = runOffset(patterns, key, r) > 0 && !patterns.indicator[r] ? q++ : -1;
    }
    this.runColumn = runColumn;
    const rhsColumn = new Int32Array(s + 1);
    rhsColumn.set(this.rhsColumn);
    rhsColumn[s] = q;
    this.rhsColumn = rhsColumn;
    const needed = this.slots.length * ld * width;
    if (needed > this.store.length) {
      const grown = new Float64Array(Math.max(needed, this.store.length * 2));
      grown.set(this.store);
      this.store = grown;
    }
    return s;
  }

  private flush(s: number): void {
    const slot = this.slots[s];
    const base = s * this.ld * this.width;
    absorbRows(slot.T, slot.c, this.store.subarray(base, base + this.ld * slot.c), this.ld, slot.fill);
    slot.fill = 0;
  }

  private appendAny(row: number, scale: number): void {
    const { X, n, p, rhs, any } = this;
    const t = any.fill;
    any.seen = true;
    for (let j = 0; j < p; j++) any.block[j * any.ld + t] = X[j * n + row] * scale;
    for (let r = 0; r < rhs.length; r++) any.block[(p + r) * any.ld + t] = rhs[r][row] * scale;
    if (++any.fill === any.ld) this.flushAny();
  }

  private flushAny(): void {
    const { any } = this;
    absorbRows(any.T, this.c, any.block, any.ld, any.fill);
    any.fill = 0;
  }

  /** Every pattern's triangle, its columns put back in place (the indicator columns as copies of the ones), combined. */
  private finish(): Float64Array {
    this.flushAny();
    const { p, c, any } = this;
    const parts: RowPart[] = [];
    if (any.seen) parts.push({ R: any.T, rows: c, columns: Int32Array.from({ length: c }, (_, j) => j) });
    for (let s = 0; s < this.slots.length; s++) {
      this.flush(s);
      const { T, c: cs, cols, ones } = this.slots[s];
      const onesAt = cols.indexOf(this.patterns.ones);
      const R = new Float64Array(cs * (cs + ones.length));
      R.set(T);
      ones.forEach((_, t) => R.copyWithin((cs + t) * cs, onesAt * cs, (onesAt + 1) * cs));
      const columns = Int32Array.from({ length: cs + ones.length }, (_, q) =>
        q < cols.length ? cols[q] : q < cs ? p + q - cols.length : ones[q - cs],
      );
      parts.push({ R, rows: cs, columns });
    }
    return combineParts(parts, c);
  }
}
