import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { decodeColumn, encodeColumn } from '../../../../src-main/services/project/codec';

describe('column codec', () => {
  it('stores numbers as little-endian Float64 with NaN for missing', () => {
    const encoded = encodeColumn({ name: 'x', kind: 'numeric', values: new Float64Array([1, NaN, -0.5]) });
    expect(encoded).toMatchObject({ name: 'x', kind: 'numeric', levels: null, missing: 1 });
    expect(encoded.data.byteLength).toBe(24);
    expect(encoded.data.readDoubleLE(0)).toBe(1);
    expect(Number.isNaN(encoded.data.readDoubleLE(8))).toBe(true);
    expect(encoded.data.readDoubleLE(16)).toBe(-0.5);
  });

  it('stores factors as little-endian Int32 codes with -1 for missing and the levels as JSON', () => {
    const encoded = encodeColumn({ name: 'g', kind: 'factor', codes: new Int32Array([1, -1, 0]), levels: ['b', 'a'] });
    expect(encoded).toMatchObject({ kind: 'factor', levels: '["b","a"]', missing: 1 });
    expect([0, 4, 8].map((o) => encoded.data.readInt32LE(o))).toEqual([1, -1, 0]);
  });

  it('decodes a blob that sits at an odd offset inside a larger buffer', () => {
    const pool = Buffer.alloc(3 + 16);
    pool.writeDoubleLE(2.5, 3);
    pool.writeDoubleLE(NaN, 11);
    const misaligned = pool.subarray(3);
    const column = decodeColumn({ name: 'x', kind: 'numeric', levels: null, data: misaligned }, 2, 'x');
    if (column.kind === 'factor') throw new Error('expected numbers');
    expect(column.values[0]).toBe(2.5);
    expect(Number.isNaN(column.values[1])).toBe(true);
    expect(column.values.byteOffset).toBe(0);
    // A copy: changing the decoded values does not reach the buffer it came from.
    column.values[0] = 9;
    expect(pool.readDoubleLE(3)).toBe(2.5);
  });

  it('round-trips a slice of a larger typed array without its neighbours', () => {
    const whole = new Float64Array([10, 20, 30, 40]);
    const slice = whole.subarray(1, 3);
    const encoded = encodeColumn({ name: 's', kind: 'integer', values: slice });
    const back = decodeColumn({ ...encoded, data: Buffer.from(encoded.data) }, 2, 's');
    expect(back).toEqual({ name: 's', kind: 'integer', values: new Float64Array([20, 30]) });
  });

  it('reports blobs that do not fit the dataset as a damaged project', () => {
    const cases: Array<[Parameters<typeof decodeColumn>[0], number, RegExp]> = [
      [{ name: 'x', kind: 'numeric', levels: null, data: Buffer.alloc(12) }, 2, /12 bytes, expected 16 for 2 rows/],
      [{ name: 'x', kind: 'text', levels: null, data: Buffer.alloc(8) }, 1, /unknown column kind "text"/],
      [{ name: 'g', kind: 'factor', levels: '{"a":1}', data: Buffer.alloc(4) }, 1, /levels are not a list/],
      [{ name: 'g', kind: 'factor', levels: '["a"]', data: Buffer.from([5, 0, 0, 0]) }, 1, /row 1 has level code 5/],
    ];
    for (const [stored, rows, message] of cases) {
      let error: unknown;
      try {
        decodeColumn(stored, rows, 'dataset "d", column "x"');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('corrupt-project');
      expect((error as AppError).message).toMatch(message);
      expect((error as AppError).message).toContain('dataset "d", column "x"');
    }
  });
});
