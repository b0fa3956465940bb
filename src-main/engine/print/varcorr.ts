import { formatR } from './format-real';
import { printTextMatrix, type TextMatrix } from './layout';
import { roundR } from './r-math';
import { makeNames } from './r-strings';

/**
 * lme4's "Random effects:" table (formatVC, lme4 1.1-31): one row per random effect
 * and one for the residual, with the group named on the first row of its term, the
 * variances and standard deviations each formatted together with `digits`
 * significant digits, and each term's correlations in the lower triangle.
 */
export interface VarCorrTerm {
  /** The grouping factor as lme4 names it ("school", "g2:g1"); repeated factors are relabelled as lme4 does. */
  group: string;
  /** Names of the random effects of the term: "(Intercept)", "standLRT". */
  names: readonly string[];
  /** Standard deviations of those effects. */
  sd: readonly number[];
  /** Correlation matrix of the effects (row-major rows); null or absent for a single effect. */
  corr?: readonly (readonly number[])[] | null;
}

export interface VarCorrOptions {
  /** summary's digits: max(3, getOption("digits") - 3) = 4. */
  digits?: number;
  /** Columns shown, in lme4's order; summary shows both, print(fit) only "Std.Dev.". */
  comp?: readonly ('Variance' | 'Std.Dev.')[];
  width?: number;
  /** attr(VarCorr, "useSc"): false for glmer's binomial and Poisson fits, which have no Residual row. */
  useScale?: boolean;
}

/**
 * VarCorr's names: the grouping factors, made syntactic and unique with make.names()
 * when one factor has several terms (mkVarCorr), so `(1 | g) + (0 + x | g)` shows g, g.1.
 */
export function varCorrLabels(groups: readonly string[]): string[] {
  return new Set(groups).size < groups.length ? makeNames(groups, true) : groups.slice();
}

/** formatVC(): the character matrix lme4 prints (with useScale, as for every lmer fit). */
export function formatVarCorr(terms: readonly VarCorrTerm[], sigma: number, options: VarCorrOptions = {}): TextMatrix {
  const digits = options.digits ?? 4;
  const comp = options.comp ?? ['Variance', 'Std.Dev.'];
  const labels = varCorrLabels(terms.map((t) => t.group));
  const useScale = options.useScale ?? true;
  const sds = [...terms.flatMap((t) => t.sd), ...(useScale ? [sigma] : [])];
  const nr = sds.length;
  const groupCol = new Array<string>(nr).fill('');
  const nameCol: string[] = [];
  let row = 0;
  terms.forEach((t, k) => {
    groupCol[row] = labels[k];
    nameCol.push(...t.names);
    row += t.names.length;
  });
  if (useScale) {
    groupCol[row] = 'Residual';
    nameCol.push('');
  }

  const colNames = ['Groups', 'Name'];
  const columns: string[][] = [groupCol, nameCol];
  for (const c of comp) {
    colNames.push(c);
    // R squares the standard deviations (x^2 is x * x in R's arithmetic).
    columns.push(formatR(c === 'Variance' ? sds.map((s) => s * s) : sds, digits));
  }
  const maxlen = Math.max(...terms.map((t) => t.names.length));
  if (maxlen > 1) {
    const corr = correlationColumns(terms, digits, maxlen, nr);
    corr.forEach((col, j) => {
      colNames.push(j === 0 ? 'Corr' : '');
      columns.push(col);
    });
  }
  return { rowNames: new Array<string>(nr).fill(''), colNames, cells: Array.from({ length: nr }, (_, i) => columns.map((c) => c[i])) };
}

/**
 * Each term's correlations rounded to max(2, digits - 2) decimals and formatted together
 * (nsmall keeps the decimals), blank on and above the diagonal; terms are padded to the
 * largest term's width, whose last (always blank) column is dropped.
 */
function correlationColumns(terms: readonly VarCorrTerm[], digits: number, maxlen: number, nr: number): string[][] {
  const dig = Math.max(2, digits - 2);
  const cols: string[][] = Array.from({ length: maxlen - 1 }, () => new Array<string>(nr).fill(''));
  let row = 0;
  for (const t of terms) {
    const p = t.names.length;
    const m = t.corr ?? [[1]];
    // format() of a matrix formats all its cells together, diagonal included.
    const flat: number[] = [];
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) flat.push(roundR(m[i]?.[j] ?? (i === j ? 1 : NaN), dig));
    const text = formatR(flat, 7, dig);
    for (let i = 0; i < p; i++) for (let j = 0; j < Math.min(i, maxlen - 1); j++) cols[j][row + i] = text[i * p + j];
    row += p;
  }
  return cols;
}

/** print(formatVC(...), quote = FALSE): a left-justified character matrix without row names. */
export function printVarCorr(terms: readonly VarCorrTerm[], sigma: number, options: VarCorrOptions = {}): string {
  return printTextMatrix(formatVarCorr(terms, sigma, options), { right: false, width: options.width });
}
