import { z } from 'zod';
import { DataPage, DataPageRequest, DatasetId, DatasetInfo, ImportOptions, ImportSource, SampleInfo } from './dataset';
import { ImportPreview, PreviewRequest } from './dataset';
import { JobDone, JobId, JobInfo, JobProgress, JobRequest } from './jobs';
import { ProjectSource, ProjectState, RecoverableProject, ResultInfo, SaveTarget } from './project';
import { Recipe, RecipeInfo } from './recipes';
import { ModelInfo } from './models';
import { VariableSetting } from './variables';
import { ViewState } from './view-state';
import { PlotSetting } from './plot-settings';

/**
 * The one map of everything the renderer may ask of main: channel name →
 * request schema and response schema. Main validates every request against it
 * before a service sees it; channel names are never typed by hand elsewhere.
 */
const empty = z.object({}).strict();
const RecipeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
  projectSchemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const channels = {
  'app.info': { request: empty, response: AppInfo },

  'project.new': { request: empty, response: ProjectState },
  'project.open': { request: z.object({ source: ProjectSource }).strict(), response: ProjectState },
  'project.save': { request: empty, response: ProjectState },
  'project.saveAs': { request: z.object({ target: SaveTarget }).strict(), response: ProjectState },
  'project.state': { request: empty, response: ProjectState },
  /** The project file's bytes, for a browser to download (the browser host's Save). */
  'project.export': { request: empty, response: z.object({ name: z.string(), base64: z.string() }) },
  'project.recent': { request: empty, response: z.array(z.string()) },
  'project.recoverable': { request: empty, response: z.array(RecoverableProject) },
  'project.recover': { request: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(), response: ProjectState },
  'project.discardRecovery': { request: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(), response: empty },
  /** Where the window was in the open project (src-shared/view-state.ts); null when it never saved any. */
  'project.viewState': { request: empty, response: ViewState.nullable() },
  /** Kept without marking the project changed; a state meant for a project no longer open is dropped (saved: false). */
  'project.saveViewState': {
    request: z.object({ projectId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), state: ViewState }).strict(),
    response: z.object({ saved: z.boolean() }),
  },

  'datasets.samples': { request: empty, response: z.array(SampleInfo) },
  'datasets.import': {
    request: z.object({ source: ImportSource, options: ImportOptions.default({}) }).strict(),
    response: z.object({ jobId: JobId }),
  },
  /** What the import would make of a file with these options, from the file's head: answered in main, no job (see services/preview.ts). */
  'datasets.preview': { request: PreviewRequest, response: ImportPreview },
  'datasets.list': { request: empty, response: z.array(DatasetInfo) },
  'datasets.page': { request: DataPageRequest, response: DataPage },
  'datasets.remove': { request: z.object({ datasetId: DatasetId }).strict(), response: empty },

  'recipes.list': { request: z.object({ datasetId: DatasetId }).strict(), response: z.array(RecipeInfo) },
  /** Checked against the dataset's columns (and earlier recipes) before it is stored; a bad recipe is a bad-input error with its position. */
  'recipes.add': { request: z.object({ datasetId: DatasetId, recipe: Recipe }).strict(), response: RecipeInfo },
  'recipes.update': { request: z.object({ id: RecipeId, recipe: Recipe }).strict(), response: RecipeInfo },
  'recipes.remove': { request: z.object({ id: RecipeId }).strict(), response: empty },

  /** A column's settings (it is named as imported or as it is now), replacing any it had; checked in main. Answers the dataset as models see it. */
  'variables.set': {
    request: z.object({ datasetId: DatasetId, column: z.string().min(1).max(1000), setting: VariableSetting }).strict(),
    response: DatasetInfo,
  },
  /** Removes one column's settings, or every column's when none is named: the columns are as imported again. */
  'variables.reset': {
    request: z.object({ datasetId: DatasetId, column: z.string().min(1).max(1000).optional() }).strict(),
    response: DatasetInfo,
  },

  'models.list': { request: z.object({ datasetId: DatasetId.optional() }).strict(), response: z.array(ModelInfo) },
  /** The store checks the name (1–60 characters once trimmed, unique in the project) and says what is wrong. */
  'models.rename': {
    request: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), name: z.string().max(1000) }).strict(),
    response: ModelInfo,
  },

  'jobs.start': { request: JobRequest, response: z.object({ jobId: JobId }) },
  'jobs.cancel': { request: z.object({ jobId: JobId }).strict(), response: empty },
  'jobs.list': { request: empty, response: z.array(JobInfo) },

  /** Every figure's saved options and labels in the open project. */
  'plots.settings.get': { request: empty, response: z.array(PlotSetting) },
  /** A figure's options and labels (null: defaults); a change of labels marks the project changed. */
  'plots.settings.set': { request: z.object({ projectId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), setting: PlotSetting }).strict(), response: z.object({ saved: z.boolean() }) },

  'results.list': { request: z.object({ datasetId: DatasetId.optional() }).strict(), response: z.array(ResultInfo) },
  'results.get': {
    request: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
    response: z.object({ info: ResultInfo, value: z.unknown() }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Channel = keyof typeof channels;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;

/** Commands the native menu sends to the renderer, which owns the dialogs and views. */
export const MenuCommand = z.enum([
  'project.new',
  'project.open',
  'project.save',
  'project.saveAs',
  'data.import',
  'view.data',
  'view.model',
  'view.results',
  'view.plots',
  'help.about',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

/** Everything main pushes to the renderer. */
export const events = {
  'job.progress': JobProgress,
  'job.done': JobDone,
  'jobs.changed': z.array(JobInfo),
  'project.changed': ProjectState,
  'menu.command': z.object({ command: MenuCommand, path: z.string().optional() }),
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
