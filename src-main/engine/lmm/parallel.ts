import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '@shared/errors';
import type { BlockLayout } from './blocks';
import type { LaterBlock } from './later-block';
import { subtractPanels } from './later-assembly';
import { supernodalWork } from './supernodal';
import { factorSupernodal, kernels, supernodalKernels } from './supernodal-factor';

/**
 * A second thread for the large part of each evaluation: the later block's factor
 * and the panels' products subtracted from it. The factor's storage and the sorted
 * panels live in shared memory; the worker runs the same kernels
 * (supernodal-factor.ts) on its share — every other block of four rows — and the
 * two meet through an Int32Array of control words with Atomics. Every wait spins
 * briefly (commands come every few hundred microseconds within an evaluation, and
 * the two shares take about as long), then sleeps in Atomics.wait until notified,
 * so that a busy machine is not made busier.
 *
 * Every entry is computed by the same operations in the same order whichever
 * thread computes it, so the results are the same to the last bit on one thread or
 * two: the optimiser's path never depends on timing.
 *
 * One team per objective, started only when the factorisation is big enough to
 * gain (WORK_MIN) and the machine has a second core; `dispose` ends the thread
 * (it is unref'd as well, so a forgotten team never keeps the process alive).
 * Cancellation needs nothing here: jobs are cancelled between evaluations, when
 * the worker is idle.
 */
export interface Team {
  /** (Q₂ + m) × Q₂ on shared memory: the storage of L22 and of the right-hand sides below it. */
  l22: Float64Array;
  /** The panels in sorted order (later-assembly.ts), on shared memory. */
  sorted: Float64Array;
  /**
   * l22 −= the panels' products, then its supernodal factorisation (as subtractPanels and
   * factorSupernodal); false if not positive definite. On two threads or on this one,
   * whichever has lately been faster (adaptiveChoice).
   */
  run(lay: BlockLayout, later: LaterBlock): boolean;
  /** The factorisation (with the right-hand sides) on two threads. */
  factorShared(): boolean;
  dispose(): void;
}

/**
 * workMin: multiply-adds per factorisation from which a second thread pays (about 2 ms of
 * work); updateMin: below this many a supernode's update is not shared; denseMin: dense blocks
 * (no rows below) at least this wide are factored by both threads.
 */
export const PARALLEL_LIMITS = { workMin: 4e6, updateMin: 2e5, denseMin: 64 } as const;
const { workMin: WORK_MIN, updateMin: UPDATE_MIN, denseMin: DENSE_MIN } = PARALLEL_LIMITS;
/** A worker that has not answered in this long is taken for dead; one that is not up after START_MS is not used. */
const TIMEOUT_MS = 300_000;
const START_MS = 5_000;

