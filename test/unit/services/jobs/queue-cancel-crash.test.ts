import { afterEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../../src-main/services/jobs/queue';
import { RecordingHost, RecordingListener, isAlive, summaryTask, testTask } from './engine-fixture';

const queues: JobQueue[] = [];
function makeQueue(host: RecordingHost) {
  const listener = new RecordingListener();
  const queue = new JobQueue(host, listener);
  queues.push(queue);
  return { queue, listener, host };
}
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.dispose()));
});

const hooks = { NESTOR_ENGINE_TEST_HOOKS: '1' };

describe('JobQueue cancel of a running job', () => {
  it('stops a job at its next checkpoint, reports it cancelled quickly and keeps the process', async () => {
    // 50 ms per checkpoint makes the summary take over a second if it is not cancelled.
    const { queue, listener, host } = makeQueue(new RecordingHost({ NESTOR_ENGINE_TEST_DELAY_MS: '50' }));
    const slow = queue.start({ kind: 'dataset.summary', title: 'slow', task: () => summaryTask() });
    await listener.firstProgress(slow);
    const t0 = performance.now();
    queue.cancel(slow);
    expect(await queue.wait(slow)).toEqual({ ok: false, error: { code: 'cancelled', message: 'The job was cancelled.' } });
    expect(performance.now() - t0).toBeLessThan(300);
    expect(listener.statesOf(slow)).toEqual(['queued', 'running', 'cancelled']);

    const next = queue.start({ kind: 'dataset.summary', title: 'next', task: () => summaryTask() });
    expect((await queue.wait(next)).ok).toBe(true);
    expect(host.spawned).toHaveLength(1);
    expect(isAlive(host.pids[0])).toBe(true);
  });

  it('kills an engine that ignores cancel after 1 s; the next job runs in a new process', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost(hooks));
    const spin = queue.start({ kind: 'test.spin', title: 'spin', task: () => testTask({ kind: 'test.spin', input: { ms: 30_000 } }) });
    const next = queue.start({ kind: 'dataset.summary', title: 'next', task: () => summaryTask() });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the engine is now inside its busy loop
    const t0 = performance.now();
    queue.cancel(spin);
    const outcome = await queue.wait(spin);
    const waited = performance.now() - t0;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(!outcome.ok && outcome.error.message).toBe(
      'The job was cancelled; the engine did not stop within 1000 ms, so it was restarted.',
    );
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(1500);
    expect((await queue.wait(next)).ok).toBe(true);
    expect(host.spawned).toHaveLength(2);
    expect(await host.exits[0]).toEqual({ code: null, signal: 'SIGKILL' });
    expect(host.pids[1]).not.toBe(host.pids[0]);
    expect(listener.doneEvents.map((d) => [d.id, d.outcome.ok])).toEqual([
      [spin, false],
      [next, true],
    ]);
  });
});

describe('JobQueue when the engine process dies', () => {
  it('fails the running job with engine-crashed (exit code) and runs the next job in a new process', async () => {
    const { queue, host } = makeQueue(new RecordingHost(hooks));
    const crash = queue.start({ kind: 'test.crash', title: 'crash', task: () => testTask({ kind: 'test.crash', input: { exitCode: 3 } }) });
    const next = queue.start({ kind: 'dataset.summary', title: 'next', task: () => summaryTask() });
    expect(await queue.wait(crash)).toEqual({
      ok: false,
      error: {
        code: 'engine-crashed',
        message: 'The engine stopped unexpectedly (exit code 3) while running "crash".',
        detail: { exitCode: 3, signal: null },
      },
    });
    expect((await queue.wait(next)).ok).toBe(true);
    expect(host.spawned).toHaveLength(2);
    expect(queue.list().map((j) => j.state)).toEqual(['failed', 'done']);
  });

  it('treats an uncaught error in the engine as a crash', async () => {
    const { queue } = makeQueue(new RecordingHost(hooks, { quiet: true }));
    const crash = queue.start({ kind: 'test.crash', title: 'throw', task: () => testTask({ kind: 'test.crash', input: { how: 'throw' } }) });
    expect(await queue.wait(crash)).toMatchObject({
      ok: false,
      error: { code: 'engine-crashed', message: 'The engine stopped unexpectedly (exit code 1) while running "throw".' },
    });
  });

  it('reports a process killed from outside (kill -9) during a job by its signal', async () => {
    const { queue, listener, host } = makeQueue(new RecordingHost({ NESTOR_ENGINE_TEST_DELAY_MS: '50' }));
    const slow = queue.start({ kind: 'dataset.summary', title: 'slow', task: () => summaryTask() });
    await listener.firstProgress(slow);
    process.kill(host.pids[0]!, 'SIGKILL');
    expect(await queue.wait(slow)).toMatchObject({
      ok: false,
      error: { code: 'engine-crashed', message: 'The engine stopped unexpectedly (signal SIGKILL) while running "slow".' },
    });
    const next = queue.start({ kind: 'dataset.summary', title: 'next', task: () => summaryTask() });
    expect((await queue.wait(next)).ok).toBe(true);
    expect(host.spawned).toHaveLength(2);
  });

  it('fails the job, not the queue, when the engine cannot start at all', async () => {
    const { queue } = makeQueue(new RecordingHost({}, { script: '/nonexistent/engine-process.mjs', quiet: true }));
    const id = queue.start({ kind: 'dataset.summary', title: 'never', task: () => summaryTask() });
    expect(await queue.wait(id)).toMatchObject({
      ok: false,
      error: { code: 'engine-crashed', message: 'The engine process could not start (exit code 1), so "never" did not run.' },
    });
  });

  it('starts a new process for the next job when an idle engine has died', async () => {
    const { queue, host } = makeQueue(new RecordingHost());
    expect((await queue.wait(queue.start({ kind: 'dataset.summary', title: 'one', task: () => summaryTask() }))).ok).toBe(true);
    process.kill(host.pids[0]!, 'SIGKILL');
    await host.exits[0];
    expect((await queue.wait(queue.start({ kind: 'dataset.summary', title: 'two', task: () => summaryTask() }))).ok).toBe(true);
    expect(host.spawned).toHaveLength(2);
  });
});
