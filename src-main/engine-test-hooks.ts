import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Task kinds that only exist when the engine process runs with
 * NESTOR_ENGINE_TEST_HOOKS=1, so integration tests can make an engine crash or
 * hang on purpose. They are not part of the app's contract (src-shared) nor of
 * EngineTask; a normal engine answers them with an `unsupported` error.
 */
export type TestTask =
  /** Ends the process mid-job: `exit` with code `exitCode` (default 3), or `throw` from a timer (an uncaught error). */
  | { kind: 'test.crash'; input: { how?: 'exit' | 'throw'; exitCode?: number; afterMs?: number } }
  /** Busy-loops for `ms` (default 60 s) without a checkpoint: a job that ignores cancel. */
  | { kind: 'test.spin'; input: { ms?: number } };

export const testHooksEnabled = process.env.NESTOR_ENGINE_TEST_HOOKS === '1';

export function isTestTask(task: { kind: string }): task is TestTask {
  return testHooksEnabled && (task.kind === 'test.crash' || task.kind === 'test.spin');
}

export async function runTestTask(task: TestTask): Promise<unknown> {
  if (task.kind === 'test.spin') {
    const end = Date.now() + (task.input.ms ?? 60_000);
    let spins = 0;
    while (Date.now() < end) spins++;
    return { spins };
  }
  await sleep(task.input.afterMs ?? 0);
  if (task.input.how === 'throw') {
    setTimeout(() => {
      throw new Error('test.crash: an uncaught error in the engine process');
    }, 0);
    return new Promise(() => undefined);
  }
  process.exit(task.input.exitCode ?? 3);
}
