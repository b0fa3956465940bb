import { AppError } from '@shared/errors';
import type { ColumnKind } from '@shared/dataset';
import { MISSING_CODE, columnLength, countMissing, type Column } from '../../engine/data/column';

/**
 * Columns <-> the blobs stored in the `columns` table. Numbers are Float64
 * (NaN = missing), factors Int32 codes (-1 = missing); both little-endian so a
 * file means the same on every machine. Every blob is copied into a fresh
 * ArrayBuffer before it is viewed as a typed array: the Buffer SQLite hands
 * back may sit at any byte offset in a shared pool.
 */

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface EncodedColumn {
  name: string;
  kind: ColumnKind;
  /** JSON array of level labels for factors, null otherwise. */
  levels: string | null;
  missing: number;
  data: Buffer;
}

/** A `columns` row as read back (without needing the blob's owner). */
export interface StoredColumn {
  name: string;
  kind: string;
  levels: string | null;
  data: Buffer;
}

const KINDS: ReadonlySet<string> = new Set(['numeric', 'integer', 'logical', 'factor']);

export function encodeColumn(column: Column): EncodedColumn {
  const array = column.kind === 'factor' ? column.codes : column.values;
  return {
    name: column.name,
    kind: column.kind,
    levels: column.kind === 'factor' ? JSON.stringify(column.levels) : null,
    missing: countMissing(column),
    data: littleEndianBytes(array),
  };
}

function littleEndianBytes(array: Float64Array | Int32Array): Buffer {
  // SQLite copies a bound blob, so a view over the caller's array is enough.
  if (HOST_IS_LITTLE_ENDIAN) return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  const out = Buffer.alloc(array.byteLength);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (array instanceof Float64Array) for (let i = 0; i < array.length; i++) view.setFloat64(i * 8, array[i], true);
  else for (let i = 0; i < array.length; i++) view.setInt32(i * 4, array[i], true);
  return out;
}

/** `where` names the dataset and column for error messages. */
export function decodeColumn(stored: StoredColumn, rows: number, where: string): Column {
  if (!KINDS.has(stored.kind)) throw corrupt(where, `unknown column kind "${stored.kind}"`);
  const width = stored.kind === 'factor' ? 4 : 8;
  if (stored.data.byteLength !== rows * width) {
    throw corrupt(where, `its data has ${stored.data.byteLength} bytes, expected ${rows * width} for ${rows} rows`);
  }
  const bytes = new ArrayBuffer(stored.data.byteLength);
  new Uint8Array(bytes).set(stored.data);
  if (stored.kind === 'factor') {
    const levels = parseLevels(stored.levels, where);
    const codes = HOST_IS_LITTLE_ENDIAN ? new Int32Array(bytes) : swapInt32(bytes);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code < MISSING_CODE || code >= levels.length) {
        throw corrupt(where, `row ${i + 1} has level code ${code} but there are ${levels.length} levels`);
      }
    }
    return { name: stored.name, kind: 'factor', codes, levels };
  }
  const values = HOST_IS_LITTLE_ENDIAN ? new Float64Array(bytes) : swapFloat64(bytes);
  return { name: stored.name, kind: stored.kind as 'numeric' | 'integer' | 'logical', values };
}

function parseLevels(json: string | null, where: string): string[] {
  let levels: unknown;
  try {
    levels = JSON.parse(json ?? 'null');
  } catch {
    throw corrupt(where, 'its factor levels are not valid JSON');
  }
  if (!Array.isArray(levels) || !levels.every((l) => typeof l === 'string')) {
    throw corrupt(where, 'its factor levels are not a list of labels');
  }
  return levels as string[];
}

function swapFloat64(bytes: ArrayBuffer): Float64Array {
  const view = new DataView(bytes);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

function swapInt32(bytes: ArrayBuffer): Int32Array {
  const view = new DataView(bytes);
  const out = new Int32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

function corrupt(where: string, why: string): AppError {
  return new AppError('corrupt-project', `The project is damaged: ${where}: ${why}`);
}

/**
 * Checks a dataset before it is stored, so the file never holds a column the
 * engine would misread. Returns the common row count.
 */
export function validateColumns(datasetName: string, columns: Column[]): number {
  if (columns.length === 0) throw new AppError('bad-input', `Dataset "${datasetName}" has no columns`);
  const rows = columnLength(columns[0]);
  const seen = new Set<string>();
  for (const column of columns) {
    const where = `Dataset "${datasetName}", column "${column.name}"`;
    if (typeof column.name !== 'string' || column.name.length === 0) {
      throw new AppError('bad-input', `Dataset "${datasetName}" has a column without a name`);
    }
    if (seen.has(column.name)) throw new AppError('bad-input', `Dataset "${datasetName}" has two columns named "${column.name}"`);
    seen.add(column.name);
    if (!KINDS.has(column.kind)) throw new AppError('bad-input', `${where} has unknown kind "${String(column.kind)}"`);
    if (columnLength(column) !== rows) {
      throw new AppError('bad-input', `${where} has ${columnLength(column)} rows, but "${columns[0].name}" has ${rows}`);
    }
    if (column.kind === 'factor') checkFactor(column.codes, column.levels, where);
    else if (column.kind === 'logical') checkValues(column.values, (v) => v === 0 || v === 1, 'is not 0, 1 or missing', where);
    else if (column.kind === 'integer') checkValues(column.values, Number.isInteger, 'is not a whole number', where);
  }
  return rows;
}

function checkFactor(codes: Int32Array, levels: string[], where: string): void {
  if (!Array.isArray(levels) || !levels.every((l) => typeof l === 'string')) {
    throw new AppError('bad-input', `${where}: levels must be a list of labels`);
  }
  if (new Set(levels).size !== levels.length) throw new AppError('bad-input', `${where} repeats a level label`);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code < MISSING_CODE || code >= levels.length) {
      throw new AppError('bad-input', `${where}, row ${i + 1}: level code ${code} is outside 0..${levels.length - 1}`);
    }
  }
}

function checkValues(values: Float64Array, ok: (v: number) => boolean, why: string, where: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && !ok(v)) throw new AppError('bad-input', `${where}, row ${i + 1}: ${v} ${why}`);
  }
}
