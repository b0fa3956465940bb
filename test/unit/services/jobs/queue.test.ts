import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { DatasetSummary } from '@shared/jobs';
import type { EngineTask } from '../../../../src-main/engine-protocol';
import { JobQueue } from '../../../../src-main/services/jobs/queue';
import { RecordingHost, RecordingListener, isAlive, referenceOf, summaryTask } from './engine-fixture';

const queues: JobQueue[] = [];
function makeQueue(host: RecordingHost, listener = new RecordingListener(), options = {}) {
  const queue = new JobQueue(host, listener, options);
  queues.push(queue);
  return { queue, listener, host };
}
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.dispose()));
});

describe('JobQueue with a real engine process', () => {
  it('summarises the Exam data end to end, typed arrays intact, with progress and one done event', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost());
    const id = queue.start({ kind: 'dataset.summary', title: 'Summary of Exam', task: () => summaryTask() });
    expect(id).toBe('job-1');
    const outcome = await queue.wait(id);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const summary = outcome.value as DatasetSummary;
    expect(summary.rows).toBe(4059);
    const standLRT = summary.columns.find((c) => c.name === 'standLRT');
    const ref = referenceOf('standLRT');
    expect(standLRT).toMatchObject({ kind: 'numeric', n: 4059, missing: 0 });
    if (standLRT?.kind !== 'numeric') throw new Error('expected numeric');
    expect(standLRT.mean).toBeCloseTo(ref.mean, 14);
    expect(standLRT.sd).toBeCloseTo(ref.sd, 13);
    expect(summary.columns.find((c) => c.name === 'sex')).toMatchObject({ levels: [{ count: 2436 }, { count: 1623 }] });

    const fractions = listener.progressEvents.filter((e) => e.id === id).map((e) => e.fraction);
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(listener.doneEvents.map((d) => [d.id, d.kind, d.outcome.ok])).toEqual([['job-1', 'dataset.summary', true]]);
    expect(listener.statesOf(id)).toEqual(['queued', 'running', 'done']);
    expect(queue.list()).toMatchObject([{ id, state: 'done', fraction: 1, title: 'Summary of Exam' }]);
    expect(host.spawned).toHaveLength(1);
  });

  it('runs queued jobs first in, first out, one at a time, in one reused process', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost({ NESTOR_ENGINE_TEST_DELAY_MS: '5' }));
    const built: string[] = [];
    const ids = ['a', 'b', 'c'].map((name) =>
      queue.start({
        kind: 'dataset.summary',
        title: name,
        task: () => (built.push(name), summaryTask(name)),
        finish: (value) => (value as DatasetSummary).datasetId,
      }),
    );
    expect(queue.list().map((j) => j.state)).toEqual(['running', 'queued', 'queued']);
    const outcomes = await Promise.all(ids.map((id) => queue.wait(id)));
    expect(outcomes).toEqual([
      { ok: true, value: 'a' },
      { ok: true, value: 'b' },
      { ok: true, value: 'c' },
    ]);
    expect(built).toEqual(['a', 'b', 'c']);
    expect(listener.doneEvents.map((d) => d.id)).toEqual(['job-1', 'job-2', 'job-3']);
    // While one job ran, no later one ever did.
    for (const list of listener.lists) expect(list.filter((j) => j.state === 'running').length).toBeLessThanOrEqual(1);
    expect(host.spawned).toHaveLength(1);
  });

  it('cancels a queued job at once, without building or running it', async () => {
    const { queue, listener } = makeQueue(new RecordingHost({ NESTOR_ENGINE_TEST_DELAY_MS: '10' }));
    let builtSecond = false;
    const first = queue.start({ kind: 'dataset.summary', title: 'first', task: () => summaryTask() });
    const second = queue.start({ kind: 'dataset.summary', title: 'second', task: () => ((builtSecond = true), summaryTask()) });
    const third = queue.start({ kind: 'dataset.summary', title: 'third', task: () => summaryTask() });
    queue.cancel(second);
    expect(await queue.wait(second)).toEqual({ ok: false, error: { code: 'cancelled', message: 'The job was cancelled.' } });
    expect(queue.list().map((j) => j.state)).toEqual(['running', 'cancelled', 'queued']);
    expect((await queue.wait(first)).ok).toBe(true);
    expect((await queue.wait(third)).ok).toBe(true);
    expect(builtSecond).toBe(false);
    expect(listener.statesOf(second)).toEqual(['queued', 'cancelled']);
    expect(listener.doneEvents.map((d) => d.id)).toEqual([second, first, third]);
  });

  it('cancels a job whose task() is still being built, without starting an engine', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost());
    const id = queue.start({
      kind: 'dataset.summary',
      title: 'slow to prepare',
      task: () => new Promise((resolve) => setTimeout(() => resolve(summaryTask()), 100)),
    });
    expect(queue.list()[0].state).toBe('running');
    queue.cancel(id);
    expect(await queue.wait(id)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(host.spawned).toHaveLength(0);
    expect(listener.doneEvents).toHaveLength(1);
  });

  it('fails only the job whose task() or finish() throws, with that error value', async () => {
    const { queue, listener } = makeQueue(new RecordingHost());
    const before = queue.start({ kind: 'dataset.summary', title: 'ok', task: () => summaryTask() });
    const badTask = queue.start({
      kind: 'dataset.summary',
      title: 'bad task',
      task: () => {
        throw new AppError('not-found', 'There is no dataset d9.');
      },
    });
    const badFinish = queue.start({
      kind: 'dataset.summary',
      title: 'bad finish',
      task: () => summaryTask(),
      finish: () => Promise.reject(new AppError('io', 'The project file is read-only.')),
    });
    const after = queue.start({ kind: 'dataset.summary', title: 'ok again', task: () => summaryTask() });
    expect((await queue.wait(before)).ok).toBe(true);
    expect(await queue.wait(badTask)).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no dataset d9.' } });
    expect(await queue.wait(badFinish)).toEqual({ ok: false, error: { code: 'io', message: 'The project file is read-only.' } });
    expect((await queue.wait(after)).ok).toBe(true);
    expect(queue.list().find((j) => j.id === badTask)).toMatchObject({ state: 'failed', message: 'There is no dataset d9.' });
    expect(listener.doneEvents).toHaveLength(4);
  });

  it('fails a job whose task cannot be sent (not structured-cloneable) and runs the next', async () => {
    const { queue } = makeQueue(new RecordingHost());
    const unsendable = { ...summaryTask(), extra: () => 1 } as unknown as EngineTask;
    const bad = queue.start({ kind: 'dataset.summary', title: 'unsendable', task: () => unsendable });
    const next = queue.start({ kind: 'dataset.summary', title: 'next', task: () => summaryTask() });
    expect(await queue.wait(bad)).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/^The task of "unsendable" could not be sent to the engine: .*could not be cloned/) },
    });
    expect((await queue.wait(next)).ok).toBe(true);
  });

  it('keeps only the last N finished jobs in list(), and wait() on a forgotten one says not-found', async () => {
    const { queue } = makeQueue(new RecordingHost(), new RecordingListener(), { historyLimit: 2 });
    const failing = () => {
      throw new AppError('bad-input', 'no');
    };
    const ids = [1, 2, 3, 4].map((n) => queue.start({ kind: 'x', title: `job ${n}`, task: failing }));
    await Promise.all(ids.map((id) => queue.wait(id)));
    expect(queue.list().map((j) => j.id)).toEqual(['job-3', 'job-4']);
    expect(await queue.wait('job-1')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('stopEngine() ends an idle engine; the next job starts a new process', async () => {
    const { queue, host } = makeQueue(new RecordingHost());
    expect((await queue.wait(queue.start({ kind: 'dataset.summary', title: 'one', task: () => summaryTask() }))).ok).toBe(true);
    queue.stopEngine();
    await host.exits[0];
    expect(isAlive(host.pids[0])).toBe(false);
    expect((await queue.wait(queue.start({ kind: 'dataset.summary', title: 'two', task: () => summaryTask() }))).ok).toBe(true);
    expect(host.spawned).toHaveLength(2);
  });

  it('stopEngine() leaves a running job alone', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost({ NESTOR_ENGINE_TEST_DELAY_MS: '5' }));
    const id = queue.start({ kind: 'dataset.summary', title: 'busy', task: () => summaryTask() });
    await listener.firstProgress(id);
    queue.stopEngine();
    expect((await queue.wait(id)).ok).toBe(true);
    expect(host.spawned).toHaveLength(1);
  });

  it('dispose() cancels running and waiting jobs, kills the process and refuses new jobs', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost({ NESTOR_ENGINE_TEST_DELAY_MS: '50' }));
    const running = queue.start({ kind: 'dataset.summary', title: 'running', task: () => summaryTask() });
    const waiting = queue.start({ kind: 'dataset.summary', title: 'waiting', task: () => summaryTask() });
    await listener.firstProgress(running);
    await queue.dispose();
    for (const id of [running, waiting]) {
      expect(await queue.wait(id)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    }
    expect(listener.doneEvents).toHaveLength(2);
    expect(isAlive(host.pids[0])).toBe(false);
    expect(() => queue.start({ kind: 'x', title: 'late', task: () => summaryTask() })).toThrow(/shut down/);
  });
});
