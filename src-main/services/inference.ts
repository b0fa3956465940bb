import { AppError } from '@shared/errors';
import type { InferenceTask, InferenceValue, ModelInferenceDone } from '@shared/inference';
import type { ModelInfo } from '@shared/models';
import type { Session } from './session';
import { latestStoredFit } from './stored-fit';
import { datasetTaskInput } from './dataset-input';

/**
 * Inference on a fitted lmer model as a job: main gathers the dataset as the fit
 * job does and the model's latest stored fit; the engine rebuilds the model at
 * those estimates and computes the tests or intervals. The value is stored as a
 * result of the model, so reopening the project shows it without recomputing.
 */
export function startModelInference(session: Session, modelId: string, task: InferenceTask): string {
  const project = session.project;
  const model = project.getModel(modelId);
  if (model.spec.kind !== 'lmer') throw new AppError('unsupported', notForKind(model));
  const { fit } = latestStoredFit(project, model);
  const title = inferenceTitle(model.name, task);
  return session.jobs.start({
    kind: 'model.inference',
    title,
    task: () => ({
      kind: 'model.inference',
      input: {
        modelId,
        spec: model.spec,
        fit,
        task,
        ...datasetTaskInput(project, model.datasetId),
      },
    }),
    finish: (value): ModelInferenceDone => {
      if (session.project !== project) throw new AppError('cancelled', 'The project was closed before the computation finished; nothing was stored.');
      const result = project.addResult({ modelId, kind: 'model.inference', title, datasetId: model.datasetId, value });
      session.changed();
      return { modelId, resultId: result.id, task, value: value as InferenceValue };
    },
  });
}

/** The job's and the stored result's title, as the status bar and the project list it. */
export function inferenceTitle(modelName: string, task: InferenceTask): string {
  switch (task.kind) {
    case 'ddf':
      return `${task.method === 'satterthwaite' ? 'Satterthwaite' : 'Kenward-Roger'} tests of ${modelName}`;
    case 'profile':
      return `Profile intervals of ${modelName}`;
    case 'boot':
      return `Bootstrap intervals of ${modelName} (nsim ${task.nsim}, seed ${task.seed})`;
  }
}

function notForKind(model: ModelInfo): string {
  if (model.spec.kind === 'glmer') {
    return `${model.name} is a generalized linear mixed model: its fixed effects are tested with z tests (Wald), shown with their intervals in its results; Satterthwaite, Kenward-Roger, profile and bootstrap inference are offered for linear mixed models (lmer).`;
  }
  return `${model.name} is a ${model.spec.kind === 'lm' ? 'linear model' : 'set of per-group regressions (lmList)'}: its t tests and intervals are exact and shown in its results; this inference is for linear mixed models (lmer).`;
}
