import { app } from './app.svelte';

/** Which model the Plots view shows; the Results view's "Plot" button sets it and opens Plots. */
class PlotsStore {
  modelId = $state<string | null>(null);

  show(modelId: string): void {
    this.modelId = modelId;
    app.view = 'plots';
  }
}

export const plots = new PlotsStore();
