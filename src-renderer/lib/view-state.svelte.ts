import { untrack } from 'svelte';
import { ViewState, type GridPosition } from '@shared/view-state';
import { existingDraft, draftFor } from '../views/model/draft.svelte';
import { invoke } from './api.svelte';
import { app } from './stores/app.svelte';
import { data } from './stores/data.svelte';
import { modelsStore } from './stores/models.svelte';
import { results } from './stores/results.svelte';
import { snapshotOf } from './view-state-snapshot';

/**
 * Keeps the project's view state (src-shared/view-state.ts) in step with the
 * window. When a project becomes the open one (opened, recovered, or found
 * again after a page reload, which rejoins the same session) its saved state
 * is fetched and applied. Afterwards a change is written at once if nothing
 * was written in the last SAVE_EVERY_MS, else at the end of that interval
 * (so a scroll writes at most every 2 s, not on every event), and at once
 * before a Save or when the page is hidden.
 *
 * Writing it does not make the project "unsaved": like jamovi, which does not
 * ask to save a file in which one only scrolled, Nestor keeps the view state
 * in the working copy (so the next Save and crash recovery carry it) without
 * a Save prompt of its own. A project closed without saving returns, when
 * opened again, to where it was at its last Save.
 */
const SAVE_EVERY_MS = 2000;
/**
 * A browser drops what a page sends while it unloads, so a reload would lose
 * the last changes not written yet: they wait in the tab's sessionStorage,
 * which the reloaded page reads before anything else.
 */
const UNSENT_KEY = 'nestor.viewState.unsent';

