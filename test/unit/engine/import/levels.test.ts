import { describe, expect, it } from 'vitest';
import { factorFromNumbers, factorWithLevels, levelOrder, numberLabel, sortedFactor } from '../../../../src-main/engine/import/levels';
import { AppError } from '@shared/errors';

const ordered = (labels: string[]) => levelOrder(labels, -1).map((i) => labels[i]);

describe('levelOrder', () => {
  it('sorts text as R sort() in en_US: case-insensitive first, lower case first on ties', () => {
    expect(ordered(['b', 'B', 'a', 'A', 'ab', 'Aa'])).toEqual(['a', 'A', 'Aa', 'ab', 'b', 'B']);
    expect(ordered(['top 25%', 'bottom 25%', 'mid 50%'])).toEqual(['bottom 25%', 'mid 50%', 'top 25%']);
    expect(ordered(['S10', 'S2', 'S1'])).toEqual(['S1', 'S10', 'S2']);
    expect(ordered(['Zürich', 'Genève', 'zebra', 'Évian'])).toEqual(['Évian', 'Genève', 'zebra', 'Zürich']);
  });

  it('sorts labels that are all numbers by value', () => {
    expect(ordered(['10', '2', '1', '-3', '2.5', '1e3'])).toEqual(['-3', '1', '2', '2.5', '10', '1e3']);
    expect(ordered(['10', '2', 'x'])).toEqual(['10', '2', 'x']);
  });
});

describe('sortedFactor', () => {
  it('recodes first-seen codes into sorted levels and keeps missing', () => {
    const f = sortedFactor(new Int32Array([0, 1, -1, 2, 0]), ['mid', 'bottom', 'top'], -1);
    expect(f.levels).toEqual(['bottom', 'mid', 'top']);
    expect(Array.from(f.codes)).toEqual([1, 0, -1, 2, 1]);
  });
});

describe('factorFromNumbers', () => {
  it('makes one level per distinct value, in numeric order, labelled as R', () => {
    const f = factorFromNumbers(new Float64Array([10, 2, NaN, 1, 2, -0, 0.5, Infinity]), false);
    expect(f.levels).toEqual(['0', '0.5', '1', '2', '10', 'Inf']);
    expect(Array.from(f.codes)).toEqual([4, 3, -1, 2, 3, 0, 1, 5]);
  });

  it('labels a logical column FALSE and TRUE', () => {
    const f = factorFromNumbers(new Float64Array([1, 1, NaN]), true);
    expect(f.levels).toEqual(['TRUE']);
    expect(Array.from(f.codes)).toEqual([0, 0, -1]);
  });

  it('labels numbers as as.character does for everyday values', () => {
    expect([numberLabel(3), numberLabel(-2.5), numberLabel(-Infinity), numberLabel(0.1)]).toEqual(['3', '-2.5', '-Inf', '0.1']);
  });
});

describe('factorWithLevels', () => {
  const base = { fileName: 'f.csv', column: 'g', altDecimal: -1 };

  it('maps labels onto the given levels, matching numbers by value', () => {
    const f = factorWithLevels({
      ...base,
      codes: new Int32Array([0, 1, -1, 2]),
      labels: ['b', '01', '2.0'],
      labelLines: [2, 3, 5],
      levels: ['2', 'b', '1', 'unused'],
    });
    expect(f.levels).toEqual(['2', 'b', '1', 'unused']);
    expect(Array.from(f.codes)).toEqual([1, 2, -1, 0]);
  });

  it('reports the unknown label seen first in the file', () => {
    let err: unknown;
    try {
      factorWithLevels({ ...base, codes: new Int32Array([0, 1]), labels: ['x', 'y'], labelLines: [9, 4], levels: ['a'] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('f.csv: line 4: the value "y" of column "g" is not one of the levels given for it ("a").');
  });
});
