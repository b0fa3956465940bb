import { printCoefmat, type CoefTable } from './coefmat';
import type { RValue } from './format-real';

/**
 * R's print.anova: the heading lines, then printCoefmat with the anova rules —
 * test statistics ("F", "Chisq", "* value") get dig.tst decimals, "Df" columns
 * are printed as they are, the rest is zapped, and NA cells print as blanks.
 */
export function formatAnova(heading: string[], table: CoefTable, options: { digits?: number; fancyQuotes?: boolean } = {}): string {
  const names = table.colNames;
  const nc = names.length;
  const hasP = /^(P|Pr)\(/.test(names[nc - 1]);
  const tst = names.flatMap((n, j) => (n.slice(1, 7) === ' value' || ['F', 'Cp', 'Chisq'].includes(n) ? [j] : []));
  const zap = Array.from({ length: hasP ? nc - 1 : nc }, (_, j) => j).filter((j) => !tst.includes(j) && !/Df$/.test(names[j]));
  let out = heading.map((line) => line + '\n').join('');
  out += printCoefmat(table, {
    digits: options.digits ?? 5,
    hasPValue: hasP,
    csInd: [],
    tstInd: tst,
    zapInd: zap,
    naPrint: '',
    fancyQuotes: options.fancyQuotes,
  });
  return out;
}

export function anovaColumn(values: readonly (number | null)[]): RValue[] {
  return values.map((v) => (v === null || Number.isNaN(v) ? null : v));
}
