import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { ProjectStore } from '../../../../src-main/services/project/store';
import { NESTOR_APPLICATION_ID, PROJECT_SCHEMA_VERSION } from '../../../../src-main/services/project/schema';
import { exampleDataset, filesIn, tempDir } from './helpers';

function expectAppError(fn: () => unknown, code: string, message?: RegExp | string): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    if (message) expect((err as AppError).message).toMatch(message);
    return err as AppError;
  }
  throw new Error(`expected AppError ${code}`);
}

describe('ProjectStore: a new project', () => {
  it('lives only in its working copy and lock until it is saved', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    const state = store.state();
    expect(state).toMatchObject({ id: store.id, name: 'Untitled', path: null, dirty: false, savedAt: null, autosavedAt: null, datasets: [] });
    expect(filesIn(workDir)).toContain(`${store.id}.nestor`);
    const lock = JSON.parse(fs.readFileSync(path.join(workDir, `${store.id}.json`), 'utf8'));
    expect(lock).toEqual({ id: store.id, pid: process.pid, path: null, name: 'Untitled', autosavedAt: null, dirty: false, cleanExit: false });
    expectAppError(() => store.save(), 'not-found', /Save As/);
    store.close();
  });

  it('can declare a freshly loaded sample pristine: no unsaved changes and nothing to recover', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    store.addDataset(exampleDataset());
    expect(store.state().dirty).toBe(true);
    store.markPristine();
    expect(store.state()).toMatchObject({ dirty: false, path: null });
    expect(store.listDatasets()).toHaveLength(1);
    const lock = JSON.parse(fs.readFileSync(path.join(workDir, `${store.id}.json`), 'utf8'));
    expect(lock.dirty).toBe(false);
    store.addDataset(exampleDataset('Second'));
    expect(store.state().dirty).toBe(true);
    store.close();
  });

  it('writes every change to the working copy at once and records it in the lock', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    const info = store.addDataset(exampleDataset());
    const lock = JSON.parse(fs.readFileSync(path.join(workDir, `${store.id}.json`), 'utf8'));
    expect(lock.dirty).toBe(true);
    expect(typeof lock.autosavedAt).toBe('string');
    expect(store.state().autosavedAt).toBe(lock.autosavedAt);
    // A second connection sees the committed dataset: the change is on disk, not only in memory.
    const reader = new Database(path.join(workDir, `${store.id}.nestor`), { readonly: true });
    expect(reader.prepare('SELECT name, rows FROM datasets').all()).toEqual([{ name: 'Exam', rows: 5 }]);
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    reader.close();
    expect(info.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['score', 'numeric', 1],
      ['count', 'integer', 1],
      ['passed', 'logical', 1],
      ['school', 'factor', 1],
    ]);
    store.close();
  });

  it('close removes the working copy, its WAL files and the lock', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    store.addDataset(exampleDataset());
    store.close();
    expect(filesIn(workDir)).toEqual([]);
    expectAppError(() => store.state(), 'internal', /closed/);
    store.close();
  });
});

