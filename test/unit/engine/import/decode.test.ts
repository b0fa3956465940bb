import { describe, expect, it } from 'vitest';
import { findBinaryByte, firstInvalidUtf8, utf8Text } from '../../../../src-main/engine/import/decode';
import { appError } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
const asText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('utf8Text', () => {
  it('returns UTF-8 bytes without the byte-order mark', () => {
    expect(asText(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a]), 'a.csv'))).toBe('a\n');
    expect(asText(utf8Text(utf8('x,é\n'), 'a.csv'))).toBe('x,é\n');
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode Text") as UTF-8', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x09, 0x00, 0xe9, 0x00, 0x0a, 0x00]);
    expect(asText(utf8Text(le, 'u.txt'))).toBe('a\té\n');
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a]);
    expect(asText(utf8Text(be, 'u.txt'))).toBe('a\n');
  });

  it('finds an invalid sequence far into a large file, past all-ASCII blocks', async () => {
    const line = 'x,1\n';
    const text = 'a,b\n' + line.repeat(50_000) + 'é,2\n' + line.repeat(50_000);
    const bytes = utf8(text);
    expect(asText(utf8Text(bytes, 'big.csv'))).toBe(text);
    // Cut the é (C3 A9) in half: C3 followed by ','.
    const at = bytes.indexOf(0xc3);
    const broken = new Uint8Array([...bytes.subarray(0, at + 1), ...bytes.subarray(at + 2)]);
    const err = await appError(Promise.resolve().then(() => utf8Text(broken, 'big.csv')), 'bad-input');
    expect(err.detail).toEqual({ file: 'big.csv', line: 50_002, column: 1, byte: at + 1 });
  });

  it('accepts multi-byte characters that straddle the 64 KiB check blocks', () => {
    const text = 'a'.repeat(65_535) + '€' + 'b'.repeat(10) + '\n';
    expect(asText(utf8Text(utf8(text), 't.txt'))).toBe(text);
  });
});

describe('firstInvalidUtf8', () => {
  it('finds ill-formed sequences as Unicode defines them', () => {
    expect(firstInvalidUtf8(utf8('plain ascii, é, €, 𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0x80]))).toBe(0); // overlong 3-byte
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0xf5, 0x80, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1); // lone continuation byte
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1); // truncated at the end
  });
});

describe('findBinaryByte', () => {
  it('calls a file binary when it has a NUL byte, reporting the first control byte', () => {
    expect(findBinaryByte(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe(2);
    expect(findBinaryByte(new Uint8Array([0x61, 0x0a, 0x00]))).toBe(2);
  });

  it('keeps text with tabs, form feeds and a stray control character', () => {
    expect(findBinaryByte(utf8('a\tb\r\nc\fd\n'))).toBe(-1);
    expect(findBinaryByte(utf8('a,b\n' + 'x,1\n'.repeat(100) + '\u001a'))).toBe(-1);
  });

  it('calls a file binary when control bytes are more than 5% of its start', () => {
    const bytes = utf8('ab\u0001\u0002'.repeat(100));
    expect(findBinaryByte(bytes)).toBe(2);
  });
});
