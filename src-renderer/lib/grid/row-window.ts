import type { Cell } from '@shared/dataset';

/**
 * Which rows the grid keeps in the DOM, and the row objects it draws them
 * from. The number of rows in the DOM is fixed for a given viewport, and row r
 * always lives in slot r mod that number, so a scroll of k rows rewrites only
 * the k slots whose row changed: the others get back the very same object and
 * Svelte leaves their elements alone. (Keyed by row number, a scroll would
 * create and destroy elements; keyed by position, it would rewrite every row.)
 */
export interface RowSpan {
  /** First row in the DOM (inclusive). */
  first: number;
  /** One past the last row in the DOM. */
  end: number;
  /** How many slots there are: end - first, fixed while the viewport keeps its height. */
  slots: number;
}

/**
 * The rows to keep in the DOM with `top` (fractional) at the top of a
 * viewport of `visible` rows: the rows in view plus `overscan` on each side,
 * always the same number of them (fewer only when the dataset is shorter).
 */
export function rowSpan(top: number, visible: number, overscan: number, rows: number): RowSpan {
  const slots = Math.min(rows, Math.ceil(visible) + 1 + 2 * overscan);
  const first = Math.max(0, Math.min(Math.floor(top) - overscan, rows - slots));
  return { first, end: first + slots, slots };
}

export interface RowCell<C> {
  column: C;
  value: Cell | undefined;
  text: string;
}

export interface GridRow<C> {
  r: number;
  /** r mod slots: the key the grid's each block uses. */
  slot: number;
  cells: RowCell<C>[];
}

export interface RowSource<C> {
  /** The cell's value, or undefined while its page is not loaded. */
  cell(r: number, column: C): Cell | undefined;
  format(value: Cell, column: C): string;
}

export class RowRecycler<C> {
  private built = new Map<number, GridRow<C>>();
  private columns: readonly C[] | null = null;
  private slots = 0;

  constructor(private readonly source: RowSource<C>) {}

  /**
   * The rows of `span` in slot order. A row comes back as the same object as
   * last time unless its columns changed or a cell that was loading has
   * arrived since.
   */
  rows(span: RowSpan, columns: readonly C[]): GridRow<C>[] {
    if (columns !== this.columns || span.slots !== this.slots) {
      this.built.clear();
      this.columns = columns;
      this.slots = span.slots;
    }
    const next = new Map<number, GridRow<C>>();
    const bySlot: GridRow<C>[] = new Array(span.slots);
    for (let r = span.first; r < span.end; r++) {
      let row = this.built.get(r);
      if (!row || this.arrived(row)) row = this.build(r, columns, span.slots);
      next.set(r, row);
      bySlot[row.slot] = row;
    }
    this.built = next;
    return bySlot.filter((row) => row !== undefined);
  }

  private arrived(row: GridRow<C>): boolean {
    for (const cell of row.cells) if (cell.value === undefined && this.source.cell(row.r, cell.column) !== undefined) return true;
    return false;
  }

  private build(r: number, columns: readonly C[], slots: number): GridRow<C> {
    const cells = columns.map((column) => {
      const value = this.source.cell(r, column);
      return { column, value, text: value === undefined ? '' : this.source.format(value, column) };
    });
    return { r, slot: r % slots, cells };
  }
}
