import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { appError, readText } from './helpers';

function readBytes(bytes: number[] | Uint8Array, fileName: string) {
  return readDataFile(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { fileName }, silentContext);
}

describe('readDataFile: rows that do not fit the header', () => {
  it('names the line and both counts for a row with too few fields', async () => {
    const lines = ['school gender social raven math'];
    for (let i = 0; i < 15; i++) lines.push('1 girl S1 1.639 1');
    lines.push('1 girl S1 1.639'); // line 17
    const err = await appError(readText(lines.join('\n') + '\n', { fileName: 'jsp.txt' }), 'bad-input');
    expect(err.message).toMatch(/^jsp\.txt: line 17 has 4 fields, the header has 5\./);
    expect(err.detail).toEqual({ file: 'jsp.txt', line: 17, fields: 4, expected: 5 });
  });

  it('counts lines right with CRLF line ends and blank lines', async () => {
    const err = await appError(readText('a,b\r\n1,2\r\n\r\n3,4,5\r\n', { fileName: 'r.csv' }), 'bad-input');
    expect(err.message).toMatch(/^r\.csv: line 4 has 3 fields, the header has 2\. A value may contain an unquoted ","/);
  });

  it('counts the line breaks inside quoted fields before the bad row', async () => {
    const text = 'a,b\n"x\ny",1\n"p\r\nq\r\nr",2\n3\n';
    const err = await appError(readText(text, { fileName: 'q.csv' }), 'bad-input');
    expect(err.message).toMatch(/^q\.csv: line 7 has 1 fields, the header has 2\./);
    expect((err.detail as { line: number }).line).toBe(7);
  });

  it('names both lines of a record that runs over a quoted line break', async () => {
    const err = await appError(readText('a,b\n1,2\n1,"x\ny",3\n', { fileName: 'q.csv' }), 'bad-input');
    expect(err.message).toBe(
      'q.csv: line 3 (a record continuing inside quotes to line 4) has 3 fields, the header has 2. ' +
        'A value may contain an unquoted ","; such values must be in quotes.',
    );
  });

  it('explains a mismatch after row names were inferred from the first data line', async () => {
    const err = await appError(readText('a b\nr1 1 2\n3 4\n', { fileName: 'w.txt' }), 'bad-input');
    expect(err.message).toMatch(/^w\.txt: line 3 has 2 fields, but line 2 has 3: the header has 2 names/);
  });
});

describe('readDataFile: malformed files', () => {
  it('names the line and character where an unclosed quote opens', async () => {
    const err = await appError(readText('id,name\n1,ok\n2,  "Smith, J\n3,x\n', { fileName: 'u.csv' }), 'bad-input');
    expect(err.message).toBe('u.csv: line 3, character 5: a quote opens here (column "name") and is never closed.');
    expect(err.detail).toEqual({ file: 'u.csv', line: 3, column: 5, field: 2 });
  });

  it('refuses an empty file and a file of blank lines', async () => {
    const empty = await appError(readBytes([], 'e.csv'), 'bad-input');
    expect(empty.message).toBe('e.csv is empty: it has no header line and no data.');
    const blank = await appError(readText('\n  \r\n\n', { fileName: 'b.csv' }), 'bad-input');
    expect(blank.message).toBe('b.csv is empty: it has no header line and no data.');
    await appError(readBytes([0xef, 0xbb, 0xbf], 'bom.csv'), 'bad-input');
  });

  it('refuses a binary file naming the line and byte of the first binary byte', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\nxy\u0001\u0000z\n');
    const err = await appError(readBytes(bytes, 'data.csv'), 'bad-input');
    expect(err.message).toBe(
      'data.csv: line 3, byte 11: this is not a text file (it contains binary data); ' +
        'save the data as CSV (comma-separated values, UTF-8) and import that file.',
    );
    expect(err.detail).toEqual({ file: 'data.csv', line: 3, column: 3, byte: 11 });
  });

  it('recognises a workbook saved under a .csv name, and refuses .xls names as unsupported', async () => {
    const zip = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00];
    const err = await appError(readBytes(zip, 'exam.csv'), 'bad-input');
    expect(err.message).toBe(
      'exam.csv: line 1, byte 3: this is not a text file (it contains binary data; it looks like a ZIP archive such as an Excel .xlsx workbook); ' +
        'if it is an Excel workbook, give the file a .xlsx name and import it again.',
    );
    // Under a .xlsx name the same bytes reach the XLSX reader, which finds the archive cut short (xlsx.test.ts).
    const xlsx = await appError(readBytes(zip, 'exam.xlsx'), 'bad-input');
    expect(xlsx.message).toMatch(/^exam\.xlsx is damaged or incomplete/);
    await appError(readBytes(zip, 'OLD.XLS'), 'unsupported');
  });

  it('refuses text that is not UTF-8, naming line, character column and byte', async () => {
    // "Genève" in Latin-1 on line 3: è is the single byte 0xE8.
    const head = new TextEncoder().encode('ville,n\nZürich,1\nGen');
    const bytes = new Uint8Array([...head, 0xe8, ...new TextEncoder().encode('ve,2\n')]);
    const err = await appError(readBytes(bytes, 'villes.csv'), 'bad-input');
    expect(err.message).toBe(
      "villes.csv: line 3, column 4 (byte 22): this is not valid UTF-8 text (byte 0xE8, which is 'è' in Latin-1/Windows-1252). " +
        'The file is probably in another encoding; save it as UTF-8 (in Excel: "CSV UTF-8") and import it again.',
    );
    expect(err.detail).toEqual({ file: 'villes.csv', line: 3, column: 4, byte: 22 });
  });
});

describe('readDataFile: options that do not fit the file', () => {
  it('names a factors or levels column the file does not have', async () => {
    const err = await appError(readText('a,b\n1,2\n', { fileName: 'o.csv', factors: ['c'] }), 'bad-input');
    expect(err.message).toBe('o.csv: there is no column "c" (the file has "a", "b").');
    await appError(readText('a,b\n1,2\n', { fileName: 'o.csv', levels: { z: ['1'] } }), 'bad-input');
  });

  it('names the column, value and first line of a value missing from the explicit levels', async () => {
    const err = await appError(
      readText('dose\nlow\nhigh\nlow\nmedium\nmedium\n', { fileName: 'd.csv', levels: { dose: ['low', 'high'] } }),
      'bad-input',
    );
    expect(err.message).toBe('d.csv: line 5: the value "medium" of column "dose" is not one of the levels given for it ("low", "high").');
    expect(err.detail).toEqual({ file: 'd.csv', line: 5, column: 'dose', value: 'medium' });
  });

  it('refuses a level listed twice', async () => {
    const err = await appError(readText('g\na\n', { fileName: 'd.csv', levels: { g: ['a', 'a'] } }), 'bad-input');
    expect(err.message).toBe('d.csv: the level "a" is listed twice for column "g".');
  });
});
