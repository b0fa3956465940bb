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

export const MODEL_NAME_MAX = 60;

/**
 * A model's name labels its tab and its rows in comparisons, so it must be
 * short and tell models apart: 1–60 characters once trimmed, no line breaks,
 * and unique in the project regardless of case (m1 and M1 would read as one).
 */
export function renameModel(db: Database.Database, id: string, name: string): ModelInfo {
  const model = readModel(db, id);
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new AppError('bad-input', `Model ${model.name} needs a name of at least one character.`);
  if (trimmed.length > MODEL_NAME_MAX) {
    throw new AppError('bad-input', `The name for model ${model.name} has ${trimmed.length} characters; at most ${MODEL_NAME_MAX} fit on its tab.`);
  }
  if (/\p{Cc}/u.test(trimmed)) throw new AppError('bad-input', `The name for model ${model.name} contains a line break or control character.`);
  const taken = (db.prepare('SELECT name FROM models WHERE id != ?').all(id) as { name: string }[]).find(
    (r) => r.name.toLowerCase() === trimmed.toLowerCase(),
  );
  if (taken) throw new AppError('bad-input', `Another model is already called "${taken.name}"; choose a different name for ${model.name}.`);
  db.prepare('UPDATE models SET name = ? WHERE id = ?').run(trimmed, id);
  return { ...model, name: trimmed };
}
