import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Column } from '../../../src-main/engine/data/column';

export const sampleDataDir = fileURLToPath(new URL('../../../resources/sample-data/', import.meta.url));

/**
 * A deliberately simple reader for the tidy sample CSVs (no embedded commas or
 * quotes), so summary and job tests do not depend on the real importer: quoted
 * fields make a factor (levels sorted, as R's read.csv does), unquoted ones a
 * numeric column, "NA" or empty is missing.
 */
export function readSimpleCsv(fileName: string): { rows: number; columns: Column[] } {
  const lines = readFileSync(sampleDataDir + fileName, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',').map(unquote);
  const cells = lines.slice(1).map((l) => l.split(','));
  const columns: Column[] = header.map((name, j) => {
    const raw = cells.map((row) => row[j]);
    if (raw.some((v) => v.startsWith('"'))) {
      const texts = raw.map(unquote);
      const levels = [...new Set(texts.filter((t) => t !== '' && t !== 'NA'))].sort();
      const codes = Int32Array.from(texts, (t) => (t === '' || t === 'NA' ? -1 : levels.indexOf(t)));
      return { name, kind: 'factor', codes, levels };
    }
    return { name, kind: 'numeric', values: Float64Array.from(raw, (v) => (v === '' || v === 'NA' ? NaN : Number(v))) };
  });
  return { rows: cells.length, columns };
}

function unquote(text: string): string {
  return text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** Textbook reference statistics, written independently of src-main/engine/summary.ts. */
export function referenceStats(values: Float64Array): { n: number; mean: number; sd: number; quantiles: number[] } {
  const x = Array.from(values).filter((v) => !Number.isNaN(v));
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const sorted = x.sort((a, b) => a - b);
  // Hyndman & Fan's definition 7: Q(p) = x[j] + γ(x[j+1] − x[j]), j = ⌊np + 1 − p⌋ (1-based), γ = np + 1 − p − j.
  const quantiles = [0, 0.25, 0.5, 0.75, 1].map((p) => {
    const t = n * p + 1 - p;
    const j = Math.floor(t);
    const gamma = t - j;
    return j >= n ? sorted[n - 1] : sorted[j - 1] + gamma * (sorted[j] - sorted[j - 1]);
  });
  return { n, mean, sd, quantiles };
}
