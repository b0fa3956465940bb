/** A request that the Data grid show one row of a dataset (1-based, as the grid numbers rows); `seq` tells a repeat apart. */
export interface RowReveal {
  datasetId: string;
  row: number;
  seq: number;
}

/**
 * The next reveal request, or null for a row number that names no row (a
 * point without a usable row). Asking again for the same row is a new request,
 * so the grid scrolls back to it after the person scrolled away.
 */
export function nextReveal(previous: RowReveal | null, datasetId: string, row: number, rows: number): RowReveal | null {
  if (!Number.isInteger(row) || row < 1 || row > rows) return null;
  return { datasetId, row, seq: (previous?.seq ?? 0) + 1 };
}
