import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataPage } from '@shared/dataset';
import { PageCache, type PageRequest } from '../../../../../src-renderer/lib/grid/page-cache';

/** A fake main: cell (r, c) holds r * 10 + c, answers when the test says so. */
function fakeMain() {
  const requests: PageRequest[] = [];
  const answers: (() => void)[] = [];
  const fetch = (req: PageRequest) =>
    new Promise<{ ok: true; page: DataPage }>((resolve) => {
      requests.push(req);
      answers.push(() => {
        const columns = Array.from({ length: req.columnCount }, (_, j) => ({
          name: `c${req.columnStart + j}`,
          cells: Array.from({ length: req.rowCount }, (_, i) => (req.rowStart + i) * 10 + req.columnStart + j),
        }));
        resolve({ ok: true, page: { datasetId: 'd', rowStart: req.rowStart, rowCount: req.rowCount, columnStart: req.columnStart, columns } });
      });
    });
  const answerAll = async () => {
    while (answers.length) answers.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { requests, fetch, answerAll };
}

describe('PageCache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fetches the visible page, then its neighbour, and serves cells from them', async () => {
    const main = fakeMain();
    let loads = 0;
    const cache = new PageCache({ rows: 1000, columns: 3, fetch: main.fetch, onLoad: () => loads++, pageRows: 100, now: () => Date.now() });
    cache.want(0, 30, 0, 3);
    expect(main.requests).toEqual([
      { rowStart: 0, rowCount: 100, columnStart: 0, columnCount: 3 },
      { rowStart: 100, rowCount: 100, columnStart: 0, columnCount: 3 },
    ]);
    expect(cache.cell(5, 2)).toBeUndefined();
    await main.answerAll();
    expect(loads).toBe(2);
    expect(cache.cell(5, 2)).toBe(52);
    expect(cache.cell(150, 1)).toBe(1501);
  });

  it('keeps at most two requests in flight and asks only for where a fast scroll ends', async () => {
    const main = fakeMain();
    const cache = new PageCache({ rows: 1_000_000, columns: 2, fetch: main.fetch, onLoad: () => {}, pageRows: 200, now: () => Date.now() });
    cache.want(0, 30, 0, 2);
    expect(main.requests.length).toBe(2);
    // A fling: 100 frames, each 16 ms and 5,000 rows further on.
    for (let f = 1; f <= 100; f++) {
      vi.advanceTimersByTime(16);
      cache.want(f * 5000, f * 5000 + 30, 0, 2);
    }
    expect(main.requests.length).toBe(2); // nothing new while both requests are out
    await main.answerAll();
    vi.advanceTimersByTime(100);
    await main.answerAll();
    const asked = main.requests.slice(2).map((r) => r.rowStart);
    expect(asked).toContain(500_000);
    expect(main.requests.length).toBeLessThanOrEqual(6);
    expect(cache.cell(500_010, 1)).toBe(5_000_101);
  });

  it('asks for columns in blocks of at most 500 when a dataset is wider', async () => {
    const main = fakeMain();
    const cache = new PageCache({ rows: 50, columns: 1200, fetch: main.fetch, onLoad: () => {}, pageRows: 100, now: () => Date.now() });
    cache.want(0, 20, 480, 520);
    expect(main.requests).toEqual([
      { rowStart: 0, rowCount: 50, columnStart: 0, columnCount: 500 },
      { rowStart: 0, rowCount: 50, columnStart: 500, columnCount: 500 },
    ]);
    await main.answerAll();
    expect(cache.cell(3, 499)).toBe(529);
    expect(cache.cell(3, 500)).toBe(530);
  });

  it('evicts the least recently used pages beyond its capacity', async () => {
    const main = fakeMain();
    const cache = new PageCache({
      rows: 10_000,
      columns: 1,
      fetch: main.fetch,
      onLoad: () => {},
      pageRows: 100,
      capacity: 3,
      maxInFlight: 10,
      minIntervalMs: 0,
      now: () => Date.now(),
    });
    for (const start of [0, 2000, 4000, 6000]) {
      cache.want(start, start + 10, 0, 1);
      await main.answerAll();
    }
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.cell(5, 0)).toBeUndefined();
    expect(cache.cell(6005, 0)).toBe(60050);
  });

  it('reports a failed page once and retries it after a pause', async () => {
    const errors: string[] = [];
    let calls = 0;
    const cache = new PageCache({
      rows: 100,
      columns: 1,
      pageRows: 100,
      fetch: async (req) => {
        calls++;
        if (calls === 1) return { ok: false, message: 'main is busy' };
        return { ok: true, page: { datasetId: 'd', rowStart: req.rowStart, rowCount: req.rowCount, columnStart: 0, columns: [{ name: 'x', cells: [7] }] } };
      },
      onLoad: () => {},
      onError: (m) => errors.push(m),
      now: () => Date.now(),
    });
    cache.want(0, 10, 0, 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['main is busy']);
    cache.want(0, 10, 0, 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(2);
    expect(cache.cell(0, 0)).toBe(7);
  });

  it('tells its listeners of each page that arrives, until they stop listening', async () => {
    const main = fakeMain();
    const cache = new PageCache({ rows: 1000, columns: 1, fetch: main.fetch, pageRows: 100, now: () => Date.now() });
    let heard = 0;
    const stop = cache.listen(() => heard++);
    cache.want(0, 10, 0, 1);
    await main.answerAll();
    expect(heard).toBe(2);
    stop();
    cache.want(500, 510, 0, 1);
    vi.advanceTimersByTime(100);
    await main.answerAll();
    expect(cache.cell(505, 0)).toBe(5050);
    expect(heard).toBe(2);
  });
});
