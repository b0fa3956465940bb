import type { ModelPlotOptions } from '@shared/model-plots';
import type { Session } from './session';
import { latestStoredFit } from './stored-fit';
import { datasetTaskInput } from './dataset-input';

/**
 * A plot of a fitted model that needs the data rows (diagnostics): main gathers
 * the dataset as the fit job does (columns, recipes, variable settings), the
 * model's spec and the stored fit of its latest result; the engine evaluates
 * the model at those estimates. Nothing is stored: the per-row numbers are
 * recomputed on demand (see engine/plots/model-evaluation.ts).
 */
export function startModelPlot(session: Session, modelId: string, plot: ModelPlotOptions): string {
  const project = session.project;
  const model = project.getModel(modelId);
  const { fit } = latestStoredFit(project, model);
  return session.jobs.start({
    kind: 'plot.model',
    title: plot.kind === 'ranef' ? `Random-effects plots of ${model.name}` : plot.kind === 'binned' ? `Binned residuals of ${model.name}` : `Diagnostic plots of ${model.name}`,
    task: () => ({
      kind: 'plot.model',
      input: {
        modelId,
        spec: model.spec,
        fit,
        plot,
        ...datasetTaskInput(project, model.datasetId),
      },
    }),
    finish: (value) => value,
  });
}
