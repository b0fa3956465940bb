import { AppError } from '@shared/errors';
import { MAX_PANEL_POINTS, type Curve, type DiagnosticsOptions, type DiagnosticsValue, type PanelPoints } from '@shared/model-plots';
import { boxStats } from './box-stats';
import { histCounts } from './hist-counts';
import { lowess } from './lowess';
import type { ModelEvaluation } from './model-evaluation';
import { normalQq } from './qq';
import { thinIndices } from './thinning';

/** A smooth of more rows than SMOOTH_FULL is sent as SMOOTH_POINTS points along it: its shape needs no more (the lowess itself uses every row). */
const SMOOTH_FULL = 5000;
const SMOOTH_POINTS = 1000;

/**
 * The numbers of the diagnostics gallery, as R draws each panel: residuals vs
 * fitted and scale-location with lowess (panel.smooth), a normal QQ plot of the
 * standardized residuals with qqline, hist() of the residuals, residuals vs a
 * predictor and by group, observed vs fitted. Smooths, the QQ line and the
 * histogram use every row; only the points drawn are thinned above MAX_PANEL_POINTS.
 */
export async function diagnostics(
  modelId: string,
  formula: string,
  ev: ModelEvaluation,
  options: DiagnosticsOptions,
  checkpoint: () => Promise<void> = () => Promise.resolve(),
  limit = MAX_PANEL_POINTS,
): Promise<DiagnosticsValue> {
  if (ev.kind === 'glmer') throw new AppError('unsupported', 'The residual diagnostics gallery is for lm and lmer; a glmer fit shows binned residuals instead.');
  const { frame, fitted, residuals: resid, standardized, observed } = ev;
  const n = frame.n;
  const rows = frame.rows;
  const codes = ev.group?.codes ?? null;
  let thinned = false;

  const points = (x: ArrayLike<number>, y: ArrayLike<number>, only?: Int32Array): PanelPoints => {
    const use = only ?? null;
    const xs = use ? Float64Array.from(use, (i) => x[i]) : x;
    const ysel = use ? Float64Array.from(use, (i) => y[i]) : y;
    const keep = thinIndices(Int32Array.from({ length: xs.length }, (_, k) => k), xs, ysel, undefined, limit);
    if (keep.length < xs.length) thinned = true;
    const at = (k: number) => (use ? use[k] : k);
    return {
      x: Array.from(keep, (k) => xs[k]),
      y: Array.from(keep, (k) => ysel[k]),
      row: Array.from(keep, (k) => rows[at(k)] + 1),
      group: Array.from(keep, (k) => (codes ? codes[at(k)] : -1)),
      fitted: Array.from(keep, (k) => fitted[at(k)]),
      resid: Array.from(keep, (k) => resid[at(k)]),
    };
  };

  // Rows with a standardized residual (all but those fitted exactly, hᵢᵢ = 1).
  const finite = Int32Array.from(Array.from(standardized.keys()).filter((i) => Number.isFinite(standardized[i])));
  const std = Float64Array.from(finite, (i) => standardized[i]);
  const fittedStd = Float64Array.from(finite, (i) => fitted[i]);
  const qq = normalQq(std);
  const rootAbs = std.map((s) => Math.sqrt(Math.abs(s)));
  const rootAbsAll = new Float64Array(n).fill(NaN);
  finite.forEach((i, k) => (rootAbsAll[i] = rootAbs[k]));
  const theoreticalAll = new Float64Array(n).fill(NaN);
  finite.forEach((i, k) => (theoreticalAll[i] = qq.theoretical[k]));

  const predictors = [...frame.variables.entries()]
    .filter(([name, c]) => (c.kind === 'numeric' || c.kind === 'integer') && name !== frame.response?.label)
    .map(([name]) => name);
  if (options.predictor !== undefined && !predictors.includes(options.predictor)) {
    throw new AppError('bad-input', `"${options.predictor}" is not a numeric predictor of this model; its numeric predictors are ${predictors.join(', ') || 'none'}.`);
  }
  const predictor = options.predictor ?? predictors[0] ?? null;
  const predictorColumn = predictor === null ? null : frame.variables.get(predictor);

  // A lowess of a million rows takes seconds: the job can be cancelled between the panels.
  await checkpoint();
  const residualsFitted = { points: points(fitted, resid), smooth: smooth(fitted, resid) };
  await checkpoint();
  const qqPanel = { points: points(theoreticalAll, standardized, finite), slope: qq.slope, intercept: qq.intercept };
  const residualsPredictor = predictorColumn && predictorColumn.kind !== 'factor' ? { points: points(predictorColumn.values, resid) } : null;
  const observedFitted = { points: points(fitted, observed) };
  const residualsObserved = { points: points(resid, observed) };
  await checkpoint();
  const scaleLocation = { points: points(fitted, rootAbsAll, finite), smooth: smooth(fittedStd, rootAbs) };
  await checkpoint();
  return {
    kind: 'diagnostics',
    modelId,
    modelKind: ev.kind,
    formula,
    response: frame.response?.label ?? '',
    nobs: n,
    standardized: ev.kind === 'lm' ? 'rstandard' : ev.kind === 'lmList' ? 'pearson/group-sigma' : 'pearson/sigma',
    groupName: ev.group?.name ?? null,
    groupLevels: ev.group?.levels ?? [],
    predictors,
    predictor,
    thinned,
    residualsFitted,
    qq: qqPanel,
    histogram: residualHistogram(resid),
    residualsPredictor,
    residualsGroup: ev.group ? { boxes: boxStats(resid, ev.group.codes, ev.group.levels) } : null,
    observedFitted,
    residualsObserved,
    scaleLocation,
  };
}

/** lowess(x, y) over every row, sent as at most SMOOTH_POINTS points along it (ends kept). */
function smooth(x: ArrayLike<number>, y: ArrayLike<number>): Curve {
  const s = lowess(x, y);
  const n = s.x.length;
  if (n <= SMOOTH_FULL) return { x: Array.from(s.x), y: Array.from(s.y) };
  const pick = Array.from({ length: SMOOTH_POINTS }, (_, k) => Math.round((k * (n - 1)) / (SMOOTH_POINTS - 1)));
  return { x: pick.map((i) => s.x[i]), y: pick.map((i) => s.y[i]) };
}

/** hist(resid(m)): R's breaks and counts (an empty histogram when there are no residuals). */
function residualHistogram(resid: ArrayLike<number>): { breaks: number[]; counts: number[] } {
  if (resid.length === 0) return { breaks: [], counts: [] };
  const { breaks, counts } = histCounts(resid);
  return { breaks, counts };
}
