import type { ProjectStoreApi } from './project/api';

/**
 * What every engine task that works from a dataset is sent: its rows and columns
 * as imported, its recipes and its variable settings, which the engine applies
 * (recipes/apply-variables.ts) so that it sees the data as the models see them.
 * Read when the task starts, so a job queued behind an edit uses the edited data.
 */
export function datasetTaskInput(project: ProjectStoreApi, datasetId: string) {
  return {
    rows: project.getDataset(datasetId).rows,
    columns: project.readColumns(datasetId),
    recipes: project.listRecipes(datasetId).map((r) => r.recipe),
    variables: project.listVariableSettings(datasetId),
  };
}
