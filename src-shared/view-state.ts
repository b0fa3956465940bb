import { z } from 'zod';
import { DatasetId } from './dataset';
import { GlmerFamily, GlmerLink, ModelKind } from './models';

/**
 * Where the person was in a project, saved in the project file so that
 * opening it again (or reloading the page) returns there: the open view, the
 * dataset shown, the Results tab, each data grid's scroll position, and model
 * drafts that were never fitted. It is a convenience: a stored value this
 * build cannot read is ignored, never an error that stops a project opening.
 */
export const VIEW_NAMES = ['data', 'model', 'results', 'plots'] as const;

/** Bounds that keep one window's state small (it is written every few seconds). */
export const VIEW_STATE_MAX_ENTRIES = 200;
export const VIEW_STATE_MAX_TEXT = 10_000;

const TabId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Index = z.number().int().min(0).max(2 ** 31);

export const GridPosition = z.object({
  /** The row at the top of the grid (0-based). */
  row: Index,
  /** The column at its left edge (0-based). */
  column: Index,
});
export type GridPosition = z.infer<typeof GridPosition>;

export const DraftState = z.object({
  kind: ModelKind,
  reml: z.boolean(),
  /** The formula as typed, parsed or not. */
  text: z.string().max(VIEW_STATE_MAX_TEXT),
  subset: z.string().max(VIEW_STATE_MAX_TEXT),
  /** glmer drafts: the family, link and nAGQ chosen. */
  glmer: z.object({ family: GlmerFamily, link: GlmerLink, nAGQ: z.number().int().min(0).max(25) }).optional(),
});
export type DraftState = z.infer<typeof DraftState>;

const bounded = <T extends z.ZodType>(value: T) =>
  z
    .record(DatasetId, value)
    .refine((record) => Object.keys(record).length <= VIEW_STATE_MAX_ENTRIES, `at most ${VIEW_STATE_MAX_ENTRIES} datasets`);

export const ViewState = z.object({
  view: z.enum(VIEW_NAMES),
  datasetId: DatasetId.nullable(),
  /** A model's id, or the Comparisons or Summaries tab. */
  resultsTab: TabId.nullable(),
  grids: bounded(GridPosition),
  drafts: bounded(DraftState),
});
export type ViewState = z.infer<typeof ViewState>;
