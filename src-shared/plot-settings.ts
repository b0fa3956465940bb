import { z } from 'zod';

/**
 * A figure's settings saved in the project: what it plots (its options, as the
 * plot kind defines them) and the user's labels (a figure title, x and y axis
 * titles in place of the plot's). Keyed by what the figure is of (a model or
 * dataset id, or a view such as "data-plots") and the plot kind.
 */
export const PLOT_SETTINGS_MAX_JSON = 20_000;

const Word = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a name of letters, digits, _ . : - (1–64 characters)');

export const PlotSettingsKey = z.object({ target: Word, kind: Word }).strict();
export type PlotSettingsKey = z.infer<typeof PlotSettingsKey>;

export const FigureLabels = z
  .object({
    title: z.string().max(300).optional(),
    x: z.string().max(300).optional(),
    y: z.string().max(300).optional(),
  })
  .strict();
export type FigureLabels = z.infer<typeof FigureLabels>;

/** A plain JSON object (what a plot kind's zod options serialise to), small enough for one row. */
export const PlotOptions = z
  .record(z.string(), z.unknown())
  .refine((value) => isJson(value), 'plot options must be plain JSON (objects, arrays, strings, finite numbers, booleans, null)')
  .refine((value) => JSON.stringify(value).length <= PLOT_SETTINGS_MAX_JSON, `plot options must be at most ${PLOT_SETTINGS_MAX_JSON} characters of JSON`);
export type PlotOptions = z.infer<typeof PlotOptions>;

export const PlotSetting = z
  .object({
    target: Word,
    kind: Word,
    /** null: the plot kind's defaults. */
    options: PlotOptions.nullable(),
    /** null: no labels of the user's. */
    labels: FigureLabels.nullable(),
  })
  .strict();
export type PlotSetting = z.infer<typeof PlotSetting>;

function isJson(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    return (proto === Object.prototype || proto === null) && Object.values(value).every((v) => isJson(v, depth + 1));
  }
  return false;
}
