import { describe, expect, it } from 'vitest';
import { topRowForKey } from '../../../../../src-renderer/lib/grid/scroll-keys';

describe('topRowForKey', () => {
  const rows = 1_000_000;
  const visible = 25;

  it('moves by one row, by a page less one row, and to either end', () => {
    expect(topRowForKey('ArrowDown', 10, visible, rows)).toBe(11);
    expect(topRowForKey('ArrowUp', 10, visible, rows)).toBe(9);
    expect(topRowForKey('PageDown', 10, visible, rows)).toBe(34);
    expect(topRowForKey('PageUp', 100, visible, rows)).toBe(76);
    expect(topRowForKey('Home', 500_000, visible, rows)).toBe(0);
    expect(topRowForKey('End', 0, visible, rows)).toBe(999_975);
  });

  it('stays inside the data and leaves other keys to the browser', () => {
    expect(topRowForKey('ArrowUp', 0, visible, rows)).toBe(0);
    expect(topRowForKey('PageDown', 999_970, visible, rows)).toBe(999_975);
    expect(topRowForKey('End', 0, visible, 10)).toBe(0);
    expect(topRowForKey('ArrowLeft', 10, visible, rows)).toBeNull();
    expect(topRowForKey('a', 10, visible, rows)).toBeNull();
  });
});
