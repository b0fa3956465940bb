import { estimatedMeasure, type TextMeasure } from './columns';

/**
 * Text widths in the fonts the grid actually uses, from a canvas (no layout,
 * no DOM nodes), so column widths fit whatever font the system resolves.
 */
let cached: TextMeasure | null = null;

export function canvasMeasure(): TextMeasure {
  if (cached) return cached;
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return estimatedMeasure;
  const root = getComputedStyle(document.documentElement);
  const sans = root.getPropertyValue('--font').trim() || 'system-ui, sans-serif';
  const mono = root.getPropertyValue('--mono').trim() || 'monospace';
  const width = (font: string) => (text: string) => {
    context.font = font;
    return context.measureText(text).width;
  };
  cached = { header: width(`600 13px ${sans}`), text: width(`13px ${sans}`), mono: width(`12px ${mono}`) };
  return cached;
}
