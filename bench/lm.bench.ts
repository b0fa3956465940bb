/**
 * lm speed on a seeded 1,000,000 × 10 design (intercept, 8 continuous columns, one
 * 0/1 dummy), and nlme-style lmList on the same rows split into 1,000 groups.
 * Goal: fitLm well under a second on the development machine.
 * Run: npx vitest bench --run bench/lm.bench.ts
 */
import { bench, describe } from 'vitest';
import { fitLm } from '../src-main/engine/lm/fit-lm';
import { fitLmList } from '../src-main/engine/lm/lm-list';
import { uniformGenerator as generator } from './support/random';

const ROWS = 1_000_000;
const COLUMNS = 10;
const GROUPS = 1000;


const random = generator(20240612);
const X = new Float64Array(ROWS * COLUMNS);
const y = new Float64Array(ROWS);
const names = ['(Intercept)', ...Array.from({ length: COLUMNS - 2 }, (_, j) => `x${j + 1}`), 'groupB'];
X.fill(1, 0, ROWS);
for (let j = 1; j < COLUMNS - 1; j++) for (let i = 0; i < ROWS; i++) X[j * ROWS + i] = (random() - 0.5) * 4 + j;
for (let i = 0; i < ROWS; i++) X[(COLUMNS - 1) * ROWS + i] = random() < 0.4 ? 1 : 0;
for (let i = 0; i < ROWS; i++) {
  let mu = 0;
  for (let j = 0; j < COLUMNS; j++) mu += (j - 4) * 0.1 * X[j * ROWS + i];
  y[i] = mu + (random() + random() + random() - 1.5);
}
const design = { X, n: ROWS, p: COLUMNS, names };
const codes = Int32Array.from({ length: ROWS }, (_, i) => i % GROUPS);
const levels = Array.from({ length: GROUPS }, (_, g) => String(g + 1));

describe(`lm: ${ROWS.toLocaleString('en')} rows × ${COLUMNS} columns`, () => {
  bench(
    'fitLm (QR, summary statistics, residual quantiles)',
    () => {
      const fit = fitLm(design, y);
      if (fit.rank !== COLUMNS) throw new Error('wrong rank');
    },
    { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
  );
  bench(
    `fitLmList over ${GROUPS} groups`,
    () => {
      const fit = fitLmList(design, y, { codes, levels });
      if (fit.groups.length !== GROUPS) throw new Error('wrong groups');
    },
    { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
  );
});
