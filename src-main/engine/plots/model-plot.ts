import type { ModelPlotOptions, PlotModelDone } from '@shared/model-plots';
import type { ModelSpec } from '@shared/models';
import type { TaskContext } from '../context';
import type { DataFrame } from '../data/frame';
import { subsetMask } from '../fit/fit-model';
import { AppError } from '@shared/errors';
import { binnedResiduals, defaultBins } from './binned-residuals';
import { diagnostics } from './diagnostics';
import { evaluateModel } from './model-evaluation';
import { ranefPlot } from './ranef-plot';

export interface ModelPlotInput {
  modelId: string;
  spec: ModelSpec;
  /** The `fit` of the model's latest stored result (ModelFitValue.fit). */
  fit: Record<string, unknown>;
  plot: ModelPlotOptions;
}

/** The numbers of a model plot, from the data after variable settings and recipes (`frame`), as the fit saw it. */
export async function modelPlot(input: ModelPlotInput, frame: DataFrame, warnings: string[], ctx: TaskContext): Promise<PlotModelDone> {
  const { spec } = input;
  ctx.progress(null, 'Evaluating the model at its estimates…');
  const subset = spec.subset === undefined ? undefined : subsetMask(spec.subset, frame, warnings);
  await ctx.checkpoint();
  const ev = evaluateModel(spec, frame, input.fit, subset);
  await ctx.checkpoint();
  if (input.plot.kind === 'ranef') {
    const value = ranefPlot(input.modelId, ev.frame.formula.source, ev, input.plot);
    ctx.progress(1, 'Random-effects plots ready');
    return value;
  }
  if (input.plot.kind === 'binned') {
    if (ev.kind !== 'glmer') throw new AppError('unsupported', 'Binned residuals are drawn for generalized linear mixed models (glmer); this model is ' + spec.kind + '.');
    const asked = input.plot.bins ?? defaultBins(ev.frame.n);
    const b = binnedResiduals(ev.fitted, ev.residuals, asked);
    ctx.progress(1, 'Binned residuals ready');
    return {
      kind: 'binned',
      modelId: input.modelId,
      formula: ev.frame.formula.source,
      response: ev.frame.response?.label ?? '',
      family: spec.family ?? '',
      link: spec.link ?? (spec.family === 'poisson' ? 'log' : 'logit'),
      nobs: ev.frame.n,
      binsAsked: asked,
      bins: { xbar: b.xbar, ybar: b.ybar, n: b.n, xLo: b.xLo, xHi: b.xHi, se2: b.se2 },
    };
  }
  ctx.progress(null, 'Computing the diagnostics…');
  // The model's own formula (an lmList's frame has the regression without its | group).
  const value = await diagnostics(input.modelId, ev.kind === 'lmList' ? spec.formula : ev.frame.formula.source, ev, input.plot, () => ctx.checkpoint());
  ctx.progress(1, 'Diagnostics ready');
  return value;
}