describe('ProjectStore: save and reopen', () => {
  it('round-trips every value exactly: NaN missing, factor codes, level order', () => {
    const workDir = tempDir();
    const dir = tempDir();
    const file = path.join(dir, 'exam study.nestor');
    const store = ProjectStore.create({ workDir });
    const original = exampleDataset();
    const added = store.addDataset(original);
    store.saveAs(file);
    const saved = store.state();
    expect(saved).toMatchObject({ path: file, name: 'exam study', dirty: false });
    expect(saved.savedAt).not.toBeNull();
    store.close();

    const reopened = ProjectStore.open(file, { workDir });
    const state = reopened.state();
    expect(state).toMatchObject({ path: file, name: 'exam study', dirty: false, savedAt: saved.savedAt });
    expect(state.datasets).toEqual([added]);
    const columns = reopened.readColumns(added.id);
    expect(columns).toHaveLength(4);
    for (let j = 0; j < 3; j++) {
      const got = columns[j];
      const want = original.columns[j];
      if (got.kind === 'factor' || want.kind === 'factor') throw new Error('expected numbers');
      expect(got.kind).toBe(want.kind);
      // Bit-for-bit: the same doubles, NaN in the same places (toEqual treats NaN as equal to NaN).
      expect(Buffer.from(got.values.buffer).equals(Buffer.from(want.values.buffer))).toBe(true);
      expect(Array.from(got.values)).toEqual(Array.from(want.values));
    }
    const school = columns[3];
    if (school.kind !== 'factor') throw new Error('expected a factor');
    expect(Array.from(school.codes)).toEqual([2, 0, -1, 1, 2]);
    expect(school.levels).toEqual(['zeta', 'alpha', 'mid']);
    expect(Number.isNaN((columns[0] as { values: Float64Array }).values[1])).toBe(true);
    expect(Number.isNaN((columns[2] as { values: Float64Array }).values[3])).toBe(true);
    expect((columns[0] as { values: Float64Array }).values[4]).toBe(0.1 + 0.2);
    expect((columns[1] as { values: Float64Array }).values[4]).toBe(2 ** 40);
    reopened.close();
  });

  it('saveAs then save again writes the later changes to the same file', () => {
    const workDir = tempDir();
    const file = path.join(tempDir(), 'twice.nestor');
    const store = ProjectStore.create({ workDir });
    store.addDataset(exampleDataset('first'));
    store.saveAs(file);
    store.addDataset(exampleDataset('second'));
    expect(store.state().dirty).toBe(true);
    store.save();
    expect(store.state().dirty).toBe(false);
    store.close();
    const again = ProjectStore.open(file, { workDir });
    expect(again.listDatasets().map((d) => d.name)).toEqual(['first', 'second']);
    again.close();
  });

  it('saves one self-contained file that plain better-sqlite3 reads, with no -wal or -shm beside it', () => {
    const workDir = tempDir();
    const dir = tempDir();
    const file = path.join(dir, 'single.nestor');
    const store = ProjectStore.create({ workDir });
    store.addDataset(exampleDataset());
    store.saveAs(file);
    expect(filesIn(dir)).toEqual(['single.nestor']);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(PROJECT_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(NESTOR_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.prepare("SELECT value FROM meta WHERE key = 'app'").pluck().get()).toBe('Nestor');
    expect(db.prepare('SELECT COUNT(*) FROM columns').pluck().get()).toBe(4);
    db.close();
    expect(filesIn(dir)).toEqual(['single.nestor']);
    store.close();
  });

  it('exportBytes returns the same self-contained project Save writes', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    const info = store.addDataset(exampleDataset());
    const bytes = store.exportBytes();
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(bytes[18]).toBe(1); // file format "legacy": rollback journal, not WAL
    expect(filesIn(workDir)).toEqual([`${store.id}.json`, `${store.id}.nestor`, `${store.id}.nestor-shm`, `${store.id}.nestor-wal`]);
    const file = path.join(tempDir(), 'download.nestor');
    fs.writeFileSync(file, bytes);
    const reopened = ProjectStore.open(file, { workDir });
    expect(reopened.listDatasets()).toEqual([info]);
    reopened.close();
    store.close();
  });

  it('openBytes opens an uploaded project under its own name, with no path to save to', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    store.addDataset(exampleDataset());
    const bytes = store.exportBytes();
    store.close();
    const uploaded = ProjectStore.openBytes(bytes, 'from browser.nestor', { workDir });
    expect(uploaded.state()).toMatchObject({ name: 'from browser', path: null, dirty: false });
    expect(uploaded.listDatasets().map((d) => d.name)).toEqual(['Exam']);
    expect(filesIn(workDir).filter((f) => f.startsWith('upload-'))).toEqual([]);
    uploaded.close();
    const err = expectAppError(() => ProjectStore.openBytes(Buffer.from('name,score\nA,1\n'), 'scores.csv', { workDir }), 'not-a-project');
    expect(err.message).toBe('scores.csv is not a Nestor project (it is not an SQLite database)');
    expect(filesIn(workDir)).toEqual([]);
  });
});

