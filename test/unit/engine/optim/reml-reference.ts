import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * lme4's profiled REML criterion for a model with one grouping factor, written
 * independently of the engine (per-group marginal covariance, dense): with
 * V = I + ZΛΛᵀZᵀ (block diagonal by group),
 *   REML(θ) = log|V| + log|XᵀV⁻¹X| + (n - p)(1 + log(2π r² / (n - p))),
 * r² = (y - Xβ̂)ᵀV⁻¹(y - Xβ̂), β̂ the GLS estimate: the same function as lme4's
 * devfun (log|L_θ|² = log|V| and log|R_X|² = log|XᵀV⁻¹X| by Woodbury).
 */
export interface GroupedData {
  y: Float64Array;
  /** n × p, column-major. */
  X: Float64Array;
  p: number;
  /** n × q, column-major: the random-effects columns of each row. */
  Z: Float64Array;
  q: number;
  /** Rows of each group (contiguous after sorting by group). */
  groups: Int32Array[];
}

export function remlDeviance(d: GroupedData, theta: Float64Array): number {
  const { y, X, p, Z, q } = d;
  const n = y.length;
  // Λ lower triangular, θ its lower triangle column by column (lme4's layout).
  const lam = new Float64Array(q * q);
  for (let c = 0, t = 0; c < q; c++) for (let r = c; r < q; r++) lam[c * q + r] = theta[t++];
  const xtvx = new Float64Array(p * p);
  const xtvy = new Float64Array(p);
  let ytvy = 0;
  let logDetV = 0;
  for (const rows of d.groups) {
    const m = rows.length;
    // B = Z_g Λ (m × q); V_g = I + B Bᵀ.
    const b = new Float64Array(m * q);
    for (let a = 0; a < m; a++) {
      for (let c = 0; c < q; c++) {
        let s = 0;
        for (let r = c; r < q; r++) s += Z[r * n + rows[a]] * lam[c * q + r];
        b[c * m + a] = s;
      }
    }
    const v = new Float64Array(m * m);
    for (let c = 0; c < m; c++) {
      for (let r = 0; r < m; r++) {
        let s = r === c ? 1 : 0;
        for (let t = 0; t < q; t++) s += b[t * m + r] * b[t * m + c];
        v[c * m + r] = s;
      }
    }
    logDetV += cholLogDet(v, m);
    // W = L⁻¹ [X_g | y_g]: then XᵀV⁻¹X = WxᵀWx and so on.
    const w = new Float64Array(m * (p + 1));
    for (let a = 0; a < m; a++) {
      for (let c = 0; c < p; c++) w[c * m + a] = X[c * n + rows[a]];
      w[p * m + a] = y[rows[a]];
    }
    for (let c = 0; c <= p; c++) forwardSolve(v, m, w, c * m);
    for (let c = 0; c < p; c++) {
      for (let r = 0; r < p; r++) xtvx[c * p + r] += dot(w, r * m, w, c * m, m);
      xtvy[c] += dot(w, c * m, w, p * m, m);
    }
    ytvy += dot(w, p * m, w, p * m, m);
  }
  const logDetXtVX = cholLogDet(xtvx, p);
  forwardSolve(xtvx, p, xtvy, 0);
  const r2 = ytvy - dot(xtvy, 0, xtvy, 0, p);
  const dof = n - p;
  return logDetV + logDetXtVX + dof * (1 + Math.log((2 * Math.PI * r2) / dof));
}

/** In-place lower Cholesky of a column-major m × m matrix; returns log|A|. */
function cholLogDet(a: Float64Array, m: number): number {
  let logDet = 0;
  for (let j = 0; j < m; j++) {
    let dj = a[j * m + j];
    for (let t = 0; t < j; t++) dj -= a[t * m + j] * a[t * m + j];
    const l = Math.sqrt(dj);
    a[j * m + j] = l;
    logDet += 2 * Math.log(l);
    for (let i = j + 1; i < m; i++) {
      let s = a[j * m + i];
      for (let t = 0; t < j; t++) s -= a[t * m + i] * a[t * m + j];
      a[j * m + i] = s / l;
    }
  }
  return logDet;
}

function forwardSolve(l: Float64Array, m: number, x: Float64Array, off: number): void {
  for (let i = 0; i < m; i++) {
    let s = x[off + i];
    for (let t = 0; t < i; t++) s -= l[t * m + i] * x[off + t];
    x[off + i] = s / l[i * m + i];
  }
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += a[ao + i] * b[bo + i];
  return s;
}

function readCsv(name: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(resolve(import.meta.dirname, '../../../../resources/sample-data', name), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const cells = (l: string) => l.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return { header: cells(lines[0]), rows: lines.slice(1).map(cells) };
}

function groupRows(labels: string[]): Int32Array[] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((g, i) => byLabel.set(g, [...(byLabel.get(g) ?? []), i]));
  return [...byLabel.values()].map((r) => Int32Array.from(r));
}

/** Dyestuff: Yield ~ 1 + (1 | Batch). */
export function dyestuff(): GroupedData {
  const { header, rows } = readCsv('dyestuff.csv');
  const yi = header.indexOf('Yield');
  const gi = header.indexOf('Batch');
  const n = rows.length;
  return {
    y: Float64Array.from(rows, (r) => Number(r[yi])),
    X: new Float64Array(n).fill(1),
    p: 1,
    Z: new Float64Array(n).fill(1),
    q: 1,
    groups: groupRows(rows.map((r) => r[gi])),
  };
}

/** sleepstudy: Reaction ~ Days + (Days | Subject). */
export function sleepstudy(): GroupedData {
  const { header, rows } = readCsv('sleepstudy.csv');
  const yi = header.indexOf('Reaction');
  const di = header.indexOf('Days');
  const gi = header.indexOf('Subject');
  const n = rows.length;
  const design = new Float64Array(2 * n);
  rows.forEach((r, i) => {
    design[i] = 1;
    design[n + i] = Number(r[di]);
  });
  return {
    y: Float64Array.from(rows, (r) => Number(r[yi])),
    X: design,
    p: 2,
    Z: design,
    q: 2,
    groups: groupRows(rows.map((r) => r[gi])),
  };
}
