import { describe, expect, it } from 'vitest';
import { toTsv } from '../../../../src-renderer/lib/tsv';

describe('toTsv', () => {
  it('writes a header and rows, NA for missing, and keeps tabs and newlines out of cells', () => {
    const text = toTsv({
      header: ['variable', 'mean'],
      rows: [
        ['normexam', -0.0001138054],
        ['odd\tname\nhere', null],
      ],
    });
    expect(text).toBe('variable\tmean\nnormexam\t-0.0001138054\nodd name here\tNA\n');
  });
});
