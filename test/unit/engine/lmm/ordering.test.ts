import { describe, expect, it } from 'vitest';
import { minimumDegreeOrder, type FillOrder } from '../../../../src-main/engine/lmm/ordering';
import { randomPattern } from './sparse-helpers';

function adjacency(n: number, pairs: [number, number][]): { words: number; adj: Uint32Array } {
  const words = (n + 31) >> 5;
  const adj = new Uint32Array(n * words);
  for (const [r, c] of pairs) {
    if (r === c) continue;
    adj[r * words + (c >> 5)] |= 1 << (c & 31);
    adj[c * words + (r >> 5)] |= 1 << (r & 31);
  }
  return { words, adj };
}

/** The factor's column structures for the order, by eliminating a boolean matrix (the definition). */
function symbolic(n: number, pairs: [number, number][], iperm: Int32Array): number[][] {
  const M = Array.from({ length: n }, () => new Uint8Array(n));
  for (const [r, c] of pairs) {
    const a = iperm[r];
    const b = iperm[c];
    M[Math.max(a, b)][Math.min(a, b)] = 1;
  }
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const s: number[] = [];
    for (let i = j + 1; i < n; i++) if (M[i][j]) s.push(i);
    for (const x of s) for (const y of s) if (x > y) M[x][y] = 1;
    cols.push(s);
  }
  return cols;
}

function structureOf(order: FillOrder, j: number): number[] {
  if (j >= order.denseFrom) return Array.from({ length: order.n - 1 - j }, (_, k) => j + 1 + k);
  return Array.from(order.idx.subarray(order.ptr[j], order.ptr[j + 1]));
}

function pairsOf(panels: number[][], edges: [number, number][]): [number, number][] {
  const out: [number, number][] = [...edges];
  for (const p of panels) for (const r of p) for (const c of p) if (r > c) out.push([r, c]);
  return out;
}

describe('minimumDegreeOrder (fill-reducing order of the later block)', () => {
  it('gives a permutation, and column structures equal to eliminating in that order', () => {
    const n = 90;
    const { panels, edges } = randomPattern(n, 40, 5, 30, 11);
    const pairs = pairsOf(panels, edges);
    const { words, adj } = adjacency(n, pairs);
    const order = minimumDegreeOrder(n, words, adj);
    expect([...order.perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let t = 0; t < n; t++) expect(order.iperm[order.perm[t]]).toBe(t);
    const exact = symbolic(n, pairs, order.iperm);
    for (let j = 0; j < n; j++) expect(structureOf(order, j)).toEqual(exact[j]);
    // Fill-reducing: far below the dense n(n − 1)/2.
    const nnz = exact.reduce((s, c) => s + c.length, 0);
    expect(nnz).toBeLessThan((n * (n - 1)) / 2 / 3);
  });

  it('is a postorder of the elimination tree: each column before the dense block heads a run of columns that is its subtree', () => {
    const n = 120;
    const { panels, edges } = randomPattern(n, 60, 4, 40, 5);
    const pairs = pairsOf(panels, edges);
    const { words, adj } = adjacency(n, pairs);
    const order = minimumDegreeOrder(n, words, adj);
    const parent = Array.from({ length: n }, (_, j) => structureOf(order, j)[0] ?? -1);
    const first = Array.from({ length: n }, (_, j) => j);
    for (let j = 0; j < n; j++) if (parent[j] >= 0) first[parent[j]] = Math.min(first[parent[j]], first[j]);
    expect(order.denseFrom).toBeGreaterThan(n / 2);
    for (let j = 0; j < n; j++) {
      expect(parent[j] === -1 || parent[j] > j).toBe(true);
      // Subtrees that join the dense block hang below its first column, so there only the order of children before parents holds.
      if (j >= order.denseFrom) continue;
      // Columns first[j]..j are exactly j's subtree.
      for (let k = first[j]; k < j; k++) {
        let a = k;
        while (a >= 0 && a < j) a = parent[a];
        expect(a).toBe(j);
      }
    }
  });

  it('orders an arrow (one row joined to all) without fill, the hub last', () => {
    const n = 50;
    const hub = 17;
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) if (i !== hub) pairs.push([Math.max(i, hub), Math.min(i, hub)]);
    const { words, adj } = adjacency(n, pairs);
    const order = minimumDegreeOrder(n, words, adj);
    expect(order.perm[n - 1] === hub || order.perm[n - 2] === hub).toBe(true);
    let nnz = 0;
    for (let j = 0; j < n; j++) nnz += structureOf(order, j).length;
    expect(nnz).toBe(n - 1);
  });

  it('takes a dense pattern as dense at once', () => {
    const n = 40;
    const pairs: [number, number][] = [];
    for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) pairs.push([r, c]);
    const { words, adj } = adjacency(n, pairs);
    const order = minimumDegreeOrder(n, words, adj);
    expect(order.denseFrom).toBe(0);
    expect(order.idx.length).toBe(0);
  });
});
