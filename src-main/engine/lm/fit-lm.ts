import betainc from '@stdlib/math-base-special-betainc';
import tcdf from '@stdlib/stats-base-dists-t-cdf';
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import { AppError } from '@shared/errors';
import { applyQ, backSolve, unscaledCovariance, type QrDecomposition } from '../linalg/qr';
import { tallQr, type RowReduction, type TallQr, type TallQrOptions } from '../linalg/tall-qr';
import { quantilesType7 } from './quantiles';

/** A design matrix as the model-matrix code produces it. */
export interface LmDesign {
  /** Column-major n × p. */
  X: Float64Array;
  n: number;
  p: number;
  /** R's column names: "(Intercept)", "standLRT", "sexM", … */
  names: string[];
}

export interface LmOptions {
  /** Prior weights (R's lm(weights =)); rows with weight 0 are left out of the fit, as in lm.wfit. */
  weights?: Float64Array;
  /** Whether the model has an intercept (R's attr(terms, "intercept")); default: a column named "(Intercept)". */
  intercept?: boolean;
  /** Pivoting tolerance (R's lm: 1e-7). */
  tol?: number;
  /** When the rows are reduced before the pivoted QR, and in what blocks (tests force the reduction on small data). */
  qr?: Pick<TallQrOptions, 'directRows' | 'blockRows'>;
  /**
   * The rows of this very X and y already reduced (FixedDesign.reduction, from the model
   * matrix's aliasing check): the fit then reads the rows only once more, for X·β̂.
   * Ignored unless it names these arrays and the fit is unweighted.
   */
  reduction?: RowReduction | null;
}

/** summary(lm)'s coefficient table over all columns; NaN (JSON null) in the rows of aliased columns. */
export interface LmCoefficients {
  names: string[];
  estimate: number[];
  se: number[];
  t: number[];
  p: number[];
}

/**
 * An lm fit with the numbers of summary.lm, logLik.lm and confint.lm. The snake_case
 * fields are those of test/fixtures/README.md (`fit` for lm), so they can be written
 * out as JSON directly (see lmFitJson); the typed arrays are for plots and printing.
 */
export interface LmFit {
  coef: LmCoefficients;
  sigma: number;
  df_resid: number;
  r_squared: number;
  adj_r_squared: number;
  /** [value, numdf, dendf]; null when the model is only an intercept (or empty), as summary.lm leaves it out. */
  fstatistic: [number, number, number] | null;
  f_p: number | null;
  /** Min, 1Q, median, 3Q, max of the residuals (quantile type 7). */
  resid_quantiles: number[];
  logLik: number;
  AIC: number;
  BIC: number;
  /** 95% confidence limits per coefficient ([lower, upper]; NaN for aliased ones). */
  confint: [number, number][];
  /** Observations in the fit (rows with nonzero weight). */
  nobs: number;
  rank: number;
  /** Names of the columns not estimable because they are linear combinations of earlier ones. */
  aliased: string[];
  intercept: boolean;
  fitted: Float64Array;
  residuals: Float64Array;
  weights: Float64Array | null;
  /** Coefficient covariance σ²(X'WX)⁻¹, p × p column-major, NaN in aliased rows and columns. */
  vcov: Float64Array;
}

/**
 * Ordinary (or weighted) least squares as R's lm() computes it: QR with limited
 * pivoting (never the normal equations), then summary.lm's table and statistics.
 * Short data goes through dqrdc2 exactly as lm.fit; long data is first reduced to a
 * small triangle (linalg/tall-qr.ts), with the same pivoting and rank, and the fitted
 * values are then X·β̂ (one pass over the rows) instead of y minus Q applied to Q'y.
 */
