import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { normalGenerator, uniformGenerator } from './random';

/** Lines joined per write: a few MB of text at a time, never one string of the whole file. */
const LINES_PER_WRITE = 20_000;

/**
 * The model behind the synthetic mixed-model files, y ~ x + f + (x | g): a random
 * intercept and slope per group, correlated, so lme4 and Nestor both estimate a
 * full 2 × 2 covariance and none of it is on the boundary.
 */
export const LMER_TRUTH = {
  intercept: 1,
  slope: 0.5,
  /** Levels of the factor f and their effects (the first is the reference). */
  fLevels: ['a', 'b', 'c', 'd'],
  fEffects: [0, 0.3, -0.2, 0.5],
  sdIntercept: 1,
  sdSlope: 0.5,
  correlation: 0.4,
  sigma: 1,
};

export const SYNTHETIC_FORMULA = 'y ~ x + f + (x | g)';

/** Group labels g00001 …: they sort the same as text and as numbers, in R and in Nestor. */
function groupLabel(k: number): string {
  return 'g' + String(k + 1).padStart(5, '0');
}

/**
 * Writes `rows` lines of y, x, f, g with each row's group drawn uniformly from
 * `groups` (so group sizes vary as in real data), x ~ N(0, 1), f uniform over its
 * levels. Values are rounded to 6 decimals before y is computed, so the file holds
 * exactly the data the model produced. Returns the file size in bytes.
 */
export function writeSyntheticLmerCsv(path: string, rows: number, groups: number, seed = 20240613): number {
  const t = LMER_TRUTH;
  const normal = normalGenerator(seed);
  const uniform = uniformGenerator(seed ^ 0x27d4eb2f);
  // Each group's (intercept, slope) deviation: b = L z with L the Cholesky factor of their covariance.
  const b0 = new Float64Array(groups);
  const b1 = new Float64Array(groups);
  const rho = t.correlation;
  for (let k = 0; k < groups; k++) {
    const z1 = normal();
    const z2 = normal();
    b0[k] = t.sdIntercept * z1;
    b1[k] = t.sdSlope * (rho * z1 + Math.sqrt(1 - rho * rho) * z2);
  }
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'y,x,f,g\n');
    let chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      const k = Math.floor(uniform() * groups);
      const level = Math.floor(uniform() * t.fLevels.length);
      const x = Number(normal().toFixed(6));
      const y = t.intercept + t.fEffects[level] + b0[k] + (t.slope + b1[k]) * x + t.sigma * normal();
      chunk.push(`${y.toFixed(6)},${x.toFixed(6)},${t.fLevels[level]},${groupLabel(k)}`);
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
