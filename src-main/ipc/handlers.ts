import { AppError } from '@shared/errors';
import type { AppInfo } from '@shared/contract';
import { PROJECT_SCHEMA_VERSION } from '../services/project/schema';
import { samples } from '../services/samples';
import { addRecipe, startImport, startSummary, updateRecipe } from '../services/datasets';
import { startDataPlot } from '../services/data-plots';
import { startModelInference } from '../services/inference';
import { startModelPlot } from '../services/model-plots';
import { startModelFit, startModelsCompare } from '../services/models';
import { previewImport } from '../services/preview';
import { resetVariables, setVariable } from '../services/variables';
import type { Session } from '../services/session';
import type { Handlers } from './dispatch';
import { version } from '../../package.json';

/**
 * Every channel of the contract, answered by the session's services. Handlers
 * stay thin: they receive validated requests and call plain functions that the
 * tests call too.
 */
export function createHandlers(session: Session): Handlers {
  return {
    'app.info': (): AppInfo => ({
      name: 'Nestor',
      version,
      host: session.options.host,
      platform: process.platform,
      versions: Object.fromEntries(
        Object.entries(process.versions).filter(([k]) => ['node', 'electron', 'chrome', 'v8'].includes(k)),
      ) as Record<string, string>,
      projectSchemaVersion: PROJECT_SCHEMA_VERSION,
    }),

    'project.new': () => session.newProject(),
    'project.open': ({ source }) => session.openProject(source),
    'project.save': () => session.save(),
    'project.saveAs': ({ target }) => session.saveAs(target),
    'project.state': () => session.project.state(),
    'project.export': () => session.exportProject(),
    'project.recent': () => session.options.recentFiles?.list() ?? [],
    'project.recoverable': () => session.recoverable(),
    'project.recover': ({ id }) => session.recover(id),
    'project.discardRecovery': ({ id }) => {
      session.discardRecovery(id);
      return {};
    },
    'project.viewState': () => session.project.viewState(),
    'project.saveViewState': ({ projectId, state }) => {
      // A write still on its way when another project was opened belongs to that other project.
      if (projectId !== session.project.id) return { saved: false };
      session.project.saveViewState(state);
      return { saved: true };
    },

    'datasets.samples': () => samples.map(({ name, title, description, file }) => ({ name, title, description, file })),
    'datasets.import': ({ source, options }) => ({ jobId: startImport(session, source, options) }),
    'datasets.preview': (request) => previewImport(session, request),
    'datasets.list': () => session.project.listDatasets(),
    'datasets.page': (request) => session.project.page(request),
    'datasets.remove': ({ datasetId }) => {
      session.project.removeDataset(datasetId);
      session.changed();
      return {};
    },

    'recipes.list': ({ datasetId }) => session.project.listRecipes(datasetId),
    'recipes.add': ({ datasetId, recipe }) => addRecipe(session, datasetId, recipe),
    'recipes.update': ({ id, recipe }) => updateRecipe(session, id, recipe),
    'recipes.remove': ({ id }) => {
      session.project.removeRecipe(id);
      session.changed();
      return {};
    },

    'variables.set': ({ datasetId, column, setting }) => setVariable(session, datasetId, column, setting),
    'variables.reset': ({ datasetId, column }) => resetVariables(session, datasetId, column),

    'models.list': ({ datasetId }) => session.project.listModels(datasetId),
    'models.rename': ({ id, name }) => {
      const model = session.project.renameModel(id, name);
      session.changed();
      return model;
    },

    'jobs.start': (request) => {
      switch (request.kind) {
        case 'dataset.summary':
          return { jobId: startSummary(session, request.datasetId) };
        case 'model.fit':
          return { jobId: startModelFit(session, request.datasetId, request.spec) };
        case 'models.compare':
          return { jobId: startModelsCompare(session, request.modelIds) };
        case 'plot.data':
          return { jobId: startDataPlot(session, request.datasetId, request.plot) };
        case 'plot.model':
          return { jobId: startModelPlot(session, request.modelId, request.plot) };
        case 'model.inference':
          return { jobId: startModelInference(session, request.modelId, request.task) };
        default:
          throw new AppError('unsupported', `Jobs of kind ${(request as { kind: string }).kind} are not available.`);
      }
    },
    'jobs.cancel': ({ jobId }) => {
      session.jobs.cancel(jobId);
      return {};
    },
    'jobs.list': () => session.jobs.list(),

    'plots.settings.get': () => session.project.listPlotSettings(),
    'plots.settings.set': ({ projectId, setting }) => {
      // A write still on its way when another project was opened belongs to that other project.
      if (projectId !== session.project.id) return { saved: false };
      if (session.project.setPlotSetting(setting).labelsChanged) session.changed();
      return { saved: true };
    },

    'results.list': ({ datasetId }) => session.project.listResults(datasetId),
    'results.get': ({ id }) => session.project.getResult(id),
  };
}

const handlersBySession = new WeakMap<Session, Handlers>();

/** The handlers of a session, made once. */
export function handlersFor(session: Session): Handlers {
  let handlers = handlersBySession.get(session);
  if (!handlers) handlersBySession.set(session, (handlers = createHandlers(session)));
  return handlers;
}