class ViewStateKeeper {
  /** Bumped each time a saved state is applied, so a mounted grid scrolls to its restored position. */
  restored = $state(0);
  /** Noted on every scroll, so not reactive: nothing re-renders from it. */
  private readonly grids = new Map<string, GridPosition>();
  private projectId: string | null = null;
  /** The saved state of `projectId` has been fetched and applied: from now on the window's state is worth writing. */
  private ready = false;
  /** The tab the saved state named, until the Results view has chosen one itself. */
  private restoredTab: string | null = null;
  private lastWritten: string | null = null;
  /** The last state main has confirmed it holds (a write sent as the page unloads may never arrive). */
  private lastConfirmed: string | null = null;
  private lastWriteAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Starts following the open project and the window; returns the function that stops it. */
  watch(): () => void {
    const stopEffects = $effect.root(() => {
      $effect(() => {
        const id = app.project?.id ?? null;
        untrack(() => void this.switchTo(id));
      });
      $effect(() => {
        // Reads every part of the state, so any change of one schedules a write.
        void JSON.stringify(this.snapshot());
        untrack(() => this.schedule());
      });
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') void this.flush();
    };
    const onPageHide = () => {
      this.keepUnsent();
      void this.flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      stopEffects();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      this.cancel();
    };
  }

  gridPosition(datasetId: string): GridPosition | undefined {
    return this.grids.get(datasetId);
  }

  noteGridPosition(datasetId: string, position: GridPosition): void {
    const known = this.grids.get(datasetId);
    if (known && known.row === position.row && known.column === position.column) return;
    this.grids.set(datasetId, position);
    this.schedule();
  }

  /** Writes the current state now if it changed (before a Save, or when the page is hidden). */
  async flush(): Promise<void> {
    this.cancel();
    await this.write();
  }

  private snapshot(): ViewState {
    const project = app.project;
    const shown = data.selected?.id ?? null;
    return snapshotOf({
      view: app.view,
      datasetIds: project?.datasets.map((d) => d.id) ?? [],
      datasetId: shown,
      resultsTab: results.selected ?? this.restoredTab,
      grids: this.grids,
      // The shown dataset's draft is made here if need be (the Model view would make it anyway), so that
      // the watching effect reads, and follows, the draft a person is about to type into.
      drafts: (id) => (id === shown ? draftFor(id) : existingDraft(id)),
      models: modelsStore.list,
    });
  }

  private schedule(): void {
    if (!this.ready || this.timer) return;
    const wait = this.lastWriteAt + SAVE_EVERY_MS - Date.now();
    if (wait <= 0) {
      void this.write();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, wait);
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async write(): Promise<void> {
    const projectId = this.projectId;
    if (!projectId || !this.ready) return;
    const state = this.snapshot();
    const text = JSON.stringify(state);
    if (text === this.lastWritten) return;
    this.lastWritten = text;
    this.lastWriteAt = Date.now();
    const result = await invoke('project.saveViewState', { projectId, state });
    if (result.ok && result.value.saved && this.projectId === projectId) this.lastConfirmed = text;
    if (!result.ok) {
      // Where the window was is a convenience: no notice for it, and the next change tries again.
      if (this.lastWritten === text) this.lastWritten = null;
      console.warn(`Nestor: the view state was not saved: ${result.error.message}`);
    }
  }

  private async switchTo(projectId: string | null): Promise<void> {
    if (projectId === this.projectId) return;
    // Anything not yet written belonged to the project that was open before; main has already closed it.
    this.cancel();
    this.projectId = projectId;
    this.ready = false;
    this.restoredTab = null;
    this.lastWritten = null;
    this.lastConfirmed = null;
    this.lastWriteAt = -Infinity;
    this.grids.clear();
    if (!projectId) return;
    const saved = await invoke('project.viewState', {});
    if (this.projectId !== projectId) return;
    const unsent = takeUnsent(projectId);
    const state = unsent ?? (saved.ok ? saved.value : null);
    if (state) this.apply(state, projectId);
    // What the window shows now is what the project holds (or the defaults): nothing to write yet,
    // unless it came from a page that unloaded before it could write it.
    this.lastWritten = unsent ? null : JSON.stringify(this.snapshot());
    this.lastConfirmed = this.lastWritten;
    this.ready = true;
    this.schedule();
  }

  /** On unload: the state not written yet, for the reloaded page (or nothing, so no stale state stays). */
  private keepUnsent(): void {
    const state = this.ready && this.projectId ? this.snapshot() : null;
    try {
      if (state && JSON.stringify(state) !== this.lastConfirmed) sessionStorage.setItem(UNSENT_KEY, JSON.stringify({ projectId: this.projectId, state }));
      else sessionStorage.removeItem(UNSENT_KEY);
    } catch {
      // Storage refused (a private window): a reload may miss the last two seconds.
    }
  }

  private apply(state: ViewState, projectId: string): void {
    const datasetIds = new Set(app.project?.datasets.map((d) => d.id) ?? []);
    if (state.datasetId && datasetIds.has(state.datasetId)) data.selectedId = state.datasetId;
    for (const [id, position] of Object.entries(state.grids)) if (datasetIds.has(id)) this.grids.set(id, position);
    for (const [id, draft] of Object.entries(state.drafts)) {
      if (!datasetIds.has(id)) continue;
      draftFor(id).load({ kind: draft.kind, reml: draft.reml, formula: draft.text, ...(draft.subset ? { subset: draft.subset } : {}), ...(draft.kind === 'glmer' && draft.glmer ? draft.glmer : {}) });
    }
    if (state.resultsTab) {
      this.restoredTab = state.resultsTab;
      results.restore(state.resultsTab, projectId);
    }
    app.view = state.view;
    this.restored++;
  }
}

export const viewState = new ViewStateKeeper();

/** The state a page of this tab could not write before it unloaded, if it was for `projectId`; taken once. */
function takeUnsent(projectId: string): ViewState | null {
  try {
    const raw = sessionStorage.getItem(UNSENT_KEY);
    sessionStorage.removeItem(UNSENT_KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as { projectId?: unknown; state?: unknown };
    if (kept.projectId !== projectId) return null;
    const parsed = ViewState.safeParse(kept.state);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
