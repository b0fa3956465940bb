import type { LmListFit } from '../lm/lm-list';
import { formatR, type RValue } from './format-real';
import { printTextMatrix } from './layout';

/**
 * nlme's print(lmList) and print(intervals(lmList)): a data frame of the
 * coefficients per group, the degrees of freedom and the pooled residual SD;
 * then the 3-way array of limits, one slice per coefficient. R formats every
 * column of a data frame or matrix slice on its own, with 7 significant digits.
 */
export function formatLmList(fit: LmListFit, model: string, dataName: string): string {
  const columns = fit.names.map((_, j) => formatColumn(fit.coef.map((row) => row[j])));
  let out = `Call:\n  Model: ${model} \n   Data: ${dataName} \n\nCoefficients:\n`;
  out += printTextMatrix({ rowNames: fit.groups, colNames: fit.names, cells: fit.groups.map((_, i) => columns.map((c) => c[i])) });
  // nlme counts the fitted values, so a group whose lm failed adds no rows.
  const total = fit.nobs.reduce((a, b, k) => a + (fit.failed[k] === null ? b : 0), 0);
  out += `\nDegrees of freedom: ${total} total; ${fit.df_pooled} residual\n`;
  out += `Residual standard error: ${formatR(fit.pooled_sigma)}\n`;
  return out;
}

export function formatLmListIntervals(fit: LmListFit): string {
  let out = '';
  fit.names.forEach((name, j) => {
    const lower = formatColumn(fit.lower.map((row) => row[j]));
    const est = formatColumn(fit.coef.map((row) => row[j]));
    const upper = formatColumn(fit.upper.map((row) => row[j]));
    out += `, , ${name}\n\n`;
    out += printTextMatrix({ rowNames: fit.groups, colNames: ['lower', 'est.', 'upper'], cells: fit.groups.map((_, i) => [lower[i], est[i], upper[i]]) });
    out += '\n';
  });
  return out;
}

function formatColumn(values: number[]): string[] {
  return formatR(values.map((v): RValue => (Number.isNaN(v) ? null : v)));
}
