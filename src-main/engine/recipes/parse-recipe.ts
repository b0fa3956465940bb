/**
 * Recipe text and data-free checks live in src-shared/expr/validate.ts so that the
 * renderer can validate as a recipe is typed; the engine uses the same functions.
 */
export { parseRecipeText, recipeText, validateRecipe, validateRecipeText, type ColumnInfo, type Validation } from '@shared/expr/validate';
