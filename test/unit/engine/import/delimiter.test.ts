import { describe, expect, it } from 'vitest';
import { chooseDelimiter, extension } from '../../../../src-main/engine/import/delimiter';

const encode = (s: string) => new TextEncoder().encode(s);

describe('chooseDelimiter', () => {
  const choose = (name: string, header: string) => chooseDelimiter(name, encode(header + '\n1\n'));
  it('follows the extension and the header line', () => {
    expect(choose('a.csv', 'x,y')).toBe(',');
    expect(choose('a.csv', 'x;y')).toBe(';');
    expect(choose('a.csv', '"a,b";y')).toBe(';');
    expect(choose('a.csv', 'x;y,z')).toBe(',');
    expect(choose('a.CSV', 'x\ty')).toBe('\t');
    expect(choose('a.tsv', 'x,y')).toBe('\t');
    expect(choose('a.tab', 'x y')).toBe('\t');
    expect(choose('a.txt', 'x y')).toBe('whitespace');
    expect(choose('a.dat', 'x\ty')).toBe('\t');
    expect(choose('a.txt', 'x,y')).toBe(',');
    expect(choose('a.txt', 'x;y')).toBe(';');
    expect(choose('noext', 'x y')).toBe('whitespace');
    expect(chooseDelimiter('a.txt', encode('\n\n x;y\n'))).toBe(';');
  });
});

describe('extension', () => {
  it('takes the lower-cased extension of the last path part', () => {
    expect(extension('C:\\data.v2\\Exam.XLSX')).toBe('xlsx');
    expect(extension('/home/x.y/data')).toBe('');
    expect(extension('.hidden')).toBe('');
  });
});
