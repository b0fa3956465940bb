import { applyQ, qrDecompose, QR_TOLERANCE, type QrDecomposition } from './qr';
import { reduceRows } from './tsqr';

/**
 * R's pivoted QR (dqrdc2, tol 1e-7) of an n × p matrix, for any n. Up to `directRows`
 * rows it is dqrdc2 on the rows themselves, exactly what lm.fit does. Beyond, the rows
 * are first reduced without pivoting to a (p + k) × (p + k) factor T of [X | rhs], T = Q'[X | rhs]
 * (tsqr.ts: one pass, cache-sized blocks, sparsity exploited), and dqrdc2 with R's
 * criterion runs on T's first p columns, with its Q' applied to T's last k columns.
 *
 * Why the pivoting and rank come out as R's: dqrdc2 moves column j to the end when the
 * norm of its part not explained by the columns already taken falls below tol times
 * its original norm (with the norms downdated, or recomputed when the downdate has lost
 * its digits). Both norms are those of projections: ‖x_j‖ and ‖(I − P_S) x_j‖ for the
 * set S of columns taken so far. X = QT with Q orthonormal columns, so T's columns have
 * the same inner products as X's, and both norms are the same for T as for X. Column
 * by column, dqrdc2 on T therefore faces the same comparisons as on X, and makes the
 * same choices unless a ratio lies within rounding error of 1e-7 (the rounding of both
 * computations is a few units of 1e-16 relative). The same holds for the right-hand
 * sides: X'y and y'y are kept, so Q'y beyond the rank has the norm of R's residuals.
 */
export interface TallQrOptions {
  tol?: number;
  /** √weight per row (weighted least squares as lm.wfit); rows where it is 0 are left out. */
  rowScale?: Float64Array | null;
  /** Up to this many rows used, dqrdc2 runs on the rows directly (default 4,096). */
  directRows?: number;
  /** Rows per block of the reduction (tests use small blocks to exercise it on small data). */
  blockRows?: number;
  /** A reduction already made of these very arrays (by identity), used instead of reading the rows again. */
  reuse?: RowReduction | null;
}

/**
 * The reduced rows of a matrix and right-hand sides, kept so that a later QR of the same
 * arrays (or of some of the matrix's columns) need not read the rows again: the aliasing
 * check of the model matrix reduces [X | y] and lm's fit reuses it. It applies only to
 * the very arrays it names (compared by identity), unweighted.
 */
export interface RowReduction {
  /** The matrix a QR may reuse this for: the one reduced, or a copy of some of its columns. */
  X: Float64Array;
  rhs: readonly Float64Array[];
  /** c × c reduced [A | rhs] (T = Q'[A | rhs], T'T = [A | rhs]'[A | rhs]), A the matrix reduced; column-major. */
  T: Float64Array;
  c: number;
  /** T's column for each column of X. */
  columns: Int32Array;
  rows: number;
}

export interface TallQr {
  /** dqrdc2 of the rows used (direct), or of T's columns of X (reduced; qr.n = max(c, p + 1), c the size of the reduced matrix). */
  qr: QrDecomposition;
  /** Q' applied to each right-hand side (scaled like the rows), length qr.n. */
  qty: Float64Array[];
  /** Whether qr is of the reduced matrix; then Q does not map back to the rows. */
  reduced: boolean;
  /** Rows used (those with a nonzero scale). */
  rows: number;
  /** The reduction behind a reduced QR, for reuse; null for a direct one or a weighted one. */
  reduction: RowReduction | null;
}

/** Up to this many rows, dqrdc2 runs on the rows: exactly R's computation, and quick at that size. */
export const DIRECT_ROWS = 4096;

export function tallQr(X: Float64Array, n: number, p: number, rhs: readonly Float64Array[], options: TallQrOptions = {}): TallQr {
  const tol = options.tol ?? QR_TOLERANCE;
  const scale = options.rowScale ?? null;
  const used = scale ? usedRows(scale) : null;
  const m = used ? used.length : n;
  const k = rhs.length;
  const reuse = options.reuse;
  if (reuse && !scale && reuse.X === X && reuse.columns.length === p && sameArrays(reuse.rhs, rhs)) {
    return { ...qrOfReduced(reuse.T, reuse.c, reuse.columns, k, tol), reduced: true, rows: reuse.rows, reduction: reuse };
  }
  if (m <= Math.max(options.directRows ?? DIRECT_ROWS, p + k)) {
    const x = used && scale ? scaledRows(X, n, p, used, scale) : X;
    const qr = qrDecompose(x, m, p, tol);
    const qty = rhs.map((y) => {
      const v = used && scale ? Float64Array.from(used, (i) => y[i] * scale[i]) : Float64Array.from(y);
      applyQ(qr, v, true);
      return v;
    });
    return { qr, qty, reduced: false, rows: m, reduction: null };
  }
  const c = p + k;
  const T = reduceRows(X, n, p, rhs, { rowScale: scale, blockRows: options.blockRows });
  const columns = Int32Array.from({ length: p }, (_, j) => j);
  const reduction = scale ? null : { X, rhs, T, c, columns, rows: m };
  return { ...qrOfReduced(T, c, columns, k, tol), reduced: true, rows: m, reduction };
}

/** dqrdc2 of the chosen columns of T (c × c), and Q' applied to T's last k columns (the right-hand sides). */
function qrOfReduced(T: Float64Array, c: number, columns: Int32Array, k: number, tol: number): { qr: QrDecomposition; qty: Float64Array[] } {
  const p = columns.length;
  // At least p + 1 rows, as for any n > p: dqrdc2 then never meets its "last row" case.
  const rows = Math.max(c, p + 1);
  const x = new Float64Array(rows * p);
  columns.forEach((from, j) => x.set(T.subarray(from * c, (from + 1) * c), j * rows));
  const qr = qrDecompose(x, rows, p, tol);
  const qty = Array.from({ length: k }, (_, r) => {
    const v = new Float64Array(rows);
    v.set(T.subarray((c - k + r) * c, (c - k + r + 1) * c));
    applyQ(qr, v, true);
    return v;
  });
  return { qr, qty };
}

function sameArrays(a: readonly Float64Array[], b: readonly Float64Array[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function usedRows(scale: Float64Array): Int32Array {
  let m = 0;
  for (let i = 0; i < scale.length; i++) if (scale[i] !== 0) m++;
  const rows = new Int32Array(m);
  for (let i = 0, k = 0; i < scale.length; i++) if (scale[i] !== 0) rows[k++] = i;
  return rows;
}

function scaledRows(X: Float64Array, n: number, p: number, rows: Int32Array, scale: Float64Array): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < m; k++) out[j * m + k] = X[j * n + rows[k]] * scale[rows[k]];
  }
  return out;
}
