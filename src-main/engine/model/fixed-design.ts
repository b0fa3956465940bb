import { QR_TOLERANCE } from '../linalg/qr';
import { tallQr, type RowReduction } from '../linalg/tall-qr';
import { buildDesign } from './design-columns';
import type { ModelFrame, ModelResponse } from './model-frame';

/**
 * The fixed-effects model matrix X of a model frame, as lm and lmer build it:
 * R's model.matrix columns (design-columns.ts), then the columns that are linear
 * combinations of earlier ones found by R's pivoting QR (tol 1e-7) and dropped,
 * as lme4 drops them; lm reports the same columns as "not defined because of
 * singularities". The fit uses X; `full` keeps every column for tables that
 * show the aliased ones as NA, as R's summary(lm) does.
 */
export interface FixedDesign {
  /** n × p, column-major: the columns kept, in model.matrix order. */
  X: Float64Array;
  n: number;
  p: number;
  names: string[];
  /** Term index per column (0 = intercept, k = k-th term of the formula, 1-based). */
  assign: Int32Array;
  /** Columns dropped as linear combinations of earlier ones, in R's pivoting order. */
  aliased: string[];
  /** Every model.matrix column, and which of them X keeps (0-based indices, increasing). */
  full: { names: string[]; assign: Int32Array; kept: Int32Array };
  response: ModelResponse | null;
  offset: Float64Array | null;
  messages: string[];
  /**
   * For long data, the reduced rows of [X | y] (y the numeric response) behind the
   * aliasing check; lm's fit reuses it (fitLm's `reduction` option) instead of reading
   * the rows again. Null for short data, where dqrdc2 runs on the rows themselves.
   */
  reduction: RowReduction | null;
}

/** R's tolerance in lm.fit and lme4's rank check (qr(X, tol = 1e-7)). */
export const ALIAS_TOL = QR_TOLERANCE;

export function buildFixedDesign(mf: ModelFrame): FixedDesign {
  const { formula, n } = mf;
  const design = buildDesign(formula.terms, formula.intercept, mf.variables, n, `In the formula "${formula.source}"`);
  const { p } = design;
  // The response rides along in the row reduction so that lm's fit need not reduce the rows again.
  const y = mf.response?.kind === 'vector' && mf.response.levels === null ? mf.response.y : null;
  const { qr, reduction } = tallQr(design.X, n, p, y ? [y] : [], { tol: ALIAS_TOL });
  // Pivoted to the end, beyond the rank: the columns that are linear combinations of earlier ones.
  const aliasedIndex = Array.from(qr.pivot.subarray(qr.rank));
  const isAliased = new Uint8Array(p);
  for (const j of aliasedIndex) isAliased[j] = 1;
  const kept = Int32Array.from({ length: p }, (_, j) => j).filter((j) => !isAliased[j]);
  const messages: string[] = [];
  let X = design.X;
  if (aliasedIndex.length > 0) {
    X = new Float64Array(n * kept.length);
    kept.forEach((j, k) => X.set(design.X.subarray(j * n, (j + 1) * n), k * n));
    const count = aliasedIndex.length;
    messages.push(
      `Coefficients: (${count} not defined because of singularities): ${aliasedIndex.map((j) => design.names[j]).join(', ')} ` +
        `${count === 1 ? 'is a linear combination' : 'are linear combinations'} of earlier columns and ${count === 1 ? 'was' : 'were'} dropped.`,
    );
  }
  return {
    X,
    n,
    p: kept.length,
    names: Array.from(kept, (j) => design.names[j]),
    assign: Int32Array.from(kept, (j) => design.assign[j]),
    aliased: aliasedIndex.map((j) => design.names[j]),
    full: { names: design.names, assign: design.assign, kept },
    response: mf.response,
    offset: mf.offset,
    messages,
    reduction: reduction && { ...reduction, X, columns: kept },
  };
}