const SEQ = 0;
const DONE = 1;
const CMD = 2;
const ARG0 = 3;
const ARG1 = 4;
const PROGRESS = 5;
const FAILED = 6;
const ERROR = 7;
const READY = 8;
const CMD_UPDATE = 1;
const CMD_DENSE = 2;
const CMD_SUBTRACT = 3;
const CMD_EXIT = 4;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const K = (${supernodalKernels.toString()})();
const { ctl, a, n, m, start, rowPtr, rows, incPtr, incAt, incStart, sortedNew, sorted } = workerData;
Atomics.store(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
let seen = 0;
for (;;) {
  for (let spin = 0; Atomics.load(ctl, ${SEQ}) === seen; spin++) if (spin > 200000) Atomics.wait(ctl, ${SEQ}, seen);
  seen = Atomics.load(ctl, ${SEQ});
  const cmd = Atomics.load(ctl, ${CMD});
  if (cmd === ${CMD_EXIT}) break;
  try {
    const x = ctl[${ARG0}], y = ctl[${ARG1}];
    if (cmd === ${CMD_UPDATE}) {
      K.update(a, n, rows, rowPtr[x], rowPtr[x + 1], start[x], start[x + 1], 1, 2);
      K.updateExtra(a, n, m, rows, rowPtr[x], rowPtr[x + 1], start[x], start[x + 1]);
    }
    else if (cmd === ${CMD_DENSE}) K.denseGroups(a, n, x, y, 1, 2, ctl, ${PROGRESS}, ${FAILED});
    else if (cmd === ${CMD_SUBTRACT}) K.subtractRows(a, n, x, y, incPtr, incAt, incStart, sortedNew, sorted);
  } catch (e) {
    Atomics.store(ctl, ${ERROR}, 1);
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

/**
 * A team for this later block (Q₂ columns, m = p + 1 right-hand-side rows below: see
 * factorSupernodal), or null when one thread is as good (small block, one core).
 */
export function startTeam(later: LaterBlock, Q2: number, m: number, sortedLength: number): Team | null {
  if (Q2 === 0 || supernodalWork(later.sn) < WORK_MIN || availableParallelism() < 2) return null;
  const sn = later.sn;
  const ctl = new Int32Array(new SharedArrayBuffer(16 * 4));
  const l22 = new Float64Array(new SharedArrayBuffer((Q2 + m) * Q2 * 8));
  const sorted = new Float64Array(new SharedArrayBuffer(Math.max(sortedLength, 1) * 8));
  const { start, rowPtr, rows } = sn;
  const { incPtr, incAt, incStart, sortedNew } = later;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ctl, a: l22, n: Q2, m, start, rowPtr, rows, incPtr, incAt, incStart, sortedNew, sorted },
    });
  } catch {
    // A host without worker threads: one thread does everything.
    return null;
  }
  worker.unref();
  // The thread must be up before the first evaluation relies on it; if it is not (it could not
  // start, or the machine is far too busy), one thread does everything.
  for (const t0 = Date.now(); Atomics.load(ctl, READY) === 0 && Date.now() - t0 < START_MS; ) Atomics.wait(ctl, READY, 0, 50);
  if (Atomics.load(ctl, READY) === 0) {
    void worker.terminate();
    return null;
  }
  let alive = true;
  worker.on('error', () => (alive = false));
  worker.on('exit', () => (alive = false));

  const post = (cmd: number, x: number, y: number): number => {
    if (!alive) throw new AppError('internal', 'lmer: the second thread of the factorisation has stopped.');
    ctl[CMD] = cmd;
    ctl[ARG0] = x;
    ctl[ARG1] = y;
    const seq = Atomics.add(ctl, SEQ, 1) + 1;
    Atomics.notify(ctl, SEQ);
    return seq;
  };
  // Spin first (the worker's share takes about as long as ours), then sleep until notified.
  const join = (seq: number): void => {
    const t0 = Date.now();
    for (let spin = 1; ; spin++) {
      const done = Atomics.load(ctl, DONE);
      if (done === seq) break;
      if (spin < 20000) continue;
      Atomics.wait(ctl, DONE, done, 10);
      if (Date.now() - t0 > TIMEOUT_MS) {
        alive = false;
        throw new AppError('internal', `lmer: the second thread of the factorisation did not answer within ${TIMEOUT_MS / 1000} s.`);
      }
    }
    if (ctl[ERROR] !== 0) {
      alive = false;
      throw new AppError('internal', 'lmer: the second thread of the factorisation failed.');
    }
  };

  const subtractShared = (lay: BlockLayout, laterBlock: LaterBlock): void => {
    if (lay.q1 !== 1) {
      subtractPanels(lay, laterBlock, sorted, l22, 0, Q2);
      return;
    }
    const seq = post(CMD_SUBTRACT, laterBlock.halfway, Q2);
    subtractPanels(lay, laterBlock, sorted, l22, 0, laterBlock.halfway);
    join(seq);
  };
  const choose = adaptiveChoice();

  const team: Team = {
    l22,
    sorted,
    run(lay, laterBlock) {
      const shared = choose.next();
      const t0 = performance.now();
      let ok: boolean;
      if (shared) {
        subtractShared(lay, laterBlock);
        ok = team.factorShared();
      } else {
        subtractPanels(lay, laterBlock, sorted, l22, 0, Q2);
        ok = factorSupernodal(l22, Q2, m, start, rowPtr, rows);
      }
      if (ok) choose.record(shared, performance.now() - t0);
      return ok;
    },
    factorShared() {
      for (let s = 0; s < sn.count; s++) {
        const c0 = start[s];
        const c1 = start[s + 1];
        const b0 = rowPtr[s];
        const b1 = rowPtr[s + 1];
        if (b1 === b0 && c1 - c0 >= DENSE_MIN) {
          ctl[PROGRESS] = 0;
          ctl[FAILED] = 0;
          const seq = post(CMD_DENSE, c0, c1);
          const ok = kernels.denseGroups(l22, Q2, c0, c1, 0, 2, ctl, PROGRESS, FAILED);
          join(seq);
          if (!ok || ctl[FAILED] !== 0) return false;
          kernels.extraRows(l22, Q2, m, c0, c1);
          continue;
        }
        if (!kernels.panel(l22, Q2, c0, c1, rows, b0, b1)) return false;
        kernels.extraRows(l22, Q2, m, c0, c1);
        if (b1 === b0) continue;
        const r = b1 - b0;
        if ((r * r * (c1 - c0)) / 2 >= UPDATE_MIN) {
          // The worker also takes the right-hand-side rows.
          const seq = post(CMD_UPDATE, s, 0);
          kernels.update(l22, Q2, rows, b0, b1, c0, c1, 0, 2);
          join(seq);
        } else {
          kernels.update(l22, Q2, rows, b0, b1, c0, c1, 0, 1);
          kernels.updateExtra(l22, Q2, m, rows, b0, b1, c0, c1);
        }
      }
      return true;
    },
    dispose() {
      if (alive) post(CMD_EXIT, 0, 0);
      alive = false;
      void worker.terminate();
    },
  };
  return team;
}

/**
 * Two threads win on an idle machine (InstEval: 19 ms for this part of an evaluation against
 * 33 ms), but lose badly when other processes keep the cores busy: every wait for the other
 * thread can then cost a time slice. So the last few times of each mode are kept and the mode
 * with the lower best time is used, the other being tried again every PROBE_EVERY evaluations.
 * The first WARM_UP runs are shared and not counted (both threads' code is still being
 * compiled); then one single-thread run, and shared ones until there are two to compare.
 */
const PROBE_EVERY = 16;
const WARM_UP = 4;
const KEEP = 3;

function adaptiveChoice(): { next(): boolean; record(shared: boolean, ms: number): void } {
  const times: [number[], number[]] = [[], []];
  const best = (k: number) => Math.min(...times[k]);
  let runs = 0;
  return {
    next() {
      runs++;
      if (runs <= WARM_UP) return true;
      if (times[0].length === 0) return false;
      if (times[1].length < 2) return true;
      const shared = best(1) <= best(0);
      return runs % PROBE_EVERY === 0 ? !shared : shared;
    },
    record(shared, ms) {
      if (runs <= WARM_UP) return;
      const t = times[shared ? 1 : 0];
      t.push(ms);
      if (t.length > KEEP) t.shift();
    },
  };
}
