import type { AppErrorValue } from '@shared/errors';
import { columnsAfterRecipes, validateRecipeText, type ColumnInfo } from '@shared/expr/validate';
import type { Recipe } from '@shared/recipes';

/** What the recipe field says about its text: nothing yet, a recipe ready to store, or a problem at a character. */
export type RecipeCheck =
  | { state: 'empty' }
  | { state: 'ok'; recipe: Recipe }
  | { state: 'error'; reason: string; position?: number };

/**
 * Checks typed text against the imported columns plus the variables that the
 * recipes before it compute. Main checks again when it stores the recipe; the
 * imported-name rule is main's too, repeated here so it shows while typing.
 */
export function checkRecipeText(text: string, imported: readonly ColumnInfo[], earlier: readonly Recipe[]): RecipeCheck {
  if (text.trim() === '') return { state: 'empty' };
  const verdict = validateRecipeText(text, columnsAfterRecipes(imported, earlier));
  if (!verdict.ok) return { state: 'error', reason: readable(verdict.message), position: verdict.position };
  const recipe = verdict.recipe;
  if (recipe.kind === 'compute' && imported.some((c) => c.name === recipe.name)) {
    return {
      state: 'error',
      reason: `${recipe.name} is an imported variable, and recipes never change imported data: give the new variable another name.`,
      position: text.length - text.trimStart().length + 1,
    };
  }
  return { state: 'ok', recipe };
}

/**
 * Main's answer when it refuses a recipe. Its positions count characters of the
 * recipe's expression, so they are moved to where that expression sits in `text`.
 */
export function problemFromMain(error: AppErrorValue, text: string, recipe: Recipe): { reason: string; position?: number } {
  const at = (error.detail as { position?: unknown } | undefined)?.position;
  const offset = text.trimEnd().length - recipe.expression.length;
  return typeof at === 'number' ? { reason: readable(error.message), position: at + offset } : { reason: readable(error.message) };
}

/**
 * The field shows the place itself ("Character N: …"), so the message drops
 * "In the recipe "…", at character N:". Not capitalised: it may begin with a name.
 */
export function readable(message: string): string {
  return message.replace(/^In the (recipe|filter|expression) "[\s\S]*?", at character \d+: /, '');
}
