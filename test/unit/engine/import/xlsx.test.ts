import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { cancelledError, silentContext, type TaskContext } from '../../../../src-main/engine/context';
import { readDataFile, type ImportResult, type ReadOptions } from '../../../../src-main/engine/import/read-data-file';
import { appError, factor, labels, numeric, readText, sampleBytes } from './helpers';
import { xlsxParts, xlsxWorkbook, zip, type Cell } from './xlsx-writer';

function fixture(name: string): Uint8Array {
  return readFileSync(resolve(__dirname, '../../../fixtures/xlsx', name));
}

function readXlsx(bytes: Uint8Array, options: Partial<ReadOptions> = {}, ctx: TaskContext = silentContext): Promise<ImportResult> {
  return readDataFile(bytes, { fileName: 'book.xlsx', ...options }, ctx);
}

function book(rows: Cell[][]): Uint8Array {
  return xlsxWorkbook([{ name: 'Data', rows }]);
}

describe('readDataFile on XLSX workbooks written by R (openxlsx)', () => {
  it('reads the first 200 rows of Exam into exactly the columns the CSV reader makes of the same rows', async () => {
    const csvText = new TextDecoder().decode(sampleBytes('exam.csv')).split('\n').slice(0, 201).join('\n') + '\n';
    const fromCsv = await readText(csvText, { fileName: 'exam-200.csv' });
    const fromXlsx = await readXlsx(fixture('exam-200.xlsx'), { fileName: 'exam-200.xlsx' });
    expect(fromXlsx.rows).toBe(200);
    expect(fromXlsx.warnings).toEqual([]);
    expect(fromXlsx.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'school:integer',
      'normexam:numeric',
      'schgend:factor',
      'schavg:numeric',
      'vr:factor',
      'intake:factor',
      'standLRT:numeric',
      'sex:factor',
      'type:factor',
      'student:integer',
    ]);
    expect(fromXlsx.columns).toEqual(fromCsv.columns);
    // First data row: "1",0.2613242,"mixed",0.1661752,"mid 50%","bottom 25%",0.6190592,"F","Mxd","143"
    expect(numeric(fromXlsx, 'normexam').values[0]).toBe(0.2613242);
    expect(numeric(fromXlsx, 'student').values[0]).toBe(143);
    expect(factor(fromXlsx, 'intake').levels).toEqual(['bottom 25%', 'mid 50%', 'top 25%']);
  });

  it('reads the options the CSV reader takes: factors and explicit levels', async () => {
    const r = await readXlsx(fixture('exam-200.xlsx'), { factors: ['school'], levels: { sex: ['M', 'F'] } });
    expect(factor(r, 'school').levels).toEqual(['1', '2', '3', '4']);
    expect(factor(r, 'sex').levels).toEqual(['M', 'F']);
    expect(labels(factor(r, 'sex')).slice(0, 2)).toEqual(['F', 'F']);
  });

  it('reads numbers, integers, text, logicals, dates and date-times with their missing cells', async () => {
    const r = await readXlsx(fixture('types.xlsx'));
    expect(r.rows).toBe(4);
    expect(r.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'id:integer',
      'score:numeric',
      'group:factor',
      'passed:logical',
      'visit:factor',
      'seen:factor',
    ]);
    expect(Array.from(numeric(r, 'id').values)).toEqual([1, 2, 3, 4]);
    expect(Array.from(numeric(r, 'score').values)).toEqual([2.5, NaN, -0.125, 1e-7]);
    expect(labels(factor(r, 'group'))).toEqual(['b', 'a', null, 'B']);
    expect(factor(r, 'group').levels).toEqual(['a', 'b', 'B']);
    expect(Array.from(numeric(r, 'passed').values)).toEqual([1, 0, NaN, 1]);
    // Dates are ISO labels; levels in time order.
    expect(labels(factor(r, 'visit'))).toEqual(['2024-01-31', '2023-12-01', null, '1999-02-28']);
    expect(factor(r, 'visit').levels).toEqual(['1999-02-28', '2023-12-01', '2024-01-31']);
    // One cell with a time of day puts times on the whole column, midnight included.
    expect(labels(factor(r, 'seen'))).toEqual(['2024-01-31 10:30:00', '2023-12-01 00:00:00', null, '2000-01-01 23:59:59']);
  });

  it('reads another sheet by name or by 1-based position, skipping the empty rows and columns before its table', async () => {
    const byName = await readXlsx(fixture('types.xlsx'), { sheet: 'Notes' });
    const byIndex = await readXlsx(fixture('types.xlsx'), { sheet: 2 });
    expect(byIndex.columns).toEqual(byName.columns);
    expect(byName.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['site:factor', 'n:integer']);
    expect(labels(factor(byName, 'site'))).toEqual(['Lyon', 'Genève']);
    expect(Array.from(numeric(byName, 'n').values)).toEqual([10, 20]);
  });

  it('names the sheets of the workbook when the one asked for does not exist', async () => {
    const named = await appError(readXlsx(fixture('types.xlsx'), { sheet: 'Results' }), 'bad-input');
    expect(named.message).toBe('book.xlsx has no sheet named "Results"; its sheets are Scores, Notes.');
    const numbered = await appError(readXlsx(fixture('types.xlsx'), { sheet: 3 }), 'bad-input');
    expect(numbered.message).toBe('book.xlsx has no sheet 3; it has 2 sheets.');
    const zero = await appError(readXlsx(fixture('types.xlsx'), { sheet: 0 }), 'bad-input');
    expect(zero.message).toBe('book.xlsx: sheet 0 does not exist; sheets are numbered from 1.');
  });
});

