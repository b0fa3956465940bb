import tquantile from '@stdlib/stats-base-dists-t-quantile';
import { AppError } from '@shared/errors';
import type { LmDesign } from './fit-lm';
import { twoSidedP } from './fit-lm';
import { backSolve, unscaledCovariance } from '../linalg/qr';
import { tallQr } from '../linalg/tall-qr';

export interface LmGroups {
  /** 0-based level per row; -1 (missing) is not allowed. */
  codes: Int32Array;
  levels: string[];
}

/**
 * One OLS fit per group, as nlme::lmList, with the standard errors and 95% limits
 * of nlme's summary(…, pool = TRUE) and intervals(): every group's standard errors
 * use the residual SD pooled over all groups and its degrees of freedom.
 * Matrices are groups × coefficients, row per group, NaN where nlme gives NA.
 */
export interface LmListFit {
  /** Levels that have rows, in level order (nlme drops empty levels). */
  groups: string[];
  names: string[];
  coef: number[][];
  se: number[][];
  t: number[][];
  p: number[][];
  lower: number[][];
  upper: number[][];
  pooled_sigma: number;
  /** Σ over groups of (rows − coefficients), nlme's pooledSD degrees of freedom. */
  df_pooled: number;
  level: number;
  nobs: number[];
  rank: number[];
  /** Each group's own residual SD (NaN when it has no residual degrees of freedom). */
  sigma: number[];
}

interface GroupFit {
  coef: Float64Array;
  /** sqrt of the diagonal of (X'X)⁻¹ for estimable coefficients, NaN for aliased ones. */
  unscaledSe: Float64Array;
  rss: number;
  rank: number;
  n: number;
}

export function fitLmList(design: LmDesign, y: Float64Array, groups: LmGroups, options: { level?: number } = {}): LmListFit {
  const { n, p, names } = design;
  const level = options.level ?? 0.95;
  if (groups.codes.length !== n || y.length !== n) {
    throw new AppError('internal', `lmList: ${groups.codes.length} group codes and ${y.length} responses for ${n} design rows.`);
  }
  const members = rowsByGroup(groups);
  const present = members.map((rows, g) => ({ rows, g })).filter((x) => x.rows.length > 0);
  const fits = present.map(({ rows }) => fitGroup(design, y, rows));

  // nlme's pooledSD: Σ RSS / Σ (rows − length(coef)), counting aliased coefficients too.
  let rssTotal = 0;
  let dfTotal = 0;
  for (const f of fits) {
    rssTotal += f.rss;
    dfTotal += f.n - p;
  }
  if (!(dfTotal > 0)) {
    throw new AppError(
      'bad-input',
      `lmList: no degrees of freedom are left for the pooled residual SD (${n} rows in ${fits.length} groups, ${p} coefficients each).`,
    );
  }
  const pooled = Math.sqrt(rssTotal / dfTotal);
  const mult = tquantile((1 + level) / 2, dfTotal);

  const out: LmListFit = {
    groups: present.map(({ g }) => groups.levels[g]),
    names: names.slice(),
    coef: [],
    se: [],
    t: [],
    p: [],
    lower: [],
    upper: [],
    pooled_sigma: pooled,
    df_pooled: dfTotal,
    level,
    nobs: fits.map((f) => f.n),
    rank: fits.map((f) => f.rank),
    sigma: fits.map((f) => Math.sqrt(f.rss / (f.n - f.rank))),
  };
  fits.forEach((f, k) => {
    const sigma = out.sigma[k];
    // As nlme: the group's own SE rescaled by pooled/own SD, so a group with no residual df
    // (own SD NaN) or a perfect fit (own SD 0) gets NA limits there too.
    const se = Array.from(f.unscaledSe, (u) => u * sigma * (pooled / sigma));
    const coef = Array.from(f.coef);
    const t = coef.map((b, j) => b / se[j]);
    out.coef.push(coef);
    out.se.push(se);
    out.t.push(t);
    out.p.push(t.map((tj) => twoSidedP(tj, dfTotal)));
    out.lower.push(coef.map((b, j) => b - mult * se[j]));
    out.upper.push(coef.map((b, j) => b + mult * se[j]));
  });
  return out;
}

function rowsByGroup(groups: LmGroups): Int32Array[] {
  const { codes, levels } = groups;
  const counts = new Int32Array(levels.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0 || c >= levels.length) {
      throw new AppError('bad-input', `lmList: row ${i + 1} has no group (missing grouping value); leave such rows out first.`, {
        row: i + 1,
      });
    }
    counts[c]++;
  }
  const members = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(levels.length);
  for (let i = 0; i < codes.length; i++) members[codes[i]][fill[codes[i]]++] = i;
  return members;
}

function fitGroup(design: LmDesign, y: Float64Array, rows: Int32Array): GroupFit {
  const { X, n, p } = design;
  const m = rows.length;
  const Xg = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < m; k++) Xg[j * m + k] = X[j * n + rows[k]];
  }
  const yg = Float64Array.from(rows, (i) => y[i]);
  const { qr, qty: [qty] } = tallQr(Xg, m, p, [yg]);
  const beta = backSolve(qr, qty);
  const coef = new Float64Array(p).fill(NaN);
  const unscaledSe = new Float64Array(p).fill(NaN);
  const cov = unscaledCovariance(qr);
  for (let j = 0; j < qr.rank; j++) {
    coef[qr.pivot[j]] = beta[j];
    unscaledSe[qr.pivot[j]] = Math.sqrt(cov[j * qr.rank + j]);
  }
  // Q'y beyond the rank: the residuals' part, whether Q is of the rows or of their reduction.
  let rss = 0;
  for (let i = qr.rank; i < qty.length; i++) rss += qty[i] * qty[i];
  return { coef, unscaledSe, rss, rank: qr.rank, n: m };
}
