import type { ChartConfiguration, ChartType } from 'chart.js';

/** The range a zoomed or panned panel shows on each of its axes: scale id → [min, max]. */
export type ViewRanges = Record<string, { min: number; max: number }>;

/**
 * The configuration fixed to the ranges the panel shows, so an export of a
 * zoomed panel is what is on screen (as jamovi and RStudio export the plot as
 * shown). Only linear axes the configuration names are fixed.
 */
export function withViewRanges<C extends ChartConfiguration<ChartType, unknown[], unknown>>(config: C, ranges: ViewRanges | null): C {
  if (!ranges) return config;
  const scales = config.options?.scales as Record<string, Record<string, unknown> | undefined> | undefined;
  if (!scales) return config;
  for (const [id, range] of Object.entries(ranges)) {
    const scale = scales[id];
    if (!scale || !Number.isFinite(range.min) || !Number.isFinite(range.max)) continue;
    scale.min = range.min;
    scale.max = range.max;
  }
  return config;
}
