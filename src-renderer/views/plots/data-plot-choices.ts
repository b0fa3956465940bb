import type { DatasetInfo } from '@shared/dataset';
import type { Recipe } from '@shared/recipes';
import { builderVariables, isGrouping, type Variable } from '../model/variables';
import { MAX_PAIRS, MAX_PAIRS_LEVELS, type DataPlotOptions } from '@shared/data-plots';
import type { DataPlotChoice } from '../../lib/stores/plots.svelte';

/** The variables a box plot can summarise (numbers; not TRUE/FALSE) and those that can group it (factors, whole-number ids). */
export function boxPlotVariables(dataset: DatasetInfo, recipes: readonly Recipe[]): { numeric: Variable[]; grouping: Variable[] } {
  const all = builderVariables(dataset, recipes);
  return { numeric: all.filter((v) => v.kind === 'numeric' || v.kind === 'integer'), grouping: all.filter(isGrouping) };
}

/** A factor a pairs plot can show (bars, boxes, counts): few enough levels to read in one cell. */
export const isPairsFactor = (v: Variable): boolean => v.kind === 'factor' && (v.levels?.length ?? Infinity) <= MAX_PAIRS_LEVELS;

/** The variables a pairs plot offers, in the dataset's order: numbers, and factors with at most MAX_PAIRS_LEVELS levels (as ggpairs draws them). */
export function pairsVariables(dataset: DatasetInfo, recipes: readonly Recipe[]): Variable[] {
  return builderVariables(dataset, recipes).filter((v) => v.kind === 'numeric' || v.kind === 'integer' || isPairsFactor(v));
}

/**
 * The choice completed with defaults where it is empty or names a variable the
 * dataset no longer has: the first numeric variable by the first factor (on
 * Exam, normexam by school, the first note's scores by school).
 */
export function completeChoice(choice: DataPlotChoice, dataset: DatasetInfo, vars: { numeric: Variable[]; grouping: Variable[] }): DataPlotChoice {
  const pick = (name: string | null, list: Variable[], avoid: string | null) =>
    list.find((v) => v.name === name)?.name ?? list.find((v) => v.name !== avoid && v.kind === 'factor')?.name ?? list.find((v) => v.name !== avoid)?.name ?? null;
  const group = pick(choice.group, vars.grouping, null);
  const y = vars.numeric.find((v) => v.name === choice.y)?.name ?? vars.numeric.find((v) => v.name !== group)?.name ?? null;
  const numeric = vars.numeric.map((v) => v.name);
  const x = numeric.find((n) => n === choice.x && n !== y) ?? numeric.find((n) => n !== y && n !== group) ?? null;
  const by = vars.grouping.find((v) => v.name === choice.by)?.name ?? null;
  const pairable = [...numeric, ...vars.grouping.filter(isPairsFactor).map((v) => v.name)];
  const kept = choice.variables.filter((n) => pairable.includes(n)).slice(0, MAX_PAIRS);
  const variables = kept.length >= 2 ? kept : numeric.filter((n) => n !== group).slice(0, 3);
  // Colour: the one chosen, else the first factor with few enough levels to tell apart.
  const colour =
    choice.colour === null && choice.variables.length > 0
      ? null
      : (vars.grouping.find((v) => v.name === choice.colour)?.name ?? vars.grouping.find((v) => v.kind === 'factor' && (v.levels?.length ?? 99) <= 8)?.name ?? null);
  return { ...choice, datasetId: dataset.id, y, group, x, by, variables, colour };
}

/**
 * The options the engine is asked for, from the (completed) choice; null while
 * the kind's variables are not all there.
 */
export function plotOptions(c: DataPlotChoice): DataPlotOptions | null {
  switch (c.kind) {
    case 'box':
      return c.y && c.group ? { kind: 'box', y: c.y, group: c.group, order: c.order } : null;
    case 'scatter':
      return c.y && c.x && c.group ? { kind: 'scatter', y: c.y, x: c.x, group: c.group, groups: c.subset, layout: c.layout } : null;
    case 'lines':
      return c.y && c.x && c.group ? { kind: 'lines', y: c.y, x: c.x, group: c.group, groups: c.subset } : null;
    case 'histogram':
      return c.y ? { kind: 'histogram', x: c.y, by: c.by } : null;
    case 'pairs':
      return c.variables.length >= 2 ? { kind: 'pairs', variables: c.variables, colour: c.colour } : null;
  }
}

/** Chosen levels typed as text: "1, 5, 12" → ['1', '5', '12'] (blank entries dropped). */
export function parseLevels(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter((t) => t.length > 0))];
}
