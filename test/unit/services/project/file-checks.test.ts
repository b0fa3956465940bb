import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { ProjectStore } from '../../../../src-main/services/project/store';
import { checkProjectFile } from '../../../../src-main/services/project/file-checks';
import { NESTOR_APPLICATION_ID, migrations, PROJECT_SCHEMA_VERSION } from '../../../../src-main/services/project/schema';
import { exampleDataset, filesIn, runningAsRoot, sha256, tempDir } from './helpers';

/** A real saved project with a dataset big enough to span many pages. */
function savedProject(dir: string, name = 'good.nestor'): string {
  const workDir = tempDir();
  const store = ProjectStore.create({ workDir });
  store.addDataset(exampleDataset());
  store.addDataset({
    name: 'big',
    source: 'test',
    columns: [{ name: 'x', kind: 'numeric', values: Float64Array.from({ length: 50_000 }, (_, i) => i / 3) }],
  });
  const file = path.join(dir, name);
  store.saveAs(file);
  store.close();
  return file;
}

/** Opens `file` expecting failure; checks the code, that the message names the file, and that no byte changed. */
function expectOpenFails(file: string, code: string, reason: RegExp): AppError {
  const dir = path.dirname(file);
  const before = readableFile(file) ? sha256(file) : null;
  const filesBefore = filesIn(dir);
  const workDir = tempDir();
  let error: unknown = null;
  try {
    ProjectStore.open(file, { workDir }).close();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  expect(appError.message).toContain(file);
  expect(appError.message).toMatch(reason);
  if (before !== null) expect(sha256(file)).toBe(before);
  expect(filesIn(dir)).toEqual(filesBefore); // no -wal, -shm or -journal left beside it
  expect(filesIn(workDir)).toEqual([]); // and no half-made working copy
  return appError;
}

function readableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

describe('opening a file that is not a usable project', () => {
  it('a text file is not a project', () => {
    const file = path.join(tempDir(), 'notes.nestor');
    fs.writeFileSync(file, 'school,score\nA,12\n');
    const err = expectOpenFails(file, 'not-a-project', /not an SQLite database/);
    expect(err.message).toBe(`${file} is not a Nestor project (it is not an SQLite database)`);
  });

  it('random bytes are not a project, even behind an SQLite signature', () => {
    const dir = tempDir();
    const noise = path.join(dir, 'noise.nestor');
    fs.writeFileSync(noise, randomBytes(8192));
    expectOpenFails(noise, 'not-a-project', /not an SQLite database/);
    const disguised = path.join(dir, 'disguised.nestor');
    fs.writeFileSync(disguised, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(8192)]));
    expectOpenFails(disguised, 'not-a-project', /SQLite cannot read it|without Nestor|another application/);
  });

  it('an empty file is not a project', () => {
    const file = path.join(tempDir(), 'empty.nestor');
    fs.writeFileSync(file, '');
    expectOpenFails(file, 'not-a-project', /the file is empty/);
  });

  it("someone else's SQLite database is not a project", () => {
    const dir = tempDir();
    const plain = path.join(dir, 'plain.db');
    const db = new Database(plain);
    db.exec("CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('app', 'Nestor')");
    db.close();
    expectOpenFails(plain, 'not-a-project', /without Nestor’s mark/);
    const other = path.join(dir, 'other.db');
    const db2 = new Database(other);
    db2.pragma('application_id = 1234');
    db2.exec('CREATE TABLE t (x)');
    db2.close();
    expectOpenFails(other, 'not-a-project', /another application/);
  });

  it('a file saved by a newer Nestor is refused with both schema versions', () => {
    const dir = tempDir();
    const workDir = tempDir();
    const newer = [...migrations, { version: PROJECT_SCHEMA_VERSION + 1, up: (d: Database.Database) => d.exec('CREATE TABLE future (x)') }];
    const store = ProjectStore.create({ workDir, migrations: newer });
    store.addDataset(exampleDataset());
    const file = path.join(dir, 'future.nestor');
    store.saveAs(file);
    store.close();
    const err = expectOpenFails(file, 'newer-schema', /newer Nestor/);
    expect(err.message).toBe(
      `${file} was saved by a newer Nestor (schema ${PROJECT_SCHEMA_VERSION + 1}; this version reads up to ${PROJECT_SCHEMA_VERSION})`,
    );
  });

  it('a truncated project is damaged, not foreign', () => {
    const dir = tempDir();
    const good = savedProject(dir);
    const bytes = fs.readFileSync(good);
    const half = path.join(dir, 'half.nestor');
    fs.writeFileSync(half, bytes.subarray(0, bytes.length >> 1));
    expectOpenFails(half, 'corrupt-project', /damaged Nestor project/);
    const header = path.join(dir, 'header.nestor');
    fs.writeFileSync(header, bytes.subarray(0, 60));
    expectOpenFails(header, 'corrupt-project', /ends inside the SQLite header/);
  });

  it('a project whose pages are overwritten fails the integrity check', () => {
    const dir = tempDir();
    const file = savedProject(dir, 'scribbled.nestor');
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    // Scribble over the second page (a b-tree page of the schema's tables).
    randomBytes(pageSize).copy(bytes, pageSize);
    fs.writeFileSync(file, bytes);
    expectOpenFails(file, 'corrupt-project', /damaged Nestor project/);
  });

  it("a file with Nestor's mark but no meta table is damaged", () => {
    const file = path.join(tempDir(), 'nometa.nestor');
    const db = new Database(file);
    db.pragma(`application_id = ${NESTOR_APPLICATION_ID}`);
    db.exec('CREATE TABLE datasets (id TEXT)');
    db.close();
    expectOpenFails(file, 'corrupt-project', /no meta table/);
  });

  it('a missing file or a folder is reported as such', () => {
    const dir = tempDir();
    expectOpenFails(path.join(dir, 'gone.nestor'), 'io', /does not exist/);
    const folder = path.join(dir, 'folder.nestor');
    fs.mkdirSync(folder);
    expectOpenFails(folder, 'not-a-project', /it is a folder/);
  });

  it.skipIf(runningAsRoot)('an unreadable file is an io error', () => {
    const file = savedProject(tempDir(), 'locked.nestor');
    const before = sha256(file);
    fs.chmodSync(file, 0o000);
    try {
      expectOpenFails(file, 'io', /permission denied/);
    } finally {
      fs.chmodSync(file, 0o644);
    }
    expect(sha256(file)).toBe(before);
  });

  it('checking a good project changes nothing and reports its schema', () => {
    const dir = tempDir();
    const file = savedProject(dir);
    const before = sha256(file);
    expect(checkProjectFile(file, PROJECT_SCHEMA_VERSION)).toBe(PROJECT_SCHEMA_VERSION);
    const store = ProjectStore.open(file, { workDir: tempDir() });
    expect(store.listDatasets().map((d) => d.name)).toEqual(['Exam', 'big']);
    store.addDataset(exampleDataset('changed only in the working copy'));
    store.close();
    expect(sha256(file)).toBe(before);
    expect(filesIn(dir)).toEqual(['good.nestor']);
  });

  it('reading a WAL-mode file leaves no -wal or -shm behind', () => {
    const dir = tempDir();
    const file = savedProject(dir);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
    const before = sha256(file);
    const store = ProjectStore.open(file, { workDir: tempDir() });
    expect(store.listDatasets()).toHaveLength(2);
    store.close();
    expect(sha256(file)).toBe(before);
    expect(filesIn(dir)).toEqual(['good.nestor']);
  });
});
