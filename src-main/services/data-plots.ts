import { dataPlotTitle, type DataPlotOptions } from '@shared/data-plots';
import type { Session } from './session';
import { datasetTaskInput } from './dataset-input';

/**
 * A plot of a dataset's variables: main gathers the dataset as stored (columns,
 * recipes, variable settings) and the engine computes the plot's numbers. The
 * numbers are not stored; the window asks again when the options change.
 */
export function startDataPlot(session: Session, datasetId: string, plot: DataPlotOptions): string {
  const project = session.project;
  const info = project.getDataset(datasetId);
  return session.jobs.start({
    kind: 'plot.data',
    title: `${dataPlotTitle(plot)} (${info.name})`,
    task: () => ({
      kind: 'plot.data',
      input: {
        datasetId,
        ...datasetTaskInput(project, datasetId),
        plot,
      },
    }),
    finish: (value) => value,
  });
}
