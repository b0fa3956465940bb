import { AppError } from '@shared/errors';

/**
 * What a long engine computation gets from whoever runs it: a way to report
 * progress and a point at which it may be cancelled. Engine code calls
 * `checkpoint()` every few tens of milliseconds of work; the engine process
 * yields to its event loop there, so a cancel message can be read.
 */
export interface TaskContext {
  progress(fraction: number | null, message?: string): void;
  /** Resolves at once or after a yield; rejects with a `cancelled` AppError once the job is cancelled. */
  checkpoint(): Promise<void>;
}

export function cancelledError(): AppError {
  return new AppError('cancelled', 'The job was cancelled.');
}

/** A context for callers that neither show progress nor cancel (tests, the CLI). */
export const silentContext: TaskContext = {
  progress() {},
  checkpoint: () => Promise.resolve(),
};
