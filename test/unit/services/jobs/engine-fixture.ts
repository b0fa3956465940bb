import { inject } from 'vitest';
import type { AppErrorValue } from '@shared/errors';
import type { JobInfo } from '@shared/jobs';
import type { EngineTask } from '../../../../src-main/engine-protocol';
import type { TestTask } from '../../../../src-main/engine-test-hooks';
import type { JobListener } from '../../../../src-main/services/jobs/api';
import { ChildProcessEngineHost } from '../../../../src-main/services/jobs/child-process-host';
import type { EngineChannel, EngineHost } from '../../../../src-main/services/jobs/engine-host';
import { readSimpleCsv, referenceStats } from '../../helpers/csv-columns';

/** The engine process that test/unit/global-setup.ts built from the current sources. */
export function engineScript(): string {
  const built = inject('engineBuild');
  if ('error' in built) throw new Error(built.error);
  return built.script;
}

/** A real child-process host that remembers every process it started. */
export class RecordingHost implements EngineHost {
  readonly spawned: EngineChannel[] = [];
  readonly exits: Promise<{ code: number | null; signal: string | null }>[] = [];
  private readonly inner: ChildProcessEngineHost;

  constructor(env: Record<string, string> = {}, options: { script?: string; quiet?: boolean } = {}) {
    const output = options.quiet ? 'ignore' : 'inherit';
    this.inner = new ChildProcessEngineHost({ script: options.script ?? engineScript(), env, output });
  }

  spawn(): EngineChannel {
    const channel = this.inner.spawn();
    this.spawned.push(channel);
    this.exits.push(new Promise((resolve) => channel.onExit((code, signal) => resolve({ code, signal }))));
    return channel;
  }

  get pids(): (number | undefined)[] {
    return this.spawned.map((c) => c.pid);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: AppErrorValue };

export class RecordingListener implements JobListener {
  readonly progressEvents: { id: string; fraction: number | null; message: string }[] = [];
  readonly doneEvents: { id: string; kind: string; outcome: Outcome; at: number }[] = [];
  readonly lists: JobInfo[][] = [];
  private readonly progressWaiters: { id: string; resolve: () => void }[] = [];

  progress(id: string, fraction: number | null, message: string): void {
    this.progressEvents.push({ id, fraction, message });
    for (const w of this.progressWaiters.filter((w) => w.id === id)) w.resolve();
  }

  done(id: string, kind: string, outcome: Outcome): void {
    this.doneEvents.push({ id, kind, outcome, at: performance.now() });
  }

  changed(jobs: JobInfo[]): void {
    this.lists.push(jobs);
  }

  /** Resolves at the job's first progress report: it is then surely running in the engine. */
  firstProgress(id: string): Promise<void> {
    if (this.progressEvents.some((e) => e.id === id)) return Promise.resolve();
    return new Promise((resolve) => this.progressWaiters.push({ id, resolve }));
  }

  /** Every state a job was listed in, in order, without repeats. */
  statesOf(id: string): string[] {
    const states: string[] = [];
    for (const list of this.lists) {
      const state = list.find((j) => j.id === id)?.state;
      if (state && states[states.length - 1] !== state) states.push(state);
    }
    return states;
  }
}

export const exam = readSimpleCsv('exam.csv');

export function referenceOf(name: string) {
  const column = exam.columns.find((c) => c.name === name);
  if (!column || column.kind === 'factor') throw new Error(`no numeric column ${name}`);
  return referenceStats(column.values);
}

export function summaryTask(datasetId = 'exam'): EngineTask {
  return { kind: 'dataset.summary', input: { datasetId, rows: exam.rows, columns: exam.columns, recipes: [] } };
}

/** Test-only kinds travel as EngineTask: the queue passes tasks through without looking at them. */
export function testTask(task: TestTask): EngineTask {
  return task as unknown as EngineTask;
}

export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
