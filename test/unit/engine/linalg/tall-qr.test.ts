import { describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import { qrDecompose } from '../../../../src-main/engine/linalg/qr';
import { tallQr } from '../../../../src-main/engine/linalg/tall-qr';
import { reduceRows } from '../../../../src-main/engine/linalg/tsqr';
import { buildDesign } from '../../../../src-main/engine/model/design-columns';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
import { loadExam, loadJsp } from '../model/data';
import { uniformGenerator as uniform } from '../../../../bench/support/random';


/** X'X (p × p, row-major) of a column-major n × p matrix. */
function crossProduct(X: Float64Array, n: number, p: number): Float64Array {
  const G = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[a * n + i] * X[b * n + i];
      G[a * p + b] = s;
    }
  }
  return G;
}

function maxRelativeDifference(a: Float64Array, b: Float64Array, scale: number): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / scale);
  return worst;
}

/**
 * A design with an intercept, two numbers, a 6-level factor's indicators and a number ×
 * 3-level factor interaction with all three columns, which sum to the first number: the
 * last of them (column 10) is aliased.
 */
function sparseDesign(n: number, seed: number): { X: Float64Array; p: number; y: Float64Array } {
  const random = uniform(seed);
  const p = 1 + 2 + 5 + 3;
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X[i] = 1;
    X[n + i] = random() * 10 - 3;
    X[2 * n + i] = random() * 1000;
    const f = Math.floor(random() * 6);
    if (f > 0) X[(2 + f) * n + i] = 1;
    const g = Math.floor(random() * 3);
    X[(8 + g) * n + i] = X[n + i];
    y[i] = 1 + 0.5 * X[n + i] - 0.01 * X[2 * n + i] + f * 0.3 + g * X[n + i] * 0.2 + random();
  }
  return { X, p, y };
}

describe('reduceRows: the factor of a tall-skinny QR', () => {
  it("keeps A'A (T'T equals X'X to rounding) with sparse runs, many blocks and a partial last block", () => {
    const n = 1000;
    const { X, p, y } = sparseDesign(n, 1);
    const A = new Float64Array(n * (p + 1));
    A.set(X);
    A.set(y, n * p);
    const c = p + 1;
    const G = crossProduct(A, n, c);
    for (const blockRows of [7, 64, undefined]) {
      const T = reduceRows(X, n, p, [y], { blockRows });
      const TT = crossProduct(T, c, c);
      expect(maxRelativeDifference(TT, G, Math.max(...G.map(Math.abs)))).toBeLessThan(1e-13);
    }
  });

  it('reads rows with two nonzeros in one run, or an indicator that is not 1, with every column', () => {
    const n = 600;
    const { X, p, y } = sparseDesign(n, 2);
    // Break the one-nonzero structure of the factor's run in a few rows, far from the sampled ones.
    for (const i of [5, 133, 134, 599]) {
      X[4 * n + i] = 2;
      X[5 * n + i] = -1;
    }
    // And one row whose single nonzero in the factor's run is not 1: not an indicator there.
    for (let j = 3; j < 8; j++) X[j * n + 77] = 0;
    X[3 * n + 77] = 0.5;
    const T = reduceRows(X, n, p, [y], { blockRows: 16 });
    const c = p + 1;
    const A = new Float64Array(n * c);
    A.set(X);
    A.set(y, n * p);
    const G = crossProduct(A, n, c);
    expect(maxRelativeDifference(crossProduct(T, c, c), G, Math.max(...G.map(Math.abs)))).toBeLessThan(1e-13);
  });

  it('scales rows by √w and leaves out rows of weight 0, as lm.wfit does', () => {
    const n = 500;
    const { X, p, y } = sparseDesign(n, 3);
    const random = uniform(4);
    const scale = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : Math.sqrt(0.5 + random())));
    const T = reduceRows(X, n, p, [y], { rowScale: scale, blockRows: 32 });
    const c = p + 1;
    const A = new Float64Array(n * c);
    for (let j = 0; j < c; j++) for (let i = 0; i < n; i++) A[j * n + i] = (j < p ? X[j * n + i] : y[i]) * scale[i];
    const G = crossProduct(A, n, c);
    expect(maxRelativeDifference(crossProduct(T, c, c), G, Math.max(...G.map(Math.abs)))).toBeLessThan(1e-13);
  });
});

