import { AppError, toErrorValue, type AppErrorValue } from '@shared/errors';
import type { JobInfo, JobState } from '@shared/jobs';
import { cancelledError } from '../../engine/context';
import type { EngineTask, FromEngine, ToEngine } from '../../engine-protocol';
import type { JobListener, JobQueueApi, JobSpec } from './api';
import type { EngineChannel, EngineHost } from './engine-host';

type Outcome = { ok: true; value: unknown } | { ok: false; error: AppErrorValue };

export interface JobQueueOptions {
  /** How long a running job may take to honour a cancel before its engine process is killed. */
  cancelGraceMs?: number;
  /** How many finished jobs `list()` keeps showing. */
  historyLimit?: number;
}

/** The job's life: waiting, building its task in main, in the engine, running `finish` in main, over. */
type Phase = 'queued' | 'preparing' | 'engine' | 'finishing' | 'ended';

interface JobRecord {
  info: JobInfo;
  spec: JobSpec;
  phase: Phase;
  session: Session | null;
  cancelRequested: boolean;
  cancelTimer: ReturnType<typeof setTimeout> | null;
  outcome: Outcome | null;
  waiters: ((outcome: Outcome) => void)[];
}

/** One engine process; messages are held until it says it is ready. */
interface Session {
  channel: EngineChannel;
  ready: boolean;
  held: (() => void)[];
}

/**
 * Runs jobs one at a time, first in first out, in one engine process that is
 * started on first use and reused while it lives. Cancel is cooperative (the
 * engine stops at its next checkpoint, and the process is kept); a job that
 * does not stop within `cancelGraceMs` has its process killed, and the next job
 * gets a fresh one. A process that dies mid-job fails that job with
 * `engine-crashed`; the queue itself carries on.
 */
