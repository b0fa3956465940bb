import type { z } from 'zod';
import type { ModelPlotOptions } from '@shared/model-plots';
import { call } from '../../lib/api.svelte';
import { jobs } from '../../lib/stores/jobs.svelte';

export type Shown<T> = { state: 'idle' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

/**
 * A model plot's numbers, asked of the engine as a `plot.model` job. Only the
 * latest request's answer is shown: a quick change of options must not be
 * overwritten by the slower answer to an earlier one. The answer is checked
 * against the plot's schema, so a figure never draws a malformed value.
 */
export class ModelPlotJob<T> {
  shown = $state.raw<Shown<T>>({ state: 'idle' });
  #asked = 0;

  constructor(
    private readonly schema: z.ZodType<T>,
    /** What the plots are called in messages: "diagnostic plots". */
    private readonly what: string,
  ) {}

  async run(modelId: string, plot: ModelPlotOptions, title: string): Promise<void> {
    const ticket = ++this.#asked;
    const started = await call('jobs.start', { kind: 'plot.model', modelId, plot });
    if (!started || ticket !== this.#asked) return;
    const done = await jobs.whenDone(started.jobId, title);
    if (ticket !== this.#asked) return;
    if (!done.ok) {
      this.shown = { state: 'error', message: done.error.message };
      return;
    }
    const parsed = this.schema.safeParse(done.value);
    this.shown = parsed.success ? { state: 'ok', value: parsed.data } : { state: 'error', message: `The engine’s answer did not have the shape of ${this.what}.` };
  }
}
