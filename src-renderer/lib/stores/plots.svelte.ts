import { app } from './app.svelte';

/** What the Data section of the Plots view draws: a dataset's y by a group (empty until chosen). */
export interface DataPlotChoice {
  datasetId: string | null;
  y: string | null;
  group: string | null;
  order: 'level' | 'median';
}

/** Which model the Plots view shows; the Results view's "Plot" button sets it and opens Plots. */
class PlotsStore {
  modelId = $state<string | null>(null);
  /** Plots of fitted models, or plots of the data. */
  section = $state<'models' | 'data'>('models');
  data = $state<DataPlotChoice>({ datasetId: null, y: null, group: null, order: 'level' });

  show(modelId: string): void {
    this.modelId = modelId;
    this.section = 'models';
    app.view = 'plots';
  }
}

export const plots = new PlotsStore();