describe("tallQr: R's pivoting and rank from the reduced rows", () => {
  it('gives the coefficients, rank and residual sum of squares of dqrdc2 on the rows', () => {
    const n = 3000;
    const { X, p, y } = sparseDesign(n, 5);
    const direct = tallQr(X, n, p, [y]);
    const reduced = tallQr(X, n, p, [y], { directRows: 0, blockRows: 100 });
    expect(direct.reduced).toBe(false);
    expect(reduced.reduced).toBe(true);
    expect(reduced.qr.rank).toBe(direct.qr.rank);
    expect(Array.from(reduced.qr.pivot)).toEqual(Array.from(direct.qr.pivot));
    const rss = (q: Float64Array, rank: number) => q.subarray(rank).reduce((s, v) => s + v * v, 0);
    expect(rss(reduced.qty[0], reduced.qr.rank) / rss(direct.qty[0], direct.qr.rank)).toBeCloseTo(1, 12);
    // |R| agrees: the diagonal up to sign.
    for (let j = 0; j < p; j++) {
      expect(Math.abs(reduced.qr.qr[j * reduced.qr.n + j])).toBeCloseTo(Math.abs(direct.qr.qr[j * n + j]), 8);
    }
  });

  it('draws the 1e-7 line where dqrdc2 on the rows draws it (R: rank 2 with a 1e-9 wiggle, 3 with 1e-5)', () => {
    const n = 5000;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 97) + 1);
    for (const [h, rank] of [[1e-9, 2], [1e-5, 3]] as const) {
      const X = new Float64Array(3 * n);
      X.fill(1, 0, n);
      X.set(x, n);
      for (let i = 0; i < n; i++) X[2 * n + i] = x[i] + h * (i % 2 === 0 ? 1 : -1);
      expect(qrDecompose(X, n, 3).rank).toBe(rank);
      expect(tallQr(X, n, 3, [], { directRows: 0, blockRows: 256 }).qr.rank).toBe(rank);
    }
  });

  it('moves an all-zero column and a sum of earlier columns to the end, keeping the order of the rest', () => {
    const n = 4000;
    const { X: base, p: p0 } = sparseDesign(n, 6);
    // Columns: base ..., zero, x1 + x2 (aliased), then a fresh column.
    const p = p0 + 3;
    const X = new Float64Array(n * p);
    X.set(base);
    for (let i = 0; i < n; i++) {
      X[(p0 + 1) * n + i] = base[n + i] + base[2 * n + i];
      X[(p0 + 2) * n + i] = Math.sin(i);
    }
    const direct = qrDecompose(X, n, p);
    const reduced = tallQr(X, n, p, [], { directRows: 0 }).qr;
    expect(Array.from(direct.pivot.subarray(direct.rank))).toEqual([10, p0, p0 + 1]);
    expect(reduced.rank).toBe(direct.rank);
    expect(Array.from(reduced.pivot)).toEqual(Array.from(direct.pivot));
  });
});

