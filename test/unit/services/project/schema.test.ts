import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../src-main/services/project/store';
import {
  migrate,
  NESTOR_APPLICATION_ID,
  migrations,
  PROJECT_SCHEMA_VERSION,
  stampIdentity,
  type Migration,
} from '../../../../src-main/services/project/schema';
import { exampleDataset, filesIn, sha256, tempDir } from './helpers';

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  db.close();
  return version;
}

describe('project schema', () => {
  it('version 3 is the current schema and creates every table', () => {
    expect(PROJECT_SCHEMA_VERSION).toBe(3);
    const db = new Database(':memory:');
    stampIdentity(db, '2024-01-01T00:00:00.000Z');
    expect(migrate(db)).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['columns', 'datasets', 'meta', 'models', 'plot_settings', 'plots', 'recipes', 'results', 'variable_settings', 'view_state']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.pragma('application_id', { simple: true })).toBe(NESTOR_APPLICATION_ID);
    expect(NESTOR_APPLICATION_ID).toBe(0x4e53544f); // "NSTO"
    expect(db.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
      { key: 'app', value: 'Nestor' },
      { key: 'created_at', value: '2024-01-01T00:00:00.000Z' },
      { key: 'schema_version', value: '3' },
    ]);
    expect(migrate(db)).toBe(3); // nothing left to do
    db.close();
  });

  it('a failing migration leaves the file at its old version', () => {
    const db = new Database(':memory:');
    stampIdentity(db, 'now');
    migrate(db);
    const broken: Migration[] = [...migrations, { version: PROJECT_SCHEMA_VERSION + 1, up: (d) => d.exec('CREATE TABLE datasets (x)') }];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(PROJECT_SCHEMA_VERSION);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(PROJECT_SCHEMA_VERSION));
    db.close();
  });

  it('refuses a migration list that is not numbered 1, 2, 3', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, up: () => {} }])).toThrow(/numbered 2/);
    db.close();
  });
});

describe('opening an older project', () => {
  it('migrates a version-0 file in the working copy and leaves the file untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.nestor');
    const old = new Database(file);
    stampIdentity(old, '2020-05-01T12:00:00.000Z');
    old.close();
    const before = sha256(file);
    expect(userVersion(file)).toBe(0);

    const workDir = tempDir();
    const store = ProjectStore.open(file, { workDir });
    expect(userVersion(path.join(workDir, `${store.id}.nestor`))).toBe(PROJECT_SCHEMA_VERSION);
    expect(store.state()).toMatchObject({ name: 'old', path: file, dirty: false, datasets: [] });
    store.addDataset(exampleDataset());
    expect(store.listDatasets()).toHaveLength(1);
    store.close();

    expect(sha256(file)).toBe(before);
    expect(userVersion(file)).toBe(0);
    expect(filesIn(dir)).toEqual(['old.nestor']);
  });

  it('a newer build migrates a file of this version on open, and Save writes the new schema', () => {
    const dir = tempDir();
    const workDir = tempDir();
    const file = path.join(dir, 'current.nestor');
    const next = PROJECT_SCHEMA_VERSION + 1;
    const v1 = ProjectStore.create({ workDir });
    const info = v1.addDataset(exampleDataset());
    v1.saveAs(file);
    v1.close();
    const before = sha256(file);

    const newer: Migration[] = [
      ...migrations,
      { version: next, up: (db) => db.exec("ALTER TABLE datasets ADD COLUMN note TEXT NOT NULL DEFAULT ''") },
    ];
    const store = ProjectStore.open(file, { workDir, migrations: newer });
    const workingCopy = path.join(workDir, `${store.id}.nestor`);
    expect(userVersion(workingCopy)).toBe(next);
    const reader = new Database(workingCopy, { readonly: true });
    expect(reader.prepare('SELECT name, note FROM datasets').all()).toEqual([{ name: 'Exam', note: '' }]);
    expect(reader.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(next));
    reader.close();
    expect(store.listDatasets()).toEqual([info]);
    const [, , , school] = store.readColumns(info.id);
    expect(school).toMatchObject({ levels: ['zeta', 'alpha', 'mid'] });
    expect(sha256(file)).toBe(before);
    expect(userVersion(file)).toBe(PROJECT_SCHEMA_VERSION);

    store.save();
    store.close();
    expect(userVersion(file)).toBe(next);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
