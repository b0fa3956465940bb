import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printCoefmat, signifLegend, significanceStars } from '../../../../src-main/engine/print/coefmat';
import type { RValue } from '../../../../src-main/engine/print/format-real';
import { printNamedVector, printTextMatrix } from '../../../../src-main/engine/print/layout';

/** R 4.2.2's printCoefmat() and print() output: test/fixtures/tools/make-print-fixtures.R. */
const cases = JSON.parse(readFileSync(new URL('../../../fixtures/print/table-cases.json', import.meta.url), 'utf8')) as {
  coefmat: {
    rownames: string[];
    colnames: string[];
    columns: string[][];
    args: { digits?: number; 'zap.ind'?: number; 'signif.stars'?: boolean };
    out: string[];
  }[];
  vectors: { values: string[]; names: string[]; digits: number; out: string[] }[];
};

function value(text: string): RValue {
  if (text === 'NA') return null;
  if (text === 'Inf' || text === '-Inf') return text === 'Inf' ? Infinity : -Infinity;
  return text === 'NaN' ? NaN : Number(text);
}
const lines = (out: string[]) => out.map((l) => l + '\n').join('');

describe("printCoefmat as R's", () => {
  cases.coefmat.forEach((c, k) => {
    it(`case ${k + 1}: ${c.colnames.join(', ')} with ${JSON.stringify(c.args)}`, () => {
      const text = printCoefmat(
        { rowNames: c.rownames, colNames: c.colnames, columns: c.columns.map((col) => col.map(value)) },
        {
          digits: c.args.digits,
          signifStars: c.args['signif.stars'],
          zapInd: c.args['zap.ind'] === undefined ? undefined : [c.args['zap.ind'] - 1],
        },
      );
      expect(text).toBe(lines(c.out));
    });
  });

  it('gives stars by closed-right intervals: 0.001 is ***, 0.05 is *, 0.1 is ., NA nothing', () => {
    expect([0, 0.001, 0.0011, 0.01, 0.05, 0.0501, 0.1, 0.5, null].map(significanceStars)).toEqual([
      '***',
      '***',
      '**',
      '**',
      '*',
      '.',
      '.',
      ' ',
      '',
    ]);
    expect(signifLegend()).toBe("0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
  });
});

describe('console layout of vectors and matrices', () => {
  cases.vectors.forEach((c, k) => {
    it(`named vector ${k + 1} (digits ${c.digits}) wraps and aligns as print() does`, () => {
      expect(printNamedVector(c.values.map(value), c.names, c.digits)).toBe(lines(c.out));
    });
  });

  it('splits a character matrix into column blocks narrower than 80 characters', () => {
    const text = printTextMatrix({
      rowNames: ['r1', 'row2'],
      colNames: ['A', 'B', 'C', 'D', 'E', 'F'],
      cells: [
        ['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(20), 'xxxxx', 'xxxxx', 'xxxx'],
        ['b', 'd', 'b', 'd', 'b', 'd'],
      ],
    });
    // R: print(m, quote = FALSE, right = TRUE) for the same matrix.
    expect(text.split('\n')[0]).toBe('                        A                    B                    C     D     E');
    expect(text.split('\n').slice(3, 6)).toEqual(['        F', 'r1   xxxx', 'row2    d']);
  });
});
