import { beforeAll, describe, expect, it } from 'vitest';
import { BootIntervals } from '../../../../src-shared/inference';
import { setBootWorkerScript } from '../../../../src-main/engine/inference/bootstrap/boot-pool';
import { bootstrapLmm } from '../../../../src-main/engine/inference/bootstrap/bootstrap-lmm';
import { fitLmmModel } from '../../../../src-main/engine/lmm/fit-lmer';
import type { LmmModel } from '../../../../src-main/engine/lmm/model';
import { caseModel, lmerCase } from '../lmm/helpers';
import { bootFixture, useBuiltBootWorker } from './bootstrap-helpers';

async function fitted(id: string, reml: boolean): Promise<{ model: LmmModel; theta: Float64Array }> {
  const model = await caseModel(lmerCase(`lme4/${id}.json`));
  const fit = await fitLmmModel(model, { reml });
  return { model, theta: Float64Array.from(fit.theta) };
}

/**
 * The same random numbers as R, so the intervals agree far closer than Monte Carlo error
 * (0.15 SE is about 0.04 of a 95% interval's width): to this fraction of each interval's
 * width. What is left is R's optimiser: lme4 simulates from its own fit (θ about 1e-7
 * from the optimum) and stops each refit at NLopt's xtol_rel = 1e-4, which moves R's
 * replicates by up to about 1e-4 relative (a little over 1e-4 of the width seen here).
 */
const CLOSE = 1e-3;

