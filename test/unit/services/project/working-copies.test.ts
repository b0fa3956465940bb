import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { ProjectStore } from '../../../../src-main/services/project/store';
import type { ProjectLock } from '../../../../src-main/services/project/working-copies';
import { isProcessAlive } from '../../../../src-main/services/project/working-copies';
import { deadPid, exampleDataset, filesIn, tempDir } from './helpers';

/**
 * What a crash leaves: the working copy with its -wal and -shm exactly as the
 * running process had them (the last change still only in the WAL) and a lock
 * naming a process that is gone. Copied from a live store into another work
 * directory, so the original can still be closed normally.
 */
function crashedCopy(store: ProjectStore, fromDir: string, toDir: string, edit: Partial<ProjectLock> = {}): string {
  for (const suffix of ['.nestor', '.nestor-wal', '.nestor-shm', '.json']) {
    const from = path.join(fromDir, store.id + suffix);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(toDir, store.id + suffix));
  }
  const lockFile = path.join(toDir, `${store.id}.json`);
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as ProjectLock;
  fs.writeFileSync(lockFile, JSON.stringify({ ...lock, pid: deadPid(), ...edit }));
  return store.id;
}

function expectAppError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    expect((err as AppError).message).toMatch(message);
    return;
  }
  throw new Error(`expected AppError ${code}`);
}

describe('process liveness', () => {
  it('tells a live process from one that exited', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(process.ppid)).toBe(true);
    expect(isProcessAlive(deadPid())).toBe(false);
    // pid 1 exists on every Unix; when it is not ours, kill(1, 0) fails with EPERM, which still means alive.
    if (process.platform !== 'win32') expect(isProcessAlive(1)).toBe(true);
  });
});

