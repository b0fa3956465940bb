import { printExpression } from '@shared/expr/print';
import { AppError } from '@shared/errors';
import { applyQ, backSolve, qrDecompose } from '../linalg/qr';
import type { LmmModel } from '../lmm/model';
import { buildDesign, usesContrasts } from '../model/design-columns';
import { zapsmall } from '../print/r-math';

/**
 * The hypotheses lmerTest 3.1-3 tests in anova(m, type = 3): per term of the fixed
 * part, a matrix L (rows × p, over the model's fixed effects) with H0: Lβ = 0.
 *
 * With treatment contrasts (the only coding Nestor's model matrix uses) lmerTest
 * builds them from the "complete" design rdX: an indicator or numeric column for
 * every cell of every term (model.matrix(~ 0 + term) per term). Each column of rdX
 * is written in the model's parameters (ginv(X)·rdX); a term's coefficients are then
 * made orthogonal, over those cells, to the coefficients of every term that contains
 * it (higher-order terms first), so that a main effect is tested averaged over the
 * factors it interacts with. Rows of the cell layout that are the model's own columns
 * give L; rows of (almost) zeros are dropped.
 *
 * A model with one term (or one column) gets lmerTest's type I hypotheses instead, as
 * lmerTest does: rows of the Doolittle factor of X'X.
 */
export interface TermContrast {
  term: string;
  L: number[][];
}

/** R's print digits: zapsmall's default in lmerTest's code. */
const ZAP_DIGITS = 7;

/** lmerTest's type III hypotheses per term; `messages` receives lmerTest's note on empty cells, if any. */
export function typeIIIContrasts(model: LmmModel, messages: string[] = []): TermContrast[] {
  const { p } = model.fixed;
  if (p <= 1 || model.formula.terms.length <= 1) return typeIContrasts(model);
  const { names: xNames } = model.fixed;
  const cells = cellDesign(model, messages);
  const c = cells.names.length;
  // Lc[r][j]: cell r (a column of rdX) in the model's parameter j, zapped as lmerTest does.
  const coef = leastSquares(model.fixed.X, model.n, p, cells.X, c);
  const flat = zapsmall(coef, ZAP_DIGITS) as number[];
  const Lc = Array.from({ length: c }, (_, r) => flat.slice(r * p, (r + 1) * p));

  const columns = termColumns(model);
  const containers = containment(model);
  const order = model.formula.terms.map((t, i) => ({ i, order: t.factors.length })).sort((a, b) => b.order - a.order || a.i - b.i);
  for (const { i } of order) {
    const within = containers[i];
    if (within.length === 0 || columns[i].length === 0) continue;
    const xCols = within.flatMap((k) => columns[k]);
    // Containing terms without columns (all aliased) leave y as it is, zapped again as lm.fit's residuals are.
    const residuals = xCols.length > 0 ? residualsOn(Lc, xCols, columns[i]) : columns[i].map((col) => Lc.map((row) => row[col]));
    const zapped = zapsmall(residuals.flat(), ZAP_DIGITS) as number[];
    columns[i].forEach((col, a) => {
      for (let r = 0; r < c; r++) Lc[r][col] = zapped[a * c + r];
    });
  }

  // The cells that are the model's own columns, in its column order.
  const rowOf = xNames.map((name) => {
    const r = cells.names.indexOf(name);
    if (r < 0) throw new AppError('internal', `Type III hypotheses: the model's column ${name} is not among the cells of the terms (${cells.names.join(', ')}).`);
    return r;
  });
  return model.formula.terms.map((term, i) => ({
    term: term.label,
    L: columns[i].map((col) => rowOf.map((r) => Lc[r][col])).filter((row) => row.reduce((s, x) => s + Math.abs(x), 0) > 1e-8),
  }));
}

/**
 * lmerTest's type I hypotheses (get_contrasts_type1): the rows of t(L) for each term's
 * columns, L the unit lower-triangular Doolittle factor of X'X.
 */
export function typeIContrasts(model: LmmModel): TermContrast[] {
  const { p, X } = model.fixed;
  const n = model.n;
  if (p === 0 || (p === 1 && model.formula.intercept)) return [];
  const xtx = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[a * n + i] * X[b * n + i];
      xtx[a * p + b] = s;
      xtx[b * p + a] = s;
    }
  }
  const L = p === 1 ? Float64Array.of(1) : doolittleLower(xtx, p);
  const columns = termColumns(model);
  return model.formula.terms.map((term, i) => ({
    term: term.label,
    L: columns[i].map((col) => Array.from({ length: p }, (_, j) => L[j * p + col])),
  }));
}

/**
 * lmerTest's doolittle(x)$L: the unit lower-triangular factor of x = LU, with its
 * thresholds (a pivot below 1e-6 in magnitude gives a zero column; entries below
 * 1e-6 are set to 0), row-major p × p.
 */
