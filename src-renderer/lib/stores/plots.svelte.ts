import type { GroupSubset } from '@shared/data-plots';
import { app } from './app.svelte';
import { mergeChoice } from '../merge-choice';

/** The data plot kinds the Data section offers. */
export type DataPlotKind = 'box' | 'scatter' | 'lines' | 'histogram' | 'pairs';

/** What the Data section of the Plots view draws: a dataset's y by a group (empty until chosen). */
export interface DataPlotChoice {
  datasetId: string | null;
  y: string | null;
  group: string | null;
  order: 'level' | 'median';
  kind: DataPlotKind;
  /** Scatter and lines: the x variable; histogram: y is the variable. */
  x: string | null;
  subset: GroupSubset;
  layout: 'facets' | 'single';
  /** Histogram: overlaid densities by this factor. */
  by: string | null;
  /** Pairs: the numeric variables, and the factor that colours them. */
  variables: string[];
  colour: string | null;
}

/** Which model the Plots view shows; the Results view's "Plot" button sets it and opens Plots. */
class PlotsStore {
  modelId = $state<string | null>(null);
  /** Plots of fitted models, or plots of the data. */
  section = $state<'models' | 'data'>('models');
  data = $state<DataPlotChoice>({
    datasetId: null,
    y: null,
    group: null,
    order: 'level',
    kind: 'box',
    x: null,
    // The first note's draw: set.seed(202201); sample(unique(Exam$school), 10).
    subset: { pick: 'random', k: 10, seed: 202201 },
    layout: 'facets',
    by: null,
    variables: [],
    colour: null,
  });

  show(modelId: string): void {
    this.modelId = modelId;
    this.section = 'models';
    app.view = 'plots';
  }

  /** The choice before any was made, which a project without a saved one shows. */
  private readonly initialData: DataPlotChoice = $state.snapshot(this.data);

  /**
   * The Data plots' choice a project saved (plot settings), or the initial one. Each field is
   * taken only if it has the initial value's type (or is null), so a choice saved by another
   * version of Nestor, with fields added or gone, still opens.
   */
  restoreData(saved: unknown): void {
    this.data = mergeChoice(this.initialData, saved);
  }
}

/** Where the Data plots' choice is kept in the project's plot settings. */
export const DATA_PLOTS_KEY = { target: 'data-plots', kind: 'choice' };

export const plots = new PlotsStore();
