import { readFile } from 'node:fs/promises';
import { constants as osConstants, setPriority } from 'node:os';
import { AppError, toErrorValue } from '@shared/errors';
import type { EngineTask, FromEngine, ToEngine } from './engine-protocol';
import { JobContext } from './engine/tasks/job-context';
import { runTask, type TaskIo } from './engine/tasks';
import { isTestTask, runTestTask, type TestTask } from './engine-test-hooks';

/**
 * The engine process: runs engine tasks for main, one at a time, so a long fit
 * never blocks the window and a crash never takes the app down. The same file
 * runs as an Electron utilityProcess (desktop app) and as a Node child process
 * forked with `serialization: 'advanced'` (browser host, CLI, tests); it never
 * imports electron.
 *
 * Environment, for tests only:
 * - NESTOR_ENGINE_TEST_DELAY_MS: every checkpoint also waits this many ms, so a
 *   job is slow enough for an e2e/integration test to cancel it. Default 0.
 * - NESTOR_ENGINE_TEST_HOOKS=1: accepts the task kinds of engine-test-hooks.ts
 *   (crash, spin) that exercise the queue's crash and kill paths.
 */

interface Transport {
  send(msg: FromEngine): void;
  onMessage(cb: (msg: unknown) => void): void;
}

/** The part of Electron's ParentPort used here, typed locally so this file needs no electron types. */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): Transport {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      send: (msg) => parentPort.postMessage(msg),
      onMessage: (cb) => parentPort.on('message', (event) => cb(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    // Main is gone (crashed or quit without killing us): nothing can use our results.
    process.on('disconnect', () => process.exit(0));
    return {
      // The callback takes send failures (main gone), which the disconnect handler deals with.
      send: (msg) => void send(msg, undefined, {}, () => undefined),
      onMessage: (cb) => process.on('message', cb),
    };
  }
  console.error('The Nestor engine process must be started by Nestor: it has no channel to its parent.');
  process.exit(2);
}

/**
 * The engine runs below normal priority. A fit keeps the cores busy for
 * seconds, and the window must stay responsive meanwhile (issue 6: its main
 * thread never blocked over 50 ms); at equal priority the OS shares a core
 * between the fit and the renderer, and every short task of the window takes
 * twice or three times as long. When nothing else wants the CPU, the fit
 * still gets all of it. Threads the engine starts later (the worker of
 * lmm/parallel.ts) inherit the priority.
 */
try {
  setPriority(osConstants.priority.PRIORITY_BELOW_NORMAL);
} catch (err) {
  console.error(`Nestor engine: could not lower its priority (${(err as Error).message}); fits may slow the window down.`);
}

const testDelayMs = Math.max(0, Number(process.env.NESTOR_ENGINE_TEST_DELAY_MS ?? 0) || 0);

const io: TaskIo = {
  async readFile(path) {
    try {
      return await readFile(path);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message;
      throw new AppError('io', `Could not read the data file ${path}: ${reason}.`, { path });
    }
  },
};

const transport = connect();
let current: { jobId: string; ctx: JobContext } | null = null;

transport.onMessage((raw) => {
  const msg = raw as ToEngine;
  if (msg?.type === 'cancel') {
    if (current?.jobId === msg.jobId) current.ctx.cancel();
  } else if (msg?.type === 'run') {
    void run(msg.jobId, msg.task);
  } else {
    const type = (raw as { type?: unknown } | null)?.type;
    console.error(`Nestor engine: ignored a message it does not understand (type ${String(type)}).`);
  }
});

async function run(jobId: string, task: EngineTask | TestTask): Promise<void> {
  if (current) {
    const error = new AppError('internal', `The engine is busy with ${current.jobId} and cannot start ${jobId}.`);
    transport.send({ type: 'error', jobId, error: error.toValue() });
    return;
  }
  const ctx = new JobContext({
    report: (fraction, message) => transport.send({ type: 'progress', jobId, fraction, message }),
    testDelayMs,
  });
  current = { jobId, ctx };
  let reply: FromEngine;
  try {
    const value = isTestTask(task) ? await runTestTask(task) : await runTask(task as EngineTask, ctx, io);
    reply = { type: 'result', jobId, value };
  } catch (err) {
    reply = { type: 'error', jobId, error: toErrorValue(err) };
  }
  ctx.close();
  current = null;
  try {
    transport.send(reply);
  } catch (err) {
    // A value that cannot be structured-cloned (a bug in a task) must still end the job.
    const error = new AppError('internal', `The result of ${task.kind} could not be sent: ${(err as Error).message}`);
    transport.send({ type: 'error', jobId, error: error.toValue() });
  }
}

transport.send({ type: 'ready' });
