import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { channels } from '@shared/contract';
import type { PlotSetting } from '@shared/plot-settings';
import { migrate, migrations, stampIdentity } from '../../../src-main/services/project/schema';
import { ProjectStore } from '../../../src-main/services/project/store';
import { exampleDataset, tempDir } from '../services/project/helpers';

const labelled: PlotSetting = { target: 'ds-1', kind: 'box.normexam.school.0abc123', options: null, labels: { title: 'Exam scores by school', y: 'Normalised exam score' } };
const choice: PlotSetting = { target: 'data-plots', kind: 'choice', options: { datasetId: 'ds-1', y: 'normexam', group: 'school', order: 'median' }, labels: null };

describe('plot settings in the project file (schema 3)', () => {
  it('a version-2 file opens unchanged and gains an empty plot_settings table', () => {
    const file = path.join(tempDir('nestor-v2-'), 'old.nestor');
    const db = new Database(file);
    stampIdentity(db, '2025-01-01T00:00:00.000Z');
    migrate(db, migrations.slice(0, 2));
    db.prepare("INSERT INTO view_state (key, value) VALUES ('window', '{}')").run();
    db.close();

    const store = ProjectStore.open(file, { workDir: tempDir() });
    expect(store.listPlotSettings()).toEqual([]);
    expect(store.state().dirty).toBe(false);
    store.close();
    // The file itself is not rewritten by opening it: the migration ran on the working copy.
    const again = new Database(file, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(2);
    again.close();
  });

  it('labels mark the project changed; options alone do not; both survive Save and Open', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    store.addDataset(exampleDataset());
    const file = path.join(tempDir('nestor-saved-'), 'plots.nestor');
    store.saveAs(file);
    expect(store.state().dirty).toBe(false);

    expect(store.setPlotSetting(choice)).toEqual({ labelsChanged: false });
    expect(store.state().dirty).toBe(false);
    expect(store.setPlotSetting(labelled)).toEqual({ labelsChanged: true });
    expect(store.state().dirty).toBe(true);
    // The same labels again are no change.
    expect(store.setPlotSetting({ ...labelled, options: { order: 'level' } })).toEqual({ labelsChanged: false });
    store.save();
    store.close();

    const opened = ProjectStore.open(file, { workDir: tempDir() });
    expect(opened.listPlotSettings()).toEqual([choice, { ...labelled, options: { order: 'level' } }]);
    // Neither options nor labels: back to defaults, the row is gone.
    opened.setPlotSetting({ ...choice, options: null });
    expect(opened.listPlotSettings().map((s) => s.kind)).toEqual([labelled.kind]);
    opened.close();
  });

  it('a row this build cannot read reads as defaults', () => {
    const store = ProjectStore.create({ workDir: tempDir() });
    const file = path.join(tempDir('nestor-saved-'), 'odd.nestor');
    store.saveAs(file);
    store.close();
    const db = new Database(file);
    db.prepare("INSERT INTO plot_settings (target, kind, options, labels) VALUES ('m1', 'caterpillar', '{not json', '{\"colour\": 3}')").run();
    db.close();
    const opened = ProjectStore.open(file, { workDir: tempDir() });
    expect(opened.listPlotSettings()).toEqual([{ target: 'm1', kind: 'caterpillar', options: null, labels: null }]);
    opened.close();
  });
});

describe('plots.settings.set request (contract)', () => {
  const request = channels['plots.settings.set'].request;
  const ok = (setting: unknown) => request.safeParse({ projectId: 'prj-1', setting }).success;

  it('takes a figure key, JSON options and labels', () => {
    expect(ok(labelled)).toBe(true);
    expect(ok(choice)).toBe(true);
  });

  it('refuses keys with odd characters, long labels, unknown label fields, non-JSON or oversized options', () => {
    expect(ok({ ...labelled, target: 'ds 1/../x' })).toBe(false);
    expect(ok({ ...labelled, labels: { title: 'x'.repeat(301) } })).toBe(false);
    expect(ok({ ...labelled, labels: { subtitle: 'x' } })).toBe(false);
    expect(ok({ ...choice, options: { n: Number.NaN } })).toBe(false);
    expect(ok({ ...choice, options: { list: ['a'.repeat(20_001)] } })).toBe(false);
    expect(ok({ ...choice, options: [1, 2] })).toBe(false);
  });
});
