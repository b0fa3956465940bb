import { describe, expect, it } from 'vitest';
import { columnNames, makeUnique } from '../../../../src-main/engine/import/header';
import type { ImportWarning } from '../../../../src-main/engine/import/read-data-file';

describe('makeUnique', () => {
  it('gives the results of R make.unique', () => {
    expect(makeUnique(['a', 'a', 'a'])).toEqual(['a', 'a.1', 'a.2']);
    expect(makeUnique(['a', 'a', 'a.1'])).toEqual(['a', 'a.2', 'a.1']);
    expect(makeUnique(['a.1', 'a', 'a'])).toEqual(['a.1', 'a', 'a.2']);
    expect(makeUnique(['b', 'a', 'b', 'a', 'b'])).toEqual(['b', 'a', 'b.1', 'a.1', 'b.2']);
    expect(makeUnique(['x', 'y'])).toEqual(['x', 'y']);
  });
});

describe('columnNames', () => {
  it('names empty fields V<n>, then makes all names unique, warning for each change', () => {
    const warnings: ImportWarning[] = [];
    expect(columnNames(['', 'V1', 'a', 'a'], 3, 'h.csv', warnings)).toEqual(['V1', 'V1.1', 'a', 'a.1']);
    expect(warnings.map((w) => w.message)).toEqual([
      'h.csv: line 3, column 1 has no name in the header; it is called "V1".',
      'h.csv: line 3, column 2: the name "V1" is used before; this column is called "V1.1".',
      'h.csv: line 3, column 4: the name "a" is used before; this column is called "a.1".',
    ]);
    expect(warnings.map((w) => w.column)).toEqual([1, 2, 4]);
  });
});