export function fitLm(design: LmDesign, y: Float64Array, options: LmOptions = {}): LmFit {
  const { n, p, names } = design;
  checkInput(design, y, options.weights);
  const intercept = options.intercept ?? names.includes('(Intercept)');
  const weights = options.weights ?? null;
  const rowScale = weights ? weights.map(Math.sqrt) : null;
  const solved = tallQr(design.X, n, p, [y], { tol: options.tol, rowScale, reuse: options.reduction, ...options.qr });
  const m = solved.rows;
  if (m === 0) throw new AppError('bad-input', 'lm: no observations with a nonzero weight are left to fit.');
  const { qr } = solved;
  const qty = solved.qty[0];
  const beta = backSolve(qr, qty);
  const coefficients = new Float64Array(p).fill(NaN);
  for (let j = 0; j < qr.rank; j++) coefficients[qr.pivot[j]] = beta[j];

  const { fitted, residuals, finite } = solved.reduced
    ? linearPredictor(design, y, coefficients)
    : fittedAndResiduals(design, y, solved, coefficients, weights);
  const rdf = m - qr.rank;
  const rss = weightedSumOfSquares(residuals, weights);
  // X is checked here rather than first: on long data that saves a pass, and a missing or infinite value cannot go unnoticed.
  if (!finite || !Number.isFinite(rss)) checkMatrix(design);
  const resvar = rss / rdf;
  const sigma = Math.sqrt(resvar);

  const cov = unscaledCovariance(qr);
  const coef = coefficientTable(names, coefficients, qr, cov, resvar, rdf);
  const vcov = fullCovariance(qr, cov, resvar);
  const tcrit = rdf > 0 ? tquantile(0.975, rdf) : NaN;
  const confint = coef.estimate.map((b, j): [number, number] => [b - tcrit * coef.se[j], b + tcrit * coef.se[j]]);

  const fit = varianceExplained(fitted, weights, rss, resvar, qr.rank, rdf, m, intercept);
  const logLik = logLikelihood(rss, weights, m);
  const df = qr.rank + 1;
  return {
    coef,
    sigma,
    df_resid: rdf,
    ...fit,
    resid_quantiles: quantilesType7(residuals, [0, 0.25, 0.5, 0.75, 1]),
    logLik,
    AIC: -2 * logLik + 2 * df,
    BIC: -2 * logLik + Math.log(m) * df,
    confint,
    nobs: m,
    rank: qr.rank,
    aliased: names.filter((_, j) => Number.isNaN(coefficients[j])),
    intercept,
    fitted,
    residuals,
    weights,
    vcov,
  };
}

/** The fields of an lm fit that the reference fixtures and the CLI's --json carry. */
export function lmFitJson(fit: LmFit): Record<string, unknown> {
  const { coef, sigma, df_resid, r_squared, adj_r_squared, fstatistic, f_p, resid_quantiles, logLik, AIC, BIC, confint } = fit;
  return {
    coef,
    sigma,
    df_resid,
    r_squared,
    adj_r_squared,
    fstatistic,
    f_p,
    resid_quantiles,
    logLik,
    AIC,
    BIC,
    confint,
    nobs: fit.nobs,
    rank: fit.rank,
    aliased: fit.aliased,
  };
}

function checkInput(design: LmDesign, y: Float64Array, weights: Float64Array | undefined): void {
  const { X, n, p, names } = design;
  if (n === 0) throw new AppError('bad-input', 'lm: there are no observations (0 rows) to fit.');
  if (X.length !== n * p || names.length !== p) {
    throw new AppError('internal', `lm: the design matrix should be ${n} × ${p} with ${p} names; it has ${X.length} values and ${names.length} names.`);
  }
  if (y.length !== n) throw new AppError('internal', `lm: the response has ${y.length} values for ${n} rows of the design matrix.`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw nonFinite('response', i, y[i]);
  }
  if (weights) {
    if (weights.length !== n) throw new AppError('internal', `lm: ${weights.length} weights for ${n} rows.`);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || w === Infinity) {
        throw new AppError('bad-input', `lm: weight ${w} in row ${i + 1}: weights must be finite and not negative.`, { row: i + 1 });
      }
    }
  }
}

/** Throws at the first missing or infinite value of the design matrix, if there is one. */
function checkMatrix(design: LmDesign): void {
  const { X, n, p, names } = design;
  for (let j = 0; j < p; j++) {
    for (let i = 0, off = j * n; i < n; i++) {
      if (!Number.isFinite(X[off + i])) throw nonFinite(`column "${names[j]}"`, i, X[off + i]);
    }
  }
}

