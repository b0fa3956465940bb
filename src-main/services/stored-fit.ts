import { AppError } from '@shared/errors';
import { ModelFitValue, type ModelInfo } from '@shared/models';
import type { ProjectStoreApi } from './project/api';

/**
 * The `fit` of a model's latest stored result: what jobs that work from a fitted
 * model (plots, inference) send the engine, which rebuilds the model frame from
 * the data and evaluates the model at these estimates.
 */
export function latestStoredFit(project: ProjectStoreApi, model: ModelInfo): { resultId: string; fit: Record<string, unknown> } {
  let latest: string | null = null;
  for (const r of project.listResults(model.datasetId)) if (r.modelId === model.id && r.kind === 'model.fit') latest = r.id;
  if (latest === null) throw new AppError('not-found', `${model.name} has no stored fit; fit it first.`);
  const stored = ModelFitValue.safeParse(project.getResult(latest).value);
  if (!stored.success) throw new AppError('internal', `The stored fit of ${model.name} cannot be read.`);
  return { resultId: latest, fit: stored.data.fit };
}
