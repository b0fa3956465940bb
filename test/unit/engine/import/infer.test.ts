import { describe, expect, it } from 'vitest';
import {
  DECIMAL,
  INTEGER,
  MissingMatcher,
  NAN_LITERAL,
  NOT_A_NUMBER,
  logicalToken,
  numberScan,
  scanNumber,
} from '../../../../src-main/engine/import/infer';
import { uniformGenerator as generator } from '../../../../bench/support/random';

const encode = (s: string) => new TextEncoder().encode(s);

function scan(text: string, altDecimal = -1): [number, number] {
  const b = encode(text);
  const v = scanNumber(b, 0, b.length, altDecimal);
  return [v, numberScan.kind];
}


describe('scanNumber', () => {
  it('gives exactly the double Number() gives for random decimal literals of 1 to 20 digits', () => {
    const random = generator(42);
    const digit = () => String(Math.floor(random() * 10));
    let checked = 0;
    for (let i = 0; i < 50_000; i++) {
      const intDigits = Math.floor(random() * 10);
      const fracDigits = Math.floor(random() * 11);
      let s = random() < 0.3 ? '-' : '';
      for (let k = 0; k < intDigits; k++) s += digit();
      if (fracDigits > 0 || intDigits === 0) s += '.' + Array.from({ length: Math.max(1, fracDigits) }, digit).join('');
      if (random() < 0.2) s += (random() < 0.5 ? 'e' : 'E-') + Math.floor(random() * 40);
      const [v, kind] = scan(s);
      // R's integers have no negative zero: "-00" is 0L.
      const expected = kind === INTEGER ? Number(s) + 0 : Number(s);
      expect(Object.is(v, expected), s).toBe(true);
      checked++;
    }
    expect(checked).toBe(50_000);
  });

  it('agrees with Number() on hard cases: 17 digits, halfway cases, tiny and huge exponents', () => {
    for (const s of [
      '0.1',
      '0.30000000000000004',
      '9007199254740993',
      '9007199254740992.5',
      '2.2250738585072011e-308',
      '4.9e-324',
      '1e-400',
      '1.7976931348623157e308',
      '1e309',
      '123456789012345678901234567890',
      '0.000000000000000000000000001',
      '1.00000000000000011102230246251565404236316680908203125',
    ]) {
      expect(Object.is(scan(s)[0], Number(s)), s).toBe(true);
    }
  });

  it('reads integers as R does: no point, no exponent, within ±2147483647', () => {
    expect(scan('42')).toEqual([42, INTEGER]);
    expect(scan('+007')).toEqual([7, INTEGER]);
    expect(scan('-2147483647')).toEqual([-2147483647, INTEGER]);
    expect(scan('2147483648')).toEqual([2147483648, DECIMAL]);
    expect(scan('1.0')).toEqual([1, DECIMAL]);
    expect(scan('1.')).toEqual([1, DECIMAL]);
    expect(scan('.5')).toEqual([0.5, DECIMAL]);
    expect(scan('1e2')).toEqual([100, DECIMAL]);
    const [zero, kind] = scan('-0');
    expect(kind).toBe(INTEGER);
    expect(Object.is(zero, 0)).toBe(true);
    expect(Object.is(scan('-0.0')[0], -0)).toBe(true);
  });

  it('reads Inf, Infinity and NaN in any case, as R strtod does', () => {
    expect(scan('Inf')).toEqual([Infinity, DECIMAL]);
    expect(scan('-inf')).toEqual([-Infinity, DECIMAL]);
    expect(scan('+INFINITY')).toEqual([Infinity, DECIMAL]);
    expect(scan('NaN')[1]).toBe(NAN_LITERAL);
    expect(scan('nan')[1]).toBe(NAN_LITERAL);
  });

  it('allows blanks around a number (quoted " 1 ")', () => {
    expect(scan('  1.5\t')).toEqual([1.5, DECIMAL]);
  });

  it('rejects everything else', () => {
    for (const s of ['', ' ', '-', '+', '.', '-.', 'e5', '1e', '1e+', '1.2.3', '0x1A', '1,000', '1 000', '12a', 'Info', 'NA', '1d5', '--1', '١']) {
      expect(scan(s)[1], JSON.stringify(s)).toBe(NOT_A_NUMBER);
    }
  });

  it('takes the comma as decimal mark only when asked (semicolon files)', () => {
    expect(scan('1,5')[1]).toBe(NOT_A_NUMBER);
    expect(scan('1,5', 44)).toEqual([1.5, DECIMAL]);
    expect(scan('-0,125', 44)).toEqual([-0.125, DECIMAL]);
    expect(scan('1.5', 44)).toEqual([1.5, DECIMAL]);
    expect(scan('1,2345678901234567', 44)[0]).toBe(1.2345678901234567);
    expect(scan('1,5,0', 44)[1]).toBe(NOT_A_NUMBER);
  });
});

describe('logicalToken', () => {
  it('knows the spellings of type.convert and nothing else', () => {
    const token = (s: string) => logicalToken(encode(s), 0, s.length);
    expect(['TRUE', 'true', 'True', 'T'].map(token)).toEqual([1, 1, 1, 1]);
    expect(['FALSE', 'false', 'False', 'F'].map(token)).toEqual([0, 0, 0, 0]);
    expect(['yes', 't', 'f', 'TRUe', 'FALSE ', '1', 'tRUE'].map(token)).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });
});

describe('MissingMatcher', () => {
  it('matches empty fields, NA and the given strings exactly', () => {
    const m = new MissingMatcher(['-99', ' . ', '']);
    const missing = (s: string) => {
      const b = encode(`[${s}]`);
      return m.isMissing(b, 1, b.length - 1);
    };
    expect(['', 'NA', '-99', '.'].map(missing)).toEqual([true, true, true, true]);
    expect(['N', 'NA ', 'na', '-99.0', '-9', 'NaN'].map(missing)).toEqual([false, false, false, false, false, false]);
    expect(m.isMissingText('-99')).toBe(true);
    expect(m.isMissingText('x')).toBe(false);
  });
});
