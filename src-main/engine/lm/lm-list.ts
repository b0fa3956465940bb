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
  /** The coefficients of all groups, in order of first appearance (nlme's coef.lmList). */
  names: string[];
  coef: number[][];
  se: number[][];
  t: number[][];
  p: number[][];
  lower: number[][];
  upper: number[][];
  pooled_sigma: number;
  /** Σ over fitted groups of (rows − coefficients), nlme's pooledSD degrees of freedom. */
  df_pooled: number;
  level: number;
  nobs: number[];
  rank: number[];
  /** Each group's own residual SD (NaN when it has no residual degrees of freedom or was not fitted). */
  sigma: number[];
  /** Why a group's lm failed (its row is all NA and it adds nothing to the pooled SD, as in nlme), or null. */
  failed: (string | null)[];
}

/** One group's lm: its own coefficient names (a factor can lack levels there), NaN for aliased columns. */
export interface GroupFit {
  names: string[];
  coef: Float64Array;
  /** sqrt of the diagonal of (X'X)⁻¹ for estimable coefficients, NaN for aliased ones. */
  unscaledSe: Float64Array;
  rss: number;
  rank: number;
  n: number;
}

/** A group whose lm stopped with an error, as nlme keeps it: no numbers, the reason, and its rows. */
export interface FailedGroup {
  failed: string;
  n: number;
}

export function fitLmList(design: LmDesign, y: Float64Array, groups: LmGroups, options: { level?: number } = {}): LmListFit {
  const { n, p, names } = design;
  if (groups.codes.length !== n || y.length !== n) {
    throw new AppError('internal', `lmList: ${groups.codes.length} group codes and ${y.length} responses for ${n} design rows.`);
  }
  const members = rowsByGroup(groups);
  const present = members.map((rows, g) => ({ rows, g })).filter((x) => x.rows.length > 0);
  const fits = present.map(({ rows }) => {
    const Xg = new Float64Array(rows.length * p);
    for (let j = 0; j < p; j++) for (let k = 0; k < rows.length; k++) Xg[j * rows.length + k] = design.X[j * n + rows[k]];
    return fitGroupOls({ X: Xg, n: rows.length, p, names }, Float64Array.from(rows, (i) => y[i]));
  });
  return poolLmList(
    present.map(({ g }) => groups.levels[g]),
    fits,
    options,
  );
}

/**
 * nlme's summary(lmList, pool = TRUE) and intervals() from the groups' own fits: the
 * pooled SD Σ RSS / Σ (rows − coefficients) over the fitted groups (aliased
 * coefficients count), each SE rescaled from the group's own SD to the pooled one,
 * t limits on the pooled degrees of freedom.
 */
export function poolLmList(groups: string[], fits: readonly (GroupFit | FailedGroup)[], options: { level?: number } = {}): LmListFit {
  const level = options.level ?? 0.95;
  const fitted = fits.filter((f): f is GroupFit => !('failed' in f));
  if (fitted.length === 0) throw new AppError('bad-input', `lmList: the regression could not be fitted in any group (${(fits[0] as FailedGroup | undefined)?.failed ?? 'no groups'}).`);
  const names: string[] = [];
  for (const f of fitted) for (const name of f.names) if (!names.includes(name)) names.push(name);
  let rssTotal = 0;
  let dfTotal = 0;
  for (const f of fitted) {
    rssTotal += f.rss;
    dfTotal += f.n - f.names.length;
  }
  if (!(dfTotal > 0)) {
    const rows = fits.reduce((s, f) => s + f.n, 0);
    throw new AppError(
      'bad-input',
      `lmList: no degrees of freedom are left for the pooled residual SD (${rows} rows in ${fits.length} groups, ${names.length} coefficients each).`,
    );
  }
  const pooled = Math.sqrt(rssTotal / dfTotal);
  const mult = tquantile((1 + level) / 2, dfTotal);
  const out: LmListFit = {
    groups: groups.slice(),
    names,
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
    rank: fits.map((f) => ('failed' in f ? 0 : f.rank)),
    sigma: fits.map((f) => ('failed' in f ? NaN : Math.sqrt(f.rss / (f.n - f.rank)))),
    failed: fits.map((f) => ('failed' in f ? f.failed : null)),
  };
  fits.forEach((f, k) => {
    const coef = new Array<number>(names.length).fill(NaN);
    const se = new Array<number>(names.length).fill(NaN);
    if (!('failed' in f)) {
      const sigma = out.sigma[k];
      f.names.forEach((name, j) => {
        const at = names.indexOf(name);
        coef[at] = f.coef[j];
        // As nlme: the group's own SE rescaled by pooled/own SD, so a group with no residual df
        // (own SD NaN) or a perfect fit (own SD 0) gets NA limits there too.
        se[at] = f.unscaledSe[j] * sigma * (pooled / sigma);
      });
    }
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

/** One group's least-squares fit by pivoted QR, R's lm.fit: coefficients of aliased columns are NaN. */
export function fitGroupOls(design: LmDesign, y: Float64Array): GroupFit {
  const { X, n: m, p, names } = design;
  const { qr, qty: [qty] } = tallQr(X, m, p, [y]);
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
  return { names: names.slice(), coef, unscaledSe, rss, rank: qr.rank, n: m };
}
