import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip, type ChartConfiguration, type Plugin, type TooltipItem } from 'chart.js';
import { formatNumber } from '../../lib/format';
import { FONT, GRID, INK, MUTED } from './chart-style';

// What the data plots draw: points and lines on linear axes, a legend for colours, a tooltip.
Chart.register(ScatterController, LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

/**
 * The pieces the data plots share: group colours, lattice-like strips, axes
 * of a fixed size (so the plot areas of facets line up), ranges padded as R pads them.
 */

/** Okabe–Ito's colour-blind-safe colours, then darker variants: groups told apart in print and on screen. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#7a4b94', '#8c564b', '#2f6d2f', '#b2182b'];
export const colourOf = (k: number) => PALETTE[k % PALETTE.length];

/** The band above a facet with its group's name, as lattice draws strips. */
export const STRIP_HEIGHT = 17;
const STRIP_FILL = '#ffe5cc';

/** R extends an axis 4% beyond the data on each side (par(xaxs = "r")). */
export function padded([lo, hi]: readonly [number, number]): { min: number; max: number } {
  const span = hi - lo || Math.abs(hi) || 1;
  return { min: lo - 0.04 * span, max: hi + 0.04 * span };
}

/** Draws a strip with `text` across the top of the plot area (in the layout padding the panel leaves for it). */
export function stripPlugin<T extends 'scatter' | 'line'>(text: string): Plugin<T> {
  return {
    id: 'strip',
    afterDraw(chart) {
      const { ctx, chartArea } = chart;
      const top = chartArea.top - STRIP_HEIGHT;
      ctx.save();
      ctx.fillStyle = STRIP_FILL;
      ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, STRIP_HEIGHT);
      ctx.strokeStyle = MUTED;
      ctx.lineWidth = 1;
      ctx.strokeRect(chartArea.left + 0.5, top + 0.5, chartArea.right - chartArea.left - 1, STRIP_HEIGHT + chartArea.bottom - chartArea.top - 1);
      ctx.fillStyle = INK;
      ctx.font = `11px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, (chartArea.left + chartArea.right) / 2, top + STRIP_HEIGHT / 2, chartArea.right - chartArea.left - 4);
      ctx.restore();
    },
  };
}

/**
 * A step of 1, 2 or 5 × 10^k that puts about `target` ticks in the range: chart.js
 * alone gives a small panel a single tick (its step jumps from 2 to 5).
 */
export function tickStep(min: number, max: number, target = 4): number {
  const span = max - min;
  if (!(span > 0)) return 1;
  const base = 10 ** Math.floor(Math.log10(span / target));
  const steps = [1, 2, 5, 10].map((m) => m * base);
  const count = (step: number) => Math.floor(max / step) - Math.ceil(min / step) + 1;
  return steps.reduce((best, step) => (Math.abs(count(step) - target) < Math.abs(count(best) - target) ? step : best));
}

/** A linear axis of a fixed thickness: ticks and title shown or not, the plot area stays the same size. */
export function fixedAxis(opts: { title: string | null; ticks: boolean; size: number; range: { min: number; max: number }; vertical: boolean; grid?: boolean }) {
  return {
    type: 'linear' as const,
    min: opts.range.min,
    max: opts.range.max,
    grid: { display: opts.grid ?? true, color: GRID, drawTicks: opts.ticks },
    border: { color: MUTED },
    ticks: { display: opts.ticks, color: INK, stepSize: tickStep(opts.range.min, opts.range.max, opts.vertical ? 5 : 4), includeBounds: false, font: { size: 10, family: FONT }, callback: (v: number | string) => formatNumber(Number(v), 3) },
    title: { display: opts.title !== null, text: opts.title ?? '', color: INK, padding: 2, font: { size: 11.5, family: FONT } },
    // Every panel's plot area the same size: the axis is as thick as asked, and no room is taken for labels overhanging its ends.
    afterFit: (scale: { width: number; height: number; paddingLeft: number; paddingRight: number; paddingTop: number; paddingBottom: number }) => {
      if (opts.vertical) scale.width = opts.size;
      else scale.height = opts.size;
      scale.paddingLeft = scale.paddingRight = scale.paddingTop = scale.paddingBottom = 0;
    },
  };
}

/** What a data point carries: its row (1-based, as the Data grid shows it), its group, its values. */
export interface RowDatum {
  x: number;
  y: number;
  row: number;
  group: string | null;
}

/** The tooltip of a point that stands for a data row. */
export function describeRow(d: RowDatum, names: { x: string; y: string; group: string | null }): string[] {
  return [`row ${d.row}`, ...(names.group !== null && d.group !== null ? [`${names.group}: ${d.group}`] : []), `${names.x}: ${formatNumber(d.x, 4)}`, `${names.y}: ${formatNumber(d.y, 4)}`];
}

/** Tooltip options: only datasets of row points answer; lines and curves do not. */
export function rowTooltip(names: { x: string; y: string; group: string | null }) {
  return {
    displayColors: false,
    filter: (item: TooltipItem<'scatter'>) => (item.raw as Partial<RowDatum>).row !== undefined,
    callbacks: {
      title: () => '',
      label: (item: TooltipItem<'scatter'>) => describeRow(item.raw as RowDatum, names),
    },
  };
}

/** A legend of group colours under the plot when there are few enough groups to read it. */
export function groupLegend(count: number) {
  return {
    display: count > 1 && count <= 20,
    position: 'bottom' as const,
    labels: { color: INK, boxWidth: 10, boxHeight: 10, font: { size: 11, family: FONT }, filter: (item: { text: string }) => item.text !== '' },
  };
}

export type ScatterConfig = ChartConfiguration<'scatter', (RowDatum | { x: number; y: number })[]>;
