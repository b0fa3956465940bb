import { formatPValue, formatR, DEFAULT_DIGITS, DOUBLE_EPS, type RValue } from './format-real';
import { printTextMatrix, type ConsoleOptions } from './layout';
import { roundR, zapsmall } from './r-math';

/**
 * R's printCoefmat(): the coefficient table of summary.lm, glm, lme4 and lmerTest.
 * Estimates and standard errors are rounded to a common number of decimals set by
 * the smallest of them and formatted together; test statistics are rounded to
 * dig.tst decimals; p-values go through format.pval; stars and the legend follow.
 */
export interface CoefTable {
  rowNames: readonly string[];
  /** e.g. ["Estimate", "Std. Error", "t value", "Pr(>|t|)"]. */
  colNames: readonly string[];
  /** columns[j][i]: column j, row i; null is NA. */
  columns: readonly (readonly RValue[])[];
}

export interface CoefmatOptions extends ConsoleOptions {
  /** R's `digits` (summary.lm passes max(3, getOption("digits") - 3) = 4; printCoefmat's own default is 5). */
  digits?: number;
  signifStars?: boolean;
  signifLegend?: boolean;
  /** Decimals of the test statistic; default max(1, min(5, digits - 1)). */
  digTst?: number;
  /** 0-based columns holding estimates and standard errors; default all before the test statistic. */
  csInd?: number[];
  /** 0-based columns of test statistics; default the one after csInd. */
  tstInd?: number[];
  /** 0-based columns passed through zapsmall first. */
  zapInd?: number[];
  /** Whether the last column is a p-value; default when there are ≥ 4 columns and its name starts "Pr(" or "p-v". */
  hasPValue?: boolean;
  epsPValue?: number;
  naPrint?: string;
  /** Curly quotes in the legend, as R prints them in a UTF-8 console; default plain ASCII quotes. */
  fancyQuotes?: boolean;
}

const CUTPOINTS = [0, 0.001, 0.01, 0.05, 0.1, 1];
const SYMBOLS = ['***', '**', '*', '.', ' '];

/** The "Signif. codes" legend: symnum's legend attribute. */
export function signifLegend(fancyQuotes = false): string {
  const quote = (s: string) => (fancyQuotes ? `\u2018${s}\u2019` : `'${s}'`);
  const parts: string[] = [];
  CUTPOINTS.forEach((c, i) => {
    parts.push(formatR(c));
    if (i < SYMBOLS.length) parts.push(quote(SYMBOLS[i]));
  });
  return parts.join(' ');
}

/** symnum(p, corr = FALSE, na = FALSE) with printCoefmat's cutpoints: intervals closed on the right, 0 included. */
export function significanceStars(p: RValue): string {
  if (p === null || Number.isNaN(p) || p < 0 || p > 1) return '';
  for (let k = 1; k < CUTPOINTS.length; k++) if (p <= CUTPOINTS[k]) return SYMBOLS[k - 1];
  return '';
}

