import { LMLIST_NOT_COMPARED, type ModelFitDone, type ModelFitValue, type ModelInfo, type ModelsCompareDone, type ModelsCompareValue, type ModelSpec } from '@shared/models';
import { AppError } from '@shared/errors';
import type { Session } from './session';
import { datasetTaskInput } from './dataset-input';

/**
 * A model fit is a job: the model is stored first (so it keeps its name m1,
 * m2, … even if the fit fails), the engine fits it on the dataset after its
 * recipes, and the fit is stored as the model's result.
 */
export function startModelFit(session: Session, datasetId: string, spec: ModelSpec): string {
  const project = session.project;
  const dataset = project.getDataset(datasetId);
  const model = project.addModel(datasetId, spec);
  session.changed();
  return session.jobs.start({
    kind: 'model.fit',
    title: `Fitting ${model.name}: ${spec.formula}`,
    task: () => ({
      kind: 'model.fit',
      input: {
        spec,
        ...datasetTaskInput(project, datasetId),
        dataName: dataset.name,
      },
    }),
    finish: (value): ModelFitDone => {
      if (session.project !== project) throw new AppError('cancelled', 'The project was closed before the fit finished; nothing was stored.');
      const fit = value as ModelFitValue;
      const result = project.addResult({ modelId: model.id, kind: 'model.fit', title: `${model.name}: ${fit.formula}`, datasetId, value: fit });
      session.changed();
      return { model, resultId: result.id, value: fit };
    },
  });
}

/**
 * anova() of models of one dataset, as a job: the engine refits them (lme4
 * refits mixed models by ML anyway) on the dataset after its recipes, and the
 * table is stored as a result of the dataset titled as the R call.
 */
export function startModelsCompare(session: Session, modelIds: readonly string[]): string {
  const project = session.project;
  if (new Set(modelIds).size < modelIds.length) throw new AppError('bad-input', 'A model is listed twice; choose each model to compare once.');
  const models = modelIds.map((id) => project.getModel(id));
  const names = models.map((m) => m.name);
  const call = `anova(${names.join(', ')})`;
  checkComparable(models, (id) => project.getDataset(id).name);
  const datasetId = models[0].datasetId;
  const dataset = project.getDataset(datasetId);
  const kind = models[0].spec.kind;
  return session.jobs.start({
    kind: 'models.compare',
    title: `Comparing ${names.join(', ')}`,
    task: () => ({
      kind: 'models.compare',
      input: {
        kind,
        models: models.map((m) => ({
          name: m.name,
          formula: m.spec.formula,
          reml: m.spec.kind === 'lmer' && m.spec.reml,
          glmer: m.spec.kind === 'glmer' && m.spec.family ? { family: m.spec.family, link: m.spec.link, nAGQ: m.spec.nAGQ } : undefined,
        })),
        subset: models[0].spec.subset,
        ...datasetTaskInput(project, datasetId),
        dataName: dataset.name,
      },
    }),
    finish: (value): ModelsCompareDone => {
      if (session.project !== project) throw new AppError('cancelled', 'The project was closed before the comparison finished; nothing was stored.');
      const compared = value as ModelsCompareValue;
      const result = project.addResult({ kind: 'models.compare', title: call, datasetId, value: compared });
      session.changed();
      return { resultId: result.id, value: compared };
    },
  });
}

/** anova() compares models of the same rows: one dataset, one subset, and one kind of model. */
function checkComparable(models: readonly ModelInfo[], datasetName: (id: string) => string): void {
  const list = (ms: readonly ModelInfo[], label: (m: ModelInfo) => string) => ms.map((m) => `${m.name} (${label(m)})`).join(', ');
  if (models.some((m) => m.datasetId !== models[0].datasetId)) {
    throw new AppError('bad-input', `Models of different datasets cannot be compared: ${list(models, (m) => datasetName(m.datasetId))}.`);
  }
  const lists = models.filter((m) => m.spec.kind === 'lmList');
  if (lists.length) throw new AppError('bad-input', `${list(lists, () => 'lmList')}: ${LMLIST_NOT_COMPARED}`);
  if (models.some((m) => m.spec.kind !== models[0].spec.kind)) {
    throw new AppError(
      'bad-input',
      `Compare linear models with linear models and mixed models with mixed models of the same kind: ${list(models, (m) => (m.spec.kind === 'lm' ? 'linear model' : m.spec.kind === 'glmer' ? 'generalized linear mixed model' : 'mixed model'))}.`,
    );
  }
  if (models.some((m) => m.spec.subset !== models[0].spec.subset)) {
    throw new AppError('bad-input', `Models fitted to different subsets of rows cannot be compared: ${list(models, (m) => (m.spec.subset === undefined ? 'all rows' : `subset ${m.spec.subset}`))}.`);
  }
}
