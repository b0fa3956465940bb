import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { NESTOR_APP_NAME, NESTOR_APPLICATION_ID, readMeta, readUserVersion } from './schema';

/**
 * Decides whether a file is a Nestor project this build can read, without
 * writing to it: the header is read with plain fs, then SQLite opens the file
 * read-only. The file's own bytes never change; the only possible side effect,
 * -wal/-shm files SQLite creates beside a WAL-mode database, is undone.
 */

const SQLITE_SIGNATURE = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
/** Offset of the application id in the SQLite header (big-endian u32). */
const APPLICATION_ID_OFFSET = 68;

export interface CheckedProject {
  path: string;
  /** Read-only connection; the caller closes it with `closeChecked`. */
  db: Database.Database;
  schemaVersion: number;
  sidecarsBefore: ReadonlySet<string>;
}

export interface CheckOptions {
  /** How messages name the file (an uploaded file's own name rather than its temporary path). */
  label?: string;
  nativeBinding?: string;
}

/** Opens `file` read-only after checking it; throws AppError with a code saying what is wrong. */
export function openProjectReadOnly(path: string, maxSchemaVersion: number, options: CheckOptions = {}): CheckedProject {
  const file = options.label ?? path;
  const header = readHeader(path, file);
  if (header.length === 0) throw notAProject(file, 'the file is empty');
  if (header.length < SQLITE_SIGNATURE.length || !header.subarray(0, SQLITE_SIGNATURE.length).equals(SQLITE_SIGNATURE)) {
    throw notAProject(file, 'it is not an SQLite database');
  }
  if (header.length < HEADER_BYTES) throw corrupt(file, 'it ends inside the SQLite header');
  // The header's mark tells a damaged Nestor file from someone else's database
  // when SQLite itself cannot read it.
  const markedAsOurs = header.readUInt32BE(APPLICATION_ID_OFFSET) === NESTOR_APPLICATION_ID;

  const sidecars = existingSidecars(path);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId !== NESTOR_APPLICATION_ID) {
      throw notAProject(
        file,
        applicationId === 0 ? 'it is an SQLite database without Nestor’s mark' : 'it is an SQLite database of another application',
      );
    }
    const schemaVersion = readUserVersion(db);
    if (schemaVersion > maxSchemaVersion) {
      throw new AppError(
        'newer-schema',
        `${file} was saved by a newer Nestor (schema ${schemaVersion}; this version reads up to ${maxSchemaVersion})`,
        { schemaVersion, maxSchemaVersion },
      );
    }
    checkIntegrity(db, file);
    checkMeta(db, file, schemaVersion);
    return { path, db, schemaVersion, sidecarsBefore: sidecars };
  } catch (err) {
    db?.close();
    removeNewSidecars(path, sidecars);
    throw classify(err, file, markedAsOurs);
  }
}

/** Validates `file` and closes it again; returns its schema version. */
export function checkProjectFile(path: string, maxSchemaVersion: number, options: CheckOptions = {}): number {
  const checked = openProjectReadOnly(path, maxSchemaVersion, options);
  closeChecked(checked);
  return checked.schemaVersion;
}

/** Closes a connection from `openProjectReadOnly`, removing sidecar files it created. */
export function closeChecked(checked: CheckedProject): void {
  checked.db.close();
  removeNewSidecars(checked.path, checked.sidecarsBefore);
}

function readHeader(path: string, file: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (err) {
    throw ioError(file, err);
  }
  if (stat.isDirectory()) throw notAProject(file, 'it is a folder');
  let fd: number | null = null;
  try {
    fd = fs.openSync(path, 'r');
    const header = Buffer.alloc(HEADER_BYTES);
    const read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } catch (err) {
    throw ioError(file, err);
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function checkIntegrity(db: Database.Database, file: string): void {
  const problems = (db.pragma('quick_check(5)') as Array<{ quick_check: string }>).map((r) => r.quick_check);
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw corrupt(file, `SQLite's integrity check failed: ${problems.join('; ')}`);
  }
}

function checkMeta(db: Database.Database, file: string, schemaVersion: number): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) throw corrupt(file, 'it has Nestor’s mark but no meta table');
  const app = readMeta(db, 'app');
  if (app !== NESTOR_APP_NAME) throw corrupt(file, `its meta table names the app "${app ?? ''}", not ${NESTOR_APP_NAME}`);
  const metaVersion = readMeta(db, 'schema_version');
  if (metaVersion !== String(schemaVersion)) {
    throw corrupt(file, `its meta table says schema ${metaVersion ?? '(none)'} but the file header says ${schemaVersion}`);
  }
}

function classify(err: unknown, file: string, markedAsOurs: boolean): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_CANTOPEN' || (typeof code === 'string' && code.startsWith('SQLITE_IOERR'))) {
    return new AppError('io', `Cannot read ${file}: ${message}`);
  }
  if (!markedAsOurs) return notAProject(file, `SQLite cannot read it: ${message}`);
  return corrupt(file, message);
}

function notAProject(file: string, why: string): AppError {
  return new AppError('not-a-project', `${file} is not a Nestor project (${why})`);
}

function corrupt(file: string, why: string): AppError {
  return new AppError('corrupt-project', `${file} is a damaged Nestor project (${why})`);
}

export function ioError(file: string, err: unknown): AppError {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return new AppError('io', `${file} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('io', `${file} cannot be read: permission denied`);
  return new AppError('io', `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
}

const SIDECAR_SUFFIXES = ['-wal', '-shm'] as const;

function existingSidecars(file: string): ReadonlySet<string> {
  return new Set(SIDECAR_SUFFIXES.filter((s) => fs.existsSync(file + s)));
}

/** Removes -wal/-shm files that appeared while we read, if they hold nothing. */
function removeNewSidecars(file: string, before: ReadonlySet<string>): void {
  const wal = file + '-wal';
  const createdWal = !before.has('-wal') && fs.existsSync(wal);
  if (createdWal && fs.statSync(wal).size !== 0) return;
  for (const suffix of SIDECAR_SUFFIXES) {
    if (!before.has(suffix)) fs.rmSync(file + suffix, { force: true });
  }
}
