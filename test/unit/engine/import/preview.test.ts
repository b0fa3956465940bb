import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREVIEW_HEAD_BYTES, type PreviewOptions } from '@shared/dataset';
import { silentContext } from '../../../../src-main/engine/context';
import { lineEndBefore, previewDataFile, textHead } from '../../../../src-main/engine/import/preview';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { sampleBytes } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

function preview(fileName: string, bytes: Uint8Array, options: PreviewOptions = {}, size = bytes.length) {
  return previewDataFile({ fileName, bytes, size, options });
}

/** A CSV of `rows` rows (id, x, g) well past the preview's head. */
function longCsv(rows: number): string {
  const lines = ['id,x,g'];
  for (let i = 1; i <= rows; i++) lines.push(`${i},${(i * 0.25).toFixed(2)},${i % 3 === 0 ? 'c' : 'd'}`);
  return lines.join('\n') + '\n';
}

describe('previewDataFile on text files', () => {
  it('reads jsp.txt as whitespace-separated text with the types read.table gives, and its first 20 rows', async () => {
    const p = await preview('jsp.txt', sampleBytes('jsp.txt'));
    expect(p.format).toBe('text');
    expect(p.delimiter).toBe('whitespace');
    expect(p.error).toBeNull();
    expect(p.columns).toEqual([
      { name: 'school', kind: 'integer', missing: 0 },
      { name: 'gender', kind: 'factor', missing: 0 },
      { name: 'social', kind: 'factor', missing: 0 },
      { name: 'raven', kind: 'numeric', missing: 0 },
      { name: 'math', kind: 'integer', missing: 0 },
    ]);
    // The file is 25 KB: read whole, so the kinds are the import's and every row is counted.
    expect(p.complete).toBe(true);
    expect(p.rowsRead).toBe(1154);
    expect(p.rows).toHaveLength(20);
    // Lines 2 and 3 of jsp.txt: "1 girl S1 1.639 1" and "1 girl S3 -7.361 -3".
    expect(p.rows[0]).toEqual([1, 'girl', 'S1', 1.639, 1]);
    expect(p.rows[1]).toEqual([1, 'girl', 'S3', -7.361, -3]);
    expect(p.lines[0]).toBe('school gender social raven math');
    expect(p.warnings).toEqual([]);
  });

  it('agrees with the import on the kinds and rows of every column', async () => {
    const bytes = sampleBytes('exam.csv');
    const p = await preview('exam.csv', bytes);
    const full = await readDataFile(bytes, { fileName: 'exam.csv' }, silentContext);
    expect(p.delimiter).toBe(',');
    expect(p.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(full.columns.map((c) => `${c.name}:${c.kind}`));
    const intake = full.columns.find((c) => c.name === 'intake')!;
    if (intake.kind !== 'factor') throw new Error('intake is a factor');
    expect(p.rows.map((row) => row[5])).toEqual(Array.from(intake.codes.slice(0, 20), (code) => intake.levels[code]));
  });

  it('reads with header: false, as the import would, naming the columns V1 … V5', async () => {
    const p = await preview('jsp.txt', sampleBytes('jsp.txt'), { header: false });
    expect(p.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['V1:factor', 'V2:factor', 'V3:factor', 'V4:factor', 'V5:factor']);
    expect(p.rows[0]).toEqual(['school', 'gender', 'social', 'raven', 'math']);
    expect(p.rowsRead).toBe(1155);
  });

  it('counts the missing codes as missing, which turns a coded column back into numbers', async () => {
    const text = 'x;y;g\n1;-99;a\n2;.;.\n3;4,5;b\n';
    const coded = await preview('codes.csv', encode(text));
    expect(coded.delimiter).toBe(';');
    expect(coded.columns.map((c) => `${c.name}:${c.kind}:${c.missing}`)).toEqual(['x:integer:0', 'y:factor:0', 'g:factor:0']);
    const p = await preview('codes.csv', encode(text), { naStrings: ['-99', '.'] });
    // The semicolon file takes the decimal comma, as read.csv2 does.
    expect(p.columns.map((c) => `${c.name}:${c.kind}:${c.missing}`)).toEqual(['x:integer:0', 'y:numeric:2', 'g:factor:1']);
    expect(p.rows).toEqual([
      [1, null, 'a'],
      [2, null, null],
      [3, 4.5, 'b'],
    ]);
  });

  it('follows the delimiter asked for, and says which one auto chose', async () => {
    const text = 'a b;c\n1 2;3\n';
    const auto = await preview('t.txt', encode(text));
    expect(auto.delimiter).toBe(';');
    expect(auto.columns.map((c) => c.name)).toEqual(['a b', 'c']);
    const blanks = await preview('t.txt', encode(text), { delimiter: 'whitespace' });
    expect(blanks.delimiter).toBe('whitespace');
    expect(blanks.columns.map((c) => c.name)).toEqual(['a', 'b;c']);
  });

  it('gives the error and its line and column in place of the columns, with the first lines as written', async () => {
    const p = await preview('u.csv', encode('id,name\n1,ok\n2,  "Smith, J\n3,x\n'));
    expect(p.error).toEqual({
      message: 'u.csv: line 3, character 5: a quote opens here (column "name") and is never closed.',
      line: 3,
      column: 5,
    });
    expect(p.columns).toEqual([]);
    expect(p.rows).toEqual([]);
    expect(p.delimiter).toBe(',');
    expect(p.lines).toEqual(['id,name', '1,ok', '2,  "Smith, J', '3,x']);
  });

  it('gives the line of a row with too many fields, and the importer’s refusal of a binary file', async () => {
    const ragged = await preview('r.txt', encode('a b\n1 2\n3 4 5\n'));
    expect(ragged.error?.line).toBe(3);
    expect(ragged.error?.message).toMatch(/^r\.txt: line 3 has 3 fields, the header has 2\./);
    const binary = await preview('b.csv', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02]));
    expect(binary.error?.message).toMatch(/^b\.csv/);
    expect(binary.error?.line).toBe(2);
    expect(binary.lines).toEqual([]);
  });

  it('reads only the head of a long file, cut at a line end, and says the types are a guess from those rows', async () => {
    const bytes = encode(longCsv(40_000));
    const p = await preview('long.csv', bytes);
    const head = new TextDecoder().decode(bytes.subarray(0, PREVIEW_HEAD_BYTES));
    const wholeLines = head.slice(0, head.lastIndexOf('\n') + 1).split('\n').length - 2; // minus the header and the empty tail
    expect(p.complete).toBe(false);
    expect(p.rowsRead).toBe(wholeLines);
    expect(p.rowsRead).toBeLessThan(40_000);
    expect(p.error).toBeNull();
    expect(p.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['id:integer', 'x:numeric', 'g:factor']);
    // The renderer sends only the head and the file's size: the same preview.
    const sent = await preview('long.csv', bytes.subarray(0, PREVIEW_HEAD_BYTES + 1), {}, bytes.length);
    expect(sent).toEqual(p);
  });

  it('guesses from the head only: a label after it is not seen', async () => {
    const bytes = encode(longCsv(40_000).replace('39999,', 'n/a,'));
    const p = await preview('late.csv', bytes);
    expect(p.columns[0].kind).toBe('integer');
    const full = await readDataFile(bytes, { fileName: 'late.csv' }, silentContext);
    expect(full.columns[0].kind).toBe('factor');
  });

  it('drops a last record whose quoted value goes on past the head, and says where the preview stops', async () => {
    const before = longCsv(40_000).split('\n');
    const text = encode(longCsv(40_000));
    // The line that holds byte PREVIEW_HEAD_BYTES - 100 gets a quoted value with line breaks running past the head.
    const cutLine = new TextDecoder().decode(text.subarray(0, PREVIEW_HEAD_BYTES - 100)).split('\n').length;
    before[cutLine - 1] = `${cutLine},1.5,"a note\n${'that runs on\n'.repeat(10)}to here"`;
    const p = await preview('notes.csv', encode(before.join('\n')));
    expect(p.error).toBeNull();
    expect(p.rowsRead).toBe(cutLine - 2);
    expect(p.warnings).toEqual([
      {
        message: `The preview stops before line ${cutLine}: a quoted value there goes on past the part of the file the preview reads.`,
        line: cutLine,
      },
    ]);
  });

  it('reports a quote that opens early in a long file and never closes, rather than dropping most of the head', async () => {
    const lines = longCsv(40_000).split('\n');
    lines[5] = '5,1.5,"never closed';
    const p = await preview('open.csv', encode(lines.join('\n')));
    expect(p.error?.line).toBe(6);
    expect(p.error?.message).toContain('is never closed');
  });
});

