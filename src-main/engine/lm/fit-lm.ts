import betainc from '@stdlib/math-base-special-betainc';
import tcdf from '@stdlib/stats-base-dists-t-cdf';
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import { AppError } from '@shared/errors';
import { applyQ, backSolve, LM_TOLERANCE, qrDecompose, unscaledCovariance, type QrDecomposition } from './qr';
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
 */
export function fitLm(design: LmDesign, y: Float64Array, options: LmOptions = {}): LmFit {
  const { n, p, names } = design;
  checkInput(design, y, options.weights);
  const intercept = options.intercept ?? names.includes('(Intercept)');
  const weights = options.weights ?? null;
  const used = weights ? rowsWithWeight(weights) : null;
  const m = used ? used.length : n;
  if (m === 0) throw new AppError('bad-input', 'lm: no observations with a nonzero weight are left to fit.');

  const { X, y: yw } = weights && used ? weightedRows(design, y, weights, used) : { X: design.X, y };
  const qr = qrDecompose(X, m, p, options.tol ?? LM_TOLERANCE);
  const qty = Float64Array.from(yw);
  applyQ(qr, qty, true);
  const beta = backSolve(qr, qty);
  const coefficients = new Float64Array(p).fill(NaN);
  for (let j = 0; j < qr.rank; j++) coefficients[qr.pivot[j]] = beta[j];

  const { fitted, residuals } = fittedAndResiduals(design, y, qr, qty, coefficients, weights, used);
  const rdf = m - qr.rank;
  const rss = weightedSumOfSquares(residuals, weights);
  const resvar = rss / rdf;
  const sigma = Math.sqrt(resvar);

  const cov = unscaledCovariance(qr);
  const coef = coefficientTable(names, coefficients, qr, cov, resvar, rdf);
  const vcov = fullCovariance(qr, cov, resvar);
  const tcrit = rdf > 0 ? tquantile(0.975, rdf) : NaN;
  const confint = coef.estimate.map((b, j): [number, number] => [b - tcrit * coef.se[j], b + tcrit * coef.se[j]]);

  const fit = varianceExplained(fitted, weights, rss, resvar, qr.rank, rdf, m, intercept);
  const logLik = logLikelihood(residuals, weights, m);
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
  for (let j = 0; j < p; j++) {
    for (let i = 0, off = j * n; i < n; i++) {
      if (!Number.isFinite(X[off + i])) throw nonFinite(`column "${names[j]}"`, i, X[off + i]);
    }
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

function nonFinite(what: string, row: number, value: number): AppError {
  const kind = Number.isNaN(value) ? 'missing' : 'infinite';
  return new AppError(
    'bad-input',
    `lm: the ${what} is ${kind} in row ${row + 1}; rows with missing values must be left out before fitting.`,
    { row: row + 1 },
  );
}

function rowsWithWeight(weights: Float64Array): Int32Array {
  let m = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) m++;
  const rows = new Int32Array(m);
  for (let i = 0, k = 0; i < weights.length; i++) if (weights[i] > 0) rows[k++] = i;
  return rows;
}

/** √w-scaled rows with positive weight: weighted least squares as ordinary least squares (lm.wfit). */
function weightedRows(design: LmDesign, y: Float64Array, w: Float64Array, rows: Int32Array): { X: Float64Array; y: Float64Array } {
  const { X, n, p } = design;
  const m = rows.length;
  const out = new Float64Array(m * p);
  const yw = new Float64Array(m);
  for (let k = 0; k < m; k++) yw[k] = y[rows[k]] * Math.sqrt(w[rows[k]]);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < m; k++) out[j * m + k] = X[j * n + rows[k]] * Math.sqrt(w[rows[k]]);
  }
  return { X: out, y: yw };
}

function fittedAndResiduals(
  design: LmDesign,
  y: Float64Array,
  qr: QrDecomposition,
  qty: Float64Array,
  coefficients: Float64Array,
  weights: Float64Array | null,
  used: Int32Array | null,
): { fitted: Float64Array; residuals: Float64Array } {
  const { n, p, X } = design;
  // Residuals are Q applied to the part of Q'y the columns do not explain (dqrsl), fitted = y − residuals (lm.fit).
  const rsd = Float64Array.from(qty);
  rsd.fill(0, 0, qr.rank);
  applyQ(qr, rsd, false);
  const residuals = new Float64Array(n);
  const fitted = new Float64Array(n);
  if (!weights || !used) {
    residuals.set(rsd);
    for (let i = 0; i < n; i++) fitted[i] = y[i] - rsd[i];
    return { fitted, residuals };
  }
  // Rows of weight 0 are predicted from the coefficients, as lm.wfit does.
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) if (!Number.isNaN(coefficients[j])) f += X[j * n + i] * coefficients[j];
    fitted[i] = f;
    residuals[i] = y[i] - f;
  }
  for (let k = 0; k < used.length; k++) {
    const i = used[k];
    residuals[i] = rsd[k] / Math.sqrt(weights[i]);
    fitted[i] = y[i] - residuals[i];
  }
  return { fitted, residuals };
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

/** logLik.lm: 0.5·(Σlog w − N·(log 2π + 1 − log N + log Σ w r²)) over rows with nonzero weight. */
function logLikelihood(r: Float64Array, w: Float64Array | null, m: number): number {
  let sumLogW = 0;
  let ss = 0;
  for (let i = 0; i < r.length; i++) {
    const wi = w ? w[i] : 1;
    if (wi === 0) continue;
    sumLogW += Math.log(wi);
    ss += wi * r[i] * r[i];
  }
  return 0.5 * (sumLogW - m * (Math.log(2 * Math.PI) + 1 - Math.log(m) + Math.log(ss)));
}
