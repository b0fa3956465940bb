import type { Plugin, TooltipItem } from 'chart.js';
import type { HistogramValue } from '@shared/data-plots';
import { formatCount, formatNumber } from '../../lib/format';
import { FILL, groundPlugin, INK, STILL_CHART } from './chart-style';
import { colourOf, fixedAxis, groupLegend, padded, type ScatterConfig } from './data-figure-kit';
import { fileStem, looseConfig, type FigureSpec } from './figure-spec';

/** A bar of the histogram as its tooltip reads it: the cell, its count, its density. */
export interface BarDatum {
  x: number;
  y: number;
  lower: number;
  upper: number;
  count: number;
}

/** hist(x, freq = FALSE)'s heights: count / (n × width), so the density curve lies on the same scale. */
export function barHeights(v: HistogramValue): BarDatum[] {
  const n = v.counts.reduce((a, b) => a + b, 0);
  return v.counts.map((count, i) => {
    const lower = v.breaks[i];
    const upper = v.breaks[i + 1];
    return { x: (lower + upper) / 2, y: count / (n * (upper - lower)), lower, upper, count };
  });
}

export function histogramCaption(v: HistogramValue): string {
  const cells = `${v.counts.length} cells of width ${formatNumber(v.breaks[1] - v.breaks[0], 4)} (R: hist(${v.x}), Sturges’ rule and pretty breaks)`;
  const dens = v.by
    ? `with a density of ${v.x} within each level of ${v.by} (R: density(), gaussian kernel, bandwidth bw.nrd0: ${v.groups.map((g) => `${g.level} ${g.density ? formatNumber(g.density.bw, 3) : 'NA'}`).join(', ')})`
    : `with its density (R: density(${v.x}), gaussian kernel, bandwidth bw.nrd0 = ${formatNumber(v.density.bw, 4)})`;
  const left = v.dropped > 0 ? ` ${formatCount(v.dropped)} row${v.dropped === 1 ? '' : 's'} with ${v.x}${v.by ? ` or ${v.by}` : ''} missing left out.` : '';
  return `Histogram of ${v.x}, ${formatCount(v.rows)} values in ${cells}, on the density scale ${dens}.${left}`;
}

/** Draws the bars from the engine's breaks (chart.js's bar chart cannot place bars on given breaks). */
export function barsPlugin(bars: readonly BarDatum[]): Plugin<'scatter'> {
  return {
    id: 'histogramBars',
    beforeDatasetsDraw(chart) {
      const { ctx, scales } = chart;
      ctx.save();
      ctx.fillStyle = FILL;
      ctx.strokeStyle = INK;
      ctx.lineWidth = 0.8;
      for (const b of bars) {
        const left = scales.x.getPixelForValue(b.lower);
        const right = scales.x.getPixelForValue(b.upper);
        const top = scales.y.getPixelForValue(b.y);
        const bottom = scales.y.getPixelForValue(0);
        ctx.fillRect(left, top, right - left, bottom - top);
        ctx.strokeRect(left, top, right - left, bottom - top);
      }
      ctx.restore();
    },
  };
}

export function histogramConfig(v: HistogramValue): ScatterConfig {
  const bars = barHeights(v);
  const curves = v.by ? v.groups.map((g, k) => ({ label: `${v.by} ${g.level}`, curve: g.density, colour: colourOf(k) })) : [{ label: 'density', curve: v.density, colour: '#D55E00' }];
  let top = Math.max(...bars.map((b) => b.y));
  let lo = v.breaks[0];
  let hi = v.breaks[v.breaks.length - 1];
  for (const c of curves) {
    if (!c.curve) continue;
    top = Math.max(top, ...c.curve.y);
    lo = Math.min(lo, c.curve.x[0]);
    hi = Math.max(hi, c.curve.x[c.curve.x.length - 1]);
  }
  const datasets = [
    // The bars' tops: invisible points whose tooltips tell the cell and its count.
    { label: '', data: bars, pointRadius: 0, pointHitRadius: 14, pointHoverRadius: 0, backgroundColor: INK, borderColor: INK },
    ...curves.map((c) => ({
      label: c.label,
      data: c.curve ? c.curve.x.map((x, i) => ({ x, y: c.curve!.y[i] })) : [],
      showLine: true,
      borderColor: c.colour,
      backgroundColor: c.colour,
      borderWidth: 1.8,
      pointRadius: 0,
      pointHitRadius: 0,
    })),
  ];
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 10, right: 12, bottom: 2, left: 2 } },
      scales: {
        x: fixedAxis({ title: v.x, ticks: true, size: 42, range: padded([lo, hi]), vertical: false }),
        y: fixedAxis({ title: 'density', ticks: true, size: 58, range: { min: 0, max: top * 1.04 }, vertical: true }),
      },
      plugins: {
        legend: groupLegend(v.by ? curves.length : 0),
        tooltip: {
          displayColors: false,
          filter: (item: TooltipItem<'scatter'>) => item.datasetIndex === 0,
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'scatter'>) => {
              const b = item.raw as BarDatum;
              return [`${v.x} in (${formatNumber(b.lower, 4)}, ${formatNumber(b.upper, 4)}]`, `count: ${b.count}`, `density: ${formatNumber(b.y, 4)}`];
            },
          },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>(), barsPlugin(bars)],
  };
}

export function histogramFigure(v: HistogramValue, datasetName: string): FigureSpec {
  const legend = v.by && v.groups.length > 1 ? Math.ceil(v.groups.length / 6) * 18 + 8 : 0;
  return {
    caption: histogramCaption(v),
    columns: 1,
    fileStem: fileStem(`${datasetName}-${v.x}${v.by ? `-by-${v.by}` : ''}`, 'histogram'),
    groups: v.by ? v.groups.length : 1,
    panels: [{ key: 'hist', label: `Histogram and density of ${v.x}`, width: 640, height: 420 + legend, config: () => looseConfig(histogramConfig(v)) }],
  };
}