describe('textHead and lineEndBefore', () => {
  it('keeps a file that fits whole, and cuts a longer one after its last LF, CRLF or CR', () => {
    const small = encode('a\nb\n');
    expect(textHead(small, small.length)).toEqual({ bytes: small, cut: false });
    expect(textHead(small, 100).cut).toBe(true);
    expect(lineEndBefore(encode('ab\ncd\nef'), 7)).toBe(6);
    expect(lineEndBefore(encode('ab\r\ncd'), 3)).toBe(4);
    expect(lineEndBefore(encode('ab\rcd'), 5)).toBe(3);
  });

  it('cuts UTF-16 at a line break code unit and a one-line head at a UTF-8 character boundary', () => {
    // "a\nb\n" in UTF-16LE with its BOM: FF FE 61 00 0A 00 62 00 0A 00
    const le = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00, 0x62, 0x00, 0x0a, 0x00]);
    expect(lineEndBefore(le, 9)).toBe(6);
    // U+010A (0A 01 in LE) is not a line break.
    expect(lineEndBefore(new Uint8Array([0xff, 0xfe, 0x0a, 0x01, 0x62, 0x00]), 6)).toBe(6);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a, 0x00, 0x62]);
    expect(lineEndBefore(be, 8)).toBe(6);
    // "é" is C3 A9: a cut at 2 would split it.
    expect(lineEndBefore(encode('aé…'), 2)).toBe(1);
  });
});

describe('previewDataFile on workbooks', () => {
  it('reads the whole sheet (a ZIP archive has no head): exact kinds, no delimiter', async () => {
    const bytes = readFileSync(resolve(__dirname, '../../../fixtures/xlsx/exam-200.xlsx'));
    const p = await preview('exam-200.xlsx', bytes, {}, bytes.length);
    expect(p.format).toBe('xlsx');
    expect(p.delimiter).toBeNull();
    expect(p.complete).toBe(true);
    expect(p.rowsRead).toBe(200);
    expect(p.columns.map((c) => `${c.name}:${c.kind}`).slice(0, 3)).toEqual(['school:integer', 'normexam:numeric', 'schgend:factor']);
    expect(p.rows[0].slice(0, 4)).toEqual([1, 0.2613242, 'mixed', 0.1661752]);
    expect(p.lines).toEqual([]);
  });

  it('reports a sheet that does not exist, naming the sheets there are', async () => {
    const bytes = readFileSync(resolve(__dirname, '../../../fixtures/xlsx/types.xlsx'));
    const p = await preview('types.xlsx', bytes, { sheet: 'Results' });
    expect(p.error?.message).toBe('types.xlsx has no sheet named "Results"; its sheets are Scores, Notes.');
  });
});
