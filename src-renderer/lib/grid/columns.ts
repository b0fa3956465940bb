import type { ColumnInfo } from '@shared/dataset';

/**
 * Column widths fixed per dataset, from the header text and (for factors)
 * the longest of the first levels, so the grid never measures the DOM.
 * Offsets are prefix sums: column j spans [offsets[j], offsets[j + 1]).
 */
export interface TextMeasure {
  header(text: string): number;
  text(text: string): number;
  mono(text: string): number;
}

/** Average glyph widths of 13px sans and 12px monospace; used where no canvas is at hand. */
export const estimatedMeasure: TextMeasure = {
  header: (t) => t.length * 8.4,
  text: (t) => t.length * 7.6,
  mono: (t) => t.length * 7.3,
};

const MIN_WIDTH = 72;
const MAX_WIDTH = 280;
const CELL_PADDING = 18;
const HEADER_EXTRA = 16 + 6 + 36; // padding, gap and the type badge (up to ~31 px for "num")
const WIDEST_NUMBER = '-1.234568e-08';
const LEVELS_MEASURED = 200;

export function columnOffsets(columns: ColumnInfo[], measure: TextMeasure = estimatedMeasure): Float64Array {
  const offsets = new Float64Array(columns.length + 1);
  for (let j = 0; j < columns.length; j++) offsets[j + 1] = offsets[j] + columnWidth(columns[j], measure);
  return offsets;
}

export function columnWidth(column: ColumnInfo, measure: TextMeasure = estimatedMeasure): number {
  const header = measure.header(column.name) + HEADER_EXTRA;
  let body = measure.mono(WIDEST_NUMBER) + CELL_PADDING;
  if (column.kind === 'factor') {
    body = measure.text('NA') + CELL_PADDING;
    const levels = column.levels ?? [];
    for (let i = 0; i < Math.min(levels.length, LEVELS_MEASURED); i++) {
      body = Math.max(body, measure.text(levels[i]) + CELL_PADDING);
    }
  }
  return Math.ceil(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, header, body)));
}

/** Width of the row-number column for a dataset with `rows` rows. */
export function rowNumberWidth(rows: number, measure: TextMeasure = estimatedMeasure): number {
  return Math.ceil(measure.mono('0'.repeat(Math.max(3, String(rows).length))) + 20);
}
