import type { DatasetInfo } from '@shared/dataset';
import type { SummaryDone } from '@shared/jobs';
import { app } from './app.svelte';

/** What the Data view shows: the chosen dataset and the latest summary of each dataset. */
class DataStore {
  selectedId = $state<string | null>(null);
  /** Latest summary per dataset id; replaced per key, never deep-proxied. */
  summaries = $state.raw<Record<string, SummaryDone>>({});
  /** Dataset whose summary job is running from this window, if any. */
  summarizing = $state<string | null>(null);
  summaryOpen = $state(true);

  selected: DatasetInfo | null = $derived.by(() => {
    const datasets = app.project?.datasets ?? [];
    return datasets.find((d) => d.id === this.selectedId) ?? datasets[0] ?? null;
  });

  setSummary(datasetId: string, done: SummaryDone): void {
    this.summaries = { ...this.summaries, [datasetId]: done };
    this.summaryOpen = true;
  }
}

export const data = new DataStore();
