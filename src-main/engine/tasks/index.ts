import { AppError } from '@shared/errors';
import type { EngineTask, EngineTaskKind } from '../../engine-protocol';
import type { TaskContext } from '../context';
import { readDataFile, type ImportResult } from '../import/read-data-file';
import { previewDataFile } from '../import/preview';
import { fitModel } from '../fit/fit-model';
import { runModelsCompare } from '../fit/compare-models';
import { applySettingsAndRecipes, explainRenamed } from '../recipes/apply-variables';
import { summarizeDataset } from '../summary';
import { dataPlot } from '../plots/data-plot';
import { modelPlot } from '../plots/model-plot';
import { runInference } from '../inference/run-inference';

/** What a task may need from the process it runs in; injected so the engine itself touches no files. */
export interface TaskIo {
  readFile(path: string): Promise<Uint8Array>;
}

type InputOf<K extends EngineTaskKind> = Extract<EngineTask, { kind: K }>['input'];
type Runner<K extends EngineTaskKind> = (input: InputOf<K>, ctx: TaskContext, io: TaskIo) => Promise<unknown>;

const runners: { [K in EngineTaskKind]: Runner<K> } = {
  'dataset.summary': (input, ctx) =>
    explainingRenames(input.variables, () => {
      // Summaries describe the data as the models see it: after the dataset's variable settings and recipes.
      const { frame } = applySettingsAndRecipes({ rows: input.rows, columns: input.columns }, input.variables, input.recipes);
      return summarizeDataset({ datasetId: input.datasetId, rows: frame.rows, columns: frame.columns }, ctx);
    }),
  'dataset.import': runImport,
  'dataset.preview': (input, ctx) => previewDataFile(input, ctx),
  'model.fit': (input, ctx) => explainingRenames(input.variables, () => fitModel(input, ctx)),
  'models.compare': (input, ctx) => explainingRenames(input.variables, () => runModelsCompare(input, ctx)),
  'plot.data': (input, ctx) =>
    explainingRenames(input.variables, () => {
      // Plots show the data as the models see it: after the dataset's variable settings and recipes.
      const { frame } = applySettingsAndRecipes({ rows: input.rows, columns: input.columns }, input.variables, input.recipes);
      return dataPlot(input.datasetId, frame, input.plot, ctx);
    }),
  'plot.model': (input, ctx) =>
    explainingRenames(input.variables, () => {
      // The model frame is rebuilt from the data exactly as the fit built it: settings, recipes, then the subset.
      const { frame, warnings } = applySettingsAndRecipes({ rows: input.rows, columns: input.columns }, input.variables, input.recipes);
      return modelPlot(input, frame, warnings, ctx);
    }),
  'model.inference': (input, ctx) =>
    explainingRenames(input.variables, () => {
      // As for model plots: the model frame is rebuilt exactly as the fit built it.
      const { frame, warnings } = applySettingsAndRecipes({ rows: input.rows, columns: input.columns }, input.variables, input.recipes);
      return runInference(input, frame, warnings, ctx);
    }),
};

/** A recipe, formula or subset that still uses a renamed variable's old name fails saying the new one. */
async function explainingRenames<T>(variables: Parameters<typeof explainRenamed>[1], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw explainRenamed(err, variables);
  }
}

/** Runs one engine task; its value is what the engine process sends back as the job's result. */
export function runTask(task: EngineTask, ctx: TaskContext, io: TaskIo): Promise<unknown> {
  const runner = (runners as Record<string, Runner<EngineTaskKind> | undefined>)[task.kind];
  if (!runner) {
    return Promise.reject(new AppError('unsupported', `The engine has no task named "${String(task.kind)}".`));
  }
  return runner(task.input as InputOf<EngineTaskKind>, ctx, io);
}

export function isEngineTaskKind(kind: unknown): kind is EngineTaskKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(runners, kind);
}

async function runImport(input: InputOf<'dataset.import'>, ctx: TaskContext, io: TaskIo): Promise<ImportResult> {
  const { source, fileName, options } = input;
  const bytes = source.kind === 'bytes' ? source.bytes : await io.readFile(source.path);
  await ctx.checkpoint();
  return readDataFile(
    bytes,
    {
      fileName,
      naStrings: options.naStrings,
      factors: options.factors,
      levels: options.levels,
      delimiter: options.delimiter,
      sheet: options.sheet,
      header: options.header,
    },
    ctx,
  );
}
