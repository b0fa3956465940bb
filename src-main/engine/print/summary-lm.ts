import type { LmFit } from '../lm/fit-lm';
import { quantilesType7 } from '../lm/quantiles';
import { printCoefmat } from './coefmat';
import { catNumber, DEFAULT_DIGITS, formatC, formatPValue, formatR } from './format-real';
import { printNamedVector } from './layout';
import { signif, zapsmall } from './r-math';

export interface SummaryLmOptions {
  /** R's `digits` for the summary; default max(3, getOption("digits") - 3) = 4. */
  digits?: number;
  /** Rows dropped for missing values before the fit: R's "(k observations deleted due to missingness)". */
  naDeleted?: number;
  /** Names of the fitted rows (R's row names, original row numbers after NA deletion); default "1", "2", … */
  rowNames?: readonly string[];
  signifStars?: boolean;
  /** Curly quotes in the "Signif. codes" legend (R in a UTF-8 console); default the ASCII quotes of the course notes. */
  fancyQuotes?: boolean;
  width?: number;
}

/**
 * The text of R's print(summary(fit)) for an lm fit, character for character
 * (stats:::print.summary.lm, R 4.2), including R's blank lines, trailing spaces and
 * the tab before "Adjusted R-squared". `call` is the deparsed call as R shows it,
 * e.g. "lm(formula = normexam ~ standLRT, data = Exam)"; it may span lines.
 */
export function formatSummaryLm(fit: LmFit, call: string, options: SummaryLmOptions = {}): string {
  const digits = options.digits ?? Math.max(3, DEFAULT_DIGITS - 3);
  const rdf = fit.df_resid;
  let out = '\nCall:\n' + call + '\n\n';
  out += residualsBlock(fit, rdf, digits, options);
  out += coefficientsBlock(fit, digits, options);
  out += '\nResidual standard error: ' + formatR(signif(fit.sigma, digits)) + ' on ' + rdf + ' degrees of freedom\n';
  if (options.naDeleted) {
    const k = options.naDeleted;
    out += `  (${k} observation${k === 1 ? '' : 's'} deleted due to missingness)\n`;
  }
  if (fit.fstatistic) {
    const [value, numdf, dendf] = fit.fstatistic;
    out += 'Multiple R-squared:  ' + formatC(fit.r_squared, digits);
    out += ',\tAdjusted R-squared:  ' + formatC(fit.adj_r_squared, digits) + ' ';
    out += '\nF-statistic: ' + formatC(value, digits) + ' on ' + catNumber(numdf) + ' and ' + catNumber(dendf);
    out += ' DF,  p-value: ' + formatPValue([fit.f_p], digits)[0] + '\n';
  }
  return out + '\n';
}

function residualsBlock(fit: LmFit, rdf: number, digits: number, options: SummaryLmOptions): string {
  const w = fit.weights;
  let weighted = false;
  if (w && w.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < w.length; i++) {
      lo = Math.min(lo, w[i]);
      hi = Math.max(hi, w[i]);
    }
    weighted = hi - lo !== 0;
  }
  // summary.lm reports √w-scaled residuals for a weighted fit.
  const r = w ? fit.residuals.map((ri, i) => Math.sqrt(w[i]) * ri) : fit.residuals;
  let out = (weighted ? 'Weighted ' : '') + 'Residuals:\n';
  if (rdf > 5) {
    const q = zapsmall(quantilesType7(r, [0, 0.25, 0.5, 0.75, 1]), digits + 1);
    out += printNamedVector(q, ['Min', '1Q', 'Median', '3Q', 'Max'], digits, { width: options.width });
  } else if (rdf > 0) {
    const names = options.rowNames ?? Array.from(r, (_, i) => String(i + 1));
    out += printNamedVector(Array.from(r), names, digits, { width: options.width });
  } else {
    out += `ALL ${fit.rank} residuals are 0: no residual degrees of freedom!\n`;
  }
  return out;
}

function coefficientsBlock(fit: LmFit, digits: number, options: SummaryLmOptions): string {
  const { coef } = fit;
  if (coef.names.length === 0) return '\nNo Coefficients\n';
  const singular = coef.names.length - fit.rank;
  let out = singular > 0 ? `\nCoefficients: (${singular} not defined because of singularities)\n` : '\nCoefficients:\n';
  // Aliased rows (no estimate) are NA in every column: R fills them in after the fact.
  const column = (v: number[]) => v.map((x, i) => (Number.isNaN(coef.estimate[i]) ? null : x));
  out += printCoefmat(
    {
      rowNames: coef.names,
      colNames: ['Estimate', 'Std. Error', 't value', 'Pr(>|t|)'],
      columns: [column(coef.estimate), column(coef.se), column(coef.t), column(coef.p)],
    },
    { digits, signifStars: options.signifStars, fancyQuotes: options.fancyQuotes, width: options.width },
  );
  return out;
}
