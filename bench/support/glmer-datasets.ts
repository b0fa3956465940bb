import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { normalGenerator, uniformGenerator } from './random';

/**
 * Seeded binomial data for the glmer bench, written as CSV so that lme4 reads
 * exactly the rows Nestor reads. Values are rounded to 6 decimals before the
 * outcome is drawn, so the file holds the data the model produced.
 */
const logistic = (eta: number) => 1 / (1 + Math.exp(-eta));

function writeLines(path: string, header: string, rows: number, line: (i: number) => string): number {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header + '\n');
    let chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(line(i));
      if (chunk.length === 20_000) {
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

/** y ~ x + (1 | g): logit P(y = 1) = −0.5 + x + b_g, b_g ~ N(0, 0.8²), each row's group uniform over `groups`. */
export function writeBinomialCsv(path: string, rows: number, groups: number, seed = 20261124): number {
  const normal = normalGenerator(seed);
  const uniform = uniformGenerator(seed ^ 0x5bd1e995);
  const b = Float64Array.from({ length: groups }, () => 0.8 * normal());
  return writeLines(path, 'y,x,g', rows, () => {
    const k = Math.floor(uniform() * groups);
    const x = Number(normal().toFixed(6));
    const y = uniform() < logistic(-0.5 + x + b[k]) ? 1 : 0;
    return `${y},${x.toFixed(6)},g${String(k + 1).padStart(5, '0')}`;
  });
}

/**
 * VerbAgg-like crossed design: every subject answers every item once (316 × 24 = 7,584
 * rows), y ~ x + (1 | subject) + (1 | item), logit P(y = 1) = 0.2 + 0.5·x + s + t with
 * s ~ N(0, 1.3²) per subject and t ~ N(0, 0.7²) per item.
 */
export function writeCrossedBinomialCsv(path: string, subjects: number, items: number, seed = 20261125): number {
  const normal = normalGenerator(seed);
  const uniform = uniformGenerator(seed ^ 0x27d4eb2f);
  const s = Float64Array.from({ length: subjects }, () => 1.3 * normal());
  const t = Float64Array.from({ length: items }, () => 0.7 * normal());
  return writeLines(path, 'y,x,subject,item', subjects * items, (i) => {
    const j = Math.floor(i / items);
    const k = i % items;
    const x = Number(normal().toFixed(6));
    const y = uniform() < logistic(0.2 + 0.5 * x + s[j] + t[k]) ? 1 : 0;
    return `${y},${x.toFixed(6)},s${String(j + 1).padStart(3, '0')},i${String(k + 1).padStart(2, '0')}`;
  });
}

/** The note's JSP data with its recipe fail = ifelse(math < -10, 1, 0) applied, as CSV (school, raven, fail). */
export function writeJspFailCsv(path: string, jspTxt: string): number {
  const lines = readFileSync(jspTxt, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].trim().split(/\s+/);
  const at = (name: string) => {
    const j = header.indexOf(name);
    if (j < 0) throw new Error(`${jspTxt} has no column ${name}`);
    return j;
  };
  const [school, raven, math] = [at('school'), at('raven'), at('math')];
  // read.table's header has one name fewer than the rows have fields when rows carry row names.
  const shift = lines[1].trim().split(/\s+/).length - header.length;
  const body = lines.slice(1).map((l) => l.trim().split(/\s+/));
  return writeLines(path, 'school,raven,fail', body.length, (i) => {
    const f = body[i];
    return `${f[school + shift]},${f[raven + shift]},${Number(f[math + shift]) < -10 ? 1 : 0}`;
  });
}
