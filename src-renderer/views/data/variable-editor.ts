import type { ColumnInfo } from '@shared/dataset';
import { importedOf, kindClass, renameProblem, sameList, settingOf, type VariableKind, type VariableSetting } from '@shared/variables';

/**
 * The variable editor's state and the setting it sends: a name, a type
 * (numeric or factor) and, for a factor, its levels in order (the first is the
 * reference level). Main checks and stores the setting; these functions only
 * keep the draft consistent and say early what main would refuse.
 */
export interface VariableDraft {
  name: string;
  kind: VariableKind;
  /** The levels in the chosen order; empty while a numeric column's levels are not known (main makes them from the data). */
  levels: string[];
}

export function draftOf(column: ColumnInfo): VariableDraft {
  const imported = importedOf(column);
  return { name: column.name, kind: kindClass(column.kind), levels: [...(column.levels ?? imported.levels ?? [])] };
}

/** The level at `index` swapped with its neighbour above (-1) or below (+1). */
export function moveLevel(levels: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || index >= levels.length || to < 0 || to >= levels.length) return levels.slice();
  const out = levels.slice();
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

/** The level at `index` first, the others in their order: relevel(x, ref = level). */
export function makeReference(levels: readonly string[], index: number): string[] {
  if (index <= 0 || index >= levels.length) return levels.slice();
  return [levels[index], ...levels.slice(0, index), ...levels.slice(index + 1)];
}

/**
 * The whole setting for the column (it replaces the one stored): what differs
 * from the import. A numeric column made a factor sends no levels until it
 * has them; main then makes them as factor() does.
 */
export function settingFromDraft(column: ColumnInfo, draft: VariableDraft): VariableSetting {
  const imported = importedOf(column);
  const setting: VariableSetting = {};
  const name = draft.name.trim();
  if (name !== imported.name) setting.rename = name;
  if (draft.kind !== kindClass(imported.kind)) setting.kind = draft.kind;
  if (draft.kind === 'factor' && draft.levels.length > 0) {
    const unchanged = imported.kind === 'factor' && sameList(draft.levels, imported.levels ?? []);
    if (!unchanged) setting.levels = draft.levels.slice();
  }
  return setting;
}

/** Whether saving the draft would change what is stored. */
export function draftChanges(column: ColumnInfo, draft: VariableDraft): boolean {
  const now = settingOf(column);
  const next = settingFromDraft(column, draft);
  return JSON.stringify(now) !== JSON.stringify(next);
}

/** Why the name cannot be used, as main would say it, or null. */
export function nameProblem(name: string, column: ColumnInfo, columns: readonly ColumnInfo[]): string | null {
  const trimmed = name.trim();
  const imported = importedOf(column);
  if (trimmed === imported.name) return null;
  const problem = renameProblem(trimmed);
  if (problem) return problem.charAt(0).toUpperCase() + problem.slice(1) + '.';
  for (const other of columns) {
    if (importedOf(other).name === imported.name) continue;
    if (other.name === trimmed) return `Another variable is called ${trimmed}.`;
    if (importedOf(other).name === trimmed) return `${trimmed} is the imported name of the variable now called ${other.name}.`;
  }
  return null;
}

/** What the settings changed, for the marker's tooltip and the edit button's label; null when the column is as imported. */
export function describeSettings(column: ColumnInfo): string | null {
  const setting = settingOf(column);
  const imported = importedOf(column);
  const parts: string[] = [];
  if (setting.rename !== undefined) parts.push(`renamed from ${imported.name}`);
  if (setting.kind !== undefined) parts.push(imported.kind === 'factor' ? 'imported as a factor' : 'imported as numbers');
  const levels = column.levels ?? [];
  if (setting.levels !== undefined && levels.length) {
    const first = imported.kind === 'factor' ? imported.levels?.[0] : undefined;
    parts.push(first === undefined || first !== levels[0] ? `reference level ${levels[0]}` : 'levels reordered');
  }
  return parts.length ? `Set in Nestor: ${parts.join('; ')}.` : null;
}
