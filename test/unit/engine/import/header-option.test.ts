import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { appError, factor, labels, numeric, readText, sampleBytes } from './helpers';
import { xlsxWorkbook } from './xlsx-writer';

/*
 * header = FALSE, checked against R 4.x (stringsAsFactors = TRUE, C.UTF-8 collation);
 * each expectation quotes the R call whose result it restates.
 */
describe('readDataFile with header: false (R header = FALSE)', () => {
  it('reads jsp.txt with its header line as data: 1,155 rows of five factors V1 … V5', async () => {
    // d <- read.table("jsp.txt", header = FALSE, stringsAsFactors = TRUE)
    const r = await readDataFile(sampleBytes('jsp.txt'), { fileName: 'jsp.txt', header: false }, silentContext);
    expect(r.rows).toBe(1155);
    expect(r.warnings).toEqual([]);
    expect(r.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['V1:factor', 'V2:factor', 'V3:factor', 'V4:factor', 'V5:factor']);
    // dput(levels(d$V2)); dput(levels(d$V3))
    expect(factor(r, 'V2').levels).toEqual(['boy', 'gender', 'girl']);
    expect(factor(r, 'V3').levels).toEqual(['S1', 'S2', 'S3', 'S4', 'social']);
    // dput(levels(d$V4))
    expect(factor(r, 'V4').levels).toEqual([
      '-0.361', '-1.361', '-10.361', '-11.361', '-12.361', '-13.361', '-15.361', '-16.361', '-17.361', '-2.361', '-3.361',
      '-4.361', '-5.361', '-6.361', '-7.361', '-8.361', '-9.361', '0.639', '1.639', '10.639', '11.639', '12.639', '13.639',
      '14.639', '2.639', '3.639', '4.639', '5.639', '6.639', '7.639', '8.639', '9.639', 'raven',
    ]);
    // levels(d$V1): 49 school numbers sorted as text, then "school"
    const v1 = factor(r, 'V1').levels;
    expect(v1).toHaveLength(50);
    expect(v1.slice(0, 4)).toEqual(['1', '10', '11', '12']);
    expect(v1.at(-1)).toBe('school');
    // as.character(d$V4[1:3])
    expect(labels(factor(r, 'V4')).slice(0, 3)).toEqual(['raven', '1.639', '-7.361']);
  });

  it('infers integer, numeric, factor and logical columns from every line', async () => {
    // str(read.csv(text = "1,2.5,a,TRUE\n3,4,b,F\n,NA,c,\n", header = FALSE, stringsAsFactors = TRUE))
    const r = await readText('1,2.5,a,TRUE\n3,4,b,F\n,NA,c,\n', { header: false });
    expect(r.rows).toBe(3);
    expect(r.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['V1:integer', 'V2:numeric', 'V3:factor', 'V4:logical']);
    expect(Array.from(numeric(r, 'V1').values)).toEqual([1, 3, NaN]);
    expect(Array.from(numeric(r, 'V2').values)).toEqual([2.5, 4, NaN]);
    expect(labels(factor(r, 'V3'))).toEqual(['a', 'b', 'c']);
    expect(Array.from(numeric(r, 'V4').values)).toEqual([1, 0, NaN]);
  });

  it('makes a file with a header into text columns whose levels include the names', async () => {
    // levels(read.csv(text = "x,y\n1,2\n3,4\n", header = FALSE, stringsAsFactors = TRUE)$V1) is "1" "3" "x"
    const r = await readText('x,y\n1,2\n3,4\n', { header: false });
    expect(r.rows).toBe(3);
    expect(factor(r, 'V1').levels).toEqual(['1', '3', 'x']);
    expect(labels(factor(r, 'V1'))).toEqual(['x', '1', '3']);
    expect(factor(r, 'V2').levels).toEqual(['2', '4', 'y']);
  });

  it('applies missing codes and the factors option to the V columns', async () => {
    // str(read.table(text = "1 -99 a\n2 5 .\n", header = FALSE, na.strings = c("NA", "-99", ".")))
    const r = await readText('1 -99 a\n2 5 .\n', { fileName: 'm.txt', header: false, naStrings: ['-99', '.'], factors: ['V1'] });
    expect(Array.from(numeric(r, 'V2').values)).toEqual([NaN, 5]);
    expect(numeric(r, 'V2').kind).toBe('integer');
    expect(labels(factor(r, 'V3'))).toEqual(['a', null]);
    expect(factor(r, 'V1').levels).toEqual(['1', '2']);
  });

  it('takes no row names: a longer second line is an error against the first line, as with fill = FALSE', async () => {
    // read.table(text = '"y" "g"\n"1" 2.5 "a"\n', header = FALSE): "line 1 did not have 3 elements"
    const err = await appError(readText('"y" "g"\n"1" 2.5 "a"\n', { fileName: 'wt.txt', header: false }), 'bad-input');
    expect(err.message).toBe(
      'wt.txt: line 2 has 3 fields, line 1, the first line of data (no header), has 2. ' +
        'In a blank-separated file a value containing spaces must be in quotes, and a missing value must be written NA.',
    );
    expect(err.detail).toMatchObject({ line: 2, fields: 3, expected: 2 });
  });

  it('skips blank lines before the first line, and refuses a file with no lines at all', async () => {
    const r = await readText('\n\n5,6\n7,8\n', { header: false });
    expect(r.rows).toBe(2);
    expect(Array.from(numeric(r, 'V1').values)).toEqual([5, 7]);
    const err = await appError(readText('\n  \n', { header: false }), 'bad-input');
    expect(err.message).toBe('data.csv is empty: it has no data.');
  });

  it('reads a workbook without a header into the columns the CSV reader makes of its CSV export', async () => {
    const exam = readFileSync(resolve(__dirname, '../../../fixtures/xlsx/exam-200.xlsx'));
    const csvText = new TextDecoder().decode(sampleBytes('exam.csv')).split('\n').slice(0, 201).join('\n') + '\n';
    const fromCsv = await readText(csvText, { fileName: 'exam-200.csv', header: false });
    const fromXlsx = await readDataFile(exam, { fileName: 'exam-200.xlsx', header: false }, silentContext);
    expect(fromXlsx.rows).toBe(201);
    expect(fromXlsx.columns.map((c) => c.name)).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8', 'V9', 'V10']);
    expect(fromXlsx.columns).toEqual(fromCsv.columns);
    expect(labels(factor(fromXlsx, 'V3')).slice(0, 2)).toEqual(['schgend', 'mixed']);
  });

  it('starts a headerless sheet at its first non-empty row and numbers rows by the sheet', async () => {
    const book = xlsxWorkbook([{ name: 'Data', firstRow: 3, rows: [[1, 'a'], [null, null], [2, 'b']] }]);
    const r = await readDataFile(book, { fileName: 'book.xlsx', header: false }, silentContext);
    expect(r.rows).toBe(3);
    expect(Array.from(numeric(r, 'V1').values)).toEqual([1, NaN, 2]);
    expect(labels(factor(r, 'V2'))).toEqual(['a', null, 'b']);
    expect(r.warnings.map((w) => w.line)).toEqual([4]);
  });
});
