import { AppError } from '@shared/errors';
import { MAX_PANEL_POINTS, type RanefOptions, type RanefTerm, type RanefValue } from '@shared/model-plots';
import { density } from './density';
import { pickLevels } from './group-subset';
import { histCounts } from './hist-counts';
import type { ModelEvaluation } from './model-evaluation';
import { normalQq } from './qq';

/**
 * The numbers of the random-effects gallery of an lmer fit, for one grouping
 * factor: each term's conditional modes (ranef) with qqnorm/qqline, hist() and
 * density(); for a lone random intercept the shrinkage of each group's mean raw
 * residual to its BLUP (the course note's derivation); and the fitted values of
 * each group joined in the order of a numeric predictor (prediction lines).
 */
export function ranefPlot(modelId: string, formula: string, ev: ModelEvaluation, options: RanefOptions, limit = MAX_PANEL_POINTS): RanefValue {
  if (!ev.lmm) throw new AppError('unsupported', 'Random-effects plots are drawn for mixed models (lmer) only.');
  const { model, sol, theta } = ev.lmm;
  const { terms, flist } = model.random;
  const groupNames = flist.map((f) => f.group);
  const factor = options.group === undefined ? flist[0] : flist.find((f) => f.group === options.group);
  if (!factor) throw new AppError('bad-input', `"${options.group}" is not a grouping factor of this model; its grouping factors are ${groupNames.join(', ')}.`);
  const { Q1, rowStart } = model.blocks.layout;
  const L = factor.levels.length;

  // ranef(m)[[group]]: the factor's terms side by side, their columns in order (b in the blocks' layout).
  const ranefTerms: RanefTerm[] = [];
  for (const k of factor.terms) {
    const t = terms[k];
    const start = k === 0 ? 0 : Q1 + rowStart[k - 1];
    t.cnms.forEach((name, s) => {
      const modes = Array.from({ length: L }, (_, a) => sol.b[start + a * t.q + s]);
      ranefTerms.push(termNumbers(name, modes));
    });
  }

  const n = model.n;
  const codes = terms[factor.terms[0]].codes;
  const rows = model.frame.rows;

  // The derivation of the predicted random intercept holds when (1 | g) is the model's only random term.
  let shrinkage: RanefValue['shrinkage'] = null;
  if (terms.length === 1 && terms[0].q === 1 && terms[0].cnms[0] === '(Intercept)') {
    const { X } = model.fixed;
    const p = model.p;
    const sums = new Float64Array(L);
    const counts = new Int32Array(L);
    for (let i = 0; i < n; i++) {
      let raw = model.y[i] - (model.offset ? model.offset[i] : 0);
      for (let j = 0; j < p; j++) raw -= X[j * n + i] * sol.beta[j];
      sums[codes[i]] += raw;
      counts[codes[i]]++;
    }
    const sigma2 = sol.sigma * sol.sigma;
    const tau2 = (theta[0] * sol.sigma) ** 2;
    shrinkage = {
      n: Array.from(counts),
      meanResidual: Array.from(sums, (s, a) => s / counts[a]),
      blup: ranefTerms[0].modes,
      factor: Array.from(counts, (c) => (c * tau2) / (sigma2 + c * tau2)),
      tau2,
      sigma2,
    };
  }

  return {
    kind: 'ranef',
    modelId,
    formula,
    response: model.frame.response?.label ?? '',
    groupNames,
    group: factor.group,
    levels: factor.levels,
    terms: ranefTerms,
    shrinkage,
    lines: fittedLines(ev, factor.group, factor.levels, codes, rows, options, limit),
  };
}

/** qqnorm and qqline, hist() and density() of one term's modes (density needs two of them). */
function termNumbers(name: string, modes: number[]): RanefTerm {
  const qq = normalQq(modes);
  const { breaks, counts } = histCounts(modes);
  const d = modes.length >= 2 ? density(modes) : null;
  return {
    name,
    modes,
    theoretical: Array.from(qq.theoretical),
    slope: qq.slope,
    intercept: qq.intercept,
    histogram: { breaks, counts },
    density: d ? { x: d.x, y: d.y, bw: d.bw } : null,
  };
}

function fittedLines(
  ev: ModelEvaluation,
  group: string,
  levels: string[],
  codes: Int32Array,
  rows: ArrayLike<number>,
  options: RanefOptions,
  limit: number,
): RanefValue['lines'] {
  const { frame, fitted } = ev;
  const model = ev.lmm!.model;
  const predictors = [...frame.variables.entries()]
    .filter(([name, c]) => (c.kind === 'numeric' || c.kind === 'integer') && name !== frame.response?.label)
    .map(([name]) => name);
  if (options.x !== undefined && !predictors.includes(options.x)) {
    throw new AppError('bad-input', `"${options.x}" is not a numeric predictor of this model; its numeric predictors are ${predictors.join(', ') || 'none'}.`);
  }
  const x = options.x ?? predictors[0];
  if (x === undefined) return null;
  const column = frame.variables.get(x);
  if (!column || column.kind === 'factor') return null;
  const subset = options.groups ?? { pick: 'all' as const };
  const shown = pickLevels(levels, subset, group);
  const wanted = new Map(shown.map((l) => [levels.indexOf(l), l]));
  const members = new Map<number, number[]>();
  for (let i = 0; i < frame.n; i++) {
    if (!wanted.has(codes[i])) continue;
    const list = members.get(codes[i]) ?? [];
    list.push(i);
    members.set(codes[i], list);
  }
  // Straight lines when every column of X and Z is 1 or x itself: fitted = a_g + b_g x within a group.
  const linear = (name: string) => name === '(Intercept)' || name === x;
  const straight = model.fixed.names.every(linear) && model.random.terms.every((t) => t.cnms.every(linear));
  const total = [...members.values()].reduce((s, m) => s + m.length, 0);
  const perSeries = total > limit ? Math.max(2, Math.floor(limit / Math.max(1, members.size))) : Infinity;
  let thinned = false;
  const series = [...wanted.entries()].map(([code, level]) => {
    const idx = (members.get(code) ?? []).sort((a, b) => column.values[a] - column.values[b] || a - b);
    let keep = idx;
    if (idx.length > perSeries) {
      // Evenly along the group's x order, its two ends kept: a line's shape needs no more.
      keep = Array.from({ length: perSeries }, (_, k) => idx[Math.round((k * (idx.length - 1)) / (perSeries - 1))]);
      thinned = true;
    }
    return { level, x: keep.map((i) => column.values[i]), y: keep.map((i) => fitted[i]), row: keep.map((i) => rows[i] + 1) };
  });
  return { x, predictors, groups: { subset, levels: shown, of: levels.length }, straight, thinned, series };
}
