import { parentPort, workerData } from 'node:worker_threads';
import type { BootWorkerData, FromBootWorker, ToBootWorker } from './boot-pool';
import { Refitter } from './refit-lmm';

/**
 * A bootstrap worker thread (bundled as its own entry, out/main/boot-worker.js,
 * started by boot-pool.ts): it receives the model's design once, then batches of
 * simulated responses, and answers each batch with the statistic of every refit
 * and whether it succeeded. One refit at a time on this thread only.
 */
const port = parentPort;
if (!port) throw new Error('boot-worker.ts runs as a worker thread started by boot-pool.ts.');

const { design } = workerData as BootWorkerData;
const refitter = new Refitter(design);
const n = design.n;

port.on('message', (msg: ToBootWorker) => {
  const started = performance.now();
  try {
    const values = new Float64Array(msg.count * refitter.count);
    const ok = new Uint8Array(msg.count);
    for (let r = 0; r < msg.count; r++) ok[r] = refitter.refit(msg.ys.subarray(r * n, (r + 1) * n), values, r * refitter.count) ? 1 : 0;
    const reply: FromBootWorker = { kind: 'done', id: msg.id, values, ok, ms: performance.now() - started };
    port.postMessage(reply, [values.buffer, ok.buffer]);
  } catch (error) {
    const reply: FromBootWorker = { kind: 'error', id: msg.id, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});

const ready: FromBootWorker = { kind: 'ready' };
port.postMessage(ready);