export function printCoefmat(table: CoefTable, options: CoefmatOptions = {}): string {
  const digits = options.digits ?? Math.max(3, DEFAULT_DIGITS - 2);
  const nrow = table.rowNames.length;
  let nc = table.columns.length;
  const last = table.colNames[nc - 1] ?? '';
  const hasP = options.hasPValue ?? (nc >= 4 && ['Pr(', 'p-v'].includes(last.slice(0, 3)));
  const digTst = options.digTst ?? Math.max(1, Math.min(5, digits - 1));
  const k = nc - (hasP ? 1 : 0) - (options.tstInd ? options.tstInd.length : 1);
  const csInd = options.csInd ?? Array.from({ length: Math.max(0, k) }, (_, j) => j);
  const tstInd = options.tstInd ?? [k];
  const xm = table.columns.map((c) => c.slice());
  for (const j of options.zapInd ?? []) xm[j] = zapsmall(xm[j], digits);
  const isNA = (v: RValue) => v === null || Number.isNaN(v);
  const cf: string[][] = Array.from({ length: nrow }, () => new Array<string>(nc).fill(''));
  const setColumns = (cols: number[], texts: string[]) => cols.forEach((j, c) => texts.slice(c * nrow, (c + 1) * nrow).forEach((t, i) => (cf[i][j] = t)));

  if (csInd.length > 0) {
    const coefSe = csInd.flatMap((j) => xm[j]);
    const finite = coefSe.filter((v): v is number => v !== null && Number.isFinite(v)).map(Math.abs);
    if (finite.length > 0) {
      const nonzero = finite.filter((v) => v !== 0);
      // digmin from the smallest nonzero |value|: R's max(1, digits - digmin) over range().
      const digmin = 1 + (nonzero.length > 0 ? Math.floor(Math.log10(Math.min(...nonzero))) : 0);
      const decimals = Math.max(1, digits - digmin);
      setColumns(csInd, formatR(coefSe.map((v) => (v === null ? v : roundR(v, decimals))), digits));
    }
  }
  if (tstInd.length > 0 && tstInd.every((j) => j < nc)) {
    setColumns(tstInd, formatR(tstInd.flatMap((j) => xm[j]).map((v) => (v === null ? v : roundR(v, digTst))), digits));
  }
  for (let j = 0; j < nc; j++) {
    if (csInd.includes(j) || tstInd.includes(j) || (hasP && j === nc - 1)) continue;
    setColumns([j], formatR(xm[j], digits));
  }
  fixVanishedZeros(xm, cf, hasP ? nc - 1 : nc, tstInd, digits, isNA);
  for (let j = 0; j < nc; j++) {
    for (let i = 0; i < nrow; i++) {
      const v = xm[j][i];
      if (v === null || Number.isNaN(v)) cf[i][j] = v === null ? options.naPrint ?? 'NA' : 'NaN';
    }
  }

  let stars = false;
  if (hasP) {
    const pv = xm[nc - 1];
    const ok = pv.map((v) => !isNA(v));
    if (ok.some(Boolean)) {
      const idx = pv.map((_, i) => i).filter((i) => ok[i]);
      const texts = formatPValue(
        idx.map((i) => pv[i]),
        digTst,
        options.epsPValue ?? DOUBLE_EPS,
      );
      idx.forEach((i, c) => (cf[i][nc - 1] = texts[c]));
      stars = (options.signifStars ?? true) && idx.some((i) => (pv[i] as number) < 0.1);
      if (stars) {
        const symbols = pv.map(significanceStars);
        const w = Math.max(...symbols.map((s) => s.length));
        symbols.forEach((s, i) => cf[i].push(s.padEnd(w)));
        nc++;
      }
    }
  }
  const colNames = stars ? [...table.colNames, ''] : [...table.colNames];
  let text = printTextMatrix({ rowNames: table.rowNames, colNames, cells: cf }, { width: options.width, right: true });
  if (stars && (options.signifLegend ?? true)) text += '---\nSignif. codes:  ' + signifLegend(options.fancyQuotes) + '\n';
  return text;
}

/**
 * A nonzero value shown as zero (or zero shown otherwise) after the common rounding
 * is written again on its own with one digit fewer, as printCoefmat does.
 */
function fixVanishedZeros(
  xm: RValue[][],
  cf: string[][],
  ncols: number,
  tstInd: number[],
  digits: number,
  isNA: (v: RValue) => boolean,
): void {
  const wrong: [number, number][] = [];
  for (let j = 0; j < ncols; j++) {
    if (tstInd.includes(j)) continue;
    for (let i = 0; i < xm[j].length; i++) {
      const v = xm[j][i];
      if (isNA(v)) continue;
      const shown = Number(cf[i][j].trim());
      if (Number.isNaN(shown)) continue;
      if ((v === 0) !== (shown === 0)) wrong.push([i, j]);
    }
  }
  if (wrong.length === 0) return;
  const texts = formatR(
    wrong.map(([i, j]) => xm[j][i]),
    Math.max(1, digits - 1),
  );
  wrong.forEach(([i, j], c) => (cf[i][j] = texts[c]));
}
