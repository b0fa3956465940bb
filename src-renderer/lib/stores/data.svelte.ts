import type { DatasetInfo } from '@shared/dataset';
import type { SummaryDone } from '@shared/jobs';
import { nextReveal, type RowReveal } from '../reveal-row';
import { app } from './app.svelte';

/** What the Data view shows: the chosen dataset and the latest summary of each dataset. */
class DataStore {
  selectedId = $state<string | null>(null);
  /** Latest summary per dataset id; replaced per key, never deep-proxied. */
  summaries = $state.raw<Record<string, SummaryDone>>({});
  /** Dataset whose summary job is running from this window, if any. */
  summarizing = $state<string | null>(null);
  summaryOpen = $state(true);
  /**
   * The row a plot asked to see (1-based, as the grid numbers rows): the grid scrolls it into
   * view and marks it. `seq` makes asking again for the same row scroll again.
   */
  revealed = $state.raw<RowReveal | null>(null);

  selected: DatasetInfo | null = $derived.by(() => {
    const datasets = app.project?.datasets ?? [];
    return datasets.find((d) => d.id === this.selectedId) ?? datasets[0] ?? null;
  });

  /** Shows the Data view with `row` of the dataset in view and highlighted (a click on a plotted point). */
  revealRow(datasetId: string, row: number): void {
    const dataset = app.project?.datasets.find((d) => d.id === datasetId);
    const next = dataset ? nextReveal(this.revealed, datasetId, row, dataset.rows) : null;
    if (!next) return;
    this.selectedId = datasetId;
    this.revealed = next;
    app.view = 'data';
  }

  setSummary(datasetId: string, done: SummaryDone): void {
    this.summaries = { ...this.summaries, [datasetId]: done };
    this.summaryOpen = true;
  }
}

export const data = new DataStore();
