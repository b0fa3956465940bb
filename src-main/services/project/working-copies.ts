import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '@shared/errors';
import { PROJECT_FILE_EXTENSION, type RecoverableProject } from '@shared/project';
import { checkProjectFile } from './file-checks';

/**
 * The work directory: for each open project a working copy `<id>.nestor`
 * (plus SQLite's -wal/-shm) and a lock file `<id>.json` saying which process
 * owns it and where Save writes. A lock whose process is gone marks a session
 * that crashed; its working copy is offered for recovery.
 */

export interface ProjectLock {
  id: string;
  pid: number;
  /** The user's file, or null for a project never saved. */
  path: string | null;
  name: string;
  autosavedAt: string | null;
  dirty: boolean;
  /** True only while a clean close is deleting the files, so a half-finished close is never offered. */
  cleanExit: boolean;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function newProjectId(): string {
  return `p-${randomBytes(8).toString('hex')}`;
}

export function assertProjectId(id: string): void {
  if (!ID_PATTERN.test(id)) throw new AppError('bad-input', `"${id}" is not a project id`);
}

export function workingCopyPath(workDir: string, id: string): string {
  return path.join(workDir, `${id}.${PROJECT_FILE_EXTENSION}`);
}

export function lockPath(workDir: string, id: string): string {
  return path.join(workDir, `${id}.json`);
}

/** Written to a temporary name and renamed, so a crash mid-write never leaves half a lock. */
export function writeLock(workDir: string, lock: ProjectLock): void {
  const target = lockPath(workDir, lock.id);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify(lock, null, 2));
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new AppError('io', `Cannot write the project's lock file ${target}: ${(err as Error).message}`);
  }
}

/** The lock, or null when it is missing or not a lock this build wrote. */
export function readLock(workDir: string, id: string): ProjectLock | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(lockPath(workDir, id), 'utf8'));
  } catch {
    return null;
  }
  const lock = raw as Partial<ProjectLock>;
  const valid =
    typeof lock === 'object' &&
    lock !== null &&
    lock.id === id &&
    Number.isInteger(lock.pid) &&
    (lock.path === null || typeof lock.path === 'string') &&
    typeof lock.name === 'string' &&
    (lock.autosavedAt === null || typeof lock.autosavedAt === 'string') &&
    typeof lock.dirty === 'boolean' &&
    typeof lock.cleanExit === 'boolean';
  return valid ? (lock as ProjectLock) : null;
}

/**
 * Signal 0 checks for existence without signalling: ESRCH means no such
 * process; EPERM means it exists but belongs to someone else. Our own pid
 * counts as alive: that working copy is open in this very process.
 */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function removeWorkingCopy(workDir: string, id: string): void {
  const db = workingCopyPath(workDir, id);
  for (const file of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) fs.rmSync(file, { force: true });
  fs.rmSync(lockPath(workDir, id), { force: true });
}

/**
 * Working copies left by sessions that ended without a clean close, newest
 * first. Listed: projects with unsaved changes, and saved projects even when
 * clean (their file may since have been moved, overwritten or be on a drive
 * that is gone; the working copy is the last state the user saw). Not listed,
 * and removed as they hold nothing: an Untitled project never changed, a
 * half-finished clean close, a lock without its working copy. A working copy
 * that fails validation is neither listed nor removed, so no data is deleted
 * that someone could still rescue by hand.
 */
export function listRecoverable(workDir: string, maxSchemaVersion: number, nativeBinding?: string): RecoverableProject[] {
  let names: string[];
  try {
    names = fs.readdirSync(workDir);
  } catch {
    return [];
  }
  const found: RecoverableProject[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    if (!ID_PATTERN.test(id)) continue;
    const lock = readLock(workDir, id);
    if (!lock || isProcessAlive(lock.pid)) continue;
    const copy = workingCopyPath(workDir, id);
    if (lock.cleanExit || !fs.existsSync(copy) || (!lock.dirty && lock.path === null)) {
      removeWorkingCopy(workDir, id);
      continue;
    }
    try {
      checkProjectFile(copy, maxSchemaVersion, { nativeBinding });
    } catch {
      continue;
    }
    const autosavedAt = lock.autosavedAt ?? fs.statSync(copy).mtime.toISOString();
    found.push({ id, name: lock.name, path: lock.path, autosavedAt });
  }
  return found.sort((a, b) => b.autosavedAt.localeCompare(a.autosavedAt));
}

/** The lock of a working copy that may be taken over or deleted; throws when it is missing or still in use. */
export function abandonedLock(workDir: string, id: string): ProjectLock {
  assertProjectId(id);
  const lock = readLock(workDir, id);
  if (!lock || !fs.existsSync(workingCopyPath(workDir, id))) {
    throw new AppError('not-found', `There is no recoverable project "${id}" in ${workDir}`);
  }
  if (isProcessAlive(lock.pid)) {
    throw new AppError('io', `Project "${lock.name}" (${id}) is still open in a running Nestor (process ${lock.pid})`);
  }
  return lock;
}
