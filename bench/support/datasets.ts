import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { normalGenerator, uniformGenerator } from './random';

/** Lines joined per write: a few MB of text at a time, never one string of the whole file. */
const LINES_PER_WRITE = 20_000;

function writeLines(path: string, header: string, rows: number, line: (i: number) => string): number {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header + '\n');
    let chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(line(i));
      if (chunk.length === LINES_PER_WRITE) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  return statSync(path).size;
}

/** The linear model behind lm.csv, so a fit can be checked against the truth as well as against R. */
export const LM_TRUTH = {
  intercept: 2,
  /** Coefficients of x1 … x8. */
  slopes: [0.5, -1, 0.25, 2, 0, -0.75, 1.5, 0.1],
  /** Scale of each predictor (x_j = scale_j · N(0, 1) + shift_j), so the columns differ as real ones do. */
  scales: [1, 2, 0.5, 10, 1, 3, 0.1, 100],
  shifts: [0, 5, -1, 50, 0, 0, 2, 1000],
  groups: 20,
  /** Effect of group k (k = 0 … 19) relative to the mean: (k − 9.5) / 10. */
  groupEffect: (k: number) => (k - 9.5) / 10,
  sigma: 1,
};

export const LM_FORMULA = 'y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + g';

/** Level labels g01 … g20: they sort the same as text and as R sorts them. */
export function groupLabel(k: number): string {
  return 'g' + String(k + 1).padStart(2, '0');
}

/**
 * The lm case: y, x1 … x8 (numbers with 6 decimals), g (a factor with 20 levels),
 * y = 2 + Σ β_j x_j + γ_g + ε with ε ~ N(0, 1). Returns the file size in bytes.
 */
export function writeLmCsv(path: string, rows: number, seed = 20240611): number {
  const normal = normalGenerator(seed);
  const uniform = uniformGenerator(seed ^ 0x5bd1e995);
  const t = LM_TRUTH;
  const header = ['y', ...t.slopes.map((_, j) => `x${j + 1}`), 'g'].join(',');
  const x = new Float64Array(t.slopes.length);
  return writeLines(path, header, rows, () => {
    let y = t.intercept;
    let fields = '';
    for (let j = 0; j < x.length; j++) {
      // Rounded before y is computed, so the file holds exactly the values the model used.
      x[j] = Number((t.shifts[j] + t.scales[j] * normal()).toFixed(6));
      y += t.slopes[j] * x[j];
      fields += ',' + x[j].toFixed(6);
    }
    const k = Math.floor(uniform() * t.groups);
    y += t.groupEffect(k) + t.sigma * normal();
    return y.toFixed(6) + fields + ',' + groupLabel(k);
  });
}

/** Ten numeric columns like real data: ids, counts, and scores with 4–7 decimals, some negative. */
export function writeNumbersCsv(path: string, rows: number, seed = 20240611): number {
  const random = uniformGenerator(seed);
  const columns = 10;
  const header = Array.from({ length: columns }, (_, j) => `x${j + 1}`).join(',');
  return writeLines(path, header, rows, (i) => {
    let line = String(1 + (i >> 6)) + ',' + String(Math.floor(random() * 1000));
    for (let j = 2; j < columns; j++) line += ',' + ((random() - 0.5) * 20).toFixed(4 + (j % 4));
    return line;
  });
}

/** exam.csv's data lines (quoted labels and ids, as R's write.csv writes them) repeated to `rows` lines. */
export function writeExamLikeCsv(path: string, examPath: string, rows: number): number {
  const exam = readFileSync(examPath, 'utf8').trimEnd().split('\n');
  return writeLines(path, exam[0], rows, (i) => exam[1 + (i % (exam.length - 1))]);
}
