import type { JobDone, JobInfo, JobProgress } from '@shared/jobs';
import { app } from './app.svelte';

const OUTCOME_MS = 20_000;

export interface JobOutcome {
  id: string;
  title: string;
  state: 'done' | 'cancelled' | 'failed';
  message: string;
  /** The project open when the job ended: after New or Open its outcome is the old project's news. */
  projectId: string | null;
}

/**
 * The job queue as main reports it. Views that start a job await its done
 * event through `whenDone`, which also covers a done event that arrives before
 * jobs.start's answer does.
 */
class JobsStore {
  list = $state.raw<JobInfo[]>([]);
  outcome = $state.raw<JobOutcome | null>(null);

  running = $derived(this.list.find((j) => j.state === 'running') ?? null);
  queued = $derived(this.list.filter((j) => j.state === 'queued').length);

  private titles = new Map<string, string>();
  private finished = new Map<string, JobDone>();
  private waiters = new Map<string, ((done: JobDone) => void)[]>();

  setList(jobs: JobInfo[]): void {
    for (const job of jobs) this.titles.set(job.id, job.title);
    this.list = jobs;
    if (jobs.some((j) => j.state === 'running' || j.state === 'queued')) this.outcome = null;
  }

  progress(p: JobProgress): void {
    if (!this.list.some((j) => j.id === p.id)) return;
    this.list = this.list.map((j) => (j.id === p.id ? { ...j, state: 'running', fraction: p.fraction, message: p.message } : j));
  }

  done(done: JobDone): void {
    const title = this.titles.get(done.id) ?? done.kind;
    const projectId = app.project?.id ?? null;
    const outcome: JobOutcome = done.ok
      ? { id: done.id, title, state: 'done', message: `${title}: done`, projectId }
      : done.error.code === 'cancelled'
        ? { id: done.id, title, state: 'cancelled', message: `${title}: cancelled`, projectId }
        : { id: done.id, title, state: 'failed', message: `${title} failed: ${done.error.message}`, projectId };
    this.outcome = outcome;
    // A failure stays until the next job; success and cancellation fade after a while.
    if (outcome.state !== 'failed') {
      setTimeout(() => {
        if (this.outcome === outcome) this.outcome = null;
      }, OUTCOME_MS);
    }
    this.list = this.list.filter((j) => j.id !== done.id);
    this.finished.set(done.id, done);
    if (this.finished.size > 100) this.finished.delete(this.finished.keys().next().value!);
    for (const resolve of this.waiters.get(done.id) ?? []) resolve(done);
    this.waiters.delete(done.id);
  }

  whenDone(id: string, title?: string): Promise<JobDone> {
    if (title && !this.titles.has(id)) this.titles.set(id, title);
    const finished = this.finished.get(id);
    if (finished) return Promise.resolve(finished);
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  /**
   * After a reconnection, a job we wait for that main no longer lists ended
   * while we were away; its done event is lost, so say so instead of waiting forever.
   */
  reconcile(jobs: JobInfo[]): void {
    this.setList(jobs);
    for (const id of [...this.waiters.keys()]) {
      if (jobs.some((j) => j.id === id)) continue;
      this.done({
        id,
        kind: 'unknown',
        ok: false,
        error: {
          code: 'io',
          message: 'the connection dropped while it ran; if it finished, its result is listed under Results.',
        },
      });
    }
  }
}

export const jobs = new JobsStore();
