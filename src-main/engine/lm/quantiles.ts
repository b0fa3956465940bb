/**
 * R's quantile(x, probs, type = 7) without sorting everything: only the order
 * statistics the probabilities touch are selected (R also uses a partial sort).
 * NaN values are not allowed (R would stop); callers pass residuals, which have none.
 */
export function quantilesType7(x: Float64Array, probs: readonly number[]): number[] {
  const n = x.length;
  if (n === 0) return probs.map(() => NaN);
  const work = Float64Array.from(x);
  const index = probs.map((p) => 1 + (n - 1) * p);
  const ranks = [...new Set(index.flatMap((h) => [Math.floor(h) - 1, Math.ceil(h) - 1]))].sort((a, b) => a - b);
  const value = new Map<number, number>();
  // The extremes need no selection: one scan finds both, before anything is moved.
  if (ranks[0] === 0 || ranks[ranks.length - 1] === n - 1) {
    let min = work[0];
    let max = work[0];
    for (let i = 1; i < n; i++) {
      const v = work[i];
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    value.set(0, min);
    value.set(n - 1, max);
  }
  let from = 0;
  for (const rank of ranks) {
    if (rank === 0 || rank === n - 1) continue;
    if (rank === from && from > 0) {
      // Right after a selected rank: the next order statistic is the smallest of what lies to its right.
      let at = from;
      for (let i = from + 1; i < n; i++) if (work[i] < work[at]) at = i;
      swap(work, from, at);
      value.set(rank, work[rank]);
    } else {
      select(work, from, n - 1, rank);
      value.set(rank, work[rank]);
    }
    // Everything right of `rank` is now ≥ it, so the next (larger) rank lies there.
    from = rank + 1;
  }
  return index.map((h) => {
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    const qlo = value.get(lo - 1) as number;
    const qhi = value.get(hi - 1) as number;
    if (!(h > lo && qhi !== qlo)) return qlo;
    const g = h - lo;
    return (1 - g) * qlo + g * qhi;
  });
}

/** Hoare quickselect: puts the k-th smallest of a[left..right] at a[k], smaller before, larger after. */
function select(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot keeps sorted or constant input linear.
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
