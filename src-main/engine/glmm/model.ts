import { AppError } from '@shared/errors';
import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../data/frame';
import { buildFixedDesign, type FixedDesign } from '../model/fixed-design';
import { buildModelFrame, type ModelFrame } from '../model/model-frame';
import { buildRandomDesign, type RandomDesign } from '../lmm/random-design';
import { termFactor, thetaLayout, type ThetaLayout } from '../lmm/theta';
import { makeFamily, type Family, type FamilyName, type LinkName } from './families';

/**
 * Everything about a generalized linear mixed model that does not depend on the
 * parameters: the model frame, X, the random-effects terms in lme4's order, the
 * θ layout, and the response as R's binomial()/poisson() initialize it: y (a
 * proportion for binomial), prior weights wt (the trials of a cbind() response
 * times any weights), n (the trials, for the binomial log-likelihood) and the
 * offset. Z is kept by rows: observation i has `nnz` entries, one per column of
 * each term, at the u-index of its level (term by term, level by level, column
 * within the level: lme4's order of u).
 */
export interface GlmmModel {
  formula: ParsedFormula;
  frame: ModelFrame;
  fixed: FixedDesign;
  random: RandomDesign;
  family: Family;
  layout: ThetaLayout;
  y: Float64Array;
  wt: Float64Array;
  trials: Float64Array;
  offset: Float64Array;
  n: number;
  p: number;
  /** Number of random effects (length of u). */
  q: number;
  /** Z entries per row (Σ q_k). */
  nnz: number;
  /** Where each term's random effects start in u (length terms + 1). */
  uOffset: Int32Array;
}

export interface GlmmModelOptions {
  family: FamilyName;
  link?: LinkName;
  subset?: Uint8Array;
  /** Prior weights, one per data row (R's weights argument). */
  weights?: Float64Array;
}

export function buildGlmmModel(formula: ParsedFormula, data: DataFrame, options: GlmmModelOptions): GlmmModel {
  const family = makeFamily(options.family, options.link);
  const frame = buildModelFrame(formula, data, { subset: options.subset });
  const response = frame.response;
  if (!response) throw new AppError('bad-input', `The formula "${formula.source}" has no response (nothing to the left of ~).`);
  const { n } = frame;
  const prior = new Float64Array(n).fill(1);
  if (options.weights) {
    if (options.weights.length !== data.rows) throw new AppError('bad-input', `The weights have ${options.weights.length} values for ${data.rows} rows.`);
    for (let i = 0; i < n; i++) {
      const w = options.weights[frame.rows[i]];
      if (!(w >= 0) || !Number.isFinite(w)) throw new AppError('bad-input', `The weight of row ${frame.rows[i] + 1} is ${w}; weights must be finite and not negative.`);
      prior[i] = w;
    }
  }
  const { y, wt, trials } = familyResponse(family, response, prior, frame);
  const fixed = buildFixedDesign(frame);
  const random = buildRandomDesign(frame);
  const layout = thetaLayout(random.terms);
  const uOffset = new Int32Array(random.terms.length + 1);
  random.terms.forEach((t, k) => (uOffset[k + 1] = uOffset[k] + t.nl * t.q));
  const nnz = random.terms.reduce((s, t) => s + t.q, 0);
  const offset = frame.offset ?? new Float64Array(n);
  return { formula, frame, fixed, random, family, layout, y, wt, trials, offset, n, p: fixed.p, q: uOffset[random.terms.length], nnz, uOffset };
}

