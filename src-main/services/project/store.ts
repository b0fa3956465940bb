import type { PlotSetting } from '@shared/plot-settings';
import * as plotSettings from './plot-settings-table';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Cell, DataPage, DataPageRequest, DatasetInfo } from '@shared/dataset';
import { AppError } from '@shared/errors';
import type { ProjectState, RecoverableProject, ResultInfo } from '@shared/project';
import type { Recipe, RecipeInfo } from '@shared/recipes';
import type { ModelInfo, ModelSpec } from '@shared/models';
import { columnsWithSettings, type VariableSetting, type VariableSettingInfo } from '@shared/variables';
import type { ViewState } from '@shared/view-state';
import { cellValue, type Column } from '../../engine/data/column';
import type { NewDataset, NewResult, ProjectStoreApi, ProjectStoreOptions } from './api';
import { saveCopy, selfContainedBytes } from './atomic-save';
import { decodeColumn, encodeColumn, validateColumns } from './codec';
import { ColumnCache } from './column-cache';
import * as datasets from './datasets-table';
import * as models from './models-table';
import * as recipes from './recipes-table';
import * as results from './results-table';
import * as variables from './variables-table';
import { latestVersion, migrations as defaultMigrations, writeMeta, type Migration } from './schema';
import { readViewState, writeViewState } from './view-state-table';
import { copyProjectFile, copyUploadedProject, createWorkingCopy, reopenCrashedCopy, type OpenedCopy } from './open-working-copy';
import * as copies from './working-copies';

/**
 * One open project. Its working copy lives in the work directory and receives
 * every change at once, each in its own transaction: that is the autosave.
 * Save copies it atomically to the user's file (atomic-save.ts).
 *
 * The working copy runs in WAL mode with synchronous=NORMAL. A commit then
 * appends to the -wal file without an fsync (about 0.03 ms for a small change
 * here, against 0.7 ms for a rollback journal, and far more on laptop disks
 * where each fsync costs milliseconds), and a committed change still survives
 * a crash of the app, which is what autosave is for; only an OS crash or power
 * cut can lose the last moments, and the file stays consistent even then. The
 * cost, writing a large import twice (WAL, then checkpoint), is paid once per
 * import. Saved files never use WAL: they are one self-contained file.
 */

const UNTITLED = 'Untitled';
/** Decoded columns kept for paging; about 30 columns of a million rows. */
const CACHE_BUDGET_BYTES = 256 * 1024 * 1024;
export interface StoreOptions extends ProjectStoreOptions {
  /** The migrations this build knows; tests pass a longer list to play a newer Nestor. */
  migrations?: readonly Migration[];
}