describe('crash recovery', () => {
  it('lists a crashed session and recovers its unsaved changes, including those only in the WAL', () => {
    const liveDir = tempDir();
    const crashDir = tempDir();
    const store = ProjectStore.create({ workDir: liveDir });
    const info = store.addDataset(exampleDataset());
    const walBytes = fs.statSync(path.join(liveDir, `${store.id}.nestor-wal`)).size;
    expect(walBytes).toBeGreaterThan(0);
    const id = crashedCopy(store, liveDir, crashDir);
    const autosavedAt = store.state().autosavedAt;
    store.close();

    expect(ProjectStore.listRecoverable(crashDir)).toEqual([{ id, name: 'Untitled', path: null, autosavedAt }]);
    const recovered = ProjectStore.recover(id, { workDir: crashDir });
    expect(recovered.id).toBe(id);
    expect(recovered.state()).toMatchObject({ id, name: 'Untitled', path: null, dirty: true, autosavedAt });
    expect(recovered.listDatasets()).toEqual([info]);
    const school = recovered.readColumns(info.id, ['school'])[0];
    expect(school).toMatchObject({ levels: ['zeta', 'alpha', 'mid'] });
    const lock = JSON.parse(fs.readFileSync(path.join(crashDir, `${id}.json`), 'utf8')) as ProjectLock;
    expect(lock).toMatchObject({ pid: process.pid, dirty: true, cleanExit: false });
    // Now ours and alive: no longer offered, and it cannot be taken twice.
    expect(ProjectStore.listRecoverable(crashDir)).toEqual([]);
    expectAppError(() => ProjectStore.recover(id, { workDir: crashDir }), 'io', /still open in a running Nestor/);
    recovered.close();
    expect(filesIn(crashDir)).toEqual([]);
  });

  it('keeps the path of a saved project, so Save writes to the same file', () => {
    const liveDir = tempDir();
    const crashDir = tempDir();
    const file = path.join(tempDir(), 'saved.nestor');
    const store = ProjectStore.create({ workDir: liveDir });
    store.addDataset(exampleDataset('before save'));
    store.saveAs(file);
    store.addDataset(exampleDataset('after save'));
    const id = crashedCopy(store, liveDir, crashDir);
    store.close();

    const [entry] = ProjectStore.listRecoverable(crashDir);
    expect(entry).toMatchObject({ id, name: 'saved', path: file });
    const recovered = ProjectStore.recover(id, { workDir: crashDir });
    expect(recovered.state()).toMatchObject({ path: file, name: 'saved', dirty: true });
    expect(recovered.state().savedAt).not.toBeNull();
    recovered.save();
    recovered.close();
    const reopened = ProjectStore.open(file, { workDir: tempDir() });
    expect(reopened.listDatasets().map((d) => d.name)).toEqual(['before save', 'after save']);
    reopened.close();
  });

  it('lists a clean saved project too, but not an Untitled one that was never changed', () => {
    const liveDir = tempDir();
    const crashDir = tempDir();
    const file = path.join(tempDir(), 'clean.nestor');
    const saved = ProjectStore.create({ workDir: liveDir });
    saved.addDataset(exampleDataset());
    saved.saveAs(file);
    const savedId = crashedCopy(saved, liveDir, crashDir);
    const empty = ProjectStore.create({ workDir: liveDir });
    const emptyId = crashedCopy(empty, liveDir, crashDir);
    saved.close();
    empty.close();

    const listed = ProjectStore.listRecoverable(crashDir);
    expect(listed.map((p) => p.id)).toEqual([savedId]);
    expect(listed[0]).toMatchObject({ name: 'clean', path: file });
    expect(typeof listed[0].autosavedAt).toBe('string');
    // The empty Untitled copy held nothing and was cleared away.
    expect(filesIn(crashDir).filter((f) => f.startsWith(emptyId))).toEqual([]);
  });

  it('does not list working copies of running sessions, half-closed ones, or damaged ones', () => {
    const liveDir = tempDir();
    const crashDir = tempDir();
    const running = ProjectStore.create({ workDir: crashDir });
    running.addDataset(exampleDataset());

    const closing = ProjectStore.create({ workDir: liveDir });
    closing.addDataset(exampleDataset());
    const closingId = crashedCopy(closing, liveDir, crashDir, { cleanExit: true });

    const damaged = ProjectStore.create({ workDir: liveDir });
    damaged.addDataset(exampleDataset());
    const damagedId = crashedCopy(damaged, liveDir, crashDir);
    fs.writeFileSync(path.join(crashDir, `${damagedId}.nestor`), 'not a database any more');
    fs.rmSync(path.join(crashDir, `${damagedId}.nestor-wal`));
    fs.rmSync(path.join(crashDir, `${damagedId}.nestor-shm`));

    expect(ProjectStore.listRecoverable(crashDir)).toEqual([]);
    expect(filesIn(crashDir).filter((f) => f.startsWith(closingId))).toEqual([]);
    // The damaged copy is kept for anyone who wants to rescue it by hand.
    expect(filesIn(crashDir).filter((f) => f.startsWith(damagedId))).toEqual([`${damagedId}.json`, `${damagedId}.nestor`]);
    expectAppError(() => ProjectStore.recover(damagedId, { workDir: crashDir }), 'not-a-project', /not an SQLite database/);
    running.close();
    closing.close();
    damaged.close();
  });

  it('discardRecovery deletes the working copy and lock; unknown or running ids are refused', () => {
    const liveDir = tempDir();
    const crashDir = tempDir();
    const store = ProjectStore.create({ workDir: liveDir });
    store.addDataset(exampleDataset());
    const id = crashedCopy(store, liveDir, crashDir);
    expect(filesIn(crashDir)).toHaveLength(4);
    ProjectStore.discardRecovery(crashDir, id);
    expect(filesIn(crashDir)).toEqual([]);
    expect(ProjectStore.listRecoverable(crashDir)).toEqual([]);
    expectAppError(() => ProjectStore.discardRecovery(crashDir, id), 'not-found', /no recoverable project/);
    expectAppError(() => ProjectStore.discardRecovery(liveDir, store.id), 'io', /still open/);
    expectAppError(() => ProjectStore.discardRecovery(crashDir, '../escape'), 'bad-input', /not a project id/);
    expect(filesIn(liveDir)).toContain(`${store.id}.nestor`);
    store.close();
  });

  it('an empty or missing work directory has nothing to recover', () => {
    expect(ProjectStore.listRecoverable(tempDir())).toEqual([]);
    expect(ProjectStore.listRecoverable(path.join(tempDir(), 'never-made'))).toEqual([]);
  });
});
