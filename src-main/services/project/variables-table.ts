import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { VariableSetting, VariableSettingInfo } from '@shared/variables';

/**
 * SQL for the `variable_settings` table (schema version 2): per imported column
 * of a dataset, its new name, type and level order. The imported columns are
 * never written; the settings are applied whenever the dataset is used.
 */
interface SettingRow {
  dataset_id: string;
  column_name: string;
  rename: string | null;
  kind: 'numeric' | 'factor' | null;
  levels: string | null;
}

/** A dataset's settings in the order of its columns. */
export function listSettings(db: Database.Database, datasetId: string): VariableSettingInfo[] {
  const rows = db
    .prepare(
      `SELECT s.dataset_id, s.column_name, s.rename, s.kind, s.levels
       FROM variable_settings s JOIN columns c ON c.dataset_id = s.dataset_id AND c.name = s.column_name
       WHERE s.dataset_id = ? ORDER BY c.position`,
    )
    .all(datasetId) as SettingRow[];
  return rows.map(toInfo);
}

/** Every dataset's settings, by dataset id. */
export function settingsByDataset(db: Database.Database): Map<string, VariableSettingInfo[]> {
  const rows = db
    .prepare(
      `SELECT s.dataset_id, s.column_name, s.rename, s.kind, s.levels
       FROM variable_settings s JOIN columns c ON c.dataset_id = s.dataset_id AND c.name = s.column_name
       ORDER BY s.dataset_id, c.position`,
    )
    .all() as SettingRow[];
  const out = new Map<string, VariableSettingInfo[]>();
  for (const row of rows) {
    let list = out.get(row.dataset_id);
    if (!list) out.set(row.dataset_id, (list = []));
    list.push(toInfo(row));
  }
  return out;
}

/** Stores a column's setting in place of any it had; an empty setting removes it. */
export function writeSetting(db: Database.Database, datasetId: string, column: string, setting: VariableSetting): void {
  if (setting.rename === undefined && setting.kind === undefined && setting.levels === undefined) {
    deleteSettings(db, datasetId, column);
    return;
  }
  db.prepare(
    `INSERT INTO variable_settings (dataset_id, column_name, rename, kind, levels) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (dataset_id, column_name) DO UPDATE SET rename = excluded.rename, kind = excluded.kind, levels = excluded.levels`,
  ).run(datasetId, column, setting.rename ?? null, setting.kind ?? null, setting.levels ? JSON.stringify(setting.levels) : null);
}

/** Removes one column's setting, or all of the dataset's when no column is named. */
export function deleteSettings(db: Database.Database, datasetId: string, column?: string): void {
  if (column === undefined) db.prepare('DELETE FROM variable_settings WHERE dataset_id = ?').run(datasetId);
  else db.prepare('DELETE FROM variable_settings WHERE dataset_id = ? AND column_name = ?').run(datasetId, column);
}

function toInfo(row: SettingRow): VariableSettingInfo {
  const setting: VariableSetting = {};
  if (row.rename !== null) setting.rename = row.rename;
  if (row.kind !== null) setting.kind = row.kind;
  if (row.levels !== null) setting.levels = parseLevels(row);
  return { column: row.column_name, setting };
}

function parseLevels(row: SettingRow): string[] {
  let levels: unknown;
  try {
    levels = JSON.parse(row.levels!);
  } catch {
    levels = null;
  }
  if (!Array.isArray(levels) || !levels.every((l) => typeof l === 'string')) {
    throw new AppError('corrupt-project', `The project is damaged: the level order stored for variable "${row.column_name}" of dataset ${row.dataset_id} is not a list of labels`);
  }
  return levels as string[];
}