export function doolittleLower(x: Float64Array, n: number, eps = 1e-6): Float64Array {
  const L = new Float64Array(n * n);
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) L[i * n + i] = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let u = x[i * n + j];
      for (let k = 0; k < i; k++) u -= L[i * n + k] * U[k * n + j];
      U[i * n + j] = u;
    }
    for (let j = i + 1; j < n; j++) {
      let l = x[j * n + i];
      for (let k = 0; k < i; k++) l -= L[j * n + k] * U[k * n + i];
      L[j * n + i] = Math.abs(U[i * n + i]) < eps ? 0 : l / U[i * n + i];
    }
  }
  for (let k = 0; k < n * n; k++) if (Math.abs(L[k]) < eps) L[k] = 0;
  return L;
}

/** The model's columns (0-based) of each term of the formula. */
function termColumns(model: LmmModel): number[][] {
  const { assign } = model.fixed;
  return model.formula.terms.map((_, i) => Array.from(assign.keys()).filter((j) => assign[j] === i + 1));
}

/**
 * lmerTest's get_rdX: the intercept (when the model has one), then model.matrix(~ 0 + term)
 * of each term, n × c column-major, with its column names. Columns that are all zero are
 * cells without data, which lmerTest mentions.
 */
function cellDesign(model: LmmModel, messages: string[]): { X: Float64Array; names: string[] } {
  const { n } = model;
  const { variables } = model.frame;
  const parts = model.formula.terms.map((term) => buildDesign([term], false, variables, n, `The type III hypotheses of the term ${term.label}`));
  const names = [...(model.formula.intercept ? ['(Intercept)'] : []), ...parts.flatMap((d) => d.names)];
  const X = new Float64Array(n * names.length);
  let col = 0;
  if (model.formula.intercept) {
    X.fill(1, 0, n);
    col = 1;
  }
  for (const d of parts) {
    X.set(d.X, col * n);
    col += d.p;
  }
  const empty = names.filter((_, j) => X.subarray(j * n, (j + 1) * n).every((v) => v === 0));
  // lmerTest pastes "… . " and "\nInterpret …" with a space: two spaces end the first line.
  if (empty.length > 0) messages.push(`Missing cells for: ${empty.join(', ')}.  \nInterpret type III hypotheses with care.`);
  return { X, names };
}

/**
 * ginv(X)·Y for X of full column rank (the model's columns, aliased ones already dropped):
 * the least-squares coefficients of each column of Y, returned row-major c × p (row r: Y's
 * column r in X's parameters).
 */
function leastSquares(X: Float64Array, n: number, p: number, Y: Float64Array, c: number): number[] {
  const qr = qrDecompose(X, n, p);
  const out = new Array<number>(c * p).fill(0);
  for (let r = 0; r < c; r++) {
    const y = Y.slice(r * n, (r + 1) * n);
    applyQ(qr, y, true);
    const b = backSolve(qr, y);
    for (let k = 0; k < qr.rank; k++) out[r * p + qr.pivot[k]] = b[k];
  }
  return out;
}

/**
 * lm.fit(x = Lc[, xCols], y = Lc[, yCols]) residuals, over the cells (rows of Lc): the part of
 * each y column not in the span of the x columns. Returned per y column.
 */
function residualsOn(Lc: number[][], xCols: number[], yCols: number[]): number[][] {
  const c = Lc.length;
  const k = xCols.length;
  const x = new Float64Array(c * k);
  xCols.forEach((col, a) => {
    for (let r = 0; r < c; r++) x[a * c + r] = Lc[r][col];
  });
  const qr = qrDecompose(x, c, k);
  return yCols.map((col) => {
    const y = Float64Array.from(Lc, (row) => row[col]);
    applyQ(qr, y, true);
    y.fill(0, 0, qr.rank);
    applyQ(qr, y, false);
    return Array.from(y);
  });
}

/**
 * lmerTest's containment(): for each term, the terms that contain it, i.e. have all its
 * variables and more, with the same numeric variables. A term's variables are those R's
 * terms() marks 1 in attr(, "factors") (coded by contrasts there), as lmerTest reads them.
 */
function containment(model: LmmModel): number[][] {
  const keys = model.formula.terms.map((t) => t.factors.map(printExpression));
  const vars = keys.map((term, t) => term.filter((_, v) => usesContrasts(keys, t, v)));
  const isNumeric = (key: string) => {
    const kind = model.frame.variables.get(key)?.kind;
    return kind === 'numeric' || kind === 'integer';
  };
  const numerics = vars.map((vs) => vs.filter(isNumeric));
  const sameSet = (a: string[], b: string[]) => a.every((v) => b.includes(v)) && b.every((v) => a.includes(v));
  const contains = (inner: number, outer: number) =>
    vars[inner].every((v) => vars[outer].includes(v)) && vars[outer].some((v) => !vars[inner].includes(v)) && sameSet(numerics[inner], numerics[outer]);
  return keys.map((_, t) => keys.map((__, s) => s).filter((s) => contains(t, s)));
}
