import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { ResultInfo } from '@shared/project';

/** SQL for the `results` table. Values are stored as JSON text. */

interface ResultRow {
  id: string;
  kind: string;
  title: string;
  dataset_id: string | null;
  model_id: string | null;
  created_at: string;
}

const INFO_COLUMNS = 'id, kind, title, dataset_id, model_id, created_at';

export function insertResult(
  db: Database.Database,
  info: ResultInfo,
  value: unknown,
): void {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw new AppError('bad-input', `Result "${info.title}" cannot be stored: ${(err as Error).message}`);
  }
  db.prepare(
    'INSERT INTO results (id, model_id, dataset_id, kind, title, value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(info.id, info.modelId, info.datasetId, info.kind, info.title, json ?? 'null', info.createdAt);
}

/** In the order they were added. */
export function listResultInfos(db: Database.Database, datasetId?: string): ResultInfo[] {
  const rows = (
    datasetId === undefined
      ? db.prepare(`SELECT ${INFO_COLUMNS} FROM results ORDER BY rowid`).all()
      : db.prepare(`SELECT ${INFO_COLUMNS} FROM results WHERE dataset_id = ? ORDER BY rowid`).all(datasetId)
  ) as ResultRow[];
  return rows.map(resultInfo);
}

export function readResult(db: Database.Database, id: string): { info: ResultInfo; value: unknown } {
  const row = db.prepare(`SELECT ${INFO_COLUMNS}, value FROM results WHERE id = ?`).get(id) as
    | (ResultRow & { value: string })
    | undefined;
  if (!row) throw new AppError('not-found', `There is no result "${id}" in this project`);
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    throw new AppError('corrupt-project', `The project is damaged: result "${row.title}" (${id}) is not valid JSON`);
  }
  return { info: resultInfo(row), value };
}

function resultInfo(r: ResultRow): ResultInfo {
  return { id: r.id, kind: r.kind, title: r.title, datasetId: r.dataset_id, modelId: r.model_id, createdAt: r.created_at };
}
