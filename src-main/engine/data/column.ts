/**
 * A dataset column as the engine holds it: one typed array, no per-cell objects.
 * Numbers use NaN for a missing value (R's model frames drop NA and NaN alike);
 * factor codes index `levels` (0-based) with -1 for missing.
 */
export type NumericKind = 'numeric' | 'integer' | 'logical';

export interface NumericColumn {
  name: string;
  kind: NumericKind;
  values: Float64Array;
}

export interface FactorColumn {
  name: string;
  kind: 'factor';
  codes: Int32Array;
  /** In order; levels[0] is the reference level under treatment contrasts. */
  levels: string[];
}

export type Column = NumericColumn | FactorColumn;

export const MISSING_CODE = -1;

export function columnLength(column: Column): number {
  return column.kind === 'factor' ? column.codes.length : column.values.length;
}

export function isMissing(column: Column, row: number): boolean {
  return column.kind === 'factor' ? column.codes[row] === MISSING_CODE : Number.isNaN(column.values[row]);
}

export function countMissing(column: Column): number {
  let missing = 0;
  if (column.kind === 'factor') {
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] === MISSING_CODE) missing++;
  } else {
    const values = column.values;
    for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) missing++;
  }
  return missing;
}

/** The value a person reads in a grid cell: number, level label, or null. */
export function cellValue(column: Column, row: number): number | string | null {
  if (column.kind === 'factor') {
    const code = column.codes[row];
    return code === MISSING_CODE ? null : column.levels[code];
  }
  const v = column.values[row];
  return Number.isNaN(v) ? null : v;
}
