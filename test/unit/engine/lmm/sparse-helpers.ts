import { analyseLaterBlock, type LaterBlock } from '../../../../src-main/engine/lmm/later-block';

/** A seeded generator (LCG) so that every run sees the same matrices. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A symmetric pattern as edge pairs (r > c): a few random cliques ("panels") over n rows plus random extra entries. */
export function randomPattern(n: number, cliques: number, cliqueSize: number, extra: number, seed: number): { panels: number[][]; edges: [number, number][] } {
  const rand = seeded(seed);
  const panels: number[][] = [];
  for (let b = 0; b < cliques; b++) {
    const rows = new Set<number>();
    while (rows.size < cliqueSize) rows.add(Math.floor(rand() * n));
    panels.push([...rows].sort((x, y) => x - y));
  }
  const edges: [number, number][] = [];
  for (let e = 0; e < extra; e++) {
    const r = Math.floor(rand() * n);
    const c = Math.floor(rand() * n);
    if (r !== c) edges.push([Math.max(r, c), Math.min(r, c)]);
  }
  return { panels, edges };
}

/**
 * A dense symmetric positive definite n × n matrix (row-major, both triangles) whose pattern is
 * the panels' cliques and the edges: Σ over panels of v vᵀ for random v on the panel's rows,
 * the edges' entries, and a diagonal that dominates.
 */
export function spdOnPattern(n: number, panels: number[][], edges: [number, number][], seed: number): Float64Array {
  const rand = seeded(seed);
  const A = new Float64Array(n * n);
  for (const rows of panels) {
    const v = rows.map(() => rand() - 0.5);
    rows.forEach((r, i) => rows.forEach((c, j) => (A[r * n + c] += v[i] * v[j])));
  }
  for (const [r, c] of edges) {
    const x = 0.2 * (rand() - 0.5);
    A[r * n + c] += x;
    A[c * n + r] += x;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += Math.abs(A[i * n + j]);
    A[i * n + i] += s + 1;
  }
  return A;
}

/** The later block's analysis for a matrix of scalar level blocks whose off-diagonal pattern is the panels' cliques and A's nonzeros. */
export function analyse(n: number, A: Float64Array, panels: number[][]): LaterBlock {
  const rowPtr = new Int32Array(panels.length + 1);
  panels.forEach((p, b) => (rowPtr[b + 1] = rowPtr[b] + p.length));
  const rowIndex = Int32Array.from(panels.flat());
  const blockStart = Int32Array.from({ length: n }, (_, r) => r);
  const blockSize = new Int32Array(n).fill(1);
  const lower = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c <= r; c++) lower[r * n + c] = A[r * n + c];
  return analyseLaterBlock(n, lower, blockStart, blockSize, rowPtr, rowIndex);
}

/** P A Pᵀ (new order) as lower-triangular row-major entries, for the supernodal storage. */
export function permutedLower(n: number, A: Float64Array, perm: Int32Array): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) out[i * n + j] = A[perm[i] * n + perm[j]];
  return out;
}
