import { InferenceValue, ModelInferenceDone, type InferenceTask } from '@shared/inference';
import type { ResultInfo } from '@shared/project';
import { invoke } from '../../../lib/api.svelte';
import { jobs } from '../../../lib/stores/jobs.svelte';
import { results } from '../../../lib/stores/results.svelte';

/** What a model's inference results are told apart by: the df method, or the kind of interval. */
export type InferenceKey = 'satterthwaite' | 'kenward-roger' | 'profile' | 'boot';

export function keyOfTask(task: InferenceTask): InferenceKey {
  return task.kind === 'ddf' ? task.method : task.kind;
}

export function keyOfValue(value: InferenceValue): InferenceKey {
  return value.kind === 'ddf' ? value.method : value.kind;
}

type Stored = { status: 'loading' } | { status: 'ok'; value: InferenceValue } | { status: 'error'; message: string };

/** A job this window started for a model: its id (for progress and cancel), or why it failed. */
export type Running = { jobId: string } | { error: string };

/**
 * The stored inference results of the project's models (fetched once each: a
 * stored result never changes) and the inference jobs started from this window.
 * The newest stored result of each key is what the panel shows.
 */
class InferenceStore {
  values = $state.raw<Record<string, Stored>>({});
  running = $state.raw<Record<string, Running>>({});

  /** The model's stored inference results, oldest first. */
  resultsOf(modelId: string): ResultInfo[] {
    return results.results.filter((r) => r.modelId === modelId && r.kind === 'model.inference');
  }

  async open(resultId: string): Promise<void> {
    const current = this.values[resultId];
    if (current && current.status !== 'error') return;
    this.values = { ...this.values, [resultId]: { status: 'loading' } };
    const result = await invoke('results.get', { id: resultId });
    let state: Stored;
    if (!result.ok) state = { status: 'error', message: result.error.message };
    else {
      const parsed = InferenceValue.safeParse(result.value.value);
      state = parsed.success ? { status: 'ok', value: parsed.data } : { status: 'error', message: `The stored result “${result.value.info.title}” could not be read.` };
    }
    this.values = { ...this.values, [resultId]: state };
  }

  /** The newest stored value of this key for the model, among those fetched. */
  latest<K extends InferenceKey>(modelId: string, key: K): Extract<InferenceValue, K extends 'profile' | 'boot' ? { kind: K } : { kind: 'ddf' }> | null {
    const infos = this.resultsOf(modelId);
    for (let i = infos.length - 1; i >= 0; i--) {
      const state = this.values[infos[i].id];
      if (state?.status === 'ok' && keyOfValue(state.value) === key) return state.value as never;
    }
    return null;
  }

  runningOf(modelId: string, key: InferenceKey): Running | null {
    return this.running[`${modelId}:${key}`] ?? null;
  }

  /** Starts the job; when it is done its stored value is shown. A cancelled job leaves nothing behind. */
  async run(modelId: string, task: InferenceTask, title: string): Promise<void> {
    const slot = `${modelId}:${keyOfTask(task)}`;
    if (this.running[slot] && 'jobId' in this.running[slot]) return;
    const started = await invoke('jobs.start', { kind: 'model.inference', modelId, task });
    if (!started.ok) {
      this.running = { ...this.running, [slot]: { error: started.error.message } };
      return;
    }
    this.running = { ...this.running, [slot]: { jobId: started.value.jobId } };
    const done = await jobs.whenDone(started.value.jobId, title);
    const { [slot]: _finished, ...rest } = this.running;
    if (!done.ok) {
      this.running = done.error.code === 'cancelled' ? rest : { ...rest, [slot]: { error: done.error.message } };
      return;
    }
    const parsed = ModelInferenceDone.safeParse(done.value);
    if (!parsed.success) {
      this.running = { ...rest, [slot]: { error: 'The computation finished, but its answer did not have the expected shape.' } };
      return;
    }
    // The value is known already; the listing that names its result follows the project change.
    this.values = { ...this.values, [parsed.data.resultId]: { status: 'ok', value: parsed.data.value } };
    this.running = rest;
  }

  async cancel(modelId: string, key: InferenceKey): Promise<void> {
    const running = this.runningOf(modelId, key);
    if (running && 'jobId' in running) await invoke('jobs.cancel', { jobId: running.jobId });
  }

  /** Forgets a failure once the person has seen it and chooses again. */
  dismiss(modelId: string, key: InferenceKey): void {
    const slot = `${modelId}:${key}`;
    const running = this.running[slot];
    if (running && 'error' in running) {
      const { [slot]: _gone, ...rest } = this.running;
      this.running = rest;
    }
  }
}

export const inference = new InferenceStore();
