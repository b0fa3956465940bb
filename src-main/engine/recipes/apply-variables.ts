import { AppError } from '@shared/errors';
import type { Recipe } from '@shared/recipes';
import { renameProblem, type VariableSetting, type VariableSettingInfo } from '@shared/variables';
import { MISSING_CODE, type Column, type FactorColumn, type NumericColumn } from '../data/column';
import type { DataFrame } from '../data/frame';
import { applyRecipes, type RecipeOutcome } from './apply-recipes';
import { defaultFactor, parseNumber } from './factor';
import { num } from './values';

/**
 * Variable settings applied to the imported frame, the way the R script does
 * it after reading the file: factor(x) for a numeric column made a factor,
 * as.numeric(as.character(x)) for a factor made numeric, factor(x, levels =)
 * for a new level order, names(d)[…] <- for a new name. The imported columns
 * and their arrays are never written; a changed column is a new one, the
 * others are shared.
 */
export function applyVariableSettings(frame: DataFrame, settings: readonly VariableSettingInfo[] = []): DataFrame {
  if (settings.length === 0) return frame;
  const columns = frame.columns.slice();
  for (const { column, setting } of settings) {
    const at = frame.columns.findIndex((c) => c.name === column);
    if (at < 0) throw settingError(column, `the data have no imported variable "${column}"`);
    columns[at] = applySetting(frame.columns[at], setting);
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new AppError('bad-input', `Variable settings: two variables are called "${c.name}"; give one of them another name.`, { variable: c.name });
    seen.add(c.name);
  }
  return { rows: frame.rows, columns };
}

/** The data as recipes, summaries and models see them: the settings, then the recipes. */
export function applySettingsAndRecipes(frame: DataFrame, settings: readonly VariableSettingInfo[] | undefined, recipes: Recipe[]): RecipeOutcome {
  return applyRecipes(applyVariableSettings(frame, settings), recipes);
}

/**
 * A recipe, formula or subset written before a variable was renamed fails on
 * the old name ("there is no variable "standLRT""); its error then also says
 * what the variable is called now.
 */
export function explainRenamed(err: unknown, settings: readonly VariableSettingInfo[] | undefined): unknown {
  if (!(err instanceof AppError) || err.code !== 'bad-input' || !settings?.length) return err;
  const missing = /there is no variable "([^"]+)"/.exec(err.message)?.[1];
  const renamed = settings.find((s) => s.column === missing && s.setting.rename !== undefined && s.setting.rename !== missing);
  if (!renamed) return err;
  const message = `${err.message.replace(/\.$/, '')} (${renamed.column} was renamed ${renamed.setting.rename} in the Variables panel).`;
  return new AppError('bad-input', message, err.detail);
}

function applySetting(imported: Column, setting: VariableSetting): Column {
  const name = imported.name;
  let column: Column = imported;
  if (setting.kind === 'numeric' && column.kind === 'factor') column = labelsAsNumbers(column);
  else if (setting.kind === 'factor' && column.kind !== 'factor') column = numbersAsFactor(column);
  if (setting.levels) {
    if (column.kind !== 'factor') throw settingError(name, 'a level order is given, but the variable is not a factor');
    column = reordered(column, setting.levels);
  }
  if (setting.rename !== undefined && setting.rename !== name) {
    const problem = renameProblem(setting.rename);
    if (problem) throw settingError(name, problem);
    column = { ...column, name: setting.rename };
  }
  return column;
}

/** as.numeric(as.character(x)): each level read as the number its label shows. */
function labelsAsNumbers(column: FactorColumn): NumericColumn {
  const numbers = column.levels.map((label) => {
    const value = parseNumber(label);
    if (value === null || Number.isNaN(value)) {
      throw settingError(column.name, `the level "${label}" is not a number, so the variable cannot be numeric (keep it a factor)`);
    }
    return value;
  });
  const values = new Float64Array(column.codes.length);
  for (let i = 0; i < values.length; i++) {
    const code = column.codes[i];
    values[i] = code === MISSING_CODE ? NaN : numbers[code];
  }
  return { name: column.name, kind: 'numeric', values };
}

/** factor(x): the distinct values, sorted, as R writes them. */
function numbersAsFactor(column: NumericColumn): FactorColumn {
  const mode = column.kind === 'numeric' ? 'double' : column.kind;
  const made = defaultFactor(num(column.values, mode));
  return { name: column.name, kind: 'factor', codes: made.codes, levels: made.levels };
}

/** factor(x, levels = order) where order holds the same levels as x in another order. */
function reordered(column: FactorColumn, order: readonly string[]): FactorColumn {
  const position = new Map(order.map((label, k) => [label, k]));
  const missing = column.levels.filter((l) => !position.has(l));
  const unknown = order.filter((l) => !column.levels.includes(l));
  if (position.size !== order.length || missing.length > 0 || unknown.length > 0) {
    const why = [
      missing.length ? `it leaves out ${quoteList(missing)}` : '',
      unknown.length ? `the variable has no level ${quoteList(unknown)}` : '',
      position.size !== order.length ? 'a level is listed twice' : '',
    ].filter((s) => s !== '');
    throw settingError(column.name, `the level order does not list the variable's levels once each: ${why.join('; ')}`);
  }
  const rank = Int32Array.from(column.levels, (l) => position.get(l)!);
  const codes = new Int32Array(column.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = column.codes[i];
    codes[i] = code === MISSING_CODE ? MISSING_CODE : rank[code];
  }
  return { name: column.name, kind: 'factor', codes, levels: order.slice() };
}

function quoteList(labels: readonly string[]): string {
  const shown = labels.slice(0, 5).map((l) => `"${l}"`);
  return shown.join(', ') + (labels.length > 5 ? ` and ${labels.length - 5} more` : '');
}

function settingError(variable: string, reason: string): AppError {
  return new AppError('bad-input', `Variable settings of ${variable}: ${reason}.`, { variable });
}
