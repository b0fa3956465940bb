import type { PlotSetting } from '@shared/plot-settings';
import type { DataPage, DataPageRequest, DatasetInfo } from '@shared/dataset';
import type { ProjectState, RecoverableProject, ResultInfo } from '@shared/project';
import type { Recipe, RecipeInfo } from '@shared/recipes';
import type { ModelInfo, ModelSpec } from '@shared/models';
import type { VariableSetting, VariableSettingInfo } from '@shared/variables';
import type { ViewState } from '@shared/view-state';
import type { Column } from '../../engine/data/column';

/**
 * The project store's surface, as the session and the tests use it. One open
 * project = one working copy (an SQLite file under the work directory) that
 * every change is written to at once; Save copies it atomically to the user's
 * file. See store.ts for the file layout and save protocol.
 */
export interface ProjectStoreOptions {
  /** Directory for working copies and their lock files (the app's data dir, or a temp dir in tests). */
  workDir: string;
  /** better-sqlite3's binary built for Electron, when running unpackaged in Electron; Node's build otherwise. */
  nativeBinding?: string;
}

export interface NewDataset {
  name: string;
  source: string;
  columns: Column[];
}

export interface NewResult {
  /** The model this result belongs to (a fit, a comparison), if any. */
  modelId?: string;
  kind: string;
  title: string;
  datasetId: string | null;
  value: unknown;
}

export interface ProjectStoreApi {
  readonly id: string;
  state(): ProjectState;

  /** Atomic write to the current path; throws AppError('not-found') if the project has no path yet. */
  save(): void;
  /** Atomic write to `path`, which becomes the current path. */
  saveAs(path: string): void;
  /** The project as it stands has nothing worth saving yet (a sample just loaded into a new project). */
  markPristine(): void;
  /** The bytes of the project as a single self-contained file (what Save would write). */
  exportBytes(): Buffer;
  /** Ends the session cleanly: the working copy and its lock are removed. */
  close(): void;

  addDataset(dataset: NewDataset): DatasetInfo;
  /** Datasets as recipes and models see them: columns after their variable settings (see importedDataset). */
  listDatasets(): DatasetInfo[];
  getDataset(id: string): DatasetInfo;
  /** The dataset's columns as imported and stored, which readColumns and page name and number. */
  importedDataset(id: string): DatasetInfo;
  /** Imported columns by their imported names (all when omitted), decoded from their blobs. */
  readColumns(id: string, names?: string[]): Column[];
  page(request: DataPageRequest & { columnStart: number; columnCount: number }): DataPage;
  removeDataset(id: string): void;

  /** A dataset's recipes in the order they apply. */
  listRecipes(datasetId: string): RecipeInfo[];
  /** Appends a recipe (it applies after the existing ones). */
  addRecipe(datasetId: string, recipe: Recipe): RecipeInfo;
  updateRecipe(id: string, recipe: Recipe): RecipeInfo;
  removeRecipe(id: string): void;

  /** A dataset's variable settings, in column order, keyed by imported column name. */
  listVariableSettings(datasetId: string): VariableSettingInfo[];
  /** Stores a column's setting as given (the caller checks and normalises it); an empty setting removes it. */
  setVariableSetting(datasetId: string, column: string, setting: VariableSetting): void;
  /** Removes one column's setting, or all of the dataset's. */
  resetVariableSettings(datasetId: string, column?: string): void;

  /** Stores a model specification under the next free name m1, m2, … */
  addModel(datasetId: string, spec: ModelSpec): ModelInfo;
  listModels(datasetId?: string): ModelInfo[];
  getModel(id: string): ModelInfo;
  /** A new name (1–60 characters after trimming, unique in the project); throws bad-input otherwise. */
  renameModel(id: string, name: string): ModelInfo;

  addResult(result: NewResult): ResultInfo;
  listResults(datasetId?: string): ResultInfo[];
  getResult(id: string): { info: ResultInfo; value: unknown };

  /** Where the window was (view, dataset, tab, grid positions, unfitted drafts); null if never saved or unreadable. */
  viewState(): ViewState | null;
  /** Written to the working copy (so Save and recovery carry it) without marking the project changed. */
  saveViewState(state: ViewState): void;

  /** Every figure's saved options and labels. */
  listPlotSettings(): PlotSetting[];
  /**
   * Stores a figure's options and labels; answers whether the labels changed, which
   * marks the project changed (they are part of what the figure says); options alone
   * (which plot, which tab) are kept like the view state.
   */
  setPlotSetting(setting: PlotSetting): { labelsChanged: boolean };
}

export type { RecoverableProject };
