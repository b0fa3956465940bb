import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';

/**
 * The project file's schema and how older files are brought up to date.
 *
 * Identity lives outside the numbered migrations: PRAGMA application_id marks
 * the file as Nestor's (so `file` and other tools can tell), and the `meta`
 * table names the app and repeats the schema version for people reading the
 * file with plain SQLite. A file that has the identity and nothing else is
 * schema version 0; migration N turns version N-1 into N. PRAGMA user_version
 * is the authoritative version. Later issues append to `migrations`, never
 * edit a released one.
 */

/** "NSTO" in ASCII. */
export const NESTOR_APPLICATION_ID = 0x4e53544f;
export const NESTOR_APP_NAME = 'Nestor';

export interface Migration {
  version: number;
  up(db: Database.Database): void;
}

const VERSION_1 = `
CREATE TABLE datasets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  rows INTEGER NOT NULL CHECK (rows >= 0),
  imported_at TEXT NOT NULL,
  position INTEGER NOT NULL
);

-- One row per column, the values as one typed blob (little-endian Float64 or
-- Int32 codes). The blob is the last column so listing a dataset's columns
-- never reads its overflow pages.
CREATE TABLE columns (
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('numeric', 'integer', 'logical', 'factor')),
  levels TEXT,
  missing INTEGER NOT NULL CHECK (missing >= 0),
  data BLOB NOT NULL,
  PRIMARY KEY (dataset_id, position),
  UNIQUE (dataset_id, name)
);

CREATE TABLE recipes (
  id TEXT PRIMARY KEY,
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('compute', 'filter')),
  name TEXT,
  expression TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX recipes_by_dataset ON recipes (dataset_id, position);

CREATE TABLE models (
  id TEXT PRIMARY KEY,
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX models_by_dataset ON models (dataset_id);

CREATE TABLE results (
  id TEXT PRIMARY KEY,
  model_id TEXT REFERENCES models(id) ON DELETE CASCADE,
  dataset_id TEXT REFERENCES datasets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX results_by_dataset ON results (dataset_id);
CREATE INDEX results_by_model ON results (model_id);

CREATE TABLE plots (
  id TEXT PRIMARY KEY,
  model_id TEXT REFERENCES models(id) ON DELETE CASCADE,
  dataset_id TEXT REFERENCES datasets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  options TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX plots_by_model ON plots (model_id);
CREATE INDEX plots_by_dataset ON plots (dataset_id);

CREATE TABLE view_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * Variable settings: per imported column of a dataset, a new name, a type and a
 * level order (JSON), applied whenever the dataset is used; the columns table
 * is never written. Deleting the dataset deletes them.
 */
const VERSION_2 = `
CREATE TABLE variable_settings (
  dataset_id TEXT NOT NULL,
  column_name TEXT NOT NULL,
  rename TEXT,
  kind TEXT CHECK (kind IN ('numeric', 'factor')),
  levels TEXT,
  PRIMARY KEY (dataset_id, column_name),
  FOREIGN KEY (dataset_id, column_name) REFERENCES columns (dataset_id, name) ON DELETE CASCADE
);
`;

/**
 * Plot settings: per figure (what it is of, a model or dataset id or a view,
 * and the plot kind) its options and the user's labels, as JSON. Targets are
 * not foreign keys (a figure may be of a model, a dataset or a view); a row
 * whose target is gone is never asked for.
 */
const VERSION_3 = `
CREATE TABLE plot_settings (
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  options TEXT,
  labels TEXT,
  PRIMARY KEY (target, kind)
);
`;

export const migrations: readonly Migration[] = [
  { version: 1, up: (db) => db.exec(VERSION_1) },
  { version: 2, up: (db) => db.exec(VERSION_2) },
  { version: 3, up: (db) => db.exec(VERSION_3) },
];

/** The schema this build writes: the last migration's version. */
export const PROJECT_SCHEMA_VERSION = latestVersion(migrations);

export function latestVersion(list: readonly Migration[]): number {
  return list.length === 0 ? 0 : list[list.length - 1].version;
}

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function readMeta(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

export function writeMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** Marks an empty database as a Nestor project of schema version 0. */
export function stampIdentity(db: Database.Database, createdAt: string): void {
  db.pragma(`application_id = ${NESTOR_APPLICATION_ID}`);
  db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  writeMeta(db, 'app', NESTOR_APP_NAME);
  writeMeta(db, 'schema_version', '0');
  writeMeta(db, 'created_at', createdAt);
  db.pragma('user_version = 0');
}

/**
 * Applies every migration newer than the file's version, all in one
 * transaction so a failure leaves the file exactly as it was. Returns the
 * version the file had before.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new AppError('internal', `Migration ${i + 1} is numbered ${m.version}; migrations must be 1, 2, 3, …`);
  });
  const from = readUserVersion(db);
  const target = latestVersion(list);
  if (from > target) {
    throw new AppError(
      'newer-schema',
      `The working copy has schema ${from}; this version of Nestor reads up to ${target}`,
    );
  }
  if (from === target) return from;
  db.transaction(() => {
    for (const migration of list) {
      if (migration.version <= from) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    writeMeta(db, 'schema_version', String(target));
  })();
  return from;
}
