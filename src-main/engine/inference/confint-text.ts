import { formatR } from '../print/format-real';
import { printTextMatrix } from '../print/layout';

/**
 * confint()'s answer as R prints it, for every method (Wald, profile, bootstrap):
 * row names, then the columns "2.5 %" and "97.5 %".
 */

/** lme4's column labels (format.perc(a, 3)): "2.5 %", "97.5 %". */
export function percentLabels(level: number): [string, string] {
  const a = (1 - level) / 2;
  const [lo, hi] = formatR([100 * a, 100 * (1 - a)], 3).map((s) => `${s.trim()} %`);
  return [lo, hi];
}

/** print() of confint's matrix: each column formatted on its own (7 significant digits); NaN or null ends print as NA, as R's NA_real_. */
export function formatConfintMatrix(names: readonly string[], ci: readonly (readonly (number | null)[])[], level = 0.95): string {
  const na = (x: number | null) => (x === null || Number.isNaN(x) ? null : x);
  const lower = formatR(ci.map((c) => na(c[0])));
  const upper = formatR(ci.map((c) => na(c[1])));
  return printTextMatrix({ rowNames: names, colNames: percentLabels(level), cells: names.map((_, i) => [lower[i], upper[i]]) });
}