describe('ProjectStore: datasets', () => {
  it('gives datasets unique names by appending (2), (3)', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const names = ['Exam', 'Exam', ' Exam ', 'Exam (2)'].map((n) => store.addDataset(exampleDataset(n)).name);
    expect(names).toEqual(['Exam', 'Exam (2)', 'Exam (3)', 'Exam (2) (2)']);
    expect(store.listDatasets().map((d) => d.name)).toEqual(names);
    for (const d of store.listDatasets()) expect(d.id).toMatch(/^ds-[0-9a-f]{12}$/);
    store.close();
  });

  it('rejects columns the engine would misread, naming the dataset and column', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const ragged = exampleDataset('Bad');
    ragged.columns.push({ name: 'short', kind: 'numeric', values: new Float64Array(2) });
    expectAppError(() => store.addDataset(ragged), 'bad-input', 'Dataset "Bad", column "short" has 2 rows, but "score" has 5');
    const codes = exampleDataset('Bad');
    codes.columns[3] = { name: 'school', kind: 'factor', codes: new Int32Array([0, 3, 0, 0, 0]), levels: ['a', 'b', 'c'] };
    expectAppError(() => store.addDataset(codes), 'bad-input', 'Dataset "Bad", column "school", row 2: level code 3 is outside 0..2');
    const logical = exampleDataset('Bad');
    logical.columns[2] = { name: 'passed', kind: 'logical', values: new Float64Array([1, 2, 0, 0, 0]) };
    expectAppError(() => store.addDataset(logical), 'bad-input', /row 2: 2 is not 0, 1 or missing/);
    expectAppError(() => store.addDataset({ name: '  ', source: 'x', columns: [] }), 'bad-input', 'A dataset needs a name');
    expect(store.listDatasets()).toEqual([]);
    expect(store.state().dirty).toBe(false);
    store.close();
  });

  it('reads chosen columns in the order asked, as arrays the caller owns', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const { id } = store.addDataset(exampleDataset());
    const [school, score] = store.readColumns(id, ['school', 'score']);
    expect(school.name).toBe('school');
    if (score.kind === 'factor') throw new Error('expected numbers');
    score.values[0] = 999;
    const again = store.readColumns(id, ['score'])[0] as { values: Float64Array };
    expect(again.values[0]).toBe(1.5);
    expect(store.page({ datasetId: id, rowStart: 0, rowCount: 1, columnStart: 0, columnCount: 1 }).columns[0].cells).toEqual([1.5]);
    expectAppError(() => store.readColumns(id, ['nope']), 'not-found', 'Dataset "Exam" has no column "nope"');
    expectAppError(() => store.getDataset('ds-missing'), 'not-found', /ds-missing/);
    store.close();
  });

  it('removes a dataset with its results, and forgets its cached columns', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const keep = store.addDataset(exampleDataset('keep'));
    const drop = store.addDataset(exampleDataset('drop'));
    store.page({ datasetId: drop.id, rowStart: 0, rowCount: 5, columnStart: 0, columnCount: 4 });
    store.addResult({ kind: 'lm', title: 'on drop', datasetId: drop.id, value: { r2: 0.5 } });
    const kept = store.addResult({ kind: 'lm', title: 'on keep', datasetId: keep.id, value: { r2: 0.25 } });
    store.removeDataset(drop.id);
    expect(store.listDatasets().map((d) => d.name)).toEqual(['keep']);
    expect(store.listResults()).toEqual([kept]);
    expectAppError(() => store.page({ datasetId: drop.id, rowStart: 0, rowCount: 5, columnStart: 0, columnCount: 4 }), 'not-found');
    expectAppError(() => store.removeDataset(drop.id), 'not-found');
    store.close();
  });
});

