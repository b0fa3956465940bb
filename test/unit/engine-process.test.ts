import { fork, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetSummary } from '@shared/jobs';
import type { ImportResult } from '../../src-main/engine/import/read-data-file';
import type { EngineTask, FromEngine, ToEngine } from '../../src-main/engine-protocol';
import { sampleDataDir } from './helpers/csv-columns';
import { engineScript, summaryTask, testTask } from './services/jobs/engine-fixture';

/** The engine process spoken to directly over its protocol, as a Node child process. */
class EngineClient {
  readonly messages: FromEngine[] = [];
  private readonly child: ChildProcess;
  private waiters: { match: (m: FromEngine) => boolean; resolve: (m: FromEngine) => void }[] = [];

  constructor(env: Record<string, string> = {}) {
    this.child = fork(engineScript(), [], { serialization: 'advanced', env: { ...process.env, ...env } });
    this.child.on('message', (raw) => {
      const msg = raw as FromEngine;
      this.messages.push(msg);
      for (const w of this.waiters.filter((w) => w.match(msg))) w.resolve(msg);
      this.waiters = this.waiters.filter((w) => !w.match(msg));
    });
  }

  send(msg: ToEngine): void {
    this.child.send(msg);
  }

  /** The job's result or error message. */
  outcome(jobId: string): Promise<FromEngine> {
    return this.next((m) => (m.type === 'result' || m.type === 'error') && m.jobId === jobId);
  }

  next(match: (m: FromEngine) => boolean): Promise<FromEngine> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  run(jobId: string, task: EngineTask): Promise<FromEngine> {
    this.send({ type: 'run', jobId, task });
    return this.outcome(jobId);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

const clients: EngineClient[] = [];
function engine(env: Record<string, string> = {}): EngineClient {
  const client = new EngineClient(env);
  clients.push(client);
  return client;
}
afterEach(() => clients.splice(0).forEach((c) => c.kill()));

describe('engine process protocol', () => {
  it('says ready first, then answers a run with progress and exactly one result, progress never after it', async () => {
    const client = engine();
    await client.next((m) => m.type === 'ready');
    expect(client.messages[0]).toEqual({ type: 'ready' });
    const result = await client.run('job-1', summaryTask());
    expect(result.type).toBe('result');
    const ofJob = client.messages.filter((m) => m.type !== 'ready');
    expect(ofJob[ofJob.length - 1]).toBe(result);
    expect(ofJob.filter((m) => m.type === 'result')).toHaveLength(1);
    expect(ofJob.filter((m) => m.type === 'progress').length).toBeGreaterThanOrEqual(2);
    expect(((result as { value: DatasetSummary }).value).columns).toHaveLength(10);
  });

  it('imports a file by path and sends its columns back as typed arrays', async () => {
    const client = engine();
    const result = await client.run('job-1', {
      kind: 'dataset.import',
      input: { source: { kind: 'path', path: sampleDataDir + 'exam.csv' }, fileName: 'exam.csv', options: { factors: ['school'] } },
    });
    if (result.type !== 'result') throw new Error(JSON.stringify(result));
    const value = result.value as ImportResult;
    expect(value.rows).toBe(4059);
    const standLRT = value.columns.find((c) => c.name === 'standLRT');
    const school = value.columns.find((c) => c.name === 'school');
    expect(standLRT?.kind === 'numeric' && standLRT.values).toBeInstanceOf(Float64Array);
    expect(school?.kind === 'factor' && school.codes).toBeInstanceOf(Int32Array);
  });

  it('imports bytes sent in the message', async () => {
    const client = engine();
    const bytes = new TextEncoder().encode('x,g\n1.5,a\n2.5,b\nNA,a\n');
    const result = await client.run('job-1', {
      kind: 'dataset.import',
      input: { source: { kind: 'bytes', bytes }, fileName: 'small.csv', options: {} },
    });
    if (result.type !== 'result') throw new Error(JSON.stringify(result));
    const value = result.value as ImportResult;
    expect(value.rows).toBe(3);
    const x = value.columns[0];
    expect(x.kind !== 'factor' && Array.from(x.values)).toEqual([1.5, 2.5, NaN]);
  });

  it('answers a missing file with an io error naming the path', async () => {
    const client = engine();
    const path = sampleDataDir + 'no-such-file.csv';
    expect(
      await client.run('job-7', {
        kind: 'dataset.import',
        input: { source: { kind: 'path', path }, fileName: 'no-such-file.csv', options: {} },
      }),
    ).toEqual({
      type: 'error',
      jobId: 'job-7',
      error: { code: 'io', message: `Could not read the data file ${path}: the file does not exist.`, detail: { path } },
    });
  });

  it('refuses unknown task kinds, and test kinds unless NESTOR_ENGINE_TEST_HOOKS=1', async () => {
    const client = engine();
    expect(await client.run('job-1', { kind: 'shell.exec', input: {} } as unknown as EngineTask)).toMatchObject({
      type: 'error',
      error: { code: 'unsupported', message: 'The engine has no task named "shell.exec".' },
    });
    expect(await client.run('job-2', testTask({ kind: 'test.spin', input: { ms: 10 } }))).toMatchObject({
      type: 'error',
      error: { code: 'unsupported', message: 'The engine has no task named "test.spin".' },
    });
  });

  it('refuses a second run while one is running, and ignores cancel for another job', async () => {
    const client = engine({ NESTOR_ENGINE_TEST_DELAY_MS: '20' });
    client.send({ type: 'run', jobId: 'job-1', task: summaryTask() });
    client.send({ type: 'cancel', jobId: 'job-9' });
    expect(await client.run('job-2', summaryTask())).toEqual({
      type: 'error',
      jobId: 'job-2',
      error: { code: 'internal', message: 'The engine is busy with job-1 and cannot start job-2.' },
    });
    expect((await client.outcome('job-1')).type).toBe('result');
  });

  it('answers cancel with the cancelled error at the next checkpoint', async () => {
    const client = engine({ NESTOR_ENGINE_TEST_DELAY_MS: '50' });
    client.send({ type: 'run', jobId: 'job-1', task: summaryTask() });
    await client.next((m) => m.type === 'progress');
    const t0 = performance.now();
    client.send({ type: 'cancel', jobId: 'job-1' });
    expect(await client.outcome('job-1')).toEqual({
      type: 'error',
      jobId: 'job-1',
      error: { code: 'cancelled', message: 'The job was cancelled.' },
    });
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
