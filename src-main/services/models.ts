import type { ModelFitDone, ModelFitValue, ModelSpec } from '@shared/models';
import { AppError } from '@shared/errors';
import type { Session } from './session';

/**
 * A model fit is a job: the model is stored first (so it keeps its name m1,
 * m2, … even if the fit fails), the engine fits it on the dataset after its
 * recipes, and the fit is stored as the model's result.
 */
export function startModelFit(session: Session, datasetId: string, spec: ModelSpec): string {
  const project = session.project;
  const dataset = project.getDataset(datasetId);
  const model = project.addModel(datasetId, spec);
  session.changed();
  return session.jobs.start({
    kind: 'model.fit',
    title: `Fitting ${model.name}: ${spec.formula}`,
    task: () => ({
      kind: 'model.fit',
      input: {
        spec,
        rows: dataset.rows,
        columns: project.readColumns(datasetId),
        recipes: project.listRecipes(datasetId).map((r) => r.recipe),
        dataName: dataset.name,
      },
    }),
    finish: (value): ModelFitDone => {
      if (session.project !== project) throw new AppError('cancelled', 'The project was closed before the fit finished; nothing was stored.');
      const fit = value as ModelFitValue;
      const result = project.addResult({ modelId: model.id, kind: 'model.fit', title: `${model.name}: ${fit.formula}`, datasetId, value: fit });
      session.changed();
      return { model, resultId: result.id, value: fit };
    },
  });
}
