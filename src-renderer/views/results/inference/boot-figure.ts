import type { TooltipItem } from 'chart.js';
import type { BootResult } from '@shared/inference';
import { formatNumber } from '../../../lib/format';
import { ACCENT, groundPlugin, INK, STILL_CHART } from '../../plots/chart-style';
import { fixedAxis, padded, type ScatterConfig } from '../../plots/data-figure-kit';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from '../../plots/figure-spec';
import { barsPlugin, type BarDatum } from '../../plots/histogram-figure';

/**
 * Histograms of the bootstrap replicates, one panel per parameter, on the count
 * scale with the engine's breaks (R's hist()), the estimate (solid) and the
 * percentile interval's ends (dashed) drawn over them.
 */
const WIDTH = 300;
const HEIGHT = 220;

export function bootBars(breaks: readonly number[], counts: readonly number[]): BarDatum[] {
  return counts.map((count, i) => ({ x: (breaks[i] + breaks[i + 1]) / 2, y: count, lower: breaks[i], upper: breaks[i + 1], count }));
}

function verticalLine(x: number, top: number, colour: string, dashed: boolean, label: string) {
  return {
    label,
    data: [
      { x, y: 0 },
      { x, y: top },
    ],
    showLine: true,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 1.6,
    borderDash: dashed ? [5, 4] : [],
    pointRadius: 0,
    pointHitRadius: 0,
  };
}

export function bootPanelConfig(value: BootResult, k: number): ScatterConfig {
  const hist = value.histograms[k]!;
  const bars = bootBars(hist.breaks, hist.counts);
  const top = Math.max(...hist.counts) * 1.08;
  const [lo, hi] = value.ci[k];
  const name = value.names[k];
  const xs = [hist.breaks[0], hist.breaks[hist.breaks.length - 1], value.estimate[k]];
  const datasets = [
    { label: '', data: bars, pointRadius: 0, pointHitRadius: 12, pointHoverRadius: 0, backgroundColor: INK, borderColor: INK },
    verticalLine(value.estimate[k], top, INK, false, 'estimate'),
    ...(lo === null ? [] : [verticalLine(lo, top, ACCENT, true, 'interval')]),
    ...(hi === null ? [] : [verticalLine(hi, top, ACCENT, true, 'interval')]),
  ];
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 8, right: 10, bottom: 2, left: 2 } },
      scales: {
        x: fixedAxis({ title: name, ticks: true, size: 40, range: padded([Math.min(...xs), Math.max(...xs)]), vertical: false }),
        y: fixedAxis({ title: 'replicates', ticks: true, size: 52, range: { min: 0, max: top }, vertical: true }),
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          displayColors: false,
          filter: (item: TooltipItem<'scatter'>) => item.datasetIndex === 0,
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'scatter'>) => {
              const b = item.raw as BarDatum;
              return [`${name} in (${formatNumber(b.lower, 4)}, ${formatNumber(b.upper, 4)}]`, `${b.count} replicates`];
            },
          },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>(), barsPlugin(bars)],
  };
}

export function bootFigure(value: BootResult, modelName: string, modelId: string): FigureSpec {
  const panels: PanelSpec[] = [];
  value.names.forEach((name, k) => {
    if (!value.histograms[k]) return;
    panels.push({ key: `boot-${k}`, label: `Bootstrap distribution of ${name}`, width: WIDTH, height: HEIGHT, config: () => looseConfig(bootPanelConfig(value, k)) });
  });
  const used = value.nsim - value.failed;
  return {
    caption: `Parametric bootstrap of ${modelName}: ${used} replicates (seed ${value.seed}${value.failed ? `; ${value.failed} refits failed and are left out` : ''}). Solid line: the estimate; dashed: the ${Math.round(value.level * 100)}% percentile interval.`,
    columns: Math.min(3, panels.length),
    panels,
    fileStem: fileStem(modelName, 'bootstrap'),
    settingsKey: { target: modelId, kind: 'bootstrap' },
  };
}
