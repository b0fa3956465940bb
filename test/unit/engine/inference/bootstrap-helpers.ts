import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { setBootWorkerScript } from '../../../../src-main/engine/inference/bootstrap/boot-pool';

/** A case of test/fixtures/inference/boot (see its README). */
export interface BootFixture {
  id: string;
  formula: string;
  REML: boolean;
  nsim: number;
  seed: number;
  theta: number[] | number;
  sigma: number;
  beta: number[];
  sim: { columns: number[]; n: number; head: number[][]; last: number[] };
  names: string[];
  t0: number[];
  /** One row per replicate; null where R's refit failed. */
  t: (number | null)[][];
  failed: number;
  ci: { level: number; names: string[]; ci: [number, number][]; text: string }[];
}

export function bootFixture(id: string): BootFixture {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/inference/boot/${id}.json`, import.meta.url), 'utf8'));
}

/** R's replicates of one parameter (column k of t), NA as NaN. */
export function column(fx: BootFixture, k: number): Float64Array {
  return Float64Array.from(fx.t, (row) => row[k] ?? NaN);
}

/** The tests run the engine from its sources: its worker thread is the one the global setup built. */
export function useBuiltBootWorker(): void {
  const built = inject('bootWorkerBuild');
  if ('error' in built) throw new Error(built.error);
  setBootWorkerScript(built.script);
}
