import { z } from 'zod';

/**
 * A recipe derives data without touching what was imported: a computed
 * variable (`fail = ifelse(math < -10, 1, 0)`) or a row filter (`school != 48`).
 * Recipes are stored with the dataset and applied in order whenever it loads.
 */
export const Recipe = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('compute'), name: z.string().min(1).max(200), expression: z.string().min(1).max(10_000) }).strict(),
  z.object({ kind: z.literal('filter'), expression: z.string().min(1).max(10_000) }).strict(),
]);
export type Recipe = z.infer<typeof Recipe>;

/** A recipe as stored with its dataset; `position` orders them (they apply in that order). */
export const RecipeInfo = z.object({
  id: z.string(),
  datasetId: z.string(),
  position: z.number().int(),
  recipe: Recipe,
});
export type RecipeInfo = z.infer<typeof RecipeInfo>;
