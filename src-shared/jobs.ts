import { z } from 'zod';
import { AppErrorSchema } from './errors';
import { DatasetId, DatasetInfo } from './dataset';
import { ModelFitDone, ModelsCompareDone, ModelSpec } from './models';
import { PlotDataDone, PlotDataRequest } from './data-plots';
import { PlotModelDone, PlotModelRequest } from './model-plots';
import { ModelInferenceDone, ModelInferenceRequest } from './inference';

/**
 * Long work is a job: started with a request that names its kind, reported by
 * progress events, ended by exactly one done event (result or error value).
 * Each kind's request and result schemas live here so both sides agree.
 */
export const JobId = z.string().regex(/^job-[0-9]+$/);

export const JobRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset.summary'), datasetId: DatasetId }).strict(),
  /** Stores the model (named m1, m2, …) and fits it; the fit is stored as the model's result. */
  z.object({ kind: z.literal('model.fit'), datasetId: DatasetId, spec: ModelSpec }).strict(),
  /** anova() of fitted models of one dataset (all lm or all lmer); stored as a result of the dataset. */
  z.object({ kind: z.literal('models.compare'), modelIds: z.array(z.string()).min(2).max(20) }).strict(),
  /** Numbers of a plot of the dataset's variables (box plots by group), computed after variable settings and recipes. */
  PlotDataRequest,
  /** Numbers of a plot of a fitted model (diagnostics), from the model evaluated at its stored estimates. */
  PlotModelRequest,
  /** Satterthwaite or Kenward-Roger tests, profile or bootstrap intervals of a fitted lmer model; stored as a result of the model. */
  ModelInferenceRequest,
]);
export type JobRequest = z.infer<typeof JobRequest>;
export type JobKind = JobRequest['kind'];

export const NumericSummary = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'integer', 'logical']),
  n: z.number(),
  missing: z.number(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  /** min, Q1, median, Q3, max as R's quantile(type = 7). */
  quantiles: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export const FactorSummary = z.object({
  name: z.string(),
  kind: z.literal('factor'),
  n: z.number(),
  missing: z.number(),
  levels: z.array(z.object({ level: z.string(), count: z.number() })),
});
export const ColumnSummary = z.discriminatedUnion('kind', [
  NumericSummary.extend({ kind: z.literal('numeric') }),
  NumericSummary.extend({ kind: z.literal('integer') }),
  NumericSummary.extend({ kind: z.literal('logical') }),
  FactorSummary,
]);
export type ColumnSummary = z.infer<typeof ColumnSummary>;

export const DatasetSummary = z.object({
  datasetId: DatasetId,
  rows: z.number(),
  columns: z.array(ColumnSummary),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;


export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobInfo = z.object({
  id: JobId,
  kind: z.string(),
  title: z.string(),
  state: JobState,
  /** 0..1, or null when the job cannot say how far it is. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string(),
  startedAt: z.string(),
});
export type JobInfo = z.infer<typeof JobInfo>;

export const JobProgress = z.object({
  id: JobId,
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobDone = z.discriminatedUnion('ok', [
  z.object({ id: JobId, kind: z.string(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: JobId, kind: z.string(), ok: z.literal(false), error: AppErrorSchema }),
]);
export type JobDone = z.infer<typeof JobDone>;

/** The done value of a 'dataset.summary' job: the summary, already stored as a result. */
export const SummaryDone = z.object({ resultId: z.string(), summary: DatasetSummary });
export type SummaryDone = z.infer<typeof SummaryDone>;

/** The done value of a dataset import (started by datasets.import): the stored dataset and what the reader noticed. */
export const ImportWarningSchema = z.object({
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export const ImportDone = z.object({ dataset: DatasetInfo, warnings: z.array(ImportWarningSchema) });
export type ImportDone = z.infer<typeof ImportDone>;

/** What each job kind started through jobs.start reports as its done value. */
export const JobResults = {
  'dataset.summary': SummaryDone,
  'model.fit': ModelFitDone,
  'models.compare': ModelsCompareDone,
  'plot.data': PlotDataDone,
  'plot.model': PlotModelDone,
  'model.inference': ModelInferenceDone,
} as const satisfies Record<JobKind, z.ZodType>;
export type JobResult<K extends JobKind> = z.infer<(typeof JobResults)[K]>;
