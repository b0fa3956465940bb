import type Database from 'better-sqlite3';
import { FigureLabels, PlotOptions, type PlotSetting } from '@shared/plot-settings';

/**
 * SQL for the `plot_settings` table (schema version 3): per figure (target id,
 * plot kind) its options and the user's labels as JSON. A row this build
 * cannot read (hand-edited, or from a newer Nestor) reads as defaults.
 */
type Row = { target: string; kind: string; options: string | null; labels: string | null };

export function listPlotSettings(db: Database.Database): PlotSetting[] {
  const rows = db.prepare('SELECT target, kind, options, labels FROM plot_settings ORDER BY target, kind').all() as Row[];
  return rows.map((r) => ({ target: r.target, kind: r.kind, options: readJson(r.options, PlotOptions), labels: readJson(r.labels, FigureLabels) }));
}

export function readPlotSetting(db: Database.Database, target: string, kind: string): PlotSetting | null {
  const r = db.prepare('SELECT target, kind, options, labels FROM plot_settings WHERE target = ? AND kind = ?').get(target, kind) as Row | undefined;
  return r ? { target: r.target, kind: r.kind, options: readJson(r.options, PlotOptions), labels: readJson(r.labels, FigureLabels) } : null;
}

/** Stores the setting; one with neither options nor labels is removed (the figure is back to its defaults). */
export function writePlotSetting(db: Database.Database, setting: PlotSetting): void {
  if (setting.options === null && setting.labels === null) {
    db.prepare('DELETE FROM plot_settings WHERE target = ? AND kind = ?').run(setting.target, setting.kind);
    return;
  }
  db.prepare(
    `INSERT INTO plot_settings (target, kind, options, labels) VALUES (?, ?, ?, ?)
     ON CONFLICT (target, kind) DO UPDATE SET options = excluded.options, labels = excluded.labels`,
  ).run(setting.target, setting.kind, setting.options === null ? null : JSON.stringify(setting.options), setting.labels === null ? null : JSON.stringify(setting.labels));
}

function readJson<T>(text: string | null, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
