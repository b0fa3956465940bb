import { describe, expect, it } from 'vitest';
import { cancelledError, type TaskContext } from '../../../../src-main/engine/context';
import { appError, factor, labels, numeric, readText } from './helpers';

describe('readDataFile: delimiters and quoting', () => {
  it('reads a semicolon CSV with decimal points', async () => {
    const r = await readText('id;score;group\n1;2.5;a\n2;-0.75;b\n', { fileName: 'eu.csv' });
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'score', 'group']);
    expect(Array.from(numeric(r, 'score').values)).toEqual([2.5, -0.75]);
    expect(labels(factor(r, 'group'))).toEqual(['a', 'b']);
  });

  it('accepts the decimal comma of European CSV in semicolon files (read.csv2), and only there', async () => {
    const r = await readText('x;y\n1,5;2\n-0,25;3\n', { fileName: 'eu.csv' });
    expect(numeric(r, 'x').kind).toBe('numeric');
    expect(Array.from(numeric(r, 'x').values)).toEqual([1.5, -0.25]);
    const comma = await readText('x\t"y"\n"1,5"\t2\n', { fileName: 'data.tsv' });
    expect(labels(factor(comma, 'x'))).toEqual(['1,5']);
  });

  it('keeps delimiters, line breaks and "" escapes inside quoted fields', async () => {
    const r = await readText('name,note,n\n"Smith, J","said ""hi""\nthen left",1\n"",plain,2\n', { fileName: 'q.csv' });
    expect(r.rows).toBe(2);
    expect(labels(factor(r, 'name'))).toEqual(['Smith, J', null]);
    expect(labels(factor(r, 'note'))).toEqual(['said "hi"\nthen left', 'plain']);
    expect(Array.from(numeric(r, 'n').values)).toEqual([1, 2]);
  });

  it('reads CRLF files, a last line without a line break, and skips blank lines', async () => {
    const r = await readText('a,b\r\n1,x\r\n\r\n   \r\n2,y\r\n3,z', { fileName: 'crlf.csv' });
    expect(r.rows).toBe(3);
    expect(Array.from(numeric(r, 'a').values)).toEqual([1, 2, 3]);
    expect(labels(factor(r, 'b'))).toEqual(['x', 'y', 'z']);
  });

  it('strips blanks around unquoted fields but keeps them inside quotes', async () => {
    const r = await readText('a , b\n 1 , F \n2,"  F"\n', { fileName: 's.csv' });
    expect(r.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(labels(factor(r, 'b'))).toEqual(['F', '  F']);
  });

  it('chooses tab for .tsv, blanks for .txt, and follows the header of a .txt that has tabs', async () => {
    const tsv = await readText('a\tb\n1\t\n\t2\n', { fileName: 'x.tsv' });
    expect(Array.from(numeric(tsv, 'a').values)).toEqual([1, NaN]);
    expect(Array.from(numeric(tsv, 'b').values)).toEqual([NaN, 2]);
    const txt = await readText('  a   b\n 1\t\t2  \n3 4\n', { fileName: 'x.txt' });
    expect(Array.from(numeric(txt, 'b').values)).toEqual([2, 4]);
    const tabbedTxt = await readText('a\tb c\n1\t2 3\n', { fileName: 'x.txt' });
    expect(tabbedTxt.columns.map((c) => c.name)).toEqual(['a', 'b c']);
    const forced = await readText('a b\n1 2\n', { fileName: 'x.csv', delimiter: 'whitespace' });
    expect(forced.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('reads quoted labels with spaces and # comments in blank-separated files, as read.table', async () => {
    const r = await readText('# made by hand\nx "group name"\n1 "mid 50%"  # first\n\n2 low\n', { fileName: 'x.dat' });
    expect(r.columns.map((c) => c.name)).toEqual(['x', 'group name']);
    expect(labels(factor(r, 'group name'))).toEqual(['mid 50%', 'low']);
    expect(Array.from(numeric(r, 'x').values)).toEqual([1, 2]);
    expect(factor(r, 'group name').levels).toEqual(['low', 'mid 50%']);
  });

  it('takes the first field as row names when the header has one name fewer (write.table files)', async () => {
    const r = await readText('"y" "g"\n"1" 2.5 "a"\n"2" 3.5 "b"\n', { fileName: 'wt.txt' });
    expect(r.columns.map((c) => c.name)).toEqual(['y', 'g']);
    expect(Array.from(numeric(r, 'y').values)).toEqual([2.5, 3.5]);
    expect(labels(factor(r, 'g'))).toEqual(['a', 'b']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].message).toContain('row name');
  });
});

describe('readDataFile: types as type.convert decides them', () => {
  it('reads whole numbers as integer and anything with a point, exponent or beyond int32 as numeric', async () => {
    const r = await readText('a,b,c,d,e\n1,1.0,1e3,2147483647,-0\n-2,2,2,2147483648,7\n', { fileName: 't.csv' });
    expect(numeric(r, 'a').kind).toBe('integer');
    expect(Array.from(numeric(r, 'a').values)).toEqual([1, -2]);
    expect(numeric(r, 'b').kind).toBe('numeric');
    expect(numeric(r, 'c').kind).toBe('numeric');
    expect(numeric(r, 'c').values[0]).toBe(1000);
    expect(numeric(r, 'd').kind).toBe('numeric');
    expect(numeric(r, 'd').values[1]).toBe(2147483648);
    expect(numeric(r, 'e').kind).toBe('integer');
    expect(Object.is(numeric(r, 'e').values[0], 0)).toBe(true);
  });

  it('reads quoted numbers as numbers, as read.csv does', async () => {
    const r = await readText('"a","b"\n"1","2.5"\n"3","-4"\n', { fileName: 'q.csv' });
    expect(numeric(r, 'a').kind).toBe('integer');
    expect(Array.from(numeric(r, 'b').values)).toEqual([2.5, -4]);
  });

  it('reads TRUE/FALSE/T/F/true/false columns as logical 1/0 with NA missing', async () => {
    const r = await readText('p,q\nTRUE,T\nfalse,F\nNA,True\nFALSE,\n', { fileName: 'l.csv' });
    expect(numeric(r, 'p').kind).toBe('logical');
    expect(Array.from(numeric(r, 'p').values)).toEqual([1, 0, NaN, 0]);
    expect(numeric(r, 'q').kind).toBe('logical');
    expect(Array.from(numeric(r, 'q').values)).toEqual([1, 0, 1, NaN]);
  });

  it('turns a column of numbers and logicals, or numbers and text, into a factor of the texts as written', async () => {
    const r = await readText('a,b\n1,2.50\nTRUE,x\n', { fileName: 'm.csv' });
    expect(factor(r, 'a').levels).toEqual(['1', 'TRUE']);
    expect(labels(factor(r, 'b'))).toEqual(['2.50', 'x']);
  });

  it('does not read hexadecimal or thousands separators as numbers', async () => {
    const r = await readText('h,t\n0x1A,"1,000"\n2,3\n', { fileName: 'h.csv' });
    // Text levels in collation order, where "0…" and "1…" sort before "2" and "3".
    expect(factor(r, 'h').levels).toEqual(['0x1A', '2']);
    expect(factor(r, 't').levels).toEqual(['1,000', '3']);
  });

  it('reads Inf and -Inf as infinities and NaN as missing, with a warning', async () => {
    const r = await readText('x\n1\nInf\n-inf\nNaN\n', { fileName: 'i.csv' });
    const x = numeric(r, 'x');
    expect(x.kind).toBe('numeric');
    expect(Array.from(x.values)).toEqual([1, Infinity, -Infinity, NaN]);
    expect(r.warnings).toEqual([{ message: 'i.csv: column "x" has 1 value written NaN; NaN is read as missing.', column: 1 }]);
  });

  it('makes a column that is numeric for 100,000 rows and then text a factor with every row right', async () => {
    const lines = ['id,v,w'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},${i % 7}.50,${i % 3}`);
    lines.push('100000,seven,3', '100001,NA,4', '100002,1.50,5');
    const r = await readText(lines.join('\n') + '\n', { fileName: 'late.csv' });
    expect(r.rows).toBe(100_003);
    expect(numeric(r, 'id').kind).toBe('integer');
    expect(numeric(r, 'w').kind).toBe('integer');
    const v = factor(r, 'v');
    expect(v.levels).toEqual(['0.50', '1.50', '2.50', '3.50', '4.50', '5.50', '6.50', 'seven']);
    const got = labels(v);
    expect(got.slice(0, 8)).toEqual(['0.50', '1.50', '2.50', '3.50', '4.50', '5.50', '6.50', '0.50']);
    expect(got[99_999]).toBe(`${99_999 % 7}.50`);
    expect(got.slice(100_000)).toEqual(['seven', null, '1.50']);
    expect(got.every((label, i) => i >= 100_000 || label === `${i % 7}.50`)).toBe(true);
  });

  it('reads a column of only missing values as logical, as R does', async () => {
    const r = await readText('a,b\n1,NA\n2,\n', { fileName: 'n.csv' });
    expect(numeric(r, 'b').kind).toBe('logical');
    expect(Array.from(numeric(r, 'b').values)).toEqual([NaN, NaN]);
  });
});

describe('readDataFile: missing values', () => {
  it('reads empty fields, NA and quoted "NA" as missing in numeric and factor columns', async () => {
    const r = await readText('x,g\n1,a\n,""\nNA,NA\n"NA",b\n', { fileName: 'na.csv' });
    expect(Array.from(numeric(r, 'x').values)).toEqual([1, NaN, NaN, NaN]);
    expect(labels(factor(r, 'g'))).toEqual(['a', null, null, 'b']);
    expect(factor(r, 'g').levels).toEqual(['a', 'b']);
  });

  it('reads the user naStrings such as -99 and "." as missing, compared as text', async () => {
    const r = await readText('x,g\n-99,a\n-99.0,.\n5,b\n', { fileName: 'na.csv', naStrings: ['-99', '.', ''] });
    expect(Array.from(numeric(r, 'x').values)).toEqual([NaN, -99, 5]);
    expect(labels(factor(r, 'g'))).toEqual(['a', null, 'b']);
  });
});

describe('readDataFile: factors and levels', () => {
  it('orders text levels as R sort() does in an English locale', async () => {
    const r = await readText('g\nbeta\nAlpha\nalpha\nBeta\n_x\n10\n9\n', { fileName: 'f.csv' });
    expect(factor(r, 'g').levels).toEqual(['_x', '10', '9', 'alpha', 'Alpha', 'beta', 'Beta']);
  });

  it('reads listed numeric columns as factors, equal numbers sharing one level labelled as R does', async () => {
    const r = await readText('s,b\n10,TRUE\n2,F\n1.0,T\n01,\n', { fileName: 'f.csv', factors: ['s', 'b'] });
    const s = factor(r, 's');
    expect(s.levels).toEqual(['1', '2', '10']);
    expect(labels(s)).toEqual(['10', '2', '1', '1']);
    const b = factor(r, 'b');
    expect(b.levels).toEqual(['FALSE', 'TRUE']);
    expect(labels(b)).toEqual(['TRUE', 'FALSE', 'TRUE', null]);
  });

  it('uses explicit levels in the given order and keeps levels absent from the data', async () => {
    const r = await readText('dose,y\nlow,1\nhigh,2\nNA,3\n01,4\n', {
      fileName: 'l.csv',
      levels: { dose: ['high', 'low', 'none', '1'] },
    });
    const dose = factor(r, 'dose');
    expect(dose.levels).toEqual(['high', 'low', 'none', '1']);
    expect(Array.from(dose.codes)).toEqual([1, 0, -1, 3]);
  });
});

describe('readDataFile: header', () => {
  it('names empty header fields V<n> and makes duplicates unique as make.unique, with warnings', async () => {
    const r = await readText('x,,x,x.1,x\n1,2,3,4,5\n', { fileName: 'h.csv' });
    expect(r.columns.map((c) => c.name)).toEqual(['x', 'V2', 'x.2', 'x.1', 'x.3']);
    expect(r.warnings.map((w) => [w.line, w.column])).toEqual([
      [1, 2],
      [1, 3],
      [1, 5],
    ]);
    expect(r.warnings[0].message).toBe('h.csv: line 1, column 2 has no name in the header; it is called "V2".');
    expect(r.warnings[1].message).toContain('"x" is used before; this column is called "x.2"');
  });

  it('keeps names as written (no make.names)', async () => {
    const r = await readText('"stand LRT",2010,a-b\n1,2,3\n', { fileName: 'h.csv' });
    expect(r.columns.map((c) => c.name)).toEqual(['stand LRT', '2010', 'a-b']);
  });

  it('reads a header-only file as 0 rows with a warning', async () => {
    const r = await readText('a,b\n', { fileName: 'h.csv' });
    expect(r.rows).toBe(0);
    expect(r.columns.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'logical'],
      ['b', 'logical'],
    ]);
    expect(r.warnings).toEqual([{ message: 'h.csv has a header but no data rows.', line: 1 }]);
  });

  it('strips a UTF-8 byte-order mark and reads non-ASCII names and labels', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('élève,ville\n1,Zürich\n2,Genève\n')]);
    const { readDataFile } = await import('../../../../src-main/engine/import/read-data-file');
    const { silentContext } = await import('../../../../src-main/engine/context');
    const r = await readDataFile(bytes, { fileName: 'u.csv' }, silentContext);
    expect(r.columns.map((c) => c.name)).toEqual(['élève', 'ville']);
    expect(factor(r, 'ville').levels).toEqual(['Genève', 'Zürich']);
  });
});

describe('readDataFile: progress and cancel', () => {
  const bigText = 'x,g\n' + Array.from({ length: 200_000 }, (_, i) => `${i},g${i % 5}`).join('\n');

  it('reports rising progress by bytes and stops at a checkpoint once cancelled', async () => {
    const fractions: number[] = [];
    let checkpoints = 0;
    const ctx: TaskContext = {
      progress: (fraction) => fractions.push(fraction ?? -1),
      checkpoint: () => (++checkpoints === 2 ? Promise.reject(cancelledError()) : Promise.resolve()),
    };
    await appError(readText(bigText, { fileName: 'big.csv' }, ctx), 'cancelled');
    expect(checkpoints).toBe(2);
    expect(fractions).toHaveLength(3);
    expect(fractions[0]).toBe(0);
    expect(fractions[1]).toBeGreaterThan(0.25);
    expect(fractions[2]).toBeGreaterThan(fractions[1]);
    expect(fractions[2]).toBeLessThan(1);
  });

  it('reads all 200,000 rows when not cancelled', async () => {
    const r = await readText(bigText, { fileName: 'big.csv' });
    expect(r.rows).toBe(200_000);
    expect(numeric(r, 'x').values[199_999]).toBe(199_999);
    expect(factor(r, 'g').levels).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
    expect(labels(factor(r, 'g'))[199_999]).toBe('g4');
  });
});
