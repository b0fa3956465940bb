import { describe, expect, it } from 'vitest';
import type { Column } from '../../../../src-main/engine/data/column';
import { ColumnCache } from '../../../../src-main/services/project/column-cache';

function column(rows: number): Column {
  return { name: 'x', kind: 'numeric', values: new Float64Array(rows) };
}

describe('ColumnCache', () => {
  it('loads a column once and serves it from memory afterwards', () => {
    const cache = new ColumnCache(1 << 20);
    let loads = 0;
    const load = () => {
      loads++;
      return column(10);
    };
    const first = cache.get('a', 0, load);
    expect(cache.get('a', 0, load)).toBe(first);
    expect(loads).toBe(1);
    expect(cache.cachedBytes).toBe(80);
  });

  it('evicts the least recently used dataset first once over budget, never the one being read', () => {
    const cache = new ColumnCache(2000); // room for two 100-row columns (800 bytes each) plus a little
    cache.get('a', 0, () => column(100));
    cache.get('b', 0, () => column(100));
    cache.get('a', 1, () => column(10)); // a is now the most recent
    cache.get('c', 0, () => column(100)); // over budget: b goes
    expect(cache.has('a', 0)).toBe(true);
    expect(cache.has('b', 0)).toBe(false);
    expect(cache.has('c', 0)).toBe(true);
    expect(cache.cachedBytes).toBe(1680);
    // A single dataset larger than the budget is still cached while it is in use.
    cache.get('huge', 0, () => column(1000));
    expect(cache.has('huge', 0)).toBe(true);
    expect(cache.has('a', 0) || cache.has('c', 0)).toBe(false);
    expect(cache.cachedBytes).toBe(8000);
  });

  it('drop forgets one dataset and its bytes', () => {
    const cache = new ColumnCache(1 << 20);
    cache.get('a', 0, () => column(10));
    cache.get('b', 0, () => column(20));
    cache.drop('a');
    expect(cache.has('a', 0)).toBe(false);
    expect(cache.cachedBytes).toBe(160);
    cache.drop('missing');
    cache.clear();
    expect(cache.cachedBytes).toBe(0);
  });
});
