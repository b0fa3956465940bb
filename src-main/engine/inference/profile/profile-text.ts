import { formatR } from '../../print/format-real';
import { printTextMatrix } from '../../print/layout';

/** lme4's column labels (format.perc(a, 3)): "2.5 %", "97.5 %". */
export function percentLabels(level: number): [string, string] {
  const a = (1 - level) / 2;
  const [lo, hi] = formatR([100 * a, 100 * (1 - a)], 3).map((s) => `${s.trim()} %`);
  return [lo, hi];
}

/** print() of confint's matrix: each column formatted on its own (7 significant digits); NaN ends print as NA, as R's NA_real_. */
export function formatProfileIntervals(names: readonly string[], ci: readonly [number, number][], level: number): string {
  const na = (x: number) => (Number.isNaN(x) ? null : x);
  const lower = formatR(ci.map((c) => na(c[0])));
  const upper = formatR(ci.map((c) => na(c[1])));
  return printTextMatrix({ rowNames: names, colNames: percentLabels(level), cells: names.map((_, i) => [lower[i], upper[i]]) });
}
