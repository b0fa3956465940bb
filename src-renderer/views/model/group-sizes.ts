import { MAX_PAGE_ROWS, type Cell, type DatasetInfo } from '@shared/dataset';
import { invoke } from '../../lib/api.svelte';

/**
 * Rows per level of an imported factor, for lmList's check that every group has
 * rows enough for its coefficients. Imported data never change, so each
 * column is read once per dataset, a page of rows at a time.
 */
const counted = new Map<string, Promise<Map<string, number> | null>>();

export function groupSizes(dataset: DatasetInfo, name: string): Promise<Map<string, number> | null> {
  const key = `${dataset.id}\u0000${name}`;
  let sizes = counted.get(key);
  if (!sizes) {
    sizes = readSizes(dataset, name);
    counted.set(key, sizes);
    // A failed read (the connection dropped) is tried again next time.
    void sizes.then((s) => s === null && counted.delete(key));
  }
  return sizes;
}

async function readSizes(dataset: DatasetInfo, name: string): Promise<Map<string, number> | null> {
  const columnStart = dataset.columns.findIndex((c) => c.name === name);
  if (columnStart < 0 || dataset.columns[columnStart].kind !== 'factor') return null;
  const sizes = new Map<string, number>();
  for (let rowStart = 0; rowStart < dataset.rows; rowStart += MAX_PAGE_ROWS) {
    const rowCount = Math.min(MAX_PAGE_ROWS, dataset.rows - rowStart);
    const page = await invoke('datasets.page', { datasetId: dataset.id, rowStart, rowCount, columnStart, columnCount: 1 });
    if (!page.ok) return null;
    countCells(page.value.columns[0]?.cells ?? [], sizes);
  }
  return sizes;
}

/** Adds each cell's label to its count; missing cells (null) belong to no group. */
export function countCells(cells: readonly Cell[], sizes: Map<string, number>): Map<string, number> {
  for (const cell of cells) if (cell !== null) sizes.set(String(cell), (sizes.get(String(cell)) ?? 0) + 1);
  return sizes;
}