function nonFinite(what: string, row: number, value: number): AppError {
  const kind = Number.isNaN(value) ? 'missing' : 'infinite';
  return new AppError(
    'bad-input',
    `lm: the ${what} is ${kind} in row ${row + 1}; rows with missing values must be left out before fitting.`,
    { row: row + 1 },
  );
}

/** Rows per step of X·β̂: the rows' partial sums stay in cache while the columns go by. */
const PREDICT_ROWS = 4096;

interface Predicted {
  fitted: Float64Array;
  residuals: Float64Array;
  /** False if a value of X or of the fit is missing or infinite. */
  finite: boolean;
}

/**
 * fitted = X·β̂ and residuals = y − fitted, for every row, in one pass over X that also
 * checks its values: a missing or infinite value makes a fitted value non-finite, or,
 * in an aliased column (coefficient NA, left out of the sum), the check sum Σ 0·x NaN.
 */
function linearPredictor(design: LmDesign, y: Float64Array, coefficients: Float64Array): Predicted {
  const { X, n, p } = design;
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const used: number[] = [];
  const aliased: number[] = [];
  for (let j = 0; j < p; j++) (Number.isNaN(coefficients[j]) ? aliased : used).push(j);
  let check = 0;
  for (let i0 = 0; i0 < n; i0 += PREDICT_ROWS) {
    const i1 = Math.min(n, i0 + PREDICT_ROWS);
    let k = 0;
    // Four columns per pass: each fitted value is loaded and stored once for four products.
    for (; k + 3 < used.length; k += 4) {
      const [c0, c1, c2, c3] = [used[k] * n, used[k + 1] * n, used[k + 2] * n, used[k + 3] * n];
      const [b0, b1, b2, b3] = [coefficients[used[k]], coefficients[used[k + 1]], coefficients[used[k + 2]], coefficients[used[k + 3]]];
      for (let i = i0; i < i1; i++) fitted[i] += b0 * X[c0 + i] + b1 * X[c1 + i] + b2 * X[c2 + i] + b3 * X[c3 + i];
    }
    for (; k < used.length; k++) {
      const b = coefficients[used[k]];
      const col = used[k] * n;
      for (let i = i0; i < i1; i++) fitted[i] += b * X[col + i];
    }
    for (const j of aliased) for (let i = i0; i < i1; i++) check += 0 * X[j * n + i];
    for (let i = i0; i < i1; i++) {
      residuals[i] = y[i] - fitted[i];
      check += 0 * fitted[i];
    }
  }
  return { fitted, residuals, finite: check === 0 };
}

/** lm.fit's way for short data: residuals are Q applied to the part of Q'y the columns do not explain (dqrsl), fitted = y − residuals. */
function fittedAndResiduals(
  design: LmDesign,
  y: Float64Array,
  solved: TallQr,
  coefficients: Float64Array,
  weights: Float64Array | null,
): Predicted {
  const { n } = design;
  const qr: QrDecomposition = solved.qr;
  const rsd = Float64Array.from(solved.qty[0]);
  rsd.fill(0, 0, qr.rank);
  applyQ(qr, rsd, false);
  if (!weights) {
    const fitted = new Float64Array(n);
    for (let i = 0; i < n; i++) fitted[i] = y[i] - rsd[i];
    return { fitted, residuals: rsd, finite: true };
  }
  // Rows of weight 0 are predicted from the coefficients, as lm.wfit does; the others have Q's residuals, unscaled.
  const predicted = linearPredictor(design, y, coefficients);
  const { fitted, residuals } = predicted;
  for (let i = 0, k = 0; i < n; i++) {
    if (!(weights[i] > 0)) continue;
    residuals[i] = rsd[k++] / Math.sqrt(weights[i]);
    fitted[i] = y[i] - residuals[i];
  }
  return predicted;
}

