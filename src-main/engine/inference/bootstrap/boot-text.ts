import { formatR } from '../../print/format-real';
import { printTextMatrix } from '../../print/layout';

/**
 * What R prints for confint(fit, method = "boot"): the matrix of interval ends,
 * one row per parameter, columns named as confint.bootMer names them
 * (format(100·α, digits = 3) followed by " %", e.g. "2.5 %" and "97.5 %"), each
 * column formatted on its own with 7 significant digits; an end that could not
 * be computed prints as NA.
 */
export function bootIntervalColumns(level: number): [string, string] {
  const a = (1 - level) / 2;
  const labels = formatR([100 * a, 100 * (1 - a)], 3).map((s) => `${s.trim()} %`);
  return [labels[0], labels[1]];
}

export function formatBootIntervals(names: readonly string[], ci: readonly (readonly [number | null, number | null])[], level: number): string {
  const columns = [0, 1].map((j) => formatR(ci.map((row) => row[j])));
  return printTextMatrix({
    rowNames: names,
    colNames: bootIntervalColumns(level),
    cells: names.map((_, i) => [columns[0][i], columns[1][i]]),
  });
}
