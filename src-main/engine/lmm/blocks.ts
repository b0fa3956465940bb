import { AppError } from '@shared/errors';
import { analyseLaterBlock, type LaterBlock } from './later-block';
import type { ReTerm } from './random-design';

/**
 * The cross-products of [Z X y] that every evaluation of the objective needs,
 * formed once per model (the only pass over the observations). With Z = [Z₁ Z₂],
 * Z₁ the first term's columns (most levels) and Z₂ all the others', and W = [X y]:
 *
 *   Z₁'Z₁  block-diagonal: one q₁ × q₁ block per level of the first factor ("a11")
 *   Z₂'Z₁  block-sparse: per level b of the first factor, the rows of Z₂ that
 *          share an observation with it, as a dense panel (rows × q₁)       ("a21")
 *   Z₂'Z₂  its nonzero level-block pairs, with the fill-reducing order and
 *          factor pattern of the later terms' block (later-block.ts)      ("later")
 *   W'Z₁, W'Z₂, W'W   dense, (p + 1) rows                                  ("aw1", "aw2", "aww")
 *
 * The factor L(θ) has exactly this shape, so the same layout holds both.
 * Dense matrices are row-major; the lower triangle of symmetric ones is used.
 */
export interface BlockLayout {
  n: number;
  /** Fixed-effects columns; W has p + 1 columns (X, then y). */
  p: number;
  /** Columns per level and levels of the first term. */
  q1: number;
  nl1: number;
  /** nl1 · q1. */
  Q1: number;
  /** Σ over later terms of nl_k · q_k. */
  Q2: number;
  /** Per later term (index k − 1): its first row in the Q₂ space. */
  rowStart: Int32Array;
  /** For each of the Q₂ rows: its term (index into the model's terms, ≥ 1) and its position within the level's q_k rows. */
  rowTerm: Int32Array;
  rowWithin: Int32Array;
  /** Panels of Z₂'Z₁: level b's rows are rowIndex[rowPtr[b]..rowPtr[b+1]) (increasing), its values start at panelStart[b], column-major. */
  rowPtr: Int32Array;
  rowIndex: Int32Array;
  panelStart: Int32Array;
}

export interface Blocks {
  layout: BlockLayout;
  a11: Float64Array;
  a21: Float64Array;
  later: LaterBlock;
  aw1: Float64Array;
  aw2: Float64Array;
  aww: Float64Array;
}

/**
 * Largest block of random effects of all terms after the first that this layout holds: two
 * Q₂ × Q₂ matrices of 8-byte numbers (Z₂'Z₂ while the model is built, and the storage of its
 * factor), about 0.6 GB at 6000, and up to Q₂³/6 multiply-adds per evaluation when the factor
 * is dense, tens of seconds beyond that.
 */
export const MAX_DENSE = 6000;

export function formBlocks(terms: ReTerm[], X: Float64Array, p: number, y: Float64Array): Blocks {
  const n = y.length;
  const laterCount = terms.slice(1).reduce((s, t) => s + t.nl * t.q, 0);
  if (laterCount > MAX_DENSE) {
    const what = terms.slice(1).map((t) => `${t.source}: ${t.nl} levels × ${t.q}`).join(', ');
    throw new AppError(
      'unsupported',
      `The random-effects terms after the one with the most levels have ${laterCount} random effects in all (${what}); ` +
        `Nestor handles up to ${MAX_DENSE} there, because their part of the Cholesky factor is held as a dense matrix.`,
    );
  }
  const layout = blockLayout(terms, n, p);
  const { q1, nl1, Q1, Q2 } = layout;
  const P = p + 1;
  const first = terms[0];
  const codes1 = first.codes;
  const Z1 = first.Z;

  const a11 = new Float64Array(nl1 * q1 * q1);
  for (let i = 0; i < n; i++) {
    const base = codes1[i] * q1 * q1;
    for (let c = 0; c < q1; c++) {
      const zc = Z1[c * n + i];
      if (zc === 0) continue;
      for (let r = 0; r < q1; r++) a11[base + c * q1 + r] += Z1[r * n + i] * zc;
    }
  }

  const aw1 = new Float64Array(P * Q1);
  for (let j = 0; j < P; j++) {
    const w = j < p ? X.subarray(j * n, (j + 1) * n) : y;
    const row = j * Q1;
    for (let c = 0; c < q1; c++) {
      const zc = Z1.subarray(c * n, (c + 1) * n);
      for (let i = 0; i < n; i++) aw1[row + codes1[i] * q1 + c] += w[i] * zc[i];
    }
  }

  const aww = new Float64Array(P * P);
  for (let j = 0; j < P; j++) {
    const wj = j < p ? X.subarray(j * n, (j + 1) * n) : y;
    for (let k = 0; k <= j; k++) {
      const wk = k < p ? X.subarray(k * n, (k + 1) * n) : y;
      let s = 0;
      for (let i = 0; i < n; i++) s += wj[i] * wk[i];
      aww[j * P + k] = s;
      aww[k * P + j] = s;
    }
  }

  const a21 = new Float64Array(layout.panelStart[nl1]);
  // Z₂'Z₂ is formed dense once, for its pattern and nonzero pairs; only those are kept.
  const a22 = new Float64Array(Q2 * Q2);
  const aw2 = new Float64Array(P * Q2);
  if (terms.length > 1) laterBlocks(terms, X, p, y, layout, a21, a22, aw2);
  const blockStart = new Int32Array(Q2);
  const blockSize = new Int32Array(Q2);
  for (let r = 0; r < Q2; r++) {
    blockStart[r] = r - layout.rowWithin[r];
    blockSize[r] = terms[layout.rowTerm[r]].q;
  }
  const later = analyseLaterBlock(Q2, a22, blockStart, blockSize, layout.rowPtr, layout.rowIndex);
  return { layout, a11, a21, later, aw1, aw2, aww };
}