export class JobQueue implements JobQueueApi {
  private readonly cancelGraceMs: number;
  private readonly historyLimit: number;
  private readonly records = new Map<string, JobRecord>();
  private readonly waiting: JobRecord[] = [];
  private readonly history: JobRecord[] = [];
  private running: JobRecord | null = null;
  private session: Session | null = null;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly host: EngineHost,
    private readonly listener: JobListener,
    options: JobQueueOptions = {},
  ) {
    this.cancelGraceMs = options.cancelGraceMs ?? 1000;
    this.historyLimit = options.historyLimit ?? 50;
  }

  start(spec: JobSpec): string {
    if (this.disposed) throw new AppError('internal', 'The job queue has been shut down; no new jobs can start.');
    const id = `job-${this.nextId++}`;
    const record: JobRecord = {
      info: {
        id,
        kind: spec.kind,
        title: spec.title,
        state: 'queued',
        fraction: null,
        message: 'Waiting',
        startedAt: new Date().toISOString(),
      },
      spec,
      phase: 'queued',
      session: null,
      cancelRequested: false,
      cancelTimer: null,
      outcome: null,
      waiters: [],
    };
    this.records.set(id, record);
    this.waiting.push(record);
    this.notifyChanged();
    void this.pump();
    return id;
  }

  cancel(id: string): void {
    const record = this.records.get(id);
    if (!record || record.cancelRequested) return;
    switch (record.phase) {
      case 'queued':
        this.waiting.splice(this.waiting.indexOf(record), 1);
        this.end(record, cancelled());
        return;
      case 'preparing':
        // task() is still being built in main; the job ends as soon as it returns.
        record.cancelRequested = true;
        return;
      case 'engine':
        record.cancelRequested = true;
        this.sendWhenReady(record.session!, record, { type: 'cancel', jobId: id });
        record.cancelTimer = setTimeout(() => this.killForCancel(record), this.cancelGraceMs);
        return;
      default:
        // The engine's part is over ('finishing' stores results in main); the outcome stands.
        return;
    }
  }

  list(): JobInfo[] {
    const all = [...this.history, ...(this.running ? [this.running] : []), ...this.waiting];
    return all.sort((a, b) => idNumber(a.info.id) - idNumber(b.info.id)).map((r) => ({ ...r.info }));
  }

  wait(id: string): Promise<Outcome> {
    const record = this.records.get(id);
    if (!record) {
      return Promise.resolve({ ok: false, error: { code: 'not-found', message: `There is no job ${id} (or it is long finished).` } });
    }
    if (record.outcome) return Promise.resolve(record.outcome);
    return new Promise((resolve) => record.waiters.push(resolve));
  }

  stopEngine(): void {
    const session = this.session;
    const busy = this.running?.phase === 'engine' && this.running.session === session;
    if (!session || busy) return;
    this.session = null;
    session.channel.kill();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const shutdown = { ok: false as const, error: { code: 'cancelled' as const, message: 'The job was cancelled because Nestor is closing.' } };
    for (const record of this.waiting.splice(0)) this.end(record, shutdown);
    if (this.running) this.end(this.running, shutdown);
    const session = this.session;
    this.session = null;
    if (session) {
      const exited = new Promise<void>((resolve) => session.channel.onExit(() => resolve()));
      session.channel.kill();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
  }

  private async pump(): Promise<void> {
    if (this.running || this.disposed) return;
    const record = this.waiting.shift();
    if (!record) return;
    this.running = record;
    record.phase = 'preparing';
    this.setState(record, 'running', null, 'Starting');
    let task: EngineTask;
    try {
      task = await record.spec.task();
    } catch (err) {
      this.end(record, { ok: false, error: toErrorValue(err) });
      return;
    }
    if (record.phase !== 'preparing') return; // ended meanwhile (dispose)
    if (record.cancelRequested) {
      this.end(record, cancelled());
      return;
    }
    const session = this.session ?? this.spawn();
    record.phase = 'engine';
    record.session = session;
    this.sendWhenReady(session, record, { type: 'run', jobId: record.info.id, task });
  }

  private spawn(): Session {
    const channel = this.host.spawn();
    const session: Session = { channel, ready: false, held: [] };
    this.session = session;
    channel.onMessage((msg) => this.onMessage(session, msg));
    channel.onExit((code, signal) => this.onExit(session, code, signal));
    return session;
  }

  private sendWhenReady(session: Session, record: JobRecord, msg: ToEngine): void {
    const send = () => {
      try {
        session.channel.send(msg);
      } catch (err) {
        // A task that cannot be structured-cloned (a bug in the code that built it) fails its job, not the queue.
        const reason = err instanceof Error ? err.message : String(err);
        const message = `The task of "${record.info.title}" could not be sent to the engine: ${reason}`;
        this.end(record, { ok: false, error: { code: 'internal', message } });
      }
    };
    if (session.ready) send();
    else session.held.push(send);
  }

  private onMessage(session: Session, msg: FromEngine): void {
    if (session !== this.session) return; // a process we have given up on
    if (msg.type === 'ready') {
      session.ready = true;
      for (const send of session.held.splice(0)) send();
      return;
    }
    const record = this.running;
    if (!record || record.session !== session || record.phase !== 'engine' || record.info.id !== msg.jobId) return;
    if (msg.type === 'progress') {
      record.info.fraction = msg.fraction;
      record.info.message = msg.message;
      this.safely(() => this.listener.progress(record.info.id, msg.fraction, msg.message));
    } else if (msg.type === 'error') {
      this.end(record, { ok: false, error: msg.error });
    } else if (record.cancelRequested) {
      // The result raced the cancel; the person asked for nothing to happen, so nothing is stored.
      this.end(record, cancelled());
    } else {
      void this.finish(record, msg.value);
    }
  }

  private async finish(record: JobRecord, value: unknown): Promise<void> {
    record.phase = 'finishing';
    this.clearCancelTimer(record);
    try {
      const out = record.spec.finish ? await record.spec.finish(value) : value;
      this.end(record, { ok: true, value: out });
    } catch (err) {
      this.end(record, { ok: false, error: toErrorValue(err) });
    }
  }

  private onExit(session: Session, code: number | null, signal: string | null): void {
    if (session === this.session) this.session = null;
    const record = this.running;
    if (!record || record.session !== session || record.phase !== 'engine') return;
    const how = signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
    const message = session.ready
      ? `The engine stopped unexpectedly (${how}) while running "${record.info.title}".`
      : `The engine process could not start (${how}), so "${record.info.title}" did not run.`;
    this.end(record, { ok: false, error: { code: 'engine-crashed', message, detail: { exitCode: code, signal } } });
  }

  private killForCancel(record: JobRecord): void {
    record.cancelTimer = null;
    if (this.running !== record || record.phase !== 'engine' || !record.session) return;
    const session = record.session;
    if (session === this.session) this.session = null;
    session.channel.kill();
    this.end(record, {
      ok: false,
      error: {
        code: 'cancelled',
        message: `The job was cancelled; the engine did not stop within ${this.cancelGraceMs} ms, so it was restarted.`,
      },
    });
  }

  /** The one way a job ends: exactly one outcome, one done event, then the next job. */
  private end(record: JobRecord, outcome: Outcome): void {
    if (record.phase === 'ended') return;
    record.phase = 'ended';
    record.outcome = outcome;
    this.clearCancelTimer(record);
    if (this.running === record) this.running = null;
    this.history.push(record);
    while (this.history.length > this.historyLimit) this.records.delete(this.history.shift()!.info.id);
    if (outcome.ok) this.setState(record, 'done', 1, 'Done');
    else if (outcome.error.code === 'cancelled') this.setState(record, 'cancelled', record.info.fraction, 'Cancelled');
    else this.setState(record, 'failed', record.info.fraction, outcome.error.message);
    this.safely(() => this.listener.done(record.info.id, record.info.kind, outcome));
    for (const resolve of record.waiters.splice(0)) resolve(outcome);
    void this.pump();
  }

  private setState(record: JobRecord, state: JobState, fraction: number | null, message: string): void {
    record.info.state = state;
    record.info.fraction = fraction;
    record.info.message = message;
    this.notifyChanged();
  }

  private clearCancelTimer(record: JobRecord): void {
    if (record.cancelTimer !== null) clearTimeout(record.cancelTimer);
    record.cancelTimer = null;
  }

  private notifyChanged(): void {
    const jobs = this.list();
    this.safely(() => this.listener.changed(jobs));
  }

  /** A listener's bug must not stall the queue (a job that never ends blocks every later one). */
  private safely(call: () => void): void {
    try {
      call();
    } catch (err) {
      console.error('Nestor: a job listener threw:', err);
    }
  }
}

function cancelled(): Outcome {
  return { ok: false, error: cancelledError().toValue() };
}

function idNumber(id: string): number {
  return Number(id.slice('job-'.length));
}
