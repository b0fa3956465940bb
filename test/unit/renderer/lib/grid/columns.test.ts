import { describe, expect, it } from 'vitest';
import { columnOffsets, columnWidth, rowNumberWidth, type TextMeasure } from '../../../../../src-renderer/lib/grid/columns';

const tenPerChar: TextMeasure = { header: (t) => t.length * 10, text: (t) => t.length * 10, mono: (t) => t.length * 10 };

describe('column widths', () => {
  it('fits the header, the widest number, or the longest level, within bounds', () => {
    // '-1.234568e-08' is 13 chars → 130 + 18 padding
    expect(columnWidth({ name: 'x', kind: 'numeric', missing: 0 }, tenPerChar)).toBe(148);
    // header: 20 chars → 200 + 58
    expect(columnWidth({ name: 'a_rather_long_name_x', kind: 'numeric', missing: 0 }, tenPerChar)).toBe(258);
    expect(columnWidth({ name: 'f', kind: 'factor', missing: 0, levels: ['bottom 25%', 'top'] }, tenPerChar)).toBe(118);
    expect(columnWidth({ name: 'f', kind: 'factor', missing: 0, levels: ['x'.repeat(100)] }, tenPerChar)).toBe(280);
  });

  it('accumulates offsets', () => {
    const offsets = columnOffsets(
      [
        { name: 'x', kind: 'numeric', missing: 0 },
        { name: 'y', kind: 'numeric', missing: 0 },
      ],
      tenPerChar,
    );
    expect(Array.from(offsets)).toEqual([0, 148, 296]);
  });

  it('sizes the row-number column by the digits of the row count', () => {
    expect(rowNumberWidth(4059, tenPerChar)).toBe(60);
    expect(rowNumberWidth(1_000_000, tenPerChar)).toBe(90);
  });
});