/**
 * The blocks for the same design with another response: only W's last column changes,
 * so only the last row of W'Z₁, W'Z₂ and W'W are recomputed (a parametric bootstrap
 * refits many responses on one design). O(n·Σq) instead of forming everything again.
 */
export function withResponse(blocks: Blocks, terms: ReTerm[], X: Float64Array, y: Float64Array): Blocks {
  const { layout } = blocks;
  const { n, p, q1, Q1, Q2, rowStart } = layout;
  if (y.length !== n) throw new AppError('internal', `withResponse: ${y.length} responses for ${n} observations.`);
  const P = p + 1;
  const aw1 = blocks.aw1.slice();
  const aw2 = blocks.aw2.slice();
  const aww = blocks.aww.slice();
  aw1.fill(0, p * Q1);
  aw2.fill(0, p * Q2);
  const first = terms[0];
  for (let c = 0; c < q1; c++) {
    const z = first.Z.subarray(c * n, (c + 1) * n);
    for (let i = 0; i < n; i++) aw1[p * Q1 + first.codes[i] * q1 + c] += y[i] * z[i];
  }
  for (let k = 1; k < terms.length; k++) {
    const t = terms[k];
    for (let s = 0; s < t.q; s++) {
      const z = t.Z.subarray(s * n, (s + 1) * n);
      for (let i = 0; i < n; i++) aw2[p * Q2 + rowStart[k - 1] + t.codes[i] * t.q + s] += y[i] * z[i];
    }
  }
  for (let k = 0; k < P; k++) {
    const w = k < p ? X.subarray(k * n, (k + 1) * n) : y;
    let v = 0;
    for (let i = 0; i < n; i++) v += y[i] * w[i];
    aww[p * P + k] = v;
    aww[k * P + p] = v;
  }
  return { ...blocks, aw1, aw2, aww };
}

function blockLayout(terms: ReTerm[], n: number, p: number): BlockLayout {
  const first = terms[0];
  const q1 = first.q;
  const nl1 = first.nl;
  const rowStart = new Int32Array(Math.max(terms.length - 1, 0));
  let Q2 = 0;
  for (let k = 1; k < terms.length; k++) {
    rowStart[k - 1] = Q2;
    Q2 += terms[k].nl * terms[k].q;
  }
  const rowTerm = new Int32Array(Q2);
  const rowWithin = new Int32Array(Q2);
  for (let k = 1; k < terms.length; k++) {
    const { q, nl } = terms[k];
    for (let a = 0, r = rowStart[k - 1]; a < nl; a++) {
      for (let s = 0; s < q; s++, r++) {
        rowTerm[r] = k;
        rowWithin[r] = s;
      }
    }
  }
  const { rowPtr, rowIndex } = panelPattern(terms, rowStart);
  const panelStart = new Int32Array(nl1 + 1);
  for (let b = 0; b < nl1; b++) panelStart[b + 1] = panelStart[b] + (rowPtr[b + 1] - rowPtr[b]) * q1;
  return { n, p, q1, nl1, Q1: nl1 * q1, Q2, rowStart, rowTerm, rowWithin, rowPtr, rowIndex, panelStart };
}

