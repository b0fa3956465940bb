import type { DatasetInfo } from '@shared/dataset';
import { SummaryDone } from '@shared/jobs';
import { call } from '../../lib/api.svelte';
import { data } from '../../lib/stores/data.svelte';
import { jobs } from '../../lib/stores/jobs.svelte';
import { notify } from '../../lib/stores/notices.svelte';

/** Starts main's summary job for a dataset and shows its table when it is done. */
export async function summarize(dataset: DatasetInfo): Promise<void> {
  data.summarizing = dataset.id;
  try {
    const started = await call('jobs.start', { kind: 'dataset.summary', datasetId: dataset.id });
    if (!started) return;
    const done = await jobs.whenDone(started.jobId, `Summarising ${dataset.name}`);
    if (!done.ok) return; // the status bar says it was cancelled or why it failed
    const parsed = SummaryDone.safeParse(done.value);
    if (!parsed.success) {
      notify('error', `The summary of ${dataset.name} finished, but its answer did not have the shape of a summary.`);
      return;
    }
    data.setSummary(dataset.id, parsed.data);
  } finally {
    if (data.summarizing === dataset.id) data.summarizing = null;
  }
}
