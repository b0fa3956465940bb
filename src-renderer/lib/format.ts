import type { Cell, ColumnKind } from '@shared/dataset';

/**
 * Numbers the way R prints a single value: at most `digits` significant
 * digits, trailing zeros dropped, and fixed notation unless scientific is
 * narrower (R's rule with scipen = 0), e.g. 0.1661752, 1e+05, 1.234568e-08.
 */
export function formatNumber(x: number, digits = 7): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const target = Number(x.toPrecision(digits));
  let sig = digits;
  for (let s = 1; s < digits; s++) {
    if (Number(x.toPrecision(s)) === target) {
      sig = s;
      break;
    }
  }
  const sci = scientific(target, sig);
  const exponent = Number(sci.slice(sci.indexOf('e') + 1));
  if (Math.abs(exponent) >= 15) return sci;
  // R prints the integer part of a fixed-notation number in full, beyond `digits`.
  const fixed = x.toFixed(Math.max(0, sig - 1 - exponent));
  return fixed.length <= sci.length ? fixed : sci;
}

function scientific(x: number, sig: number): string {
  const [mantissa, exp] = x.toExponential(sig - 1).split('e');
  const e = Number(exp);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

export function formatInteger(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : formatNumber(x);
}

/** A grid cell as text; null (missing) is for the caller to render as NA. */
export function formatCell(value: Cell, kind: ColumnKind): string {
  if (value === null) return 'NA';
  if (typeof value === 'string') return value;
  if (kind === 'logical') return value === 0 ? 'FALSE' : value === 1 ? 'TRUE' : formatNumber(value);
  if (kind === 'integer') return formatInteger(value);
  return formatNumber(value);
}

/** Thousands separators for counts shown in prose ("4,059 rows"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function isNumericKind(kind: ColumnKind | string): boolean {
  return kind === 'numeric' || kind === 'integer' || kind === 'logical';
}

export const KIND_BADGES: Record<ColumnKind, { short: string; label: string }> = {
  numeric: { short: 'num', label: 'numeric' },
  integer: { short: 'int', label: 'integer' },
  logical: { short: 'lgl', label: 'logical (0/1)' },
  factor: { short: 'fct', label: 'factor' },
};
