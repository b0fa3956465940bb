import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { addRecipe, updateRecipe } from '../../../src-main/services/datasets';
import { Session } from '../../../src-main/services/session';
import { ProjectStore } from '../../../src-main/services/project/store';
import type { EngineHost } from '../../../src-main/services/jobs/engine-host';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A session whose project holds a small dataset; no engine is needed for recipes. */
function session() {
  const workDir = mkdtempSync(join(tmpdir(), 'nestor-recipes-'));
  dirs.push(workDir);
  const noEngine: EngineHost = { spawn: () => { throw new Error('no engine in this test'); } };
  const s = new Session({ workDir, resourcesDir: '', engineHost: noEngine, emit: () => undefined, host: 'browser', allowPaths: false });
  const ds = s.project.addDataset({
    name: 'jsp',
    source: 'test',
    columns: [
      { name: 'math', kind: 'numeric', values: new Float64Array([-12, 3, 5]) },
      { name: 'school', kind: 'factor', codes: new Int32Array([0, 1, 1]), levels: ['1', '48'] },
    ],
  });
  return { s, ds };
}

function expectBadInput(fn: () => unknown, message: RegExp, position?: number) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('bad-input');
    expect((err as AppError).message).toMatch(message);
    if (position !== undefined) expect((err as AppError).detail).toEqual({ position });
    return;
  }
  throw new Error('expected a bad-input error');
}

describe('recipes stored with a dataset', () => {
  it('are checked, stored in order and kept apart from the imported columns', () => {
    const { s, ds } = session();
    const fail = addRecipe(s, ds.id, { kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' });
    // A later recipe may use the variable an earlier one computes.
    const filter = addRecipe(s, ds.id, { kind: 'filter', expression: 'school != 48 & fail == 0' });
    expect(s.project.listRecipes(ds.id).map((r) => [r.position, r.recipe])).toEqual([
      [0, fail.recipe],
      [1, filter.recipe],
    ]);
    expect(s.project.getDataset(ds.id).columns.map((c) => c.name)).toEqual(['math', 'school']);
    expect(s.project.state().dirty).toBe(true);
  });

  it('refuse an unknown variable with its position, and replacing imported data', () => {
    const { s, ds } = session();
    expectBadInput(() => addRecipe(s, ds.id, { kind: 'compute', name: 'fail', expression: 'ifelse(mth < -10, 1, 0)' }), /mth/, 8);
    expectBadInput(() => addRecipe(s, ds.id, { kind: 'compute', name: 'math', expression: 'math * 2' }), /imported variable/);
    expectBadInput(() => addRecipe(s, ds.id, { kind: 'filter', expression: 'school + 1' }), /factor/);
    expect(s.project.listRecipes(ds.id)).toEqual([]);
  });

  it('are saved in the project file and come back when it is opened', () => {
    const { s, ds } = session();
    addRecipe(s, ds.id, { kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' });
    const file = join(dirs[0], 'saved.nestor');
    s.project.saveAs(file);
    const reopened = ProjectStore.open(file, { workDir: join(dirs[0], 'other') });
    expect(reopened.listRecipes(ds.id).map((r) => r.recipe)).toEqual([{ kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' }]);
    reopened.close();
  });

  it('can be edited and removed', () => {
    const { s, ds } = session();
    const r = addRecipe(s, ds.id, { kind: 'filter', expression: 'school != 48' });
    expect(updateRecipe(s, r.id, { kind: 'filter', expression: 'math > 0' }).recipe.expression).toBe('math > 0');
    s.project.removeRecipe(r.id);
    expect(s.project.listRecipes(ds.id)).toEqual([]);
  });
});