describe('ProjectStore: page windows', () => {
  function numbered(rows: number) {
    const store = ProjectStore.create({ workDir: tempDir() });
    const a = Float64Array.from({ length: rows }, (_, i) => i);
    const b = Float64Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? NaN : i * 10));
    const g = Int32Array.from({ length: rows }, (_, i) => (i % 5 === 4 ? -1 : i % 3));
    const info = store.addDataset({
      name: 'numbered',
      source: 'test',
      columns: [
        { name: 'a', kind: 'numeric', values: a },
        { name: 'b', kind: 'numeric', values: b },
        { name: 'g', kind: 'factor', codes: g, levels: ['x', 'y', 'z'] },
      ],
    });
    return { store, id: info.id };
  }

  it('returns a shorter last page and an empty page past the end', () => {
    const { store, id } = numbered(250);
    const last = store.page({ datasetId: id, rowStart: 200, rowCount: 100, columnStart: 0, columnCount: 3 });
    expect(last.rowStart).toBe(200);
    expect(last.rowCount).toBe(50);
    expect(last.columns.map((c) => c.name)).toEqual(['a', 'b', 'g']);
    expect(last.columns[0].cells[0]).toBe(200);
    expect(last.columns[0].cells[49]).toBe(249);
    // Row 203 = 7 × 29 is missing in b.
    expect(last.columns[1].cells.slice(0, 5)).toEqual([2000, 2010, 2020, null, 2040]);
    expect(last.columns[2].cells.slice(0, 5)).toEqual(['z', 'x', 'y', 'z', null]); // rows 200..204
    const past = store.page({ datasetId: id, rowStart: 400, rowCount: 10, columnStart: 0, columnCount: 3 });
    expect(past).toEqual({ datasetId: id, rowStart: 250, rowCount: 0, columnStart: 0, columns: [
      { name: 'a', cells: [] }, { name: 'b', cells: [] }, { name: 'g', cells: [] },
    ] });
    store.close();
  });

  it('returns only the asked column window, clipped at the last column', () => {
    const { store, id } = numbered(20);
    const window = store.page({ datasetId: id, rowStart: 0, rowCount: 3, columnStart: 1, columnCount: 5 });
    expect(window.columnStart).toBe(1);
    expect(window.columns).toEqual([
      { name: 'b', cells: [null, 10, 20] },
      { name: 'g', cells: ['x', 'y', 'z'] },
    ]);
    const beyond = store.page({ datasetId: id, rowStart: 0, rowCount: 3, columnStart: 3, columnCount: 2 });
    expect(beyond.columns).toEqual([]);
    store.close();
  });
});

describe('ProjectStore: results', () => {
  it('round-trips JSON values through save and reopen, listed in the order added', () => {
    const workDir = tempDir();
    const file = path.join(tempDir(), 'results.nestor');
    const store = ProjectStore.create({ workDir });
    const ds = store.addDataset(exampleDataset());
    const value = { formula: 'y ~ x + (1 | g)', beta: [1.25, -0.5], theta: [0.7], converged: true, note: null, nested: { aic: 1234.5 } };
    const first = store.addResult({ kind: 'lmm', title: 'Model 1', datasetId: ds.id, value });
    const second = store.addResult({ kind: 'note', title: 'Free', datasetId: null, value: 'text' });
    expect(first.id).toMatch(/^res-[0-9a-f]{12}$/);
    expect(store.getResult(first.id)).toEqual({ info: first, value });
    store.saveAs(file);
    store.close();
    const reopened = ProjectStore.open(file, { workDir });
    expect(reopened.listResults()).toEqual([first, second]);
    expect(reopened.listResults(ds.id)).toEqual([first]);
    expect(reopened.getResult(first.id).value).toEqual(value);
    expect(reopened.getResult(second.id).value).toBe('text');
    expectAppError(() => reopened.getResult('res-none'), 'not-found', /res-none/);
    expectAppError(
      () => reopened.addResult({ kind: 'x', title: 'orphan', datasetId: 'ds-gone', value: 1 }),
      'not-found',
      /ds-gone/,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expectAppError(() => reopened.addResult({ kind: 'x', title: 'loop', datasetId: null, value: cyclic }), 'bad-input', /"loop" cannot be stored/);
    reopened.close();
  });
});
