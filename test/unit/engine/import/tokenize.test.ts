import { describe, expect, it } from 'vitest';
import { Tokenizer, fieldValue, type Delimiter } from '../../../../src-main/engine/import/tokenize';

const encode = (s: string) => new TextEncoder().encode(s);

/** Every record as [start line, field values]. */
function records(text: string, delimiter: Delimiter): [number, string[]][] {
  const bytes = encode(text);
  const tokenizer = new Tokenizer(bytes, delimiter, 't.csv');
  const out: [number, string[]][] = [];
  let fields: string[] = [];
  const sink = { field: (_i: number, s: number, e: number, flags: number) => fields.push(fieldValue(bytes, s, e, flags)) };
  while (tokenizer.readRecord(sink) >= 0) {
    out.push([tokenizer.recordLine, fields]);
    fields = [];
  }
  return out;
}

describe('Tokenizer, delimited', () => {
  it('splits fields, keeps empty ones, including a trailing one', () => {
    expect(records('a,b,c\n1,,3\n,,\n4,5,', ',')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '', '3']],
      [3, ['', '', '']],
      [4, ['4', '5', '']],
    ]);
  });

  it('unquotes, unescapes "" and keeps delimiters and line breaks in quotes', () => {
    expect(records('"a,1","say ""x""","l1\r\nl2",""\n', ',')).toEqual([[1, ['a,1', 'say "x"', 'l1\r\nl2', '']]]);
  });

  it('keeps text after a closing quote as part of the value', () => {
    expect(records('"ab"cd,"x" ,y\n', ',')).toEqual([[1, ['abcd', 'x', 'y']]]);
  });

  it('treats a quote inside an unquoted field as a character', () => {
    expect(records('5\'11",a"b\n', ',')).toEqual([[1, ['5\'11"', 'a"b']]]);
  });

  it('counts LF, CRLF and lone CR line ends and skips blank lines', () => {
    expect(records('a\r\n\r\nb\rc\n \n"d\ne"\nf', ',').map(([line, f]) => [line, f[0]])).toEqual([
      [1, 'a'],
      [3, 'b'],
      [4, 'c'],
      [6, 'd\ne'],
      [8, 'f'],
    ]);
  });

  it('in tab mode, a line of tabs is a record of empty fields and blanks around fields are trimmed', () => {
    expect(records('a\tb\n\t\n 1 \t x y \n', '\t')).toEqual([
      [1, ['a', 'b']],
      [2, ['', '']],
      [3, ['1', 'x y']],
    ]);
  });
});

describe('Tokenizer, whitespace', () => {
  it('splits on runs of blanks, ignores leading and trailing blanks, and drops # comments', () => {
    expect(records('# note\n  a \t b  \n1  "x y" # c\n\n"" 2\n', 'whitespace')).toEqual([
      [2, ['a', 'b']],
      [3, ['1', 'x y']],
      [5, ['', '2']],
    ]);
  });
});
