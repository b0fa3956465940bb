import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { ModelSpec, type ModelInfo } from '@shared/models';

/** SQL for the `models` table: each model's specification as JSON, named m1, m2, … per project. */
interface ModelRow {
  id: string;
  dataset_id: string;
  name: string;
  spec: string;
  created_at: string;
}

export function insertModel(db: Database.Database, id: string, datasetId: string, spec: ModelSpec, createdAt: string): ModelInfo {
  const names = new Set((db.prepare('SELECT name FROM models').all() as { name: string }[]).map((r) => r.name));
  let k = names.size + 1;
  while (names.has(`m${k}`)) k++;
  const name = `m${k}`;
  db.prepare('INSERT INTO models (id, dataset_id, name, spec, created_at) VALUES (?, ?, ?, ?, ?)').run(id, datasetId, name, JSON.stringify(spec), createdAt);
  return { id, datasetId, name, spec, createdAt };
}

export function listModels(db: Database.Database, datasetId?: string): ModelInfo[] {
  const rows = (
    datasetId === undefined
      ? db.prepare('SELECT id, dataset_id, name, spec, created_at FROM models ORDER BY rowid').all()
      : db.prepare('SELECT id, dataset_id, name, spec, created_at FROM models WHERE dataset_id = ? ORDER BY rowid').all(datasetId)
  ) as ModelRow[];
  return rows.map(toInfo);
}

export function readModel(db: Database.Database, id: string): ModelInfo {
  const row = db.prepare('SELECT id, dataset_id, name, spec, created_at FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  if (!row) throw new AppError('not-found', `There is no model "${id}" in this project`);
  return toInfo(row);
}

function toInfo(r: ModelRow): ModelInfo {
  const spec = ModelSpec.safeParse(JSON.parse(r.spec));
  if (!spec.success) throw new AppError('corrupt-project', `The project is damaged: model ${r.name} has an unreadable specification`);
  return { id: r.id, datasetId: r.dataset_id, name: r.name, spec: spec.data, createdAt: r.created_at };
}