function weightedSumOfSquares(r: Float64Array, w: Float64Array | null): number {
  let s = 0;
  if (w) for (let i = 0; i < r.length; i++) s += w[i] * r[i] * r[i];
  else for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return s;
}

function coefficientTable(
  names: string[],
  coefficients: Float64Array,
  qr: QrDecomposition,
  cov: Float64Array,
  resvar: number,
  rdf: number,
): LmCoefficients {
  const p = names.length;
  const se = new Array<number>(p).fill(NaN);
  for (let j = 0; j < qr.rank; j++) se[qr.pivot[j]] = Math.sqrt(cov[j * qr.rank + j] * resvar);
  const estimate = Array.from(coefficients);
  const t = estimate.map((b, j) => b / se[j]);
  return { names: names.slice(), estimate, se, t, p: t.map((tj) => twoSidedP(tj, rdf)) };
}

/** 2·P(T > |t|) on df degrees of freedom, from the lower tail at −|t| so tiny p-values keep their digits. */
export function twoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  return 2 * tcdf(-Math.abs(t), df);
}

/** P(F > f) for F(df1, df2), from the regularized incomplete beta function as R's pf(lower.tail = FALSE). */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  if (df1 * f > df2) return betainc(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
  return betainc((df1 * f) / (df2 + df1 * f), df1 / 2, df2 / 2, true, true);
}

function fullCovariance(qr: QrDecomposition, cov: Float64Array, resvar: number): Float64Array {
  const { p, rank, pivot } = qr;
  const out = new Float64Array(p * p).fill(NaN);
  for (let a = 0; a < rank; a++) {
    for (let b = 0; b < rank; b++) out[pivot[b] * p + pivot[a]] = cov[b * rank + a] * resvar;
  }
  return out;
}

/** summary.lm's R², adjusted R² and F test (centred sums of squares when there is an intercept). */
function varianceExplained(
  fitted: Float64Array,
  w: Float64Array | null,
  rss: number,
  resvar: number,
  rank: number,
  rdf: number,
  m: number,
  intercept: boolean,
): Pick<LmFit, 'r_squared' | 'adj_r_squared' | 'fstatistic' | 'f_p'> {
  const dfInt = intercept ? 1 : 0;
  if (rank === dfInt) return { r_squared: 0, adj_r_squared: 0, fstatistic: null, f_p: null };
  const mss = modelSumOfSquares(fitted, w, intercept);
  const r2 = mss / (mss + rss);
  const numdf = rank - dfInt;
  const value = mss / numdf / resvar;
  return {
    r_squared: r2,
    adj_r_squared: 1 - (1 - r2) * ((m - dfInt) / rdf),
    fstatistic: [value, numdf, rdf],
    f_p: fUpperTail(value, numdf, rdf),
  };
}

function modelSumOfSquares(f: Float64Array, w: Float64Array | null, intercept: boolean): number {
  const n = f.length;
  let centre = 0;
  if (intercept) {
    if (w) {
      let sw = 0;
      for (let i = 0; i < n; i++) sw += w[i];
      for (let i = 0; i < n; i++) centre += (w[i] * f[i]) / sw;
    } else {
      centre = mean(f);
    }
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = f[i] - centre;
    s += w ? w[i] * d * d : d * d;
  }
  return s;
}

/** R's mean(): the sum over n, refined by the mean of the deviations. */
function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  s /= x.length;
  let t = 0;
  for (let i = 0; i < x.length; i++) t += x[i] - s;
  return s + t / x.length;
}

/** logLik.lm: 0.5·(Σlog w − N·(log 2π + 1 − log N + log Σ w r²)) over rows with nonzero weight; Σ w r² is the RSS. */
function logLikelihood(rss: number, w: Float64Array | null, m: number): number {
  let sumLogW = 0;
  if (w) for (let i = 0; i < w.length; i++) if (w[i] !== 0) sumLogW += Math.log(w[i]);
  return 0.5 * (sumLogW - m * (Math.log(2 * Math.PI) + 1 - Math.log(m) + Math.log(rss)));
}
