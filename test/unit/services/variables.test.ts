import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { addRecipe } from '../../../src-main/services/datasets';
import { encodeColumn } from '../../../src-main/services/project/codec';
import { insertDataset } from '../../../src-main/services/project/datasets-table';
import { migrate, migrations, PROJECT_SCHEMA_VERSION, stampIdentity } from '../../../src-main/services/project/schema';
import { ProjectStore } from '../../../src-main/services/project/store';
import { Session } from '../../../src-main/services/session';
import { resetVariables, setVariable } from '../../../src-main/services/variables';
import type { EngineHost } from '../../../src-main/services/jobs/engine-host';
import { sha256 } from './project/helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nestor-variables-'));
  dirs.push(dir);
  return dir;
}

/** A session whose project holds a small Exam-like dataset; settings need no engine. */
function session() {
  const workDir = tempDir();
  const noEngine: EngineHost = { spawn: () => { throw new Error('no engine in this test'); } };
  const s = new Session({ workDir, resourcesDir: '', engineHost: noEngine, emit: () => undefined, host: 'browser', allowPaths: false });
  const ds = s.project.addDataset({
    name: 'Exam',
    source: 'test',
    columns: [
      { name: 'standLRT', kind: 'numeric', values: new Float64Array([0.5, -1, 3, NaN]) },
      { name: 'sex', kind: 'factor', codes: new Int32Array([0, 1, 1, -1]), levels: ['F', 'M'] },
      { name: 'grade', kind: 'integer', values: new Float64Array([3, 1, 3, 20]) },
      { name: 'school', kind: 'factor', codes: new Int32Array([0, 1, 2, 0]), levels: ['10', '2', '1e2'] },
      { name: 'type', kind: 'factor', codes: new Int32Array([0, 1, 0, 1]), levels: ['Mxd', 'Sngl'] },
    ],
  });
  return { s, ds };
}

function badInput(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('bad-input');
    return (err as AppError).message;
  }
  throw new Error('expected a bad-input error');
}