describe('readDataFile on XLSX: cells as Excel stores them', () => {
  it('reads formula cells as their cached values and leaves never-calculated formulas and error cells missing', async () => {
    const r = await readXlsx(
      book([
        ['x', 'twice', 'label', 'flag', 'ratio'],
        [1, { formula: 'A2*2', cached: 2 }, { formula: 'IF(A2>1,"hi","lo")', cached: 'lo' }, { formula: 'A2>1', cached: false }, { error: '#DIV/0!' }],
        [2, { formula: 'A3*2', cached: 4 }, { formula: 'IF(A3>1,"hi","lo")', cached: 'hi' }, { formula: 'A3>1', cached: true }, 0.5],
        [3, { formula: 'A4*2' }, { inline: 'inline text' }, null, { error: '#N/A' }],
      ]),
    );
    expect(Array.from(numeric(r, 'twice').values)).toEqual([2, 4, NaN]);
    expect(numeric(r, 'twice').kind).toBe('integer');
    expect(labels(factor(r, 'label'))).toEqual(['lo', 'hi', 'inline text']);
    expect(numeric(r, 'flag').kind).toBe('logical');
    expect(Array.from(numeric(r, 'flag').values)).toEqual([0, 1, NaN]);
    expect(Array.from(numeric(r, 'ratio').values)).toEqual([NaN, 0.5, NaN]);
  });

  it('infers types as the CSV reader does for the same values, text cells that hold numbers included', async () => {
    const rows: Cell[][] = [
      ['n', 'x', 'mixed', 'ok', 'txt', 'blank', 'coded'],
      [1, 1.5, 1, true, 'a', null, '12'],
      [-2, 'NA', 'b', false, 'NA', null, '7'],
      [3, 1e21, 2.25, 'TRUE', 'c', null, 'NA'],
    ];
    const csv = 'n,x,mixed,ok,txt,blank,coded\n1,1.5,1,TRUE,a,,12\n-2,NA,b,FALSE,NA,,7\n3,1e+21,2.25,TRUE,c,,NA\n';
    const fromXlsx = await readXlsx(book(rows));
    const fromCsv = await readText(csv);
    expect(fromXlsx.columns).toEqual(fromCsv.columns);
    expect(fromXlsx.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'n:integer',
      'x:numeric',
      'mixed:factor',
      'ok:logical',
      'txt:factor',
      'blank:logical',
      'coded:integer',
    ]);
    expect(labels(factor(fromXlsx, 'mixed'))).toEqual(['1', 'b', '2.25']);
    expect(factor(fromXlsx, 'mixed').levels).toEqual(['1', '2.25', 'b']);
  });

  it('reads the strings in naStrings as missing, as in a CSV file', async () => {
    const r = await readXlsx(book([['x', 'g'], [1, 'a'], [-99, '.'], [3, 'b']]), { naStrings: ['-99', '.'] });
    expect(Array.from(numeric(r, 'x').values)).toEqual([1, NaN, 3]);
    expect(labels(factor(r, 'g'))).toEqual(['a', null, 'b']);
  });

  it('names empty header cells V<n> and makes repeated names unique, with warnings', async () => {
    const r = await readXlsx(book([['a', null, 'a'], [1, 2, 3]]));
    expect(r.columns.map((c) => c.name)).toEqual(['a', 'V2', 'a.1']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'book.xlsx: line 1, column 2 has no name in the header; it is called "V2".',
      'book.xlsx: line 1, column 3: the name "a" is used before; this column is called "a.1".',
    ]);
  });

  it('skips empty rows and columns before the table and keeps an empty row inside it as missing values', async () => {
    const bytes = xlsxWorkbook([{ name: 'S', firstRow: 3, firstColumn: 2, rows: [['x', 'g'], [1, 'a'], [], [3, 'b'], [], []] }]);
    const r = await readXlsx(bytes);
    expect(r.columns.map((c) => c.name)).toEqual(['x', 'g']);
    expect(r.rows).toBe(3);
    expect(Array.from(numeric(r, 'x').values)).toEqual([1, NaN, 3]);
    expect(labels(factor(r, 'g'))).toEqual(['a', null, 'b']);
    expect(r.warnings).toEqual([{ message: 'book.xlsx: 1 row inside the data (row 5) is empty; it is read as a row of missing values.', line: 5 }]);
  });

  it('reads a column that has data but no header cell, and one with a header but no data', async () => {
    const r = await readXlsx(book([['x', 'empty'], [1, null, 'extra'], [2]]));
    expect(r.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['x:integer', 'empty:logical', 'V3:factor']);
    expect(labels(factor(r, 'V3'))).toEqual(['extra', null]);
  });

  it('labels dates of the 1904 date system and date-times to the second', async () => {
    const bytes = xlsxWorkbook([{ name: 'D', rows: [['d', 't'], [{ date: '2024-02-29' }, { date: '2024-01-31 10:30:00' }], [{ date: '1904-01-02' }, { date: '2024-01-31 00:00:01' }]] }], {
      date1904: true,
    });
    const r = await readXlsx(bytes);
    expect(labels(factor(r, 'd'))).toEqual(['2024-02-29', '1904-01-02']);
    expect(labels(factor(r, 't'))).toEqual(['2024-01-31 10:30:00', '2024-01-31 00:00:01']);
  });

  it('warns about a sheet with a header and no data, and refuses an empty sheet', async () => {
    const headerOnly = await readXlsx(book([['a', 'b']]));
    expect(headerOnly.rows).toBe(0);
    expect(headerOnly.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['a:logical', 'b:logical']);
    expect(headerOnly.warnings).toEqual([{ message: 'book.xlsx has a header but no data rows.', line: 1 }]);
    const empty = await appError(readXlsx(book([])), 'bad-input');
    expect(empty.message).toBe('book.xlsx: the first sheet is empty: it has no header row and no data.');
  });

  it('reads .xlsm names like .xlsx, and checks the columns named in the options', async () => {
    const r = await readXlsx(book([['a'], [1]]), { fileName: 'macro.XLSM' });
    expect(numeric(r, 'a').values[0]).toBe(1);
    const err = await appError(readXlsx(book([['a'], [1]]), { factors: ['b'] }), 'bad-input');
    expect(err.message).toBe('book.xlsx: there is no column "b" (the file has "a").');
  });

  it('stops with the cancelled error when the job is cancelled after the sheet is parsed', async () => {
    const ctx: TaskContext = { progress() {}, checkpoint: () => Promise.reject(cancelledError()) };
    await appError(readXlsx(fixture('exam-200.xlsx'), {}, ctx), 'cancelled');
  });
});

