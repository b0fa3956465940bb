import type { Plugin } from 'chart.js';

/**
 * The look every figure shares, so that a gallery of plots reads as one report:
 * ink, muted lines, grid, font, and the 2× drawing ratio that makes exported
 * PNGs crisp.
 */
export const INK = '#1d2329';
export const MUTED = '#5c6670';
export const GRID = '#e4e8ec';
export const FILL = '#dbe6f3';
export const ACCENT = '#2f6db5';
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Canvases are drawn at twice their CSS size so the exported PNG is 2× (and crisp on any screen). */
export const PIXEL_RATIO = 2;

/** A white ground under a chart, so that exported images are not transparent. */
export function groundPlugin<T extends import('chart.js').ChartType>(): Plugin<T> {
  return {
    id: 'ground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

/**
 * The options every panel shares: drawn at once (no animation, so exports and
 * tests see the final picture), at its given size (the figure lays panels out),
 * at PIXEL_RATIO, in the figure font.
 */
export const STILL_CHART = { animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: PIXEL_RATIO, font: { family: FONT } } as const;
