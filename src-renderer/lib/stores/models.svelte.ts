import type { JobDone } from '@shared/jobs';
import { ModelFitDone, type ModelInfo, type ModelSpec } from '@shared/models';
import { call } from '../api.svelte';
import { app } from './app.svelte';
import { jobs } from './jobs.svelte';
import { notify } from './notices.svelte';

/** The model a fit from this window produced, for the Results view to select on arrival. */
export interface FittedModel {
  modelId: string;
  /** m1, m2, … */
  name: string;
  /** The stored fit (results.get opens it). */
  resultId: string;
  datasetId: string;
  formula: string;
}

/**
 * Models of the project and the fits started from this window. A fit is a job:
 * its progress and Cancel are in the status bar; when it is done the app opens
 * Results with `lastFitted` set, unless the person has moved on to another view.
 */
class ModelsStore {
  /** The project's stored models (models.list), oldest first. */
  list = $state.raw<ModelInfo[]>([]);
  lastFitted = $state.raw<FittedModel | null>(null);
  /** The fit running from this window, if any. */
  fitting = $state.raw<{ jobId: string; datasetId: string; formula: string } | null>(null);
  /** The last fit from this window that failed, with why (a cancellation is not a failure). */
  lastFailure = $state.raw<{ datasetId: string; spec: ModelSpec; message: string } | null>(null);

  async refresh(): Promise<void> {
    const list = await call('models.list', {});
    if (list) this.list = list;
  }

  async fit(datasetId: string, spec: ModelSpec): Promise<ModelFitDone | undefined> {
    this.lastFailure = null;
    const started = await call('jobs.start', { kind: 'model.fit', datasetId, spec });
    if (!started) return undefined;
    this.fitting = { jobId: started.jobId, datasetId, formula: spec.formula };
    let done: JobDone;
    try {
      done = await jobs.whenDone(started.jobId, `Fitting ${spec.formula}`);
    } finally {
      if (this.fitting?.jobId === started.jobId) this.fitting = null;
    }
    void this.refresh();
    if (!done.ok) {
      if (done.error.code !== 'cancelled') this.lastFailure = { datasetId, spec, message: done.error.message };
      return undefined;
    }
    const parsed = ModelFitDone.safeParse(done.value);
    if (!parsed.success) {
      this.lastFailure = { datasetId, spec, message: `The fit of ${spec.formula} finished, but its answer did not have the shape of a model fit.` };
      return undefined;
    }
    const { model, resultId } = parsed.data;
    this.lastFitted = { modelId: model.id, name: model.name, resultId, datasetId: model.datasetId, formula: parsed.data.value.formula };
    if (app.view === 'model') app.view = 'results';
    else notify('info', `${model.name} is fitted: ${parsed.data.value.formula}. Its summary is under Results.`);
    return parsed.data;
  }
}

export const modelsStore = new ModelsStore();
