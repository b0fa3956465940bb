import type Database from 'better-sqlite3';
import type { ColumnInfo, ColumnKind, DatasetInfo } from '@shared/dataset';
import { AppError } from '@shared/errors';
import type { EncodedColumn, StoredColumn } from './codec';

/** SQL for the `datasets` and `columns` tables; no decoding happens here. */

interface DatasetRow {
  id: string;
  name: string;
  source: string;
  rows: number;
  imported_at: string;
}

interface ColumnRow {
  dataset_id: string;
  name: string;
  kind: ColumnKind;
  levels: string | null;
  missing: number;
}

export function insertDataset(
  db: Database.Database,
  dataset: { id: string; name: string; source: string; rows: number; importedAt: string },
  columns: EncodedColumn[],
): void {
  db.prepare(
    `INSERT INTO datasets (id, name, source, rows, imported_at, position)
     VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM datasets))`,
  ).run(dataset.id, dataset.name, dataset.source, dataset.rows, dataset.importedAt);
  const insert = db.prepare(
    'INSERT INTO columns (dataset_id, position, name, kind, levels, missing, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  columns.forEach((c, position) => insert.run(dataset.id, position, c.name, c.kind, c.levels, c.missing, c.data));
}

/** Every dataset in the user's order; the blobs are not read. */
export function listDatasetInfos(db: Database.Database): DatasetInfo[] {
  const datasets = db
    .prepare('SELECT id, name, source, rows, imported_at FROM datasets ORDER BY position')
    .all() as DatasetRow[];
  const columns = db
    .prepare('SELECT dataset_id, name, kind, levels, missing FROM columns ORDER BY dataset_id, position')
    .all() as ColumnRow[];
  const byDataset = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    let list = byDataset.get(c.dataset_id);
    if (!list) byDataset.set(c.dataset_id, (list = []));
    list.push(columnInfo(c));
  }
  return datasets.map((d) => datasetInfo(d, byDataset.get(d.id) ?? []));
}

export function findDatasetInfo(db: Database.Database, id: string): DatasetInfo | null {
  const d = db.prepare('SELECT id, name, source, rows, imported_at FROM datasets WHERE id = ?').get(id) as
    | DatasetRow
    | undefined;
  if (!d) return null;
  const columns = db
    .prepare('SELECT dataset_id, name, kind, levels, missing FROM columns WHERE dataset_id = ? ORDER BY position')
    .all(id) as ColumnRow[];
  return datasetInfo(d, columns.map(columnInfo));
}

export function datasetNames(db: Database.Database): Set<string> {
  return new Set((db.prepare('SELECT name FROM datasets').pluck().all() as string[]));
}

export function datasetExists(db: Database.Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(id) !== undefined;
}

export function readStoredColumn(db: Database.Database, datasetId: string, position: number): StoredColumn {
  const row = db
    .prepare('SELECT name, kind, levels, data FROM columns WHERE dataset_id = ? AND position = ?')
    .get(datasetId, position) as StoredColumn | undefined;
  if (!row) throw new AppError('not-found', `Dataset ${datasetId} has no column at position ${position}`);
  return row;
}

/** Deletes the dataset; its columns, recipes, models, results and plots go with it (ON DELETE CASCADE). */
export function deleteDataset(db: Database.Database, id: string): boolean {
  return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
}

function datasetInfo(d: DatasetRow, columns: ColumnInfo[]): DatasetInfo {
  return { id: d.id, name: d.name, source: d.source, rows: d.rows, columns, importedAt: d.imported_at };
}

function columnInfo(c: ColumnRow): ColumnInfo {
  const info: ColumnInfo = { name: c.name, kind: c.kind, missing: c.missing };
  if (c.kind === 'factor') info.levels = JSON.parse(c.levels ?? '[]') as string[];
  return info;
}

/** `name`, or `name (2)`, `name (3)`, … whichever is free. */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}
