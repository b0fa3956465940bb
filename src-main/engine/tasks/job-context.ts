import { cancelledError, type TaskContext } from '../context';

export interface JobContextOptions {
  /** Delivers a progress report to whoever started the job. */
  report(fraction: number | null, message: string): void;
  /** Longest stretch of work between yields to the event loop (where cancel messages are read). */
  yieldEveryMs?: number;
  /** Shortest gap between two progress reports (20 per second). */
  progressEveryMs?: number;
  /** Extra wait at every checkpoint; see NESTOR_ENGINE_TEST_DELAY_MS in engine-process.ts. */
  testDelayMs?: number;
  now?: () => number;
}

/**
 * The TaskContext of one job in the engine process. A task runs on the same
 * thread that reads messages, so cancel can only be seen when the task yields:
 * `checkpoint()` yields once ~20 ms of work have passed since the last yield,
 * which keeps cancel prompt without paying for a yield on every call.
 */
export class JobContext implements TaskContext {
  private cancelled = false;
  private closed = false;
  private readonly yieldEveryMs: number;
  private readonly progressEveryMs: number;
  private readonly testDelayMs: number;
  private readonly now: () => number;
  private lastYield: number;
  private lastReport = -Infinity;
  private pending: { fraction: number | null; message: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: JobContextOptions) {
    this.yieldEveryMs = options.yieldEveryMs ?? 20;
    this.progressEveryMs = options.progressEveryMs ?? 50;
    this.testDelayMs = options.testDelayMs ?? 0;
    this.now = options.now ?? (() => performance.now());
    this.lastYield = this.now();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Asks the task to stop: its next checkpoint rejects with the `cancelled` error. */
  cancel(): void {
    this.cancelled = true;
  }

  async checkpoint(): Promise<void> {
    if (this.cancelled) throw cancelledError();
    if (this.testDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.testDelayMs));
      this.lastYield = this.now();
    } else if (this.now() - this.lastYield >= this.yieldEveryMs) {
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = this.now();
    }
    if (this.cancelled) throw cancelledError();
  }

  /**
   * Reports at most one message per `progressEveryMs`; a report that comes too
   * soon replaces the waiting one and goes out when the gap has passed. A
   * fraction of 1 (finished) goes out at once.
   */
  progress(fraction: number | null, message = ''): void {
    if (this.closed) return;
    this.pending = { fraction: normalizeFraction(fraction), message };
    const wait = this.lastReport + this.progressEveryMs - this.now();
    if (wait <= 0 || fraction === 1) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Sends the waiting report, if any, and stops reporting: called before the job's result goes out. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    this.lastReport = this.now();
    this.options.report(pending.fraction, pending.message);
  }
}

function normalizeFraction(fraction: number | null): number | null {
  if (fraction === null || Number.isNaN(fraction)) return null;
  return Math.min(1, Math.max(0, fraction));
}
