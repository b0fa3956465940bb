import type { DatasetInfo } from '@shared/dataset';
import { columnsAfterRecipes } from '@shared/expr/validate';
import type { Recipe } from '@shared/recipes';
import { isNumericKind } from '../../lib/format';
import { quoteName } from './builder';

/** A variable the model builder offers: imported, or computed by one of the dataset's recipes. */
export interface Variable {
  name: string;
  /** As a formula writes it (`my var` in backticks). */
  written: string;
  kind: string;
  /** Unknown for computed variables: the engine counts them when it applies the recipes. */
  missing?: number;
  levels?: string[];
  computed: boolean;
}

export function builderVariables(dataset: DatasetInfo, recipes: readonly Recipe[]): Variable[] {
  const imported = new Map(dataset.columns.map((c) => [c.name, c]));
  return columnsAfterRecipes(dataset.columns, recipes).map((c) => {
    const original = imported.get(c.name);
    // A recipe that recomputes an imported column replaces it, and with it what is known about it.
    const same = original !== undefined && original === (c as unknown);
    return {
      name: c.name,
      written: quoteName(c.name),
      kind: c.kind,
      ...(same ? { missing: original.missing } : {}),
      ...(same && original.levels ? { levels: original.levels } : {}),
      computed: !same,
    };
  });
}

export const isNumeric = (v: Variable): boolean => isNumericKind(v.kind);
export const isFactor = (v: Variable): boolean => v.kind === 'factor';
/**
 * What can group a random-effects term: a factor, or a column of whole numbers such as a
 * school id (lme4 turns any grouping variable into a factor, as the JSP note's numeric
 * school shows).
 */
export const isGrouping = (v: Variable): boolean => v.kind === 'factor' || v.kind === 'integer';
