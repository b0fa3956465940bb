import type { AppErrorValue } from '@shared/errors';
import type { JobInfo } from '@shared/jobs';
import type { EngineTask } from '../../engine-protocol';

/**
 * The job queue's surface. Jobs run one at a time in one engine process that is
 * started on first use; main prepares an EngineTask (the data the engine needs),
 * and `finish` turns the engine's value into what the job reports (for example
 * storing a dataset and returning its DatasetInfo).
 */
export interface JobSpec<TValue = unknown, TOut = unknown> {
  kind: string;
  title: string;
  /** Built lazily when the job reaches the front of the queue. */
  task: () => EngineTask | Promise<EngineTask>;
  finish?: (value: TValue) => TOut | Promise<TOut>;
}

export interface JobListener {
  progress(id: string, fraction: number | null, message: string): void;
  done(id: string, kind: string, outcome: { ok: true; value: unknown } | { ok: false; error: AppErrorValue }): void;
  changed(jobs: JobInfo[]): void;
}

export interface JobQueueApi {
  start(spec: JobSpec): string;
  cancel(id: string): void;
  list(): JobInfo[];
  /** Resolves with the job's outcome (for callers inside main, e.g. the first-start import). */
  wait(id: string): Promise<{ ok: true; value: unknown } | { ok: false; error: AppErrorValue }>;
  /** Stops an idle engine process to free memory (a browser tab went away); the next job starts a new one. Never cancels a running job. */
  stopEngine(): void;
  dispose(): Promise<void>;
}
