import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { writeMeta } from './schema';

/**
 * Save = a self-contained copy of the working copy, written beside the target
 * and renamed over it, so the target is always either the old file or the
 * complete new one.
 *
 * The copy is made with `VACUUM INTO`, SQLite's own consistent-snapshot copy.
 * better-sqlite3's `db.backup()` (the online-backup API) only exists as an
 * asynchronous, event-loop-stepped Promise, while the store's surface is
 * synchronous; VACUUM INTO gives the same guarantee (a transactionally
 * consistent image, the source untouched, WAL contents included) in one
 * synchronous statement, and it also drops free pages, so a saved file does
 * not keep the space of removed datasets.
 */

/** Writes a self-contained project file at `target` atomically. */
export function saveCopy(db: Database.Database, target: string, savedAt: string, nativeBinding?: string): void {
  const dir = path.dirname(target);
  if (isDirectory(target)) throw new AppError('io', `Cannot save to ${target}: it is a folder`);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.saving`);
  try {
    writeSelfContained(db, temp, savedAt, nativeBinding);
    fsyncPath(temp, 'r+');
    fs.renameSync(temp, target);
  } catch (err) {
    removeWithSidecars(temp);
    throw saveError(target, err);
  }
  // The rename is only durable once the directory entry is; Windows cannot open
  // a directory for fsync, and there the rename is already flushed by NTFS.
  try {
    fsyncPath(dir, 'r');
  } catch {
    /* best effort on platforms without directory fsync */
  }
}

/** The bytes Save would write, for a browser download; the temp file goes in `scratchDir`. */
export function selfContainedBytes(db: Database.Database, scratchDir: string, savedAt: string, nativeBinding?: string): Buffer {
  const temp = path.join(scratchDir, `export-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeSelfContained(db, temp, savedAt, nativeBinding);
    return fs.readFileSync(temp);
  } catch (err) {
    throw new AppError('io', `Cannot export the project: ${(err as Error).message}`);
  } finally {
    removeWithSidecars(temp);
  }
}

function writeSelfContained(db: Database.Database, file: string, savedAt: string, nativeBinding?: string): void {
  db.prepare('VACUUM INTO ?').run(file);
  const copy = new Database(file, { fileMustExist: true, nativeBinding });
  try {
    // One file with no -wal/-shm beside it: what a user copies, mails or syncs is the whole project.
    copy.pragma('journal_mode = DELETE');
    writeMeta(copy, 'saved_at', savedAt);
  } finally {
    copy.close();
  }
}

function fsyncPath(file: string, flags: 'r' | 'r+'): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

function saveError(target: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN'
      ? 'permission denied or the folder cannot be written'
      : err instanceof Error
        ? err.message
        : String(err);
  const kept = fs.existsSync(target) ? '; the existing file is unchanged' : '';
  return new AppError('io', `Could not save ${target}: ${reason}${kept}`);
}
