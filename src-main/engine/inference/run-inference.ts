import { AppError } from '@shared/errors';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { BootResult, InferenceTask, InferenceValue, ProfileResult } from '@shared/inference';
import type { ModelSpec } from '@shared/models';
import type { TaskContext } from '../context';
import type { DataFrame } from '../data/frame';
import { subsetMask } from '../fit/fit-model';
import { evaluateModel } from '../plots/model-evaluation';
import { histCounts } from '../plots/hist-counts';
import { bootstrapLmm } from './bootstrap/bootstrap-lmm';
import { ddfTests } from './ddf-tests';
import { profileLmm } from './profile/profile-lmm';

export interface ModelInferenceInput {
  modelId: string;
  spec: ModelSpec;
  /** The `fit` of the model's latest stored result (ModelFitValue.fit). */
  fit: Record<string, unknown>;
  task: InferenceTask;
}

/**
 * Tests or intervals of a stored lmer fit. The model is rebuilt from the data as
 * the fit built it and checked against the stored estimates (model-evaluation.ts),
 * so the inference is about the fit the person sees, not a refit that could land
 * elsewhere.
 */
export async function runInference(input: ModelInferenceInput, frame: DataFrame, warnings: string[], ctx: TaskContext): Promise<InferenceValue> {
  const { spec, task } = input;
  if (spec.kind !== 'lmer') throw new AppError('unsupported', `Inference of this kind is offered for linear mixed models (lmer), not for ${spec.kind}.`);
  ctx.progress(null, 'Rebuilding the model at its estimates…');
  const subset = spec.subset === undefined ? undefined : subsetMask(spec.subset, frame, warnings);
  await ctx.checkpoint();
  const ev = evaluateModel(spec, frame, input.fit, subset);
  if (!ev.lmm) throw new AppError('internal', 'The lmer model could not be rebuilt at its estimates.');
  const { model } = ev.lmm;
  const theta = Float64Array.from(ev.lmm.theta);
  const onProgress = (fraction: number, message: string) => ctx.progress(fraction, message);
  const checkpoint = () => ctx.checkpoint();
  switch (task.kind) {
    case 'ddf':
      ctx.progress(null, task.method === 'satterthwaite' ? 'Satterthwaite degrees of freedom…' : 'Kenward-Roger adjustment…');
      await ctx.checkpoint();
      return ddfTests(model, theta, spec.reml, task.method, { checkpoint, onProgress });
    case 'profile': {
      const profile = await profileLmm(model, theta, spec.reml, { level: task.level, checkpoint, onProgress });
      const value: ProfileResult = { ...profile, cutoff: normalQuantile((1 + task.level) / 2, 0, 1) };
      return value;
    }
    case 'boot': {
      const boot = await bootstrapLmm(model, theta, spec.reml, { nsim: task.nsim, seed: task.seed, level: task.level, checkpoint, onProgress });
      // The histograms' breaks are R's (Sturges, pretty), so the renderer only draws them.
      const histograms = boot.replicates.map((values) => {
        if (values.length === 0) return null;
        const { breaks, counts } = histCounts(values);
        return { breaks, counts };
      });
      const value: BootResult = { ...boot, histograms };
      return value;
    }
  }
}
