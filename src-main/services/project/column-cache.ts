import type { Column } from '../../engine/data/column';

/**
 * Decoded columns kept in memory so a grid scrolling through a large dataset
 * decodes each column's blob once, not on every page. Entries are grouped by
 * dataset and evicted least-recently-used dataset first once the typed arrays
 * exceed the byte budget; the dataset in use is never evicted by its own read.
 */
export class ColumnCache {
  /** Map order is recency: the last entry is the most recently used dataset. */
  private readonly datasets = new Map<string, { columns: Map<number, Column>; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(datasetId: string, position: number, load: () => Column): Column {
    let entry = this.datasets.get(datasetId);
    if (entry) {
      this.datasets.delete(datasetId);
    } else {
      entry = { columns: new Map(), bytes: 0 };
    }
    this.datasets.set(datasetId, entry);
    let column = entry.columns.get(position);
    if (!column) {
      column = load();
      const size = byteSize(column);
      entry.columns.set(position, column);
      entry.bytes += size;
      this.bytes += size;
      this.evict(datasetId);
    }
    return column;
  }

  drop(datasetId: string): void {
    const entry = this.datasets.get(datasetId);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.datasets.delete(datasetId);
  }

  clear(): void {
    this.datasets.clear();
    this.bytes = 0;
  }

  get cachedBytes(): number {
    return this.bytes;
  }

  has(datasetId: string, position: number): boolean {
    return this.datasets.get(datasetId)?.columns.has(position) ?? false;
  }

  private evict(keep: string): void {
    for (const [id, entry] of this.datasets) {
      if (this.bytes <= this.budgetBytes) return;
      if (id === keep) continue;
      this.bytes -= entry.bytes;
      this.datasets.delete(id);
    }
  }
}

function byteSize(column: Column): number {
  return column.kind === 'factor' ? column.codes.byteLength : column.values.byteLength;
}
