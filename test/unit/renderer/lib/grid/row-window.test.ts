import { describe, expect, it } from 'vitest';
import type { Cell } from '@shared/dataset';
import { RowRecycler, rowSpan } from '../../../../../src-renderer/lib/grid/row-window';

interface Col {
  j: number;
}

/** Cell (r, j) is r * 10 + j once row r is "loaded"; rows below `loadedUpTo` are. */
function source(state: { loadedUpTo: number; built: number }) {
  return {
    cell: (r: number, c: Col): Cell | undefined => (r < state.loadedUpTo ? r * 10 + c.j : undefined),
    format: (value: Cell) => {
      state.built++;
      return String(value);
    },
  };
}

describe('rowSpan', () => {
  it('keeps the same number of rows in the DOM wherever the viewport is', () => {
    // 20 rows in view, 4 of overscan on each side: 20 + 1 + 8 slots.
    expect(rowSpan(0, 20, 4, 1000)).toEqual({ first: 0, end: 29, slots: 29 });
    expect(rowSpan(100.5, 20, 4, 1000)).toEqual({ first: 96, end: 125, slots: 29 });
    expect(rowSpan(980, 20, 4, 1000)).toEqual({ first: 971, end: 1000, slots: 29 });
  });

  it('holds every row of a short dataset', () => {
    expect(rowSpan(0, 20, 4, 7)).toEqual({ first: 0, end: 7, slots: 7 });
    expect(rowSpan(0, 20, 4, 0)).toEqual({ first: 0, end: 0, slots: 0 });
  });
});

describe('RowRecycler', () => {
  const columns: Col[] = [{ j: 0 }, { j: 1 }];

  it('gives each row the slot r mod slots, in slot order, with formatted cells', () => {
    const recycler = new RowRecycler<Col>(source({ loadedUpTo: 1000, built: 0 }));
    const rows = recycler.rows(rowSpan(8, 3, 1, 1000), columns);
    // slots = 3 + 1 + 2 = 6; rows 7..12 → slots 1, 2, 3, 4, 5, 0
    expect(rows.map((r) => [r.slot, r.r])).toEqual([
      [0, 12],
      [1, 7],
      [2, 8],
      [3, 9],
      [4, 10],
      [5, 11],
    ]);
    expect(rows[1].cells.map((c) => c.text)).toEqual(['70', '71']);
  });

  it('a scroll of k rows rebuilds only those k rows; the others come back as the same objects', () => {
    const state = { loadedUpTo: 1000, built: 0 };
    const recycler = new RowRecycler<Col>(source(state));
    const before = recycler.rows(rowSpan(100, 20, 4, 1000), columns);
    state.built = 0;
    const after = recycler.rows(rowSpan(103, 20, 4, 1000), columns);
    expect(state.built).toBe(3 * columns.length);
    const kept = after.filter((row) => before.includes(row));
    expect(kept.length).toBe(after.length - 3);
    // Same slots in the same order: the each block only updates, never moves or recreates elements.
    expect(after.map((r) => r.slot)).toEqual(before.map((r) => r.slot));
  });

  it('rebuilds a row whose page has arrived since, and only such rows', () => {
    const state = { loadedUpTo: 10, built: 0 };
    const recycler = new RowRecycler<Col>(source(state));
    const first = recycler.rows(rowSpan(0, 15, 2, 1000), columns);
    const loading = first.find((row) => row.r === 12)!;
    expect(loading.cells.map((c) => [c.value, c.text])).toEqual([
      [undefined, ''],
      [undefined, ''],
    ]);
    state.loadedUpTo = 1000;
    const second = recycler.rows(rowSpan(0, 15, 2, 1000), columns);
    expect(second.find((row) => row.r === 12)!.cells.map((c) => c.text)).toEqual(['120', '121']);
    expect(second.find((row) => row.r === 3)).toBe(first.find((row) => row.r === 3));
  });

  it('starts afresh when the columns in view change', () => {
    const recycler = new RowRecycler<Col>(source({ loadedUpTo: 1000, built: 0 }));
    const first = recycler.rows(rowSpan(0, 5, 1, 100), columns);
    const second = recycler.rows(rowSpan(0, 5, 1, 100), [{ j: 1 }, { j: 2 }]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0].cells.map((c) => c.text)).toEqual(['1', '2']);
  });
});