export class ProjectStore implements ProjectStoreApi {
  private readonly cache = new ColumnCache(CACHE_BUDGET_BYTES);
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: StoreOptions,
    private lock: copies.ProjectLock,
    private savedAt: string | null,
  ) {}

  get id(): string {
    return this.lock.id;
  }

  private get workDir(): string {
    return this.options.workDir;
  }

  /** A new, unsaved project that lives only in its working copy. */
  static create(options: StoreOptions): ProjectStore {
    return ProjectStore.start(createWorkingCopy(options, UNTITLED), options);
  }

  /**
   * Opens the user's file: checked read-only, copied into a new working copy,
   * and only the copy is migrated. The file itself is never written.
   */
  static open(file: string, options: StoreOptions): ProjectStore {
    return ProjectStore.start(copyProjectFile(file, options), options);
  }

  /** Opens an uploaded file's bytes (browser host): like `open`, with no path on this machine to save to. */
  static openBytes(bytes: Buffer, fileName: string, options: StoreOptions): ProjectStore {
    return ProjectStore.start(copyUploadedProject(bytes, fileName, options), options);
  }

  /** Working copies of sessions that crashed; see working-copies.ts for what is listed. */
  static listRecoverable(workDir: string, options: Omit<StoreOptions, 'workDir'> = {}): RecoverableProject[] {
    return copies.listRecoverable(workDir, latestVersion(options.migrations ?? defaultMigrations), options.nativeBinding);
  }

  /** Reopens a crashed session's working copy as the current project, keeping its path and unsaved state. */
  static recover(id: string, options: StoreOptions): ProjectStore {
    return ProjectStore.start(reopenCrashedCopy(id, options), options);
  }

  /** Deletes a crashed session's working copy and lock. */
  static discardRecovery(workDir: string, id: string): void {
    copies.abandonedLock(workDir, id);
    copies.removeWorkingCopy(workDir, id);
  }

  /** Takes the lock for this process; from here on the working copy is ours. */
  private static start(copy: OpenedCopy, options: StoreOptions): ProjectStore {
    const store = new ProjectStore(copy.db, options, { ...copy.lock, pid: process.pid, cleanExit: false }, copy.savedAt);
    try {
      copies.writeLock(options.workDir, store.lock);
    } catch (err) {
      copy.abandon();
      throw err;
    }
    return store;
  }

  state(): ProjectState {
    this.assertOpen();
    return {
      id: this.lock.id,
      name: this.lock.name,
      path: this.lock.path,
      dirty: this.lock.dirty,
      savedAt: this.savedAt,
      autosavedAt: this.lock.autosavedAt,
      datasets: this.listDatasets(),
    };
  }

  save(): void {
    this.assertOpen();
    if (this.lock.path === null) {
      throw new AppError('not-found', 'This project has not been saved yet; choose where to save it (Save As)');
    }
    this.saveTo(this.lock.path);
  }

  saveAs(file: string): void {
    this.assertOpen();
    const target = path.resolve(file);
    if (target === path.resolve(copies.workingCopyPath(this.workDir, this.id))) {
      throw new AppError('bad-input', `Cannot save over the project's own working copy ${target}`);
    }
    this.saveTo(target);
  }

  private saveTo(target: string): void {
    const savedAt = new Date().toISOString();
    saveCopy(this.db, target, savedAt, this.options.nativeBinding);
    // Not a user change: the working copy only learns when it was last saved, and stays clean.
    writeMeta(this.db, 'saved_at', savedAt);
    this.savedAt = savedAt;
    this.lock = { ...this.lock, path: target, name: path.parse(target).name, dirty: false };
    copies.writeLock(this.workDir, this.lock);
  }

  /**
   * Declares the project as it stands a starting point with nothing to lose (a
   * new project with a sample just loaded): no Save prompt on close, and nothing
   * to offer for recovery after a crash.
   */
  markPristine(): void {
    this.assertOpen();
    this.lock = { ...this.lock, dirty: false };
    copies.writeLock(this.workDir, this.lock);
  }

  exportBytes(): Buffer {
    this.assertOpen();
    return selfContainedBytes(this.db, this.workDir, new Date().toISOString(), this.options.nativeBinding);
  }

  /** Ends the session: the working copy and its lock are deleted, so nothing is offered for recovery. The caller asks about unsaved changes first. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.db.close();
    this.lock = { ...this.lock, cleanExit: true };
    try {
      copies.writeLock(this.workDir, this.lock);
    } finally {
      copies.removeWorkingCopy(this.workDir, this.id);
    }
  }

  addDataset(dataset: NewDataset): DatasetInfo {
    this.assertOpen();
    const base = typeof dataset.name === 'string' ? dataset.name.trim() : '';
    if (base.length === 0) throw new AppError('bad-input', 'A dataset needs a name');
    const rows = validateColumns(base, dataset.columns);
    const encoded = dataset.columns.map(encodeColumn);
    let id = '';
    this.change(() => {
      const name = datasets.uniqueName(base, datasets.datasetNames(this.db));
      do id = `ds-${randomBytes(6).toString('hex')}`;
      while (datasets.datasetExists(this.db, id));
      datasets.insertDataset(this.db, { id, name, source: dataset.source, rows, importedAt: new Date().toISOString() }, encoded);
    });
    return this.getDataset(id);
  }

  listDatasets(): DatasetInfo[] {
    this.assertOpen();
    const settings = variables.settingsByDataset(this.db);
    return datasets.listDatasetInfos(this.db).map((d) => ({ ...d, columns: columnsWithSettings(d.columns, settings.get(d.id) ?? []) }));
  }

  getDataset(id: string): DatasetInfo {
    const info = this.importedDataset(id);
    return { ...info, columns: columnsWithSettings(info.columns, variables.listSettings(this.db, id)) };
  }

  importedDataset(id: string): DatasetInfo {
    this.assertOpen();
    const info = datasets.findDatasetInfo(this.db, id);
    if (!info) throw new AppError('not-found', `There is no dataset "${id}" in this project`);
    return info;
  }

  /** Fresh arrays the caller owns (copies of the cached ones), in the order asked for. */
  readColumns(id: string, names?: string[]): Column[] {
    const info = this.importedDataset(id);
    const positions = (names ?? info.columns.map((c) => c.name)).map((name) => {
      const position = info.columns.findIndex((c) => c.name === name);
      if (position < 0) throw new AppError('not-found', `Dataset "${info.name}" has no column "${name}"`);
      return position;
    });
    return positions.map((p) => copyColumn(this.column(info, p)));
  }

  page(request: DataPageRequest & { columnStart: number; columnCount: number }): DataPage {
    const info = this.importedDataset(request.datasetId);
    const { rowStart, rowCount, columnStart, columnCount } = request;
    for (const [key, value] of Object.entries({ rowStart, rowCount, columnStart, columnCount })) {
      if (!Number.isInteger(value) || value < 0) throw new AppError('bad-input', `Page ${key} must be a whole number ≥ 0, not ${value}`);
    }
    const first = Math.min(rowStart, info.rows);
    const end = Math.min(info.rows, rowStart + rowCount);
    const lastColumn = Math.min(info.columns.length, columnStart + columnCount);
    const columns: DataPage['columns'] = [];
    for (let p = columnStart; p < lastColumn; p++) {
      const column = this.column(info, p);
      const cells: Cell[] = new Array(end - first);
      for (let r = first; r < end; r++) cells[r - first] = cellValue(column, r);
      columns.push({ name: column.name, cells });
    }
    return { datasetId: info.id, rowStart: first, rowCount: end - first, columnStart, columns };
  }

  removeDataset(id: string): void {
    this.assertOpen();
    this.change(() => {
      if (!datasets.deleteDataset(this.db, id)) throw new AppError('not-found', `There is no dataset "${id}" in this project`);
    });
    this.cache.drop(id);
  }

  listRecipes(datasetId: string): RecipeInfo[] {
    this.getDataset(datasetId);
    return recipes.listRecipes(this.db, datasetId);
  }

  addRecipe(datasetId: string, recipe: Recipe): RecipeInfo {
    this.getDataset(datasetId);
    let info: RecipeInfo | undefined;
    this.change(() => (info = recipes.insertRecipe(this.db, `rcp-${randomBytes(6).toString('hex')}`, datasetId, recipe, new Date().toISOString())));
    return info!;
  }

  updateRecipe(id: string, recipe: Recipe): RecipeInfo {
    this.assertOpen();
    let info: RecipeInfo | undefined;
    this.change(() => (info = recipes.updateRecipe(this.db, id, recipe)));
    return info!;
  }

  removeRecipe(id: string): void {
    this.assertOpen();
    this.change(() => recipes.deleteRecipe(this.db, id));
  }

  listVariableSettings(datasetId: string): VariableSettingInfo[] {
    this.importedDataset(datasetId);
    return variables.listSettings(this.db, datasetId);
  }

  setVariableSetting(datasetId: string, column: string, setting: VariableSetting): void {
    const info = this.importedDataset(datasetId);
    if (!info.columns.some((c) => c.name === column)) throw new AppError('not-found', `Dataset "${info.name}" has no column "${column}"`);
    this.change(() => variables.writeSetting(this.db, datasetId, column, setting));
  }

  resetVariableSettings(datasetId: string, column?: string): void {
    this.importedDataset(datasetId);
    this.change(() => variables.deleteSettings(this.db, datasetId, column));
  }

  addModel(datasetId: string, spec: ModelSpec): ModelInfo {
    this.getDataset(datasetId);
    let info: ModelInfo | undefined;
    this.change(() => (info = models.insertModel(this.db, `mdl-${randomBytes(6).toString('hex')}`, datasetId, spec, new Date().toISOString())));
    return info!;
  }

  listModels(datasetId?: string): ModelInfo[] {
    this.assertOpen();
    return models.listModels(this.db, datasetId);
  }

  getModel(id: string): ModelInfo {
    this.assertOpen();
    return models.readModel(this.db, id);
  }

  renameModel(id: string, name: string): ModelInfo {
    this.assertOpen();
    let info: ModelInfo | undefined;
    this.change(() => (info = models.renameModel(this.db, id, name)));
    return info!;
  }

  addResult(result: NewResult): ResultInfo {
    this.assertOpen();
    if (result.datasetId !== null && !datasets.datasetExists(this.db, result.datasetId)) {
      throw new AppError('not-found', `Result "${result.title}" refers to dataset "${result.datasetId}", which is not in this project`);
    }
    const info: ResultInfo = {
      id: `res-${randomBytes(6).toString('hex')}`,
      kind: result.kind,
      title: result.title,
      datasetId: result.datasetId,
      modelId: result.modelId ?? null,
      createdAt: new Date().toISOString(),
    };
    if (result.modelId !== undefined) models.readModel(this.db, result.modelId);
    this.change(() => results.insertResult(this.db, info, result.value));
    return info;
  }

  listResults(datasetId?: string): ResultInfo[] {
    this.assertOpen();
    return results.listResultInfos(this.db, datasetId);
  }

  getResult(id: string): { info: ResultInfo; value: unknown } {
    this.assertOpen();
    return results.readResult(this.db, id);
  }

  viewState(): ViewState | null {
    this.assertOpen();
    return readViewState(this.db);
  }

  /** Not a change of the project: it stays clean (no Save prompt for a scroll) and the lock is left alone. */
  saveViewState(state: ViewState): void {
    this.assertOpen();
    writeViewState(this.db, state);
  }

  listPlotSettings(): PlotSetting[] {
    this.assertOpen();
    return plotSettings.listPlotSettings(this.db);
  }

  setPlotSetting(setting: PlotSetting): { labelsChanged: boolean } {
    this.assertOpen();
    const before = plotSettings.readPlotSetting(this.db, setting.target, setting.kind);
    const labelsChanged = JSON.stringify(before?.labels ?? null) !== JSON.stringify(setting.labels);
    if (labelsChanged) this.change(() => plotSettings.writePlotSetting(this.db, setting));
    else plotSettings.writePlotSetting(this.db, setting);
    return { labelsChanged };
  }

  /** Runs one change in a transaction, then records in the lock that the working copy moved on. */
  private change(write: () => void): void {
    this.db.transaction(write)();
    this.lock = { ...this.lock, dirty: true, autosavedAt: new Date().toISOString() };
    copies.writeLock(this.workDir, this.lock);
  }

  private column(info: DatasetInfo, position: number): Column {
    return this.cache.get(info.id, position, () =>
      decodeColumn(
        datasets.readStoredColumn(this.db, info.id, position),
        info.rows,
        `dataset "${info.name}", column "${info.columns[position].name}"`,
      ),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('internal', `Project ${this.lock.id} is closed`);
  }
}

function copyColumn(column: Column): Column {
  return column.kind === 'factor'
    ? { name: column.name, kind: 'factor', codes: column.codes.slice(), levels: column.levels.slice() }
    : { name: column.name, kind: column.kind, values: column.values.slice() };
}
