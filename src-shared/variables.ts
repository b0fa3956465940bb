import { z } from 'zod';
import type { ColumnInfo, ColumnKind } from './dataset';

/**
 * Variable settings: how an imported column is presented to recipes and models
 * without touching the imported data. A new name, a type (a numeric column as a
 * factor, as factor(x) makes it; a factor of numbers as numbers, as
 * as.numeric(as.character(x)) reads them) and a factor's level order, whose
 * first level is the reference level (as relevel() or factor(levels =) set it).
 * They are stored per dataset and imported column, and the engine applies them
 * to the imported frame before the recipes, in the order the R script does.
 */
export const VariableKind = z.enum(['numeric', 'factor']);
export type VariableKind = z.infer<typeof VariableKind>;

/** As many levels as an import may give a factor. */
export const MAX_SETTING_LEVELS = 100_000;

/**
 * One imported column's settings; an omitted field keeps the column as imported.
 * Stored normalised: a factor made from numbers always lists its levels (its
 * labels come from the data, and the data never change), so the levels can be
 * shown without reading the data.
 */
export const VariableSetting = z
  .object({
    rename: z.string().min(1).max(200).optional(),
    kind: VariableKind.optional(),
    levels: z.array(z.string().max(1000)).min(1).max(MAX_SETTING_LEVELS).optional(),
  })
  .strict();
export type VariableSetting = z.infer<typeof VariableSetting>;

/** A setting and the imported column it belongs to (named as imported). */
export const VariableSettingInfo = z.object({ column: z.string(), setting: VariableSetting });
export type VariableSettingInfo = z.infer<typeof VariableSettingInfo>;

export interface ImportedColumn {
  name: string;
  kind: ColumnKind;
  levels?: string[];
}

const SYNTACTIC = /^([A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/;
const RESERVED = new Set([
  'if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'in', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA',
  'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_',
]);

/** 'factor' for factors, 'numeric' for the number kinds (numeric, integer, logical). */
export function kindClass(kind: ColumnKind | string): VariableKind {
  return kind === 'factor' ? 'factor' : 'numeric';
}

/**
 * Why `name` cannot be a new name, or null. New names are syntactic R names, so
 * formulas and recipes can use them as they are (no backticks); renaming is the
 * way to give an awkward imported name ("final score") a usable one.
 */
export function renameProblem(name: string): string | null {
  if (name.trim() === '') return 'a variable needs a name';
  if (name !== name.trim()) return `the name "${name}" starts or ends with a space`;
  if (RESERVED.has(name)) return `"${name}" is a reserved word in R`;
  if (!SYNTACTIC.test(name)) {
    return `"${name}" is not a plain R name: use letters, digits, "." and "_", starting with a letter (or a "." not followed by a digit)`;
  }
  return null;
}

/** The column as it was imported, whether or not settings change it. */
export function importedOf(column: ColumnInfo): ImportedColumn {
  if (column.imported) return column.imported;
  return column.levels ? { name: column.name, kind: column.kind, levels: column.levels } : { name: column.name, kind: column.kind };
}

/**
 * The columns as recipes and models see them: each imported column with its
 * setting applied, and `imported` telling what it was. Columns without a
 * setting come back as they are.
 */
export function columnsWithSettings(columns: readonly ColumnInfo[], settings: readonly VariableSettingInfo[]): ColumnInfo[] {
  const byColumn = new Map(settings.map((s) => [s.column, s.setting]));
  return columns.map((column) => {
    const setting = byColumn.get(column.name);
    return setting ? withSetting(column, setting) : column;
  });
}

function withSetting(column: ColumnInfo, setting: VariableSetting): ColumnInfo {
  const kind: ColumnKind =
    setting.kind === undefined || setting.kind === kindClass(column.kind) ? column.kind : setting.kind === 'factor' ? 'factor' : 'numeric';
  const out: ColumnInfo = { name: setting.rename ?? column.name, kind, missing: column.missing, imported: importedOf(column) };
  if (kind === 'factor') out.levels = setting.levels ?? column.levels ?? [];
  return out;
}

/**
 * The setting that turns the imported column into `column`, in its stored
 * form (an empty object when there is none): what the editor starts from and
 * what the R script reproduces.
 */
export function settingOf(column: ColumnInfo): VariableSetting {
  const imported = column.imported;
  if (!imported) return {};
  const setting: VariableSetting = {};
  if (column.name !== imported.name) setting.rename = column.name;
  if (kindClass(column.kind) !== kindClass(imported.kind)) setting.kind = kindClass(column.kind);
  if (column.kind === 'factor' && (imported.kind !== 'factor' || !sameList(column.levels ?? [], imported.levels ?? []))) {
    setting.levels = column.levels ?? [];
  }
  return setting;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Whether factor labels of numbers are in increasing order of their values:
 * the order factor(x) gives a numeric x (labels as as.character writes them,
 * "1e-04", "Inf", "TRUE"). Lets the R script say factor(x) rather than list the levels.
 */
export function inNumberOrder(levels: readonly string[]): boolean {
  const values = levels.map(labelValue);
  return values.every((v, i) => !Number.isNaN(v) && (i === 0 || values[i - 1] < v));
}

function labelValue(label: string): number {
  if (label === 'TRUE') return 1;
  if (label === 'FALSE') return 0;
  if (label === 'Inf') return Infinity;
  if (label === '-Inf') return -Infinity;
  return label.trim() === '' ? NaN : Number(label);
}
