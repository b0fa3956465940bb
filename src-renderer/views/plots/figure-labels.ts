import type { ChartConfiguration, ChartType } from 'chart.js';
import type { FigureLabels } from '@shared/plot-settings';

/** A figure's own words (see src-shared/plot-settings.ts); empty or absent means the plot's own. */
export { FigureLabels } from '@shared/plot-settings';

/** Height of the band above the panels that holds the figure's title (CSS pixels). */
export const TITLE_BAND = 34;

/** The labels with blank entries removed (a blank field means "the plot's own"); {} when nothing is set. */
export function cleanLabels(labels: FigureLabels): FigureLabels {
  const out: FigureLabels = {};
  for (const key of ['title', 'x', 'y'] as const) {
    const text = labels[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}

export function hasLabels(labels: FigureLabels): boolean {
  return Object.keys(cleanLabels(labels)).length > 0;
}

/**
 * The configuration with the axis titles replaced on every panel that shows
 * one: a panel that hides its y title (panels side by side share the first
 * one's) keeps it hidden, so the override reads once, where the plot put it.
 */
export function withAxisLabels<C extends ChartConfiguration<ChartType, unknown[], unknown>>(config: C, labels: FigureLabels): C {
  const scales = config.options?.scales as Record<string, { title?: { display?: boolean; text?: unknown } } | undefined> | undefined;
  if (!scales) return config;
  for (const axis of ['x', 'y'] as const) {
    const text = labels[axis]?.trim();
    const title = scales[axis]?.title;
    if (text && title && title.display !== false) title.text = text;
  }
  return config;
}

/** The axis titles the plot gives itself (the first panel that shows each), for the form's placeholders. */
export function defaultAxisTitles(configs: ChartConfiguration<ChartType, unknown[], unknown>[]): { x?: string; y?: string } {
  const out: { x?: string; y?: string } = {};
  for (const config of configs) {
    const scales = config.options?.scales as Record<string, { title?: { display?: boolean; text?: unknown } } | undefined> | undefined;
    for (const axis of ['x', 'y'] as const) {
      const title = scales?.[axis]?.title;
      if (out[axis] === undefined && title && title.display !== false && typeof title.text === 'string' && title.text) out[axis] = title.text;
    }
  }
  return out;
}