/** For each level of the first factor, the Q₂ rows (whole level blocks of later terms) it meets in some observation. */
function panelPattern(terms: ReTerm[], rowStart: Int32Array): { rowPtr: Int32Array; rowIndex: Int32Array } {
  const nl1 = terms[0].nl;
  const rowPtr = new Int32Array(nl1 + 1);
  if (terms.length === 1) return { rowPtr, rowIndex: new Int32Array(0) };
  const byLevel = observationsByLevel(terms[0].codes, nl1);
  const groupCount = terms.slice(1).reduce((s, t) => s + t.nl, 0);
  const groupBase = new Int32Array(terms.length);
  for (let k = 2; k < terms.length; k++) groupBase[k] = groupBase[k - 1] + terms[k - 1].nl;
  const stamp = new Int32Array(groupCount).fill(-1);
  const rows: number[] = [];
  const found: number[] = [];
  for (let b = 0; b < nl1; b++) {
    found.length = 0;
    for (let o = byLevel.start[b]; o < byLevel.start[b + 1]; o++) {
      const i = byLevel.order[o];
      for (let k = 1; k < terms.length; k++) {
        const g = groupBase[k] + terms[k].codes[i];
        if (stamp[g] !== b) {
          stamp[g] = b;
          found.push(rowStart[k - 1] + terms[k].codes[i] * terms[k].q);
        }
      }
    }
    found.sort((x, y) => x - y);
    for (const start of found) {
      // Every row of a level block is present: the block's q rows start at `start`.
      const k = termOfRow(rowStart, start);
      for (let s = 0; s < terms[k].q; s++) rows.push(start + s);
    }
    rowPtr[b + 1] = rows.length;
  }
  return { rowPtr, rowIndex: Int32Array.from(rows) };
}

function termOfRow(rowStart: Int32Array, row: number): number {
  let k = rowStart.length;
  while (k > 1 && rowStart[k - 1] > row) k--;
  return k;
}

/** Observations grouped by level (a counting sort), in their original order within a level. */
export function observationsByLevel(codes: Int32Array, nl: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(nl + 1);
  for (let i = 0; i < codes.length; i++) start[codes[i] + 1]++;
  for (let b = 0; b < nl; b++) start[b + 1] += start[b];
  const next = start.slice(0, nl);
  const order = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) order[next[codes[i]]++] = i;
  return { start, order };
}

function laterBlocks(
  terms: ReTerm[],
  X: Float64Array,
  p: number,
  y: Float64Array,
  layout: BlockLayout,
  a21: Float64Array,
  a22: Float64Array,
  aw2: Float64Array,
): void {
  const { n, q1, nl1, Q2, rowStart, rowPtr, rowIndex, panelStart } = layout;
  const P = p + 1;
  const first = terms[0];
  const K = terms.length;
  // Position of a Q₂ row inside the current panel (valid for the level being filled).
  const position = new Int32Array(Q2);
  const byLevel = observationsByLevel(first.codes, nl1);
  const start = new Int32Array(K);
  for (let b = 0; b < nl1; b++) {
    const r0 = rowPtr[b];
    const nr = rowPtr[b + 1] - r0;
    for (let r = 0; r < nr; r++) position[rowIndex[r0 + r]] = r;
    const base = panelStart[b];
    for (let o = byLevel.start[b]; o < byLevel.start[b + 1]; o++) {
      const i = byLevel.order[o];
      for (let k = 1; k < K; k++) {
        const t = terms[k];
        const rowFirst = rowStart[k - 1] + t.codes[i] * t.q;
        start[k] = rowFirst;
        const pr = position[rowFirst];
        for (let c = 0; c < q1; c++) {
          const zc = first.Z[c * n + i];
          if (zc === 0) continue;
          for (let s = 0; s < t.q; s++) a21[base + c * nr + pr + s] += t.Z[s * n + i] * zc;
        }
      }
      for (let k = 1; k < K; k++) {
        const tk = terms[k];
        for (let l = 1; l <= k; l++) {
          const tl = terms[l];
          for (let s = 0; s < tk.q; s++) {
            const zs = tk.Z[s * n + i];
            if (zs === 0) continue;
            const row = (start[k] + s) * Q2;
            for (let u = 0; u < tl.q; u++) {
              const col = start[l] + u;
              if (col <= start[k] + s) a22[row + col] += zs * tl.Z[u * n + i];
            }
          }
        }
      }
      for (let j = 0; j < P; j++) {
        const w = j < p ? X[j * n + i] : y[i];
        if (w === 0) continue;
        const row = j * Q2;
        for (let k = 1; k < K; k++) {
          const t = terms[k];
          for (let s = 0; s < t.q; s++) aw2[row + start[k] + s] += w * t.Z[s * n + i];
        }
      }
    }
  }
}
