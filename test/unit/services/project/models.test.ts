import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { ProjectStore } from '../../../../src-main/services/project/store';
import { exampleDataset, tempDir } from './helpers';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

const lm = { kind: 'lm' as const, formula: 'normexam ~ standLRT', reml: true };
const lmer = { kind: 'lmer' as const, formula: 'normexam ~ standLRT + (1 | school)', reml: true };

describe('ProjectStore: models', () => {
  it('renames a model, trimmed, and keeps the new name through save and reopen', () => {
    const workDir = tempDir();
    const file = path.join(tempDir(), 'models.nestor');
    const store = ProjectStore.create({ workDir });
    const ds = store.addDataset(exampleDataset());
    const m1 = store.addModel(ds.id, lm);
    const m2 = store.addModel(ds.id, lmer);
    expect([m1.name, m2.name]).toEqual(['m1', 'm2']);
    const renamed = store.renameModel(m1.id, '  random intercept ');
    expect(renamed).toEqual({ ...m1, name: 'random intercept' });
    expect(store.state().dirty).toBe(true);
    // Renaming a model to its own name in another case is allowed; it is still the only one.
    expect(store.renameModel(m2.id, 'M2').name).toBe('M2');
    store.saveAs(file);
    store.close();
    const reopened = ProjectStore.open(file, { workDir });
    expect(reopened.listModels().map((m) => m.name)).toEqual(['random intercept', 'M2']);
    expect(reopened.getModel(m1.id).spec).toEqual(lm);
    reopened.close();
  });

  it('gives the next model a free m-name after a rename', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const ds = store.addDataset(exampleDataset());
    const m1 = store.addModel(ds.id, lm);
    store.renameModel(m1.id, 'm2');
    expect(store.addModel(ds.id, lmer).name).toBe('m3');
    store.close();
  });

  it('refuses empty, long, multi-line and duplicate names, naming the model, and changes nothing', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const ds = store.addDataset(exampleDataset());
    const m1 = store.addModel(ds.id, lm);
    store.addModel(ds.id, lmer);
    const empty = errorOf(() => store.renameModel(m1.id, '   '));
    expect(empty.code).toBe('bad-input');
    expect(empty.message).toMatch(/m1 needs a name/);
    expect(store.renameModel(m1.id, 'x'.repeat(60)).name).toHaveLength(60);
    const long = errorOf(() => store.renameModel(m1.id, 'y'.repeat(61)));
    expect(long.code).toBe('bad-input');
    expect(long.message).toMatch(/61 characters; at most 60/);
    expect(errorOf(() => store.renameModel(m1.id, 'two\nlines')).message).toMatch(/line break/);
    const duplicate = errorOf(() => store.renameModel(m1.id, 'M2'));
    expect(duplicate.code).toBe('bad-input');
    expect(duplicate.message).toMatch(/already called "m2"/);
    expect(store.listModels().map((m) => m.name)).toEqual(['x'.repeat(60), 'm2']);
    expect(errorOf(() => store.renameModel('mdl-none', 'a')).code).toBe('not-found');
    store.close();
  });

  it('lists a fit result with the model it belongs to', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const ds = store.addDataset(exampleDataset());
    const m1 = store.addModel(ds.id, lm);
    const fit = store.addResult({ modelId: m1.id, kind: 'model.fit', title: 'm1: normexam ~ standLRT', datasetId: ds.id, value: { text: '' } });
    const summary = store.addResult({ kind: 'dataset.summary', title: 'Summary of Exam', datasetId: ds.id, value: {} });
    expect(fit.modelId).toBe(m1.id);
    expect(summary.modelId).toBeNull();
    expect(store.listResults().map((r) => r.modelId)).toEqual([m1.id, null]);
    expect(store.getResult(fit.id).info).toEqual(fit);
    store.close();
  });
});
