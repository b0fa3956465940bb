import { describe, expect, it, vi } from 'vitest';
import { JobContext } from '../../../../src-main/engine/tasks/job-context';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const reports: { fraction: number | null; message: string }[] = [];
  return { reports, report: (fraction: number | null, message: string) => void reports.push({ fraction, message }) };
}

/** Whether `checkpoint()` let an already scheduled setImmediate run before it resolved. */
async function checkpointYielded(ctx: JobContext): Promise<boolean> {
  let immediateRan = false;
  setImmediate(() => (immediateRan = true));
  await ctx.checkpoint();
  return immediateRan;
}

describe('JobContext.checkpoint', () => {
  it('does not yield before 20 ms of work and yields after', async () => {
    let clock = 0;
    const ctx = new JobContext({ report: () => undefined, now: () => clock });
    clock = 5;
    expect(await checkpointYielded(ctx)).toBe(false);
    clock = 25;
    expect(await checkpointYielded(ctx)).toBe(true);
    clock = 30;
    expect(await checkpointYielded(ctx)).toBe(false);
  });

  it('rejects with the cancelled error after cancel(), also when the cancel arrives during a yield', async () => {
    const ctx = new JobContext({ report: () => undefined, yieldEveryMs: 0 });
    await ctx.checkpoint();
    setImmediate(() => ctx.cancel());
    const pending = ctx.checkpoint();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: 'The job was cancelled.' });
    await expect(ctx.checkpoint()).rejects.toMatchObject({ code: 'cancelled' });
    expect(ctx.isCancelled).toBe(true);
  });

  it('waits the test delay at every checkpoint', async () => {
    const ctx = new JobContext({ report: () => undefined, testDelayMs: 30 });
    const t0 = performance.now();
    await ctx.checkpoint();
    await ctx.checkpoint();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });
});

describe('JobContext.progress', () => {
  it('sends at most one report per 50 ms, keeping the latest, and a fraction of 1 at once', () => {
    // A controlled clock: under load a real 80 ms sleep can become 200 ms and change what is throttled.
    vi.useFakeTimers();
    try {
      let clock = 1000;
      const { reports, report } = recorder();
      const ctx = new JobContext({ report, now: () => clock });
      ctx.progress(0.1, 'a');
      ctx.progress(0.2, 'b');
      ctx.progress(0.3, 'c');
      expect(reports).toEqual([{ fraction: 0.1, message: 'a' }]);
      clock += 50;
      vi.advanceTimersByTime(50);
      expect(reports).toEqual([
        { fraction: 0.1, message: 'a' },
        { fraction: 0.3, message: 'c' },
      ]);
      clock += 10;
      ctx.progress(0.4, 'd');
      ctx.progress(1, 'done');
      expect(reports.slice(2)).toEqual([{ fraction: 1, message: 'done' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends the waiting report on close() and nothing after it', async () => {
    const { reports, report } = recorder();
    const ctx = new JobContext({ report });
    ctx.progress(0.5, 'half');
    ctx.progress(0.6, 'more');
    ctx.close();
    ctx.progress(0.7, 'late');
    await sleep(80);
    expect(reports.map((r) => r.message)).toEqual(['half', 'more']);
  });

  it('clamps fractions into 0..1 and turns NaN into null (unknown)', () => {
    const { reports, report } = recorder();
    const ctx = new JobContext({ report, progressEveryMs: 0 });
    ctx.progress(-0.5);
    ctx.progress(1.5);
    ctx.progress(NaN);
    expect(reports.map((r) => r.fraction)).toEqual([0, 1, null]);
  });
});