describe('bootstrapLmm (confint(fit, method = "boot"))', () => {
  beforeAll(useBuiltBootWorker);

  // Exam m3 (REML, 1000 refits of 4,059 rows) at one level only, to keep the suite quick.
  it.each([
    ['jsp_ri_gender', [0.95, 0.9]],
    ['exam_m3_rs', [0.95]],
    ['exam_m3_rs_ml', [0.95, 0.9]],
  ] as const)("%s: lme4's percentile intervals for R's seed, every parameter, at levels %j", async (id, levels) => {
    const fx = bootFixture(id);
    const { model, theta } = await fitted(id, fx.REML);
    for (const ref of fx.ci.filter((r) => (levels as readonly number[]).includes(r.level))) {
      const res = await bootstrapLmm(model, theta, fx.REML, { nsim: fx.nsim, seed: fx.seed, level: ref.level });
      expect(BootIntervals.parse(res)).toEqual(res);
      expect(res.names).toEqual(ref.names);
      expect(res.failed).toBe(fx.failed);
      expect(res.replicates.every((r) => r.length === fx.nsim - fx.failed)).toBe(true);
      res.ci.forEach(([lo, hi], k) => {
        const width = ref.ci[k][1] - ref.ci[k][0];
        expect(Math.abs((lo ?? NaN) - ref.ci[k][0]) / width, `${ref.names[k]} lower`).toBeLessThan(CLOSE);
        expect(Math.abs((hi ?? NaN) - ref.ci[k][1]) / width, `${ref.names[k]} upper`).toBeLessThan(CLOSE);
      });
      res.estimate.forEach((v, k) => expect(Math.abs(v - fx.t0[k]) / Math.abs(fx.t0[k])).toBeLessThan(1e-4));
      expect(res.text.split('\n')[0]).toBe(ref.text.split('\n')[0]);
      expect(res.messages).toEqual([]);
    }
  }, 120_000);

  it('jsp_ri_gender: within 0.15 SE of the reference confint_boot (lme4 1.1-31, nsim 1000, seed 1000)', async () => {
    const c = lmerCase('lme4/jsp_ri_gender.json') as ReturnType<typeof lmerCase> & { fit: { confint_boot: { nsim: number; seed: number; names: string[]; ci: number[][] } } };
    const ref = c.fit.confint_boot;
    const { model, theta } = await fitted('jsp_ri_gender', true);
    const res = await bootstrapLmm(model, theta, true, { nsim: ref.nsim, seed: ref.seed });
    ref.names.forEach((name, k) => {
      const i = res.names.indexOf(name);
      const se = (c.fit.fixef.se as number[])[k];
      expect(Math.abs((res.ci[i][0] ?? NaN) - ref.ci[k][0]) / se, name).toBeLessThan(0.15);
      expect(Math.abs((res.ci[i][1] ?? NaN) - ref.ci[k][1]) / se, name).toBeLessThan(0.15);
    });
  }, 60_000);

  it('gives the same replicates and intervals on 1 or 2 worker threads or on the calling thread', async () => {
    const { model, theta } = await fitted('exam_m3_rs', true);
    const run = (threads: number) => bootstrapLmm(model, theta, true, { nsim: 60, seed: 3, threads });
    const [one, two, here] = [await run(1), await run(2), await run(0)];
    expect(two.replicates).toEqual(one.replicates);
    expect(here.replicates).toEqual(one.replicates);
    expect(two.ci).toEqual(one.ci);
    expect(two.text).toBe(one.text);
  }, 60_000);

  it('falls back to the calling thread, with the same numbers, when no worker can start', async () => {
    const { model, theta } = await fitted('jsp_ri_gender', true);
    const withWorkers = await bootstrapLmm(model, theta, true, { nsim: 40, seed: 11, threads: 2 });
    try {
      setBootWorkerScript('/nonexistent/boot-worker.mjs');
      const broken = await bootstrapLmm(model, theta, true, { nsim: 40, seed: 11, threads: 2 });
      expect(broken.replicates).toEqual(withWorkers.replicates);
      expect(broken.messages.at(-1)).toMatch(/^The refits ran on one thread: worker threads could not start \(/);
      setBootWorkerScript(null);
      const none = await bootstrapLmm(model, theta, true, { nsim: 40, seed: 11, threads: 2 });
      expect(none.replicates).toEqual(withWorkers.replicates);
      expect(none.messages).toEqual(['The refits ran on one thread: the worker script (boot-worker.js) is not next to the engine.']);
    } finally {
      useBuiltBootWorker();
    }
  }, 60_000);

  it('reports progress as refits done over nsim, at most ten times a second, ending at 1', async () => {
    const { model, theta } = await fitted('exam_m3_rs', true);
    const seen: [number, string][] = [];
    await bootstrapLmm(model, theta, true, { nsim: 200, seed: 5, threads: 2, onProgress: (f, m) => seen.push([f, m]) });
    expect(seen.at(-1)).toEqual([1, 'Bootstrap: 200 of 200 refits']);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
    for (const [f, m] of seen) expect(m).toBe(`Bootstrap: ${Math.round(f * 200)} of 200 refits`);
  }, 60_000);

  it('stops when the checkpoint rejects (cancel) and ends its workers', async () => {
    const { model, theta } = await fitted('exam_m3_rs', true);
    let calls = 0;
    let done = 0;
    const started = performance.now();
    const cancelled = new Error('cancelled by the test');
    const run = bootstrapLmm(model, theta, true, {
      nsim: 100_000,
      seed: 1,
      threads: 2,
      checkpoint: async () => {
        if (++calls > 5) throw cancelled;
      },
      onProgress: (f) => (done = f),
    });
    await expect(run).rejects.toBe(cancelled);
    expect(done).toBeLessThan(0.01);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('refuses bad arguments with a clear message', async () => {
    const { model, theta } = await fitted('jsp_ri_gender', true);
    await expect(bootstrapLmm(model, theta, true, { nsim: 0, seed: 1 })).rejects.toThrow(/nsim\) must be a whole number of at least 1 \(got 0\)/);
    await expect(bootstrapLmm(model, theta, true, { nsim: 10, seed: 1.5 })).rejects.toThrow(/seed must be a whole number/);
    await expect(bootstrapLmm(model, theta, true, { nsim: 10, seed: 1, level: 1 })).rejects.toThrow(/level must be between 0 and 1/);
    await expect(bootstrapLmm(model, Float64Array.of(-1), true, { nsim: 10, seed: 1 })).rejects.toThrow(/school.\(Intercept\) = -1 is not a finite value at or above its lower bound 0/);
    await expect(bootstrapLmm(model, Float64Array.of(1, 2), true, { nsim: 10, seed: 1 })).rejects.toThrow(/θ has 2 values; this model has 1/);
  });
});
