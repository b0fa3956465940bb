import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catNumber, formatC, formatPValue, formatR, type RValue } from '../../../../src-main/engine/print/format-real';
import { roundR, signif, zapsmall } from '../../../../src-main/engine/print/r-math';

/** Output of R 4.2.2 on the same inputs: test/fixtures/tools/make-format-fixtures.R. */
interface Case {
  x?: string[];
  p?: string[];
  digits: number[];
  nsmall?: number[];
  out: string[];
}
const cases = JSON.parse(
  readFileSync(new URL('../../../fixtures/print/format-cases.json', import.meta.url), 'utf8'),
) as Record<'format' | 'formatC' | 'signif' | 'round' | 'zapsmall' | 'format_pval', Case[]>;

function value(text: string): RValue {
  if (text === 'NA') return null;
  if (text === 'Inf' || text === '-Inf') return text === 'Inf' ? Infinity : -Infinity;
  return text === 'NaN' ? NaN : Number(text);
}
function values(texts: string[] | undefined): RValue[] {
  return (texts ?? []).map(value);
}
/** Doubles compared as R wrote them back ("%.17g"), so equal means the same double. */
function same(actual: RValue, expected: string): boolean {
  const e = value(expected);
  if (e === null || actual === null) return e === actual;
  return Object.is(actual, e) || actual === e || (Number.isNaN(actual) && Number.isNaN(e));
}

describe('R number formatting against R 4.2.2 output', () => {
  it(`format(x, digits, nsmall) matches R for all ${cases.format.length} vectors (ties to even, fixed vs scientific, NA/NaN/Inf)`, () => {
    const wrong = cases.format
      .map((c) => ({ c, got: formatR(values(c.x), c.digits[0], c.nsmall?.[0] ?? 0) }))
      .filter(({ c, got }) => got.join('|') !== c.out.join('|'))
      .map(({ c, got }) => `${c.x?.join(',')} digits=${c.digits[0]}: R ${JSON.stringify(c.out)} ours ${JSON.stringify(got)}`);
    expect(wrong).toEqual([]);
  });

  it(`formatC(x, digits) matches R for ${cases.formatC.length} values`, () => {
    const wrong = cases.formatC
      .map((c) => ({ c, got: formatC(value(c.x![0]), c.digits[0]) }))
      .filter(({ c, got }) => got !== c.out[0])
      .map(({ c, got }) => `${c.x![0]} digits=${c.digits[0]}: R "${c.out[0]}" ours "${got}"`);
    expect(wrong).toEqual([]);
  });

  it(`signif(x, digits) gives R's doubles for ${cases.signif.length} values`, () => {
    const wrong = cases.signif
      .map((c) => ({ c, got: signif(value(c.x![0]) as number, c.digits[0]) }))
      .filter(({ c, got }) => !same(got, c.out[0]))
      .map(({ c, got }) => `${c.x![0]} digits=${c.digits[0]}: R ${c.out[0]} ours ${got}`);
    expect(wrong).toEqual([]);
  });

  it(`round(x, digits) gives R's doubles for ${cases.round.length} values (R 4 algorithm, non-integer digits)`, () => {
    const wrong = cases.round
      .map((c) => ({ c, got: roundR(value(c.x![0]) as number, c.digits[0]) }))
      .filter(({ c, got }) => !same(got, c.out[0]))
      .map(({ c, got }) => `${c.x![0]} digits=${c.digits[0]}: R ${c.out[0]} ours ${got}`);
    expect(wrong).toEqual([]);
  });

  it(`zapsmall(x, digits) gives R's doubles for ${cases.zapsmall.length} vectors`, () => {
    const wrong = cases.zapsmall
      .map((c) => ({ c, got: zapsmall(values(c.x), c.digits[0]) }))
      .filter(({ c, got }) => got.some((g, i) => !same(g, c.out[i])))
      .map(({ c, got }) => `${c.x?.join(',')} digits=${c.digits[0]}: R ${c.out.join(',')} ours ${got.join(',')}`);
    expect(wrong).toEqual([]);
  });

  it(`format.pval(pv, digits) matches R for ${cases.format_pval.length} vectors`, () => {
    const wrong = cases.format_pval
      .map((c) => ({ c, got: formatPValue(values(c.p), c.digits[0]) }))
      .filter(({ c, got }) => got.join('|') !== c.out.join('|'))
      .map(({ c, got }) => `${c.p?.join(',')} digits=${c.digits[0]}: R ${JSON.stringify(c.out)} ours ${JSON.stringify(got)}`);
    expect(wrong).toEqual([]);
  });
});

describe('R number formatting: worked examples', () => {
  it('formats a vector to a common number of decimals, as the residual quantiles of summary.lm', () => {
    expect(formatR([-2.65615, -0.51848, 0.01265, 0.54399, 2.97399], 4)).toEqual([
      '-2.65615',
      '-0.51848',
      ' 0.01265',
      ' 0.54399',
      ' 2.97399',
    ]);
  });

  it('rounds exact ties to even, as glibc printf does (JavaScript toFixed would not)', () => {
    expect(formatR(0.125, 2)).toBe('0.12');
    expect(formatR(2.5, 1)).toBe('2');
    expect(formatR(3.5, 1)).toBe('4');
    expect((0.125).toFixed(2)).toBe('0.13');
  });

  it('keeps fixed notation for 9996 at 3 digits although scientific rounding would widen it', () => {
    expect(formatR(9996, 3)).toBe('9996');
    expect(formatR(123456, 3)).toBe('123456');
    expect(formatR(1234567, 1)).toBe('1e+06');
  });

  it('writes p-values below machine epsilon as "<2e-16" or "< 2.2e-16" depending on digits', () => {
    expect(formatPValue([0.9249, 0], 3)).toEqual(['0.925', '<2e-16']);
    expect(formatPValue([1e-20], 4)).toEqual(['< 2.2e-16']);
    expect(formatPValue([1.29e-10, 1e-17], 3)).toEqual(['1.29e-10', '< 2e-16']);
  });

  it('writes a number as cat() does: up to 7 significant digits', () => {
    expect(catNumber(4057)).toBe('4057');
    expect(catNumber(0.1 + 0.2)).toBe('0.3');
    expect(catNumber(1234567.8)).toBe('1234568');
  });

  it('pads formatC output to digits + 1 characters as R does for the R-squared line', () => {
    expect(formatC(0.350049236499267, 4)).toBe(' 0.35');
    expect(formatC(2185.01128428312, 4)).toBe(' 2185');
    expect(formatC(NaN, 4)).toBe('  NaN');
  });
});
