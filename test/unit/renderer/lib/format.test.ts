import { describe, expect, it } from 'vitest';
import { formatCell, formatNumber } from '../../../../src-renderer/lib/format';

describe('formatNumber prints like R with digits = 7', () => {
  it.each([
    [0.2613242, '0.2613242'],
    [1.734899, '1.734899'],
    [-1.723882, '-1.723882'],
    [0.1 + 0.2, '0.3'],
    [100000, '1e+05'],
    [123456, '123456'],
    [1234567.8, '1234568'],
    [123456789012, '123456789012'],
    [123456789012345, '1.234568e+14'],
    [0.0001234, '0.0001234'],
    [0.00001234, '1.234e-05'],
    [-0.0001138054321, '-0.0001138054'],
    [1e15, '1e+15'],
    [1e-20, '1e-20'],
    [0, '0'],
    [Infinity, 'Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%s → %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });
});

describe('formatCell', () => {
  it('shows missing values as NA, factor labels as they are, integers in full', () => {
    expect(formatCell(null, 'numeric')).toBe('NA');
    expect(formatCell('bottom 25%', 'factor')).toBe('bottom 25%');
    expect(formatCell(1000000, 'integer')).toBe('1000000');
    expect(formatCell(1000000, 'numeric')).toBe('1e+06');
    expect(formatCell(1, 'logical')).toBe('TRUE');
    expect(formatCell(0, 'logical')).toBe('FALSE');
  });
});
