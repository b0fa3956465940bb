import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Refitter, type RefitDesign } from './refit-lmm';

/**
 * The threads that refit bootstrap replicates: worker threads of the engine
 * process, each running boot-worker.ts on its own copy of the design, or the
 * calling thread when no worker can start (no bundled worker script next to the
 * running code, or a host without worker threads). A worker that dies mid-run
 * has its unfinished batches refitted on the calling thread, so a run always
 * completes with the same numbers: a replicate's refit depends only on its
 * response, never on which thread does it.
 */
export interface BootWorkerData {
  design: RefitDesign;
}
export interface ToBootWorker {
  id: number;
  count: number;
  /** count responses of n values each, one after the other. */
  ys: Float64Array;
}
export type FromBootWorker =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; values: Float64Array; ok: Uint8Array; ms: number }
  | { kind: 'error'; id: number; message: string };

export interface BatchResult {
  /** count × the statistic's length, replicate by replicate. */
  values: Float64Array;
  /** 1 where the refit succeeded. */
  ok: Uint8Array;
  /** Time the refits took on their thread. */
  ms: number;
}

export interface BootPool {
  /** Worker threads in use; 0 when the refits run on the calling thread. */
  readonly threads: number;
  /** Why no worker could start (null when workers run, or none were asked for). */
  readonly fallbackReason: string | null;
  refit(count: number, ys: Float64Array): Promise<BatchResult>;
  /** Ends the workers (cancel or done); batches still running are abandoned. */
  close(): Promise<void>;
}

/** A worker not up after this long is not used. */
const START_MS = 15_000;

let scriptOverride: string | null | undefined;

/** For tests that run the engine from its sources: the built worker script to start (null: none). */
export function setBootWorkerScript(path: string | null | undefined): void {
  scriptOverride = path;
}

/**
 * The bundled worker next to the running code: out/main/boot-worker.js beside the engine
 * process (or one level up from a shared chunk), boot-worker.mjs in the test build.
 */
export function bootWorkerScript(): string | null {
  if (scriptOverride !== undefined) return scriptOverride;
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, dirname(here)]) {
    for (const name of ['boot-worker.js', 'boot-worker.mjs']) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

export async function startBootPool(design: RefitDesign, threads: number): Promise<BootPool> {
  const script = bootWorkerScript();
  if (threads < 1) return new LocalPool(design, null);
  if (!script) return new LocalPool(design, 'the worker script (boot-worker.js) is not next to the engine');
  const started = await Promise.allSettled(Array.from({ length: threads }, () => startWorker(script, design)));
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (workers.length === 0) {
    const reason = started.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
    return new LocalPool(design, `worker threads could not start (${reason instanceof Error ? reason.message : String(reason)})`);
  }
  return new WorkerPool(design, workers);
}

class LocalPool implements BootPool {
  readonly threads = 0;
  private readonly refitter: Refitter;
  constructor(
    private readonly design: RefitDesign,
    readonly fallbackReason: string | null,
  ) {
    this.refitter = new Refitter(design);
  }
  refit(count: number, ys: Float64Array): Promise<BatchResult> {
    return Promise.resolve(refitLocally(this.refitter, this.design.n, count, ys));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function refitLocally(refitter: Refitter, n: number, count: number, ys: Float64Array): BatchResult {
  const started = performance.now();
  const values = new Float64Array(count * refitter.count);
  const ok = new Uint8Array(count);
  for (let r = 0; r < count; r++) ok[r] = refitter.refit(ys.subarray(r * n, (r + 1) * n), values, r * refitter.count) ? 1 : 0;
  return { values, ok, ms: performance.now() - started };
}

interface Pending {
  count: number;
  ys: Float64Array;
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
}

interface WorkerHandle {
  worker: Worker;
  alive: boolean;
  pending: Map<number, Pending>;
}

class WorkerPool implements BootPool {
  readonly fallbackReason = null;
  private nextId = 0;
  private local: Refitter | null = null;
  private closed = false;

  constructor(
    private readonly design: RefitDesign,
    private readonly handles: WorkerHandle[],
  ) {
    for (const h of handles) {
      h.worker.on('message', (msg: FromBootWorker) => this.answer(h, msg));
      h.worker.on('error', () => this.lose(h));
      h.worker.on('exit', () => this.lose(h));
    }
  }

  get threads(): number {
    return this.handles.filter((h) => h.alive).length;
  }

  refit(count: number, ys: Float64Array): Promise<BatchResult> {
    return new Promise<BatchResult>((resolve, reject) => {
      const live = this.handles.filter((h) => h.alive);
      if (live.length === 0) {
        this.runLocally({ count, ys, resolve, reject });
        return;
      }
      // The least busy worker; ties go to the first, so the order of work is predictable.
      const h = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = this.nextId++;
      h.pending.set(id, { count, ys, resolve, reject });
      // Referenced while it owes an answer, so the process waits for it.
      h.worker.ref();
      const msg: ToBootWorker = { id, count, ys };
      h.worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.handles.map((h) => ((h.alive = false), h.worker.terminate())));
  }

  private answer(h: WorkerHandle, msg: FromBootWorker): void {
    if (msg.kind === 'ready') return;
    const p = h.pending.get(msg.id);
    if (!p) return;
    h.pending.delete(msg.id);
    if (h.pending.size === 0) h.worker.unref();
    if (msg.kind === 'done') p.resolve({ values: msg.values, ok: msg.ok, ms: msg.ms });
    else this.runLocally(p);
  }

  /** A worker that stopped: what it had not answered is refitted here. */
  private lose(h: WorkerHandle): void {
    if (!h.alive && h.pending.size === 0) return;
    h.alive = false;
    const left = [...h.pending.values()];
    h.pending.clear();
    if (this.closed) return;
    for (const p of left) this.runLocally(p);
  }

  private runLocally(p: Pending): void {
    try {
      this.local ??= new Refitter(this.design);
      p.resolve(refitLocally(this.local, this.design.n, p.count, p.ys));
    } catch (error) {
      p.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function startWorker(script: string, design: RefitDesign): Promise<WorkerHandle> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      const data: BootWorkerData = { design };
      worker = new Worker(script, { workerData: data });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // A worker never keeps the engine process alive on its own.
    worker.unref();
    // Only this function's own listeners are removed: the Worker keeps internal ones.
    const onError = (error: Error) => fail(error);
    const onExit = (code: number) => fail(new Error(`it exited with code ${code}`));
    const onMessage = (msg: FromBootWorker) => {
      if (msg.kind !== 'ready') return fail(new Error('it did not say it was ready'));
      settle();
      resolve({ worker, alive: true, pending: new Map() });
    };
    const settle = () => {
      clearTimeout(timer);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
    };
    const fail = (error: Error) => {
      settle();
      void worker.terminate();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no answer within ${START_MS / 1000} s`)), START_MS);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.on('message', onMessage);
  });
}
