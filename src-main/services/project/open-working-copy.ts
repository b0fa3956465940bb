import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { checkProjectFile, closeChecked, openProjectReadOnly } from './file-checks';
import { latestVersion, migrate, migrations as defaultMigrations, readMeta, stampIdentity } from './schema';
import type { StoreOptions } from './store';
import * as copies from './working-copies';

/**
 * The four ways a project's working copy comes to be (a new project, a copy of
 * the user's file, a copy of an uploaded file, a crashed session's copy), each
 * ending with the copy migrated, in WAL mode and open: ProjectStore takes it
 * from there. Whatever fails on the way leaves no copy behind, except a crashed
 * session's, which stays recoverable.
 */
export interface OpenedCopy {
  db: Database.Database;
  lock: Omit<copies.ProjectLock, 'pid' | 'cleanExit'>;
  /** When the project was last saved to its file (null: never). */
  savedAt: string | null;
  /** Undoes the opening if the store cannot take the copy: closes it, and deletes it unless it is a crashed session's. */
  abandon(): void;
}

/** New projects use 16 KiB pages: column blobs are megabytes, and larger pages make their overflow chains shorter. */
const NEW_PAGE_SIZE = 16384;
/**
 * After a checkpoint the -wal is cut back to this size (SQLite's auto-checkpoint
 * point at 16 KiB pages), so one large import does not leave a -wal of its size
 * lying beside the working copy for the rest of the session.
 */
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

export function createWorkingCopy(options: StoreOptions, name: string): OpenedCopy {
  const id = copies.newProjectId();
  const file = prepareWorkingCopy(options.workDir, id);
  const db = new Database(file, { nativeBinding: options.nativeBinding });
  const abandon = () => {
    db.close();
    copies.removeWorkingCopy(options.workDir, id);
  };
  try {
    db.pragma(`page_size = ${NEW_PAGE_SIZE}`);
    db.transaction(() => stampIdentity(db, new Date().toISOString()))();
    migrate(db, options.migrations);
    useWorkingCopyPragmas(db);
    return { db, lock: { id, path: null, name, autosavedAt: null, dirty: false }, savedAt: null, abandon };
  } catch (err) {
    abandon();
    throw err;
  }
}

export function copyProjectFile(file: string, options: StoreOptions): OpenedCopy {
  const source = path.resolve(file);
  return copyChecked(source, options, { label: source, path: source, name: path.parse(source).name });
}

export function copyUploadedProject(bytes: Buffer, fileName: string, options: StoreOptions): OpenedCopy {
  const temp = path.join(options.workDir, `upload-${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.mkdirSync(options.workDir, { recursive: true });
    fs.writeFileSync(temp, bytes);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new AppError('io', `Cannot store the uploaded ${fileName} in ${options.workDir}: ${(err as Error).message}`);
  }
  try {
    return copyChecked(temp, options, { label: fileName, path: null, name: path.parse(fileName).name });
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export function reopenCrashedCopy(id: string, options: StoreOptions): OpenedCopy {
  const list = options.migrations ?? defaultMigrations;
  const lock = copies.abandonedLock(options.workDir, id);
  const file = copies.workingCopyPath(options.workDir, id);
  checkProjectFile(file, latestVersion(list), { nativeBinding: options.nativeBinding });
  const db = new Database(file, { fileMustExist: true, nativeBinding: options.nativeBinding });
  // The crashed session's copy stays where it is, recoverable, whatever happens here.
  const abandon = () => db.close();
  try {
    useWorkingCopyPragmas(db);
    migrate(db, list);
    return { db, lock, savedAt: readMeta(db, 'saved_at'), abandon };
  } catch (err) {
    abandon();
    throw err;
  }
}

/** The file is checked read-only and copied with VACUUM INTO; only the copy is migrated. */
function copyChecked(source: string, options: StoreOptions, as: { label: string; path: string | null; name: string }): OpenedCopy {
  const list = options.migrations ?? defaultMigrations;
  const checked = openProjectReadOnly(source, latestVersion(list), { label: as.label, nativeBinding: options.nativeBinding });
  const id = copies.newProjectId();
  let db: Database.Database | null = null;
  const abandon = () => {
    db?.close();
    copies.removeWorkingCopy(options.workDir, id);
  };
  try {
    const workingCopy = prepareWorkingCopy(options.workDir, id);
    try {
      checked.db.prepare('VACUUM INTO ?').run(workingCopy);
    } catch (err) {
      throw new AppError('io', `Cannot copy ${as.label} into the work folder ${options.workDir}: ${(err as Error).message}`);
    }
    db = new Database(workingCopy, { fileMustExist: true, nativeBinding: options.nativeBinding });
    useWorkingCopyPragmas(db);
    migrate(db, list);
    const savedAt = readMeta(db, 'saved_at') ?? (as.path === null ? null : fs.statSync(source).mtime.toISOString());
    return { db, lock: { id, path: as.path, name: as.name, autosavedAt: null, dirty: false }, savedAt, abandon };
  } catch (err) {
    abandon();
    throw err;
  } finally {
    closeChecked(checked);
  }
}

function prepareWorkingCopy(workDir: string, id: string): string {
  try {
    fs.mkdirSync(workDir, { recursive: true });
  } catch (err) {
    throw new AppError('io', `Cannot create the work folder ${workDir}: ${(err as Error).message}`);
  }
  return copies.workingCopyPath(workDir, id);
}

function useWorkingCopyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
}
