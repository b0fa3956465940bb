import { describe, expect, it } from 'vitest';
import { ImportOptions, PREVIEW_HEAD_BYTES, PreviewOptions, type ImportPreview } from '@shared/dataset';
import {
  defaultDatasetName,
  importOptions,
  isWorkbookName,
  newForm,
  parseMissingCodes,
  parseSheet,
  previewOptions,
  previewSlice,
  typesNote,
  withFactor,
} from '../../../../../../src-renderer/views/data/import/import-form';

function preview(columns: string[], complete = true, rowsRead = 1154): ImportPreview {
  return {
    fileName: 'jsp.txt',
    format: 'text',
    delimiter: 'whitespace',
    columns: columns.map((name) => ({ name, kind: 'integer', missing: 0 })),
    rows: [],
    rowsRead,
    complete,
    warnings: [],
    error: null,
    lines: [],
  };
}

describe('the import form', () => {
  it('reads missing codes as a comma-separated list, trimmed, without blanks or repeats', () => {
    expect(parseMissingCodes('-99, .')).toEqual(['-99', '.']);
    expect(parseMissingCodes(' n/a ,, -99,n/a , ')).toEqual(['n/a', '-99']);
    expect(parseMissingCodes('')).toEqual([]);
  });

  it('reads a sheet as a 1-based number, a name, or the first sheet when blank', () => {
    expect(parseSheet('2')).toBe(2);
    expect(parseSheet(' Data ')).toBe('Data');
    expect(parseSheet('0')).toBe('0');
    expect(parseSheet('2024')).toBe(2024);
    expect(parseSheet('  ')).toBeUndefined();
  });

  it('sends the delimiter for text files and the sheet for workbooks, and options the contract accepts', () => {
    const form = { ...newForm(), delimiter: 'whitespace' as const, missing: '-99, .', sheet: '2', header: false };
    const text = previewOptions(form, 'jsp.txt');
    expect(text).toEqual({ header: false, naStrings: ['-99', '.'], delimiter: 'whitespace' });
    const book = previewOptions(form, 'book.XLSX');
    expect(book).toEqual({ header: false, naStrings: ['-99', '.'], sheet: 2 });
    expect(PreviewOptions.safeParse(text).success).toBe(true);
    expect(PreviewOptions.safeParse(book).success).toBe(true);
  });

  it('imports with the name typed (blank: the file name) and only the factor choices of columns the file has', () => {
    const form = { ...newForm(), name: '  JSP ', factors: ['school', 'V1'] };
    const options = importOptions(form, 'jsp.txt', preview(['school', 'math']));
    expect(options).toEqual({ header: true, delimiter: 'auto', name: 'JSP', factors: ['school'] });
    expect(ImportOptions.safeParse(options).success).toBe(true);
    expect(importOptions(newForm(), 'jsp.txt', null)).toEqual({ header: true, delimiter: 'auto' });
    expect(defaultDatasetName('jsp.txt')).toBe('jsp');
    expect(defaultDatasetName('.hidden')).toBe('.hidden');
  });

  it('chooses and clears factor per column', () => {
    expect(withFactor(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(withFactor(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(withFactor(['a'], 'a', true)).toEqual(['a']);
  });

  it('sends the head of a text file (one byte past the preview) and a workbook whole', () => {
    const big = new Blob([new Uint8Array(PREVIEW_HEAD_BYTES * 2)]);
    expect(previewSlice(big, 'big.csv').size).toBe(PREVIEW_HEAD_BYTES + 1);
    expect(previewSlice(big, 'big.xlsx').size).toBe(PREVIEW_HEAD_BYTES * 2);
    expect(isWorkbookName('a.xlsm')).toBe(true);
    expect(isWorkbookName('a.xls')).toBe(false);
  });

  it('says whether the types rest on every row or on a guess from the head', () => {
    expect(typesNote(preview(['a']), 22_000)).toBe('Types are read from all 1,154 rows of the file.');
    expect(typesNote(preview(['a'], false, 19_366), 2_962_000)).toBe(
      'Types are guessed from the first 19,366 rows (the first 256 KB of 2.8 MB); ' +
        'the import reads every row and may find a column that is not what it seems here.',
    );
  });
});