describe('variable settings stored with a dataset', () => {
  it('rename and relevel: the dataset shows the new columns and what they were; the imported data stay', () => {
    const { s, ds } = session();
    setVariable(s, ds.id, 'standLRT', { rename: 'lrt' });
    const seen = setVariable(s, ds.id, 'sex', { levels: ['M', 'F'] });
    expect(seen.columns.slice(0, 2)).toEqual([
      { name: 'lrt', kind: 'numeric', missing: 1, imported: { name: 'standLRT', kind: 'numeric' } },
      { name: 'sex', kind: 'factor', missing: 1, levels: ['M', 'F'], imported: { name: 'sex', kind: 'factor', levels: ['F', 'M'] } },
    ]);
    expect(s.project.state().datasets[0].columns.map((c) => c.name)).toEqual(['lrt', 'sex', 'grade', 'school', 'type']);
    expect(s.project.state().dirty).toBe(true);
    // What was imported is untouched: names, levels and codes.
    expect(s.project.importedDataset(ds.id).columns.map((c) => c.name)).toEqual(['standLRT', 'sex', 'grade', 'school', 'type']);
    const [, sex] = s.project.readColumns(ds.id, ['standLRT', 'sex']);
    expect(sex).toMatchObject({ levels: ['F', 'M'] });
    expect(s.project.listVariableSettings(ds.id)).toEqual([
      { column: 'standLRT', setting: { rename: 'lrt' } },
      { column: 'sex', setting: { levels: ['M', 'F'] } },
    ]);
  });

  it('types: numbers become a factor with R levels; a factor of numbers becomes numbers', () => {
    const { s, ds } = session();
    // factor(grade) of c(3, 1, 3, 20): the levels sorted as numbers, not as text.
    expect(setVariable(s, ds.id, 'grade', { kind: 'factor' }).columns[2]).toEqual({
      name: 'grade',
      kind: 'factor',
      missing: 0,
      levels: ['1', '3', '20'],
      imported: { name: 'grade', kind: 'integer' },
    });
    expect(setVariable(s, ds.id, 'grade', { kind: 'factor', levels: ['20', '1', '3'] }).columns[2].levels).toEqual(['20', '1', '3']);
    expect(setVariable(s, ds.id, 'school', { kind: 'numeric' }).columns[3]).toEqual({
      name: 'school',
      kind: 'numeric',
      missing: 0,
      imported: { name: 'school', kind: 'factor', levels: ['10', '2', '1e2'] },
    });
    expect(s.project.listVariableSettings(ds.id)).toEqual([
      { column: 'grade', setting: { kind: 'factor', levels: ['20', '1', '3'] } },
      { column: 'school', setting: { kind: 'numeric' } },
    ]);
  });

  it('what equals the import is not stored, and a column can be found by its new name', () => {
    const { s, ds } = session();
    setVariable(s, ds.id, 'sex', { rename: 'sex', kind: 'factor', levels: ['F', 'M'] });
    expect(s.project.listVariableSettings(ds.id)).toEqual([]);
    expect(s.project.getDataset(ds.id).columns[1]).toEqual({ name: 'sex', kind: 'factor', missing: 1, levels: ['F', 'M'] });
    setVariable(s, ds.id, 'standLRT', { rename: 'lrt', kind: 'numeric' });
    setVariable(s, ds.id, 'lrt', { rename: 'reading' });
    expect(s.project.listVariableSettings(ds.id)).toEqual([{ column: 'standLRT', setting: { rename: 'reading' } }]);
  });

  it('bad settings are refused, saying what and where', () => {
    const { s, ds } = session();
    addRecipe(s, ds.id, { kind: 'compute', name: 'high', expression: 'standLRT > 1' });
    setVariable(s, ds.id, 'type', { rename: 'kind' });
    expect(badInput(() => setVariable(s, ds.id, 'nothing', { rename: 'x' }))).toBe('Exam has no variable "nothing".');
    expect(badInput(() => setVariable(s, ds.id, 'standLRT', { rename: 'my score' }))).toMatch(/^Exam, variable standLRT: cannot be renamed: "my score" is not a plain R name/);
    expect(badInput(() => setVariable(s, ds.id, 'standLRT', { rename: 'if' }))).toMatch(/reserved word/);
    expect(badInput(() => setVariable(s, ds.id, 'standLRT', { rename: 'sex' }))).toBe('Exam, variable standLRT: cannot be renamed sex: another variable is called sex.');
    expect(badInput(() => setVariable(s, ds.id, 'standLRT', { rename: 'type' }))).toBe(
      'Exam, variable standLRT: cannot be renamed type: that is the imported name of the variable now called kind.',
    );
    expect(badInput(() => setVariable(s, ds.id, 'standLRT', { rename: 'high' }))).toMatch(/a recipe computes a variable of that name/);
    expect(badInput(() => setVariable(s, ds.id, 'sex', { kind: 'numeric' }))).toBe(
      'Exam, variable sex: cannot be numeric: its level "F" is not a number (as.numeric(as.character(sex)) would make those rows NA); keep it a factor.',
    );
    expect(badInput(() => setVariable(s, ds.id, 'sex', { levels: ['M', 'M'] }))).toMatch(/"M" is listed twice/);
    expect(badInput(() => setVariable(s, ds.id, 'sex', { levels: ['M', 'X'] }))).toBe('Exam, variable sex: has no level "X"; its levels are "F", "M".');
    expect(badInput(() => setVariable(s, ds.id, 'sex', { levels: ['M'] }))).toMatch(/leaves out "F"; list every level once \(the first is the reference level\)/);
    expect(badInput(() => setVariable(s, ds.id, 'standLRT', { levels: ['1'] }))).toMatch(/a level order is for factors/);
    expect(badInput(() => setVariable(s, ds.id, 'grade', { kind: 'factor', levels: ['1', '3'] }))).toMatch(/leaves out "20"/);
    expect(s.project.listVariableSettings(ds.id)).toEqual([{ column: 'type', setting: { rename: 'kind' } }]);
  });

  it('recipes are checked against the columns after the settings; one that breaks later is kept', () => {
    const { s, ds } = session();
    addRecipe(s, ds.id, { kind: 'compute', name: 'high', expression: 'standLRT > 1' });
    // Renaming a variable a recipe uses is allowed: the recipe says so when it next runs.
    setVariable(s, ds.id, 'standLRT', { rename: 'lrt' });
    expect(s.project.listRecipes(ds.id)).toHaveLength(1);
    expect(badInput(() => addRecipe(s, ds.id, { kind: 'compute', name: 'low', expression: 'standLRT < -1' }))).toMatch(/no variable "standLRT"/);
    expect(badInput(() => addRecipe(s, ds.id, { kind: 'compute', name: 'lrt', expression: '1' }))).toMatch(/imported variable/);
    expect(addRecipe(s, ds.id, { kind: 'compute', name: 'low', expression: 'lrt < -1' }).recipe).toMatchObject({ name: 'low' });
  });

  it('reset restores one column, or all of them', () => {
    const { s, ds } = session();
    setVariable(s, ds.id, 'standLRT', { rename: 'lrt' });
    setVariable(s, ds.id, 'sex', { levels: ['M', 'F'] });
    expect(resetVariables(s, ds.id, 'lrt').columns[0]).toEqual({ name: 'standLRT', kind: 'numeric', missing: 1 });
    expect(s.project.listVariableSettings(ds.id)).toEqual([{ column: 'sex', setting: { levels: ['M', 'F'] } }]);
    setVariable(s, ds.id, 'grade', { kind: 'factor' });
    expect(resetVariables(s, ds.id).columns).toEqual(s.project.importedDataset(ds.id).columns);
    expect(s.project.listVariableSettings(ds.id)).toEqual([]);
    expect(badInput(() => resetVariables(s, ds.id, 'nothing'))).toMatch(/no variable "nothing"/);
  });

  it('are saved in the project file and come back when it is opened; removing the dataset removes them', () => {
    const { s, ds } = session();
    setVariable(s, ds.id, 'standLRT', { rename: 'lrt' });
    setVariable(s, ds.id, 'grade', { kind: 'factor', levels: ['3', '1', '20'] });
    const expected = s.project.getDataset(ds.id);
    const file = join(tempDir(), 'saved.nestor');
    s.project.saveAs(file);
    const reopened = ProjectStore.open(file, { workDir: tempDir() });
    expect(reopened.listVariableSettings(ds.id)).toEqual([
      { column: 'standLRT', setting: { rename: 'lrt' } },
      { column: 'grade', setting: { kind: 'factor', levels: ['3', '1', '20'] } },
    ]);
    expect(reopened.state().datasets).toEqual([expected]);
    reopened.removeDataset(ds.id);
    const db = new Database(join(dirs[dirs.length - 1], `${reopened.id}.nestor`), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM variable_settings').pluck().get()).toBe(0);
    db.close();
    reopened.close();
  });

  it('a project saved before settings existed (schema 1) opens, takes settings, and is not written', () => {
    const file = join(tempDir(), 'v1.nestor');
    // The file as schema 1 wrote it: the first migration only, then a dataset.
    const old = new Database(file);
    stampIdentity(old, '2024-01-01T00:00:00.000Z');
    migrate(old, migrations.slice(0, 1));
    const info = { id: 'ds-old', name: 'd', source: 'x', rows: 2, importedAt: '2024-01-01T00:00:00.000Z' };
    insertDataset(old, info, [encodeColumn({ name: 'x', kind: 'numeric', values: new Float64Array([2, 1]) })]);
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();
    const before = sha256(file);

    const workDir = tempDir();
    const store = ProjectStore.open(file, { workDir });
    const copy = new Database(join(workDir, `${store.id}.nestor`), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(PROJECT_SCHEMA_VERSION);
    copy.close();
    expect(store.getDataset(info.id).columns).toEqual([{ name: 'x', kind: 'numeric', missing: 0 }]);
    store.setVariableSetting(info.id, 'x', { kind: 'factor', levels: ['1', '2'] });
    expect(store.getDataset(info.id).columns[0]).toMatchObject({ kind: 'factor', levels: ['1', '2'] });
    store.close();
    expect(sha256(file)).toBe(before);
  });
});
