import { AppError } from '@shared/errors';
import type { ColumnSummary, DatasetSummary } from '@shared/jobs';
import { MISSING_CODE, type Column, type FactorColumn, type NumericColumn } from './data/column';
import type { TaskContext } from './context';

/** Rows between checkpoints inside one column: a few milliseconds of work, so cancel stays prompt. */
const ROWS_PER_CHECKPOINT = 1 << 18;

/**
 * Per-column summaries as R's `summary()`/`sd()` would give them: counts of
 * non-missing and missing values, mean, sd with the n − 1 denominator, and
 * min/Q1/median/Q3/max by `quantile(type = 7)`; factors get counts per level in
 * level order.
 */
export async function summarizeColumns(columns: Column[], ctx: TaskContext): Promise<ColumnSummary[]> {
  const out: ColumnSummary[] = [];
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j];
    ctx.progress(j / columns.length, `Summarising ${column.name} (${j + 1} of ${columns.length})`);
    await ctx.checkpoint();
    out.push(column.kind === 'factor' ? await summarizeFactor(column, ctx) : await summarizeNumeric(column, ctx));
  }
  ctx.progress(1, `Summarised ${columns.length} column${columns.length === 1 ? '' : 's'}`);
  return out;
}

export async function summarizeDataset(
  input: { datasetId: string; rows: number; columns: Column[] },
  ctx: TaskContext,
): Promise<DatasetSummary> {
  return { datasetId: input.datasetId, rows: input.rows, columns: await summarizeColumns(input.columns, ctx) };
}

async function summarizeNumeric(column: NumericColumn, ctx: TaskContext): Promise<ColumnSummary> {
  const values = column.values;
  const present = new Float64Array(values.length);
  let n = 0;
  for (let start = 0; start < values.length; start += ROWS_PER_CHECKPOINT) {
    const end = Math.min(values.length, start + ROWS_PER_CHECKPOINT);
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v === v) present[n++] = v;
    }
    if (end < values.length) await ctx.checkpoint();
  }
  const x = present.subarray(0, n);
  const mean = n > 0 ? await meanOf(x, ctx) : null;
  const sd = mean !== null && n > 1 ? Math.sqrt(await sumOfSquaredDeviations(x, mean, ctx) / (n - 1)) : null;
  await ctx.checkpoint();
  const quantiles = n > 0 ? quantilesType7(x.slice().sort(), [0, 0.25, 0.5, 0.75, 1]) : null;
  return {
    name: column.name,
    kind: column.kind,
    n,
    missing: values.length - n,
    // ±Inf (from Inf in the data or overflow) cannot cross JSON or the result schema; null says "no finite value".
    mean: finiteOrNull(mean),
    sd: finiteOrNull(sd),
    quantiles: quantiles && quantiles.every(Number.isFinite) ? (quantiles as [number, number, number, number, number]) : null,
  } as ColumnSummary;
}

async function summarizeFactor(column: FactorColumn, ctx: TaskContext): Promise<ColumnSummary> {
  const codes = column.codes;
  const counts = new Float64Array(column.levels.length);
  let missing = 0;
  for (let start = 0; start < codes.length; start += ROWS_PER_CHECKPOINT) {
    const end = Math.min(codes.length, start + ROWS_PER_CHECKPOINT);
    for (let i = start; i < end; i++) {
      const code = codes[i];
      if (code === MISSING_CODE) missing++;
      else if (code >= 0 && code < counts.length) counts[code]++;
      else {
        throw new AppError(
          'internal',
          `Column ${column.name}, row ${i + 1}: factor code ${code} is outside its ${counts.length} levels.`,
        );
      }
    }
    if (end < codes.length) await ctx.checkpoint();
  }
  return {
    name: column.name,
    kind: 'factor',
    n: codes.length - missing,
    missing,
    levels: column.levels.map((level, k) => ({ level, count: counts[k] })),
  };
}

/**
 * The mean with R's second-pass correction: the sum's rounding error is
 * recovered by adding the mean deviation from the first estimate.
 */
async function meanOf(x: Float64Array, ctx: TaskContext): Promise<number> {
  const n = x.length;
  let sum = 0;
  for (let start = 0; start < n; start += ROWS_PER_CHECKPOINT) {
    const end = Math.min(n, start + ROWS_PER_CHECKPOINT);
    for (let i = start; i < end; i++) sum += x[i];
    if (end < n) await ctx.checkpoint();
  }
  const first = sum / n;
  if (!Number.isFinite(first)) return first;
  let correction = 0;
  for (let start = 0; start < n; start += ROWS_PER_CHECKPOINT) {
    const end = Math.min(n, start + ROWS_PER_CHECKPOINT);
    for (let i = start; i < end; i++) correction += x[i] - first;
    if (end < n) await ctx.checkpoint();
  }
  return first + correction / n;
}

/**
 * Σ(x − m)² by the corrected two-pass formula (Chan, Golub & LeVeque 1983):
 * subtracting (Σ(x − m))²/n removes what the mean's own rounding adds.
 */
async function sumOfSquaredDeviations(x: Float64Array, mean: number, ctx: TaskContext): Promise<number> {
  const n = x.length;
  let ss = 0;
  let s = 0;
  for (let start = 0; start < n; start += ROWS_PER_CHECKPOINT) {
    const end = Math.min(n, start + ROWS_PER_CHECKPOINT);
    for (let i = start; i < end; i++) {
      const d = x[i] - mean;
      ss += d * d;
      s += d;
    }
    if (end < n) await ctx.checkpoint();
  }
  return Math.max(0, ss - (s * s) / n);
}

/**
 * R's `quantile(x, probs, type = 7)` on sorted, non-empty `sorted`: with
 * h = 1 + (n − 1)p, the value (1 − f)·x[⌊h⌋] + f·x[⌈h⌉], f = h − ⌊h⌋, written
 * exactly as R's quantile.default so equal neighbours give that value exactly.
 */
export function quantilesType7(sorted: Float64Array, probs: readonly number[]): number[] {
  const n = sorted.length;
  return probs.map((p) => {
    const index = 1 + (n - 1) * p;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const qlo = sorted[lo - 1];
    const qhi = sorted[hi - 1];
    if (!(index > lo && qhi !== qlo)) return qlo;
    const h = index - lo;
    return (1 - h) * qlo + h * qhi;
  });
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
