import { basename, extname, join } from 'node:path';
import type { ImportOptions, ImportSource } from '@shared/dataset';
import { AppError } from '@shared/errors';
import type { DatasetSummary, ImportDone } from '@shared/jobs';
import type { ImportTaskSource } from '../engine-protocol';
import type { ImportResult } from '../engine/import/read-data-file';
import type { Recipe, RecipeInfo } from '@shared/recipes';
import { columnsAfterRecipes, validateRecipe, type ColumnInfo } from '@shared/expr/validate';
import { findSample } from './samples';
import type { Session } from './session';
import { datasetTaskInput } from './dataset-input';

/**
 * Dataset work that needs the engine: importing a file and summarising columns.
 * Both are jobs; main only gathers their input and stores their output, so the
 * window never waits on parsing or arithmetic.
 */
export function startImport(session: Session, source: ImportSource, options: ImportOptions): string {
  const project = session.project;
  const { taskSource, fileName, label, factors, levels } = resolveImportSource(session, source);
  const name = options.name ?? (source.kind === 'sample' ? findSample(source.name)!.title : stripExtension(fileName));
  return session.jobs.start({
    kind: 'dataset.import',
    title: `Importing ${fileName}`,
    task: () => ({
      kind: 'dataset.import',
      input: {
        source: taskSource,
        fileName,
        options: { ...options, factors: [...factors, ...(options.factors ?? [])], levels: { ...levels, ...options.levels } },
      },
    }),
    finish: (value): ImportDone => {
      assertStillOpen(session, project, 'import');
      const result = value as ImportResult;
      const dataset = project.addDataset({ name, source: label, columns: result.columns });
      session.changed();
      return { dataset, warnings: result.warnings };
    },
  });
}

export function startSummary(session: Session, datasetId: string): string {
  const project = session.project;
  const info = project.getDataset(datasetId);
  return session.jobs.start({
    kind: 'dataset.summary',
    title: `Summarising ${info.name}`,
    task: () => ({
      kind: 'dataset.summary',
      input: {
        datasetId,
        ...datasetTaskInput(project, datasetId),
      },
    }),
    finish: (value) => {
      assertStillOpen(session, project, 'summary');
      const summary = value as DatasetSummary;
      const result = project.addResult({ kind: 'dataset.summary', title: `Summary of ${info.name}`, datasetId, value: summary });
      session.changed();
      return { resultId: result.id, summary };
    },
  });
}

/** Loads a sample into the session's new project before the first window shows it (Nestor opens with Exam). */
export async function openSampleAtStart(session: Session, sample: string): Promise<void> {
  const outcome = await session.jobs.wait(startImport(session, { kind: 'sample', name: sample }, {}));
  if (!outcome.ok) {
    console.error(`Nestor could not load the ${sample} sample: ${outcome.error.message}`);
    return;
  }
  session.project.markPristine();
  session.changed();
}

function resolveImportSource(session: Session, source: ImportSource) {
  switch (source.kind) {
    case 'sample': {
      const sample = findSample(source.name);
      if (!sample) throw new AppError('not-found', `There is no sample data set named "${source.name}".`);
      const path = join(session.options.resourcesDir, 'sample-data', sample.file);
      return {
        taskSource: { kind: 'path', path } satisfies ImportTaskSource as ImportTaskSource,
        fileName: sample.file,
        label: `sample: ${sample.title}`,
        factors: sample.factors,
        levels: sample.levels,
      };
    }
    case 'path': {
      const path = session.checkedPath(source.path);
      return { taskSource: { kind: 'path', path } as ImportTaskSource, fileName: basename(path), label: path, factors: [], levels: {} };
    }
    case 'upload':
      return {
        taskSource: { kind: 'bytes', bytes: new Uint8Array(Buffer.from(source.base64, 'base64')) } as ImportTaskSource,
        fileName: source.name,
        label: source.name,
        factors: [],
        levels: {},
      };
  }
}

function assertStillOpen(session: Session, project: unknown, what: string): void {
  if (session.project !== project) {
    throw new AppError('cancelled', `The project was closed before the ${what} finished; nothing was stored.`);
  }
}

function stripExtension(fileName: string): string {
  const ext = extname(fileName);
  return ext ? fileName.slice(0, -ext.length) : fileName;
}

/** Stores a recipe after checking it against the dataset's columns and the recipes before it. */
export function addRecipe(session: Session, datasetId: string, recipe: Recipe): RecipeInfo {
  const project = session.project;
  const info = project.getDataset(datasetId);
  const before = project.listRecipes(datasetId).map((r) => r.recipe);
  checkRecipe(recipe, columnsAfterRecipes(info.columns, before), info.columns);
  const stored = project.addRecipe(datasetId, recipe);
  session.changed();
  return stored;
}

export function updateRecipe(session: Session, id: string, recipe: Recipe): RecipeInfo {
  const project = session.project;
  const owner = project.listDatasets().find((d) => project.listRecipes(d.id).some((r) => r.id === id));
  if (!owner) throw new AppError('not-found', `There is no recipe "${id}" in this project.`);
  const all = project.listRecipes(owner.id);
  const before = all.slice(0, all.findIndex((r) => r.id === id)).map((r) => r.recipe);
  checkRecipe(recipe, columnsAfterRecipes(owner.columns, before), owner.columns);
  const stored = project.updateRecipe(id, recipe);
  session.changed();
  return stored;
}

function checkRecipe(recipe: Recipe, visible: ColumnInfo[], imported: ColumnInfo[]): void {
  if (recipe.kind === 'compute' && imported.some((c) => c.name === recipe.name)) {
    throw new AppError('bad-input', `"${recipe.name}" is an imported variable; a recipe cannot replace imported data. Choose another name.`);
  }
  const verdict = validateRecipe(recipe, visible);
  if (!verdict.ok) throw new AppError('bad-input', verdict.message, verdict.position === undefined ? undefined : { position: verdict.position });
}
