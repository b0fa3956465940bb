/** Wall-clock seconds of `runs` calls after one warm-up call (the JIT compiles the hot loops there). */
export async function timeRuns<T>(runs: number, fn: () => Promise<T> | T): Promise<{ seconds: number[]; last: T }> {
  let last = await fn();
  const seconds: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    last = await fn();
    seconds.push((performance.now() - start) / 1000);
  }
  return { seconds, last };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
