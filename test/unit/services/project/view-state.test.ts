import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ViewState } from '@shared/view-state';
import { ProjectStore } from '../../../../src-main/services/project/store';
import { exampleDataset, tempDir } from './helpers';

function stateFor(datasetId: string): ViewState {
  return {
    view: 'results',
    datasetId,
    resultsTab: 'mdl-0a1b2c3d4e5f',
    grids: { [datasetId]: { row: 2000, column: 3 } },
    drafts: { [datasetId]: { kind: 'lmer', reml: false, text: 'normexam ~ standLRT + (1 | sch', subset: 'school != 48' } },
  };
}

function lockOf(workDir: string, store: ProjectStore): unknown {
  return JSON.parse(fs.readFileSync(path.join(workDir, `${store.id}.json`), 'utf8'));
}

describe('ProjectStore: view state', () => {
  it('has none in a new project', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    expect(store.viewState()).toBeNull();
    store.close();
  });

  it('keeps it in the working copy without marking the project changed', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    const exam = store.addDataset(exampleDataset());
    store.saveAs(path.join(tempDir('nestor-saved-'), 'clean.nestor'));
    const before = { state: store.state(), lock: lockOf(workDir, store) };
    expect(before.state.dirty).toBe(false);

    store.saveViewState(stateFor(exam.id));
    expect(store.viewState()).toEqual(stateFor(exam.id));
    // Nothing to save, nothing to recover, no new autosave stamp: a scroll is not a change of the project.
    expect(store.state()).toEqual(before.state);
    expect(lockOf(workDir, store)).toEqual(before.lock);
    // The last write wins.
    store.saveViewState({ ...stateFor(exam.id), view: 'data' });
    expect(store.viewState()?.view).toBe('data');
    store.close();
  });

  it('goes into the saved file and comes back when the file is opened, or uploaded', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const exam = store.addDataset(exampleDataset());
    store.saveViewState(stateFor(exam.id));
    const file = path.join(tempDir('nestor-saved-'), 'with-view.nestor');
    store.saveAs(file);
    const bytes = store.exportBytes();
    store.close();

    const opened = ProjectStore.open(file, { workDir: tempDir() });
    expect(opened.viewState()).toEqual(stateFor(exam.id));
    expect(opened.state().dirty).toBe(false);
    opened.close();
    const uploaded = ProjectStore.openBytes(bytes, 'with-view.nestor', { workDir: tempDir() });
    expect(uploaded.viewState()).toEqual(stateFor(exam.id));
    uploaded.close();
  });

  it('opens a file that has no view state, or one this build cannot read, in the default view', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const exam = store.addDataset(exampleDataset());
    const dir = tempDir('nestor-saved-');
    const plain = path.join(dir, 'plain.nestor');
    store.saveAs(plain);
    store.close();
    const opened = ProjectStore.open(plain, { workDir: tempDir() });
    expect(opened.viewState()).toBeNull();
    expect(opened.listDatasets().map((d) => d.id)).toEqual([exam.id]);
    opened.close();

    for (const [name, value] of [
      ['not-json', '{"view": "data",'],
      ['unknown-view', JSON.stringify({ ...stateFor(exam.id), view: 'explore' })],
      ['negative-row', JSON.stringify({ ...stateFor(exam.id), grids: { [exam.id]: { row: -1, column: 0 } } })],
    ]) {
      const file = path.join(dir, `${name}.nestor`);
      fs.copyFileSync(plain, file);
      const db = new Database(file);
      db.prepare("INSERT INTO view_state (key, value) VALUES ('window', ?)").run(value);
      db.close();
      const odd = ProjectStore.open(file, { workDir: tempDir() });
      expect(odd.viewState(), name).toBeNull();
      expect(odd.listDatasets()).toHaveLength(1);
      odd.close();
    }
  });
});
