import type { FillOrder } from './ordering';

/**
 * The Cholesky factor of the later terms' block in its fill-reducing order, by
 * supernodes: runs of adjacent columns c0..c1−1 that share their rows below the
 * run (`rows[rowPtr[s]..rowPtr[s + 1])`, increasing). The factor is held in a dense
 * row-major matrix of n columns (n rows, then the right-hand sides that
 * factorSupernodal solves along the way) of which only the supernodes' panels
 * (their own triangle and their rows below, in their columns) are ever written or
 * read among the first n rows, so every other entry there stays exactly 0.
 *
 * The numeric factorisation (supernodal-factor.ts) is right-looking by supernode: factor the diagonal
 * block and the rows below (Crout, inner loops over the supernode's contiguous
 * columns), then subtract the supernode's outer product from the pairs of its
 * rows below. A supernode's panel has received every update it needs by the time
 * it is reached, because any k < c0 with L[i,k]·L[j,k] ≠ 0 belongs to a supernode
 * with both i and j among its rows. The trailing dense part (ordering.ts's dense
 * block) is one supernode factored at dense speed.
 */
export interface Supernodes {
  n: number;
  count: number;
  /** Supernode s has columns start[s]..start[s + 1] − 1. */
  start: Int32Array;
  rowPtr: Int32Array;
  rows: Int32Array;
}

/**
 * CHOLMOD's default relaxed amalgamation, less its last rule: merge a child into its adjacent
 * parent while the merged supernode is ≤ 4 columns, or ≤ 16 with < 80 % zeros, or ≤ 48 with
 * < 10 %. (CHOLMOD also merges any with < 5 % zeros, which on InstEval grows the dense trailing
 * block from 545 to 632 columns for no gain in time.)
 */
const RELAX: readonly [number, number][] = [
  [4, 1],
  [16, 0.8],
  [48, 0.1],
  // [Infinity, 0.05],
];

export function supernodes(order: FillOrder): Supernodes {
  const { n, ptr, idx, denseFrom } = order;
  const count = (j: number) => (j >= denseFrom ? n - 1 - j : ptr[j + 1] - ptr[j]);
  const parent = (j: number) => (j >= denseFrom ? j + 1 : ptr[j + 1] > ptr[j] ? idx[ptr[j]] : -1);
  // Fundamental supernodes: j + 1 continues j's run when it is j's parent and j's rows are {j + 1} ∪ its rows.
  const starts: number[] = [];
  for (let j = 0; j < n; j++) if (j === 0 || !(parent(j - 1) === j && count(j - 1) === count(j) + 1)) starts.push(j);
  starts.push(n);
  // Relaxed amalgamation, right to left: a run merges into the next one when that one holds its parent.
  const S = starts.length - 1;
  const first = Int32Array.from(starts.slice(0, S));
  const last = Int32Array.from(starts.slice(1), (e) => e - 1);
  const exact = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    const w = last[s] - first[s] + 1;
    exact[s] = (w * (w + 1)) / 2 + w * count(last[s]);
  }
  const alive = new Uint8Array(S).fill(1);
  let next = S - 1;
  for (let s = S - 2; s >= 0; s--) {
    const p = next;
    if (parent(last[s]) >= first[p] && parent(last[s]) <= last[p]) {
      const w = last[p] - first[s] + 1;
      const below = count(last[p]);
      const total = (w * (w + 1)) / 2 + w * below;
      const zeros = total - exact[s] - exact[p];
      if (RELAX.some(([cols, frac]) => w <= cols && zeros < frac * total)) {
        first[p] = first[s];
        exact[p] += exact[s];
        alive[s] = 0;
        continue;
      }
    }
    next = s;
  }
  const start: number[] = [];
  const rowPtr: number[] = [0];
  const rows: number[] = [];
  for (let s = 0; s < S; s++) {
    if (!alive[s]) continue;
    start.push(first[s]);
    const j = last[s];
    if (j >= denseFrom) for (let i = j + 1; i < n; i++) rows.push(i);
    else for (let k = ptr[j]; k < ptr[j + 1]; k++) rows.push(idx[k]);
    rowPtr.push(rows.length);
  }
  start.push(n);
  return { n, count: start.length - 1, start: Int32Array.from(start), rowPtr: Int32Array.from(rowPtr), rows: Int32Array.from(rows) };
}

/** Multiply-adds of one numeric factorisation. */
export function supernodalWork(sn: Supernodes): number {
  let work = 0;
  for (let s = 0; s < sn.count; s++) {
    const w = sn.start[s + 1] - sn.start[s];
    const r = sn.rowPtr[s + 1] - sn.rowPtr[s];
    work += (w * w * w) / 6 + (r * w * w) / 2 + (r * r * w) / 2;
  }
  return work;
}

/** Sets every panel to 0 (the only entries the factorisation writes). Plain loops: most rows are a few entries, where fill() costs more in calls than in stores. */
export function zeroPanels(a: Float64Array, sn: Supernodes): void {
  const { n, start, rowPtr, rows } = sn;
  for (let s = 0; s < sn.count; s++) {
    const c0 = start[s];
    const c1 = start[s + 1];
    for (let i = c0; i < c1; i++) for (let k = i * n + c0, end = i * n + i; k <= end; k++) a[k] = 0;
    for (let t = rowPtr[s]; t < rowPtr[s + 1]; t++) for (let k = rows[t] * n + c0, end = rows[t] * n + c1; k < end; k++) a[k] = 0;
  }
}

/** Solves Lᵀ x = b in place (x at `off`). */
export function backSolveSupernodal(a: Float64Array, sn: Supernodes, x: Float64Array, off: number): void {
  const { n, start, rowPtr, rows } = sn;
  for (let s = sn.count - 1; s >= 0; s--) {
    const c0 = start[s];
    const c1 = start[s + 1];
    for (let t = rowPtr[s]; t < rowPtr[s + 1]; t++) {
      const ri = rows[t] * n;
      const xi = x[off + rows[t]];
      if (xi === 0) continue;
      for (let k = c0; k < c1; k++) x[off + k] -= a[ri + k] * xi;
    }
    for (let j = c1 - 1; j >= c0; j--) {
      const rj = j * n;
      const xj = (x[off + j] /= a[rj + j]);
      for (let k = c0; k < j; k++) x[off + k] -= a[rj + k] * xj;
    }
  }
}
