import type { DatasetInfo } from '@shared/dataset';
import type { Recipe } from '@shared/recipes';
import { builderVariables, isGrouping, type Variable } from '../model/variables';
import type { DataPlotChoice } from '../../lib/stores/plots.svelte';

/** The variables a box plot can summarise (numbers; not TRUE/FALSE) and those that can group it (factors, whole-number ids). */
export function boxPlotVariables(dataset: DatasetInfo, recipes: readonly Recipe[]): { numeric: Variable[]; grouping: Variable[] } {
  const all = builderVariables(dataset, recipes);
  return { numeric: all.filter((v) => v.kind === 'numeric' || v.kind === 'integer'), grouping: all.filter(isGrouping) };
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
  return { datasetId: dataset.id, y, group, order: choice.order };
}
