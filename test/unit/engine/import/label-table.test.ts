import { describe, expect, it } from 'vitest';
import { LabelTable } from '../../../../src-main/engine/import/label-table';

const encode = (s: string) => new TextEncoder().encode(s);

describe('LabelTable', () => {
  it('gives one code per distinct label whether it comes as bytes or as a string', () => {
    const bytes = encode('abc|é|abc|ab|é');
    const table = new LabelTable(bytes);
    expect(table.codeOfSpan(0, 3, 1)).toBe(0);
    expect(table.codeOfText('x"y', 2)).toBe(1);
    expect(table.codeOfSpan(4, 6, 3)).toBe(2); // é
    expect(table.codeOfSpan(7, 10, 4)).toBe(0);
    expect(table.codeOfSpan(11, 13, 5)).toBe(3);
    expect(table.codeOfText('abc', 6)).toBe(0);
    expect(table.codeOfSpan(14, 16, 7)).toBe(2);
    expect(table.labels).toEqual(['abc', 'x"y', 'é', 'ab']);
    expect(table.lines).toEqual([1, 2, 3, 5]);
  });

  it('keeps thousands of labels apart as its hash table grows', () => {
    const labels = Array.from({ length: 5000 }, (_, i) => `id${i}`);
    const text = labels.join(',') + ',' + labels.join(',');
    const bytes = encode(text);
    const table = new LabelTable(bytes);
    let p = 0;
    const codes: number[] = [];
    for (const label of [...labels, ...labels]) {
      codes.push(table.codeOfSpan(p, p + label.length, 1));
      p += label.length + 1;
    }
    expect(table.size).toBe(5000);
    expect(codes.slice(5000)).toEqual(codes.slice(0, 5000));
    expect(codes.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  });
});