/** binomial()$initialize and poisson()'s checks, as errors that name the row. */
function familyResponse(
  family: Family,
  response: NonNullable<ModelFrame['response']>,
  prior: Float64Array,
  frame: ModelFrame,
): { y: Float64Array; wt: Float64Array; trials: Float64Array } {
  const n = frame.n;
  const row = (i: number) => frame.rows[i] + 1;
  const y = new Float64Array(n);
  const wt = Float64Array.from(prior);
  const trials = new Float64Array(n).fill(1);
  if (response.kind === 'binomial') {
    if (family.family !== 'binomial') throw new AppError('bad-input', `A cbind(successes, failures) response needs the binomial family, not ${family.family}.`);
    for (let i = 0; i < n; i++) {
      const s = response.successes[i];
      const f = response.failures[i];
      if (s < 0 || f < 0) throw new AppError('bad-input', `In ${response.label}, row ${row(i)} has ${s} successes and ${f} failures; counts cannot be negative.`);
      const m = s + f;
      trials[i] = m;
      wt[i] = prior[i] * m;
      y[i] = m === 0 ? 0 : s / m;
    }
    return { y, wt, trials };
  }
  const values = response.y;
  if (family.family === 'binomial') {
    const weighted = prior.some((w) => w !== 1);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!(v >= 0 && v <= 1)) {
        throw new AppError(
          'bad-input',
          `The binomial response ${response.label} is ${v} in row ${row(i)}; it must be 0 or 1 (or a proportion with weights = trials), or use cbind(successes, failures).`,
        );
      }
      if (!weighted && v !== 0 && v !== 1) {
        throw new AppError(
          'bad-input',
          `The binomial response ${response.label} is ${v} in row ${row(i)}; without weights it must be 0 or 1. For proportions give the numbers of trials as weights, or use cbind(successes, failures).`,
        );
      }
      if (weighted && Math.abs(v * prior[i] - Math.round(v * prior[i])) > 1e-7) {
        throw new AppError('bad-input', `In row ${row(i)} the proportion ${v} times the weight ${prior[i]} is not a whole number of successes.`);
      }
      y[i] = v;
    }
    trials.set(prior);
    return { y, wt, trials };
  }
  for (let i = 0; i < n; i++) {
    if (values[i] < 0) throw new AppError('bad-input', `The Poisson response ${response.label} is ${values[i]} in row ${row(i)}; counts cannot be negative.`);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== Math.round(v)) throw new AppError('bad-input', `The Poisson response ${response.label} is ${v} in row ${row(i)}; counts must be whole numbers.`);
    y[i] = v;
  }
  return { y, wt, trials };
}

/**
 * U = ZΛ(θ) by rows: cols[i·nnz + e] is the u-index and vals[i·nnz + e] the value of
 * row i's entry e (row i of term k's Z times Λ_k, at the columns of its level).
 */
export interface RowsOfU {
  cols: Int32Array;
  vals: Float64Array;
}

export function rowsOfU(model: GlmmModel, theta: Float64Array, out?: RowsOfU): RowsOfU {
  const { n, nnz, random, layout, uOffset } = model;
  const cols = out?.cols ?? new Int32Array(n * nnz);
  const vals = out?.vals ?? new Float64Array(n * nnz);
  let e0 = 0;
  random.terms.forEach((t, k) => {
    const q = t.q;
    const lambda = termFactor(theta, layout, k, new Float64Array(q * q));
    if (q === 1) {
      // A scalar term (the evaluations' common case): the loop below with its inner loops of one step.
      const { codes, Z } = t;
      const first = uOffset[k];
      const lam = lambda[0];
      for (let i = 0; i < n; i++) {
        let s = 0;
        s += Z[i] * lam;
        cols[i * nnz + e0] = first + codes[i];
        vals[i * nnz + e0] = s;
      }
      e0 += 1;
      return;
    }
    for (let i = 0; i < n; i++) {
      const base = uOffset[k] + t.codes[i] * q;
      for (let c = 0; c < q; c++) {
        let s = 0;
        for (let r = c; r < q; r++) s += t.Z[r * n + i] * lambda[c * q + r];
        cols[i * nnz + e0 + c] = base + c;
        vals[i * nnz + e0 + c] = s;
      }
    }
    e0 += q;
  });
  return { cols, vals };
}
