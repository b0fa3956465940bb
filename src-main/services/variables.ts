import type { ColumnInfo, DatasetInfo } from '@shared/dataset';
import { AppError } from '@shared/errors';
import {
  importedOf,
  kindClass,
  MAX_SETTING_LEVELS,
  renameProblem,
  sameList,
  type ImportedColumn,
  type VariableSetting,
} from '@shared/variables';
import type { NumericColumn } from '../engine/data/column';
import { defaultFactor, parseNumber } from '../engine/recipes/factor';
import { num } from '../engine/recipes/values';
import type { Session } from './session';

/**
 * Variable settings as the Variables panel sends them: checked against the
 * dataset (a known column, a free plain R name, levels that are the column's
 * own, labels that are numbers), normalised (what equals the import is left
 * out; a factor made from numbers lists its levels) and stored. Recipes and
 * models that still use an old name are not refused here: removing a setting
 * must always be possible, and they say what is wrong when they next run.
 */
export function setVariable(session: Session, datasetId: string, column: string, setting: VariableSetting): DatasetInfo {
  const project = session.project;
  const dataset = project.getDataset(datasetId);
  const target = findColumn(dataset, column);
  const imported = importedOf(target);
  const computed = project.listRecipes(datasetId).flatMap((r) => (r.recipe.kind === 'compute' ? [r.recipe.name] : []));
  const where = `${dataset.name}, variable ${imported.name}`;
  const normal: VariableSetting = {};

  if (setting.rename !== undefined && setting.rename !== imported.name) {
    checkNewName(setting.rename, target, dataset, computed, where);
    normal.rename = setting.rename;
  }

  const base = kindClass(imported.kind);
  const wanted = setting.kind ?? base;
  if (wanted !== base) normal.kind = wanted;
  if (wanted === 'numeric') {
    if (setting.levels) throw bad(where, `a level order is for factors, and ${imported.name} would be numeric; choose the factor type to order its levels`);
    if (base === 'factor') checkNumberLabels(imported, where);
  } else {
    const own = base === 'factor' ? (imported.levels ?? []) : levelsOfNumbers(() => project.readColumns(datasetId, [imported.name])[0] as NumericColumn, where);
    const levels = setting.levels ?? own;
    checkLevelOrder(levels, own, where);
    // A factor made from numbers keeps its levels even in R's order, so they can be listed without the data.
    if (base !== 'factor' || !sameList(levels, own)) normal.levels = levels.slice();
  }

  project.setVariableSetting(datasetId, imported.name, normal);
  session.changed();
  return project.getDataset(datasetId);
}

/** Removes a column's settings (or all of the dataset's): the columns are as imported again. */
export function resetVariables(session: Session, datasetId: string, column?: string): DatasetInfo {
  const project = session.project;
  const dataset = project.getDataset(datasetId);
  project.resetVariableSettings(datasetId, column === undefined ? undefined : importedOf(findColumn(dataset, column)).name);
  session.changed();
  return project.getDataset(datasetId);
}

/** A column by its imported name or its name now; settings keep the two sets of names from clashing. */
function findColumn(dataset: DatasetInfo, name: string): ColumnInfo {
  const found = dataset.columns.find((c) => importedOf(c).name === name) ?? dataset.columns.find((c) => c.name === name);
  if (!found) throw new AppError('bad-input', `${dataset.name} has no variable "${name}".`, { variable: name });
  return found;
}

/**
 * A new name must be a plain R name that no other variable has, was imported
 * with, or gets from a recipe. Imported names stay reserved so that the R
 * script's renames, one name at a time, can never catch two columns.
 */
function checkNewName(name: string, target: ColumnInfo, dataset: DatasetInfo, computed: string[], where: string): void {
  const problem = renameProblem(name);
  if (problem) throw bad(where, `cannot be renamed: ${problem}`);
  for (const other of dataset.columns) {
    if (other === target) continue;
    if (other.name === name) throw bad(where, `cannot be renamed ${name}: another variable is called ${name}`);
    if (importedOf(other).name === name) throw bad(where, `cannot be renamed ${name}: that is the imported name of the variable now called ${other.name}`);
  }
  if (computed.includes(name)) throw bad(where, `cannot be renamed ${name}: a recipe computes a variable of that name`);
}

/** as.numeric(as.character(x)) must read every level as a number; R would make the others NA. */
function checkNumberLabels(imported: ImportedColumn, where: string): void {
  for (const label of imported.levels ?? []) {
    const value = parseNumber(label);
    if (value === null || Number.isNaN(value)) {
      throw bad(
        where,
        `cannot be numeric: its level "${label}" is not a number (as.numeric(as.character(${imported.name})) would make those rows NA); keep it a factor`,
      );
    }
  }
}

/** factor(x)'s levels for a numeric column: its distinct values, sorted, as R writes them. */
function levelsOfNumbers(read: () => NumericColumn, where: string): string[] {
  const column = read();
  const levels = defaultFactor(num(column.values, column.kind === 'numeric' ? 'double' : column.kind)).levels;
  if (levels.length === 0) throw bad(where, 'cannot be a factor: it has no values, only NA');
  if (levels.length > MAX_SETTING_LEVELS) {
    throw bad(where, `cannot be a factor here: it has ${levels.length.toLocaleString('en-US')} distinct values, more than the ${MAX_SETTING_LEVELS.toLocaleString('en-US')} levels Nestor keeps`);
  }
  return levels;
}

/** A level order lists the column's own levels, each once. */
function checkLevelOrder(levels: readonly string[], own: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const level of levels) {
    if (seen.has(level)) throw bad(where, `the level "${level}" is listed twice in the level order`);
    seen.add(level);
  }
  const unknown = levels.filter((l) => !own.includes(l));
  if (unknown.length) throw bad(where, `has no level ${quoted(unknown)}; its levels are ${quoted(own)}`);
  const left = own.filter((l) => !seen.has(l));
  if (left.length) throw bad(where, `the level order leaves out ${quoted(left)}; list every level once (the first is the reference level)`);
}

function quoted(labels: readonly string[]): string {
  const shown = labels.slice(0, 8).map((l) => `"${l}"`).join(', ');
  return labels.length > 8 ? `${shown} and ${labels.length - 8} more` : shown;
}

function bad(where: string, reason: string): AppError {
  return new AppError('bad-input', `${where}: ${reason}.`);
}
