import { untrack } from 'svelte';
import type { FigureLabels, PlotOptions, PlotSetting, PlotSettingsKey } from '@shared/plot-settings';
import { invoke } from '../api.svelte';
import { app } from './app.svelte';
import { notify } from './notices.svelte';
import { DATA_PLOTS_KEY, plots } from './plots.svelte';

export { DATA_PLOTS_KEY };

/**
 * The open project's plot settings (src-shared/plot-settings.ts): fetched when
 * a project becomes the open one, changed here at once and written to main a
 * moment later (a burst of edits is one write), and at once before a Save.
 * Main marks the project changed when a figure's labels change; options alone
 * (which variables a data plot shows, a model's plot tab) are kept like the
 * view state, without a Save prompt of their own.
 */
const WRITE_AFTER_MS = 300;

export function settingsKeyString(key: PlotSettingsKey): string {
  return `${key.target}\u0000${key.kind}`;
}

class PlotSettingsStore {
  private byKey = $state.raw<Record<string, PlotSetting>>({});
  /** The project whose settings are loaded (null until they are). */
  loadedFor = $state<string | null>(null);
  private projectId: string | null = null;
  private readonly pending = new Map<string, PlotSetting>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Follows the open project; returns the function that stops. */
  watch(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const id = app.project?.id ?? null;
        untrack(() => void this.switchTo(id));
      });
    });
  }

  labels(key: PlotSettingsKey | undefined): FigureLabels | null {
    return key ? (this.byKey[settingsKeyString(key)]?.labels ?? null) : null;
  }

  options(key: PlotSettingsKey): PlotOptions | null {
    return this.byKey[settingsKeyString(key)]?.options ?? null;
  }

  setLabels(key: PlotSettingsKey, labels: FigureLabels | null): void {
    this.set(key, { labels });
  }

  setOptions(key: PlotSettingsKey, options: PlotOptions | null): void {
    this.set(key, { options });
  }

  /** Writes what is waiting (before a Save, so the file holds the latest labels). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const projectId = this.projectId;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    if (!projectId) return;
    for (const setting of waiting) {
      const result = await invoke('plots.settings.set', { projectId, setting });
      if (!result.ok) notify('error', `The plot’s settings could not be kept: ${result.error.message}`);
    }
  }

  private set(key: PlotSettingsKey, patch: Partial<Pick<PlotSetting, 'options' | 'labels'>>): void {
    const k = settingsKeyString(key);
    const before = this.byKey[k] ?? { target: key.target, kind: key.kind, options: null, labels: null };
    const next: PlotSetting = { ...before, ...patch };
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    this.byKey = { ...this.byKey, [k]: next };
    this.pending.set(k, next);
    this.timer ??= setTimeout(() => void this.flush(), WRITE_AFTER_MS);
  }

  private async switchTo(projectId: string | null): Promise<void> {
    if (projectId === this.projectId) return;
    // Writes still waiting belonged to the project open before, which main has closed.
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.projectId = projectId;
    this.byKey = {};
    this.loadedFor = null;
    if (!projectId) return;
    const list = await invoke('plots.settings.get', {});
    if (this.projectId !== projectId) return;
    if (list.ok) this.byKey = Object.fromEntries(list.value.map((s) => [settingsKeyString(s), s]));
    // The Data plots show what they showed when the project was saved (or the defaults).
    plots.restoreData(this.options(DATA_PLOTS_KEY));
    this.loadedFor = projectId;
  }
}

export const plotSettings = new PlotSettingsStore();
