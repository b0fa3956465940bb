import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/errors';
import { ProjectStore } from '../../../../src-main/services/project/store';
import { exampleDataset, filesIn, runningAsRoot, sha256, tempDir } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A saved project at `file` plus an open store with one more, unsaved dataset. */
function projectWithUnsavedChange(file: string) {
  const store = ProjectStore.create({ workDir: tempDir() });
  store.addDataset(exampleDataset('saved'));
  store.saveAs(file);
  store.addDataset(exampleDataset('unsaved'));
  return store;
}

function expectSaveFails(save: () => void, message: RegExp): AppError {
  try {
    save();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('io');
    expect((err as AppError).message).toMatch(message);
    return err as AppError;
  }
  throw new Error('expected the save to fail');
}

function datasetNames(file: string): string[] {
  const store = ProjectStore.open(file, { workDir: tempDir() });
  const names = store.listDatasets().map((d) => d.name);
  store.close();
  return names;
}

describe('atomic save', () => {
  it('leaves the old file intact and no temp file when the rename fails', () => {
    const dir = tempDir();
    const file = path.join(dir, 'study.nestor');
    const store = projectWithUnsavedChange(file);
    const before = sha256(file);
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    const err = expectSaveFails(() => store.save(), /Could not save .*study\.nestor: EIO/);
    expect(err.message).toMatch(/the existing file is unchanged/);
    vi.restoreAllMocks();
    expect(sha256(file)).toBe(before);
    expect(filesIn(dir)).toEqual(['study.nestor']);
    expect(store.state().dirty).toBe(true);
    expect(datasetNames(file)).toEqual(['saved']);
    store.save();
    expect(datasetNames(file)).toEqual(['saved', 'unsaved']);
    store.close();
  });

  it('leaves the old file intact when flushing the new one to disk fails', () => {
    const dir = tempDir();
    const file = path.join(dir, 'study.nestor');
    const store = projectWithUnsavedChange(file);
    const before = sha256(file);
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, fsync'), { code: 'ENOSPC' });
    });
    expectSaveFails(() => store.save(), /no space left/);
    vi.restoreAllMocks();
    expect(sha256(file)).toBe(before);
    expect(filesIn(dir)).toEqual(['study.nestor']);
    store.close();
  });

  it('refuses to save over a folder, leaving it and its contents alone', () => {
    const dir = tempDir();
    const folder = path.join(dir, 'taken.nestor');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inside.txt'), 'keep me');
    const store = ProjectStore.create({ workDir: tempDir() });
    store.addDataset(exampleDataset());
    expectSaveFails(() => store.saveAs(folder), /Cannot save to .*taken\.nestor: it is a folder/);
    expect(filesIn(dir)).toEqual(['taken.nestor']);
    expect(filesIn(folder)).toEqual(['inside.txt']);
    expect(store.state()).toMatchObject({ path: null, name: 'Untitled', dirty: true });
    store.close();
  });

  it('reports a folder that does not exist and keeps the project unsaved', () => {
    const dir = tempDir();
    const store = ProjectStore.create({ workDir: tempDir() });
    store.addDataset(exampleDataset());
    const target = path.join(dir, 'missing', 'study.nestor');
    expectSaveFails(() => store.saveAs(target), /Could not save .*missing.*study\.nestor/);
    expect(filesIn(dir)).toEqual([]);
    expect(store.state()).toMatchObject({ path: null, dirty: true, savedAt: null });
    store.close();
  });

  it.skipIf(runningAsRoot)('reports a folder it may not write to, leaving the old file intact', () => {
    const dir = tempDir();
    const file = path.join(dir, 'study.nestor');
    const store = projectWithUnsavedChange(file);
    const before = sha256(file);
    fs.chmodSync(dir, 0o555);
    try {
      expectSaveFails(() => store.save(), /permission denied or the folder cannot be written/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
    expect(sha256(file)).toBe(before);
    expect(filesIn(dir)).toEqual(['study.nestor']);
    store.close();
  });

  it('replaces the file in one step: a reader sees the old project or the new one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'study.nestor');
    const store = projectWithUnsavedChange(file);
    const oldInode = fs.statSync(file).ino;
    store.save();
    // A new inode: the old file was renamed over, never rewritten in place.
    expect(fs.statSync(file).ino).not.toBe(oldInode);
    expect(datasetNames(file)).toEqual(['saved', 'unsaved']);
    store.close();
  });
});
