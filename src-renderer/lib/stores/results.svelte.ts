import { ModelFitValue, ModelsCompareDone, type ModelInfo } from '@shared/models';
import type { ResultInfo } from '@shared/project';
import { call, invoke } from '../api.svelte';
import { jobs } from './jobs.svelte';

/** The tab of the Results view that lists stored dataset summaries. */
export const SUMMARIES_TAB = 'summaries';
/** The tab of stored model comparisons (anova tables). */
export const COMPARISONS_TAB = 'comparisons';

export type FitState = { status: 'loading' } | { status: 'ok'; value: ModelFitValue } | { status: 'error'; message: string };

/**
 * What the Results view shows: the project's models (one tab each), their
 * latest fits (fetched once each; a stored result never changes), and the
 * other stored results. Main is asked again on every project change.
 */
class ResultsStore {
  models = $state.raw<ModelInfo[]>([]);
  results = $state.raw<ResultInfo[]>([]);
  loaded = $state(false);
  /** The open tab: a model's id or SUMMARIES_TAB. */
  selected = $state<string | null>(null);
  /** The model whose name is being edited, if any. */
  renaming = $state<string | null>(null);
  /** Fits by result id. */
  fits = $state.raw<Record<string, FitState>>({});

  /** Dataset summaries and any other results that are not a model's, newest first. */
  others = $derived(
    this.results.filter((r) => r.modelId === null && r.kind !== 'models.compare').sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  );
  /** Stored comparisons (anova of models), newest first. */
  comparisons = $derived(this.results.filter((r) => r.kind === 'models.compare').sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  /** The comparison the Comparisons tab shows. */
  comparison = $state<string | null>(null);
  /** The comparison running from this window, if any. */
  comparing = $state(false);

  private generation = 0;
  private projectId: string | null = null;
  private known = new Set<string>();
  /** The fitted model to open once it is listed, and the last one opened that way. */
  private pending: string | null = null;
  private followed: string | null = null;

  /**
   * Lists models and results. A model that appeared since the last listing
   * (a fit just started) gets its tab opened, so a fit lands on its result.
   */
  async load(projectId: string): Promise<void> {
    const generation = ++this.generation;
    const [models, results] = await Promise.all([call('models.list', {}), call('results.list', {})]);
    if (generation !== this.generation || !models || !results) return;
    const newProject = projectId !== this.projectId;
    if (newProject) {
      this.projectId = projectId;
      this.fits = {};
      this.selected = null;
    }
    const appeared = newProject ? [] : models.filter((m) => !this.known.has(m.id));
    this.known = new Set(models.map((m) => m.id));
    this.models = models;
    this.results = results;
    this.loaded = true;
    if (this.pending && this.isTab(this.pending)) {
      this.selected = this.pending;
      this.pending = null;
    } else if (appeared.length) this.selected = appeared[appeared.length - 1].id;
    else if (!this.isTab(this.selected)) this.selected = models.length ? models[models.length - 1].id : SUMMARIES_TAB;
  }

  /**
   * Opens the tab of a model just fitted from this window (the Model view's
   * lastFitted), once; later tab choices are the person's.
   */
  follow(modelId: string | null): void {
    if (modelId === null || modelId === this.followed) return;
    this.followed = modelId;
    if (this.isTab(modelId)) this.selected = modelId;
    else this.pending = modelId;
  }

  select(tab: string): void {
    if (this.isTab(tab)) this.selected = tab;
  }

  /** Opens the tab the saved view state of project `projectId` names: at once if listed, else when it is. */
  restore(tab: string, projectId: string): void {
    if (projectId === this.projectId && this.isTab(tab)) this.selected = tab;
    else this.pending = tab;
  }

  private isTab(tab: string | null): boolean {
    return tab === SUMMARIES_TAB || tab === COMPARISONS_TAB || (tab !== null && this.models.some((m) => m.id === tab));
  }

  /** The model's latest stored fit, if it has one. */
  latestFit(modelId: string): ResultInfo | null {
    let latest: ResultInfo | null = null;
    for (const r of this.results) if (r.modelId === modelId && r.kind === 'model.fit') latest = r;
    return latest;
  }

  /** Fetches a stored fit once; its state is in `fits`. */
  async open(resultId: string): Promise<void> {
    const current = this.fits[resultId];
    if (current && current.status !== 'error') return;
    this.fits = { ...this.fits, [resultId]: { status: 'loading' } };
    const result = await invoke('results.get', { id: resultId });
    let state: FitState;
    if (!result.ok) state = { status: 'error', message: result.error.message };
    else {
      const parsed = ModelFitValue.safeParse(result.value.value);
      state = parsed.success
        ? { status: 'ok', value: parsed.data }
        : { status: 'error', message: `The stored fit “${result.value.info.title}” could not be read: ${parsed.error.issues[0]?.message}.` };
    }
    this.fits = { ...this.fits, [resultId]: state };
  }

  /**
   * Compares models (anova) as a job; when it is done the Comparisons tab
   * opens on it. Resolves to why it could not be done, or null.
   */
  async compare(modelIds: string[]): Promise<string | null> {
    this.comparing = true;
    try {
      const started = await invoke('jobs.start', { kind: 'models.compare', modelIds });
      if (!started.ok) return started.error.message;
      const done = await jobs.whenDone(started.value.jobId, 'Comparing models');
      if (!done.ok) return done.error.code === 'cancelled' ? null : done.error.message;
      const parsed = ModelsCompareDone.safeParse(done.value);
      if (!parsed.success) return 'The comparison finished, but its answer did not have the shape of an anova table.';
      if (this.projectId) await this.load(this.projectId);
      this.comparison = parsed.data.resultId;
      this.selected = COMPARISONS_TAB;
      return null;
    } finally {
      this.comparing = false;
    }
  }

  /** Renames a model; resolves to the error message main gave, or null when renamed. */
  async rename(id: string, name: string): Promise<string | null> {
    const result = await invoke('models.rename', { id, name });
    if (!result.ok) return result.error.message;
    this.models = this.models.map((m) => (m.id === id ? result.value : m));
    return null;
  }
}

export const results = new ResultsStore();