describe('readDataFile on XLSX: files that are not readable workbooks', () => {
  it('refuses a CSV file renamed .xlsx, saying it is text', async () => {
    const err = await appError(readXlsx(sampleBytes('exam.csv'), { fileName: 'exam.xlsx' }), 'bad-input');
    expect(err.message).toBe(
      'exam.xlsx is not an XLSX workbook: it holds text, not the ZIP archive every .xlsx file is. ' +
        'If it is a CSV or text data file, give it a .csv or .txt name and import it again.',
    );
    expect(err.detail).toEqual({ file: 'exam.xlsx' });
  });

  it('refuses a truncated workbook as damaged, whatever the length it was cut to', async () => {
    const whole = fixture('exam-200.xlsx');
    const err = await appError(readXlsx(whole.subarray(0, whole.length >> 1)), 'bad-input');
    expect(err.message).toMatch(/^book\.xlsx is damaged or incomplete: its ZIP archive cannot be unpacked \(.+\)\. If it was downloaded/);
    // Every cut is a refusal naming the file (never another error, never a hang).
    const small = book([['x', 'g'], [1, 'a'], [2, 'b']]);
    for (let cut = 4; cut < small.length; cut += 97) {
      const e = await readXlsx(small.subarray(0, cut)).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, `cut at ${cut}`).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('bad-input');
      expect((e as AppError).message.startsWith('book.xlsx')).toBe(true);
    }
  });

  it('refuses a workbook whose compressed data is corrupted', async () => {
    const bytes = new Uint8Array(fixture('exam-200.xlsx'));
    for (let i = 2000; i < 2400; i++) bytes[i] ^= 0x5a;
    const err = await appError(readXlsx(bytes), 'bad-input');
    // fflate does not check CRCs, so these bytes inflate to broken XML rather than failing to unzip.
    expect(err.message).toBe('book.xlsx could not be read as an XLSX workbook; it may be damaged (missing start tag).');
  });

  it('refuses a ZIP archive that holds no workbook', async () => {
    const err = await appError(readXlsx(zip({ 'data.csv': 'a,b\n1,2\n' })), 'bad-input');
    expect(err.message).toBe('book.xlsx is not a valid XLSX workbook: "xl/_rels/workbook.xml.rels" file not found inside the .xlsx file.');
  });

  it('refuses a cell whose value does not match its type, naming the cell', async () => {
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2" t="b"><v>yes</v></c></row></sheetData></worksheet>';
    const parts = xlsxParts([{ name: 'Data', rows: [] }]);
    const err = await appError(readXlsx(zip({ ...parts, 'xl/worksheets/sheet1.xml': sheet })), 'bad-input');
    expect(err.message).toBe('book.xlsx: cell A2 holds a value that does not match its cell type (VALUE_INVALID); the workbook is damaged.');
  });

  it('refuses old .xls workbooks, .xlsb and .ods by name, and an OLE file named .xlsx, as unsupported', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const xls = await appError(readXlsx(ole, { fileName: 'OLD.XLS' }), 'unsupported');
    expect(xls.message).toBe(
      'OLD.XLS is an Excel 97–2003 workbook (.xls), which Nestor does not read. Open it in Excel or LibreOffice Calc, ' +
        'save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8", and import that file.',
    );
    expect((await appError(readXlsx(ole, { fileName: 'b.xlsb' }), 'unsupported')).message).toMatch(/^b\.xlsb is an Excel binary workbook \(\.xlsb\)/);
    expect((await appError(readXlsx(ole, { fileName: 'c.ods' }), 'unsupported')).message).toMatch(/^c\.ods is an OpenDocument spreadsheet/);
    const encrypted = await appError(readXlsx(ole, { fileName: 'secret.xlsx' }), 'unsupported');
    expect(encrypted.message).toMatch(/^secret\.xlsx is not an XLSX workbook but an older Excel 97–2003 \(\.xls\) workbook or a password-protected one/);
  });

  it('refuses an empty file and a binary file that is not a ZIP archive', async () => {
    expect((await appError(readXlsx(new Uint8Array(0)), 'bad-input')).message).toBe('book.xlsx is empty (0 bytes): it is not an XLSX workbook.');
    const pdf = new TextEncoder().encode('%PDF-1.7\n\u0000\u0001\u0002binary');
    expect((await appError(readXlsx(pdf), 'bad-input')).message).toBe(
      'book.xlsx is not an XLSX workbook: it does not start like the ZIP archive every .xlsx file is, so it is another kind of file or it is damaged.',
    );
  });
});