describe("the row reduction finds R's aliased columns in model matrices", () => {
  // R 4.2.2: names(coef(lm(f, data)))[is.na(coef(lm(f, data)))] (as in test/unit/engine/model/fixed-design.test.ts).
  it.each([
    ['Exam', 'normexam ~ sex:intake', ['sexM:intaketop 25%']],
    ['Exam', 'normexam ~ standLRT + sex*intake + schgend:type', ['schgendboys:typeMxd', 'schgendgirls:typeMxd', 'schgendmixed:typeSngl', 'schgendgirls:typeSngl']],
    ['Exam', 'normexam ~ standLRT + I(2 * standLRT)', ['I(2 * standLRT)']],
    ['Exam', 'normexam ~ schgend + type', ['typeSngl']],
    ['Exam', 'normexam ~ type + schgend', ['schgendgirls']],
    ['Exam', 'normexam ~ vr:intake + sex', ['vrtop 25%:intaketop 25%']],
    ['Exam', 'normexam ~ sex:intake:vr + intake', ['sexM:intakebottom 25%:vrtop 25%', 'sexM:intakemid 50%:vrtop 25%', 'sexM:intaketop 25%:vrtop 25%']],
    ['Exam', 'normexam ~ schgend * type', ['typeSngl', 'schgendboys:typeSngl', 'schgendgirls:typeSngl']],
    ['Exam', 'normexam ~ standLRT + schavg + I(standLRT + schavg)', ['I(standLRT + schavg)']],
    ['Exam', 'normexam ~ intake + vr + intake:vr:sex', ['intaketop 25%:vrbottom 25%:sexM', 'intaketop 25%:vrmid 50%:sexM', 'intakebottom 25%:vrtop 25%:sexM', 'intakemid 50%:vrtop 25%:sexM', 'intaketop 25%:vrtop 25%:sexM']],
    ['Exam', 'normexam ~ (standLRT + sex + intake)^2', []],
    ['jsp', 'math ~ social:gender', ['socialS4:gendergirl']],
    ['jsp', 'math ~ gender:social + raven:social', ['gendergirl:socialS4']],
    ['jsp', 'math ~ (raven + gender + social)^3', []],
  ])('%s: %s', async (dataName, formula, aliased) => {
    const data = dataName === 'Exam' ? await loadExam() : await loadJsp();
    const parsed = parseFormula(formula);
    const mf = buildModelFrame(parsed, data);
    const d = buildDesign(parsed.terms, parsed.intercept, mf.variables, mf.n, 'test');
    for (const blockRows of [50, undefined]) {
      const { qr } = tallQr(d.X, d.n, d.p, [], { directRows: 0, blockRows });
      expect(Array.from(qr.pivot.subarray(qr.rank), (j) => d.names[j])).toEqual(aliased);
    }
  });
});

describe('a factor with many levels', () => {
  it("reduces 20,000 rows of a 1,000-level factor beside two numbers by pattern: X'X kept, R's pivoting", () => {
    const n = 20_000;
    const levels = 1000;
    const p = 3 + levels - 1;
    const random = uniform(9);
    const X = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X[i] = 1;
      X[n + i] = random();
      X[2 * n + i] = random() * 50;
      const g = Math.floor(random() * levels);
      if (g > 0) X[(2 + g) * n + i] = 1;
      y[i] = X[n + i] + g / 100 + random();
    }
    const T = reduceRows(X, n, p, [y]);
    const c = p + 1;
    // Spot checks of T'T against X'X (the full product would be 10⁹ operations).
    const entry = (a: number, b: number) => {
      let s = 0;
      for (let k = 0; k < c; k++) s += T[a * c + k] * T[b * c + k];
      return s;
    };
    const column = (j: number) => (j < p ? X.subarray(j * n, (j + 1) * n) : y);
    for (const [a, b] of [[0, 0], [0, 1], [1, 2], [2, 2], [0, 500], [500, 500], [1, 777], [3, 3], [p, p], [2, p], [900, p]]) {
      let s = 0;
      const ca = column(a);
      const cb = column(b);
      for (let i = 0; i < n; i++) s += ca[i] * cb[i];
      expect(Math.abs(entry(a, b) - s) / Math.max(1, Math.abs(s))).toBeLessThan(1e-11);
    }
    const { qr } = tallQr(X, n, p, [y], { directRows: 0 });
    expect(qr.rank).toBe(p);
  });
});
