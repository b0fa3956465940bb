import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { AppError } from '@shared/errors';
import { silentContext, type TaskContext } from '../../../../src-main/engine/context';
import type { Column, FactorColumn, NumericColumn } from '../../../../src-main/engine/data/column';
import { readDataFile, type ImportResult, type ReadOptions } from '../../../../src-main/engine/import/read-data-file';

export function sampleBytes(name: string): Uint8Array {
  return readFileSync(resolve(__dirname, '../../../../resources/sample-data', name));
}

export function readText(text: string, options: Partial<ReadOptions> = {}, ctx: TaskContext = silentContext): Promise<ImportResult> {
  return readDataFile(new TextEncoder().encode(text), { fileName: 'data.csv', ...options }, ctx);
}

export function column(result: ImportResult, name: string): Column {
  const c = result.columns.find((col) => col.name === name);
  if (!c) throw new Error(`no column ${name}; have ${result.columns.map((col) => col.name).join(', ')}`);
  return c;
}

export function numeric(result: ImportResult, name: string): NumericColumn {
  const c = column(result, name);
  if (c.kind === 'factor') throw new Error(`${name} is a factor`);
  return c;
}

export function factor(result: ImportResult, name: string): FactorColumn {
  const c = column(result, name);
  if (c.kind !== 'factor') throw new Error(`${name} is ${c.kind}`);
  return c;
}

/** The labels of a factor column, null for missing. */
export function labels(c: FactorColumn): (string | null)[] {
  return Array.from(c.codes, (code) => (code < 0 ? null : c.levels[code]));
}

/** Awaits a rejection and checks it is an AppError with this code; returns it for further checks. */
export async function appError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appErr = err as AppError;
  expect(appErr.code).toBe(code);
  return appErr;
}
