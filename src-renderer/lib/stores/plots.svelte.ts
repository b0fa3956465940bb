import { z } from 'zod';
import { app } from './app.svelte';

/** What the Data section of the Plots view draws: a dataset's y by a group (empty until chosen). */
export type DataPlotChoice = z.infer<typeof DataPlotChoice>;

/** The Data plots' choice as saved in the project's plot settings (target DATA_PLOTS_KEY). */
export const DataPlotChoice = z.object({
  datasetId: z.string().max(64).nullable(),
  y: z.string().max(1000).nullable(),
  group: z.string().max(1000).nullable(),
  order: z.enum(['level', 'median']),
});
export const DATA_PLOTS_KEY = { target: 'data-plots', kind: 'choice' };
const NO_CHOICE: DataPlotChoice = { datasetId: null, y: null, group: null, order: 'level' };

/** Which model the Plots view shows; the Results view's "Plot" button sets it and opens Plots. */
class PlotsStore {
  modelId = $state<string | null>(null);
  /** Plots of fitted models, or plots of the data. */
  section = $state<'models' | 'data'>('models');
  data = $state<DataPlotChoice>({ ...NO_CHOICE });

  /** The choice a project saved (or none): what the Data section shows when the project opens. */
  restoreData(saved: unknown): void {
    const parsed = DataPlotChoice.safeParse(saved);
    this.data = parsed.success ? parsed.data : { ...NO_CHOICE };
  }

  show(modelId: string): void {
    this.modelId = modelId;
    this.section = 'models';
    app.view = 'plots';
  }
}

export const plots = new PlotsStore();
