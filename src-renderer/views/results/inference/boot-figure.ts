import type { BootResult } from '@shared/inference';
import { formatNumber } from '../../../lib/format';
import { ACCENT, INK } from '../../plots/chart-style';
import { padded, type ScatterConfig } from '../../plots/data-figure-kit';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from '../../plots/figure-spec';
import { barsPlugin, type BarDatum } from '../../plots/histogram-figure';
import { PANEL_HEIGHT, PANEL_WIDTH, parameterPanelConfig, referenceLine } from './parameter-panel';

/**
 * Histograms of the bootstrap replicates, one panel per parameter, on the count
 * scale with the engine's breaks (R's hist()), the estimate (solid) and the
 * percentile interval's ends (dashed) drawn over them.
 */
export function bootBars(breaks: readonly number[], counts: readonly number[]): BarDatum[] {
  return counts.map((count, i) => ({ x: (breaks[i] + breaks[i + 1]) / 2, y: count, lower: breaks[i], upper: breaks[i + 1], count }));
}

const vertical = (x: number, top: number) => [
  { x, y: 0 },
  { x, y: top },
];

export function bootPanelConfig(value: BootResult, k: number): ScatterConfig {
  const hist = value.histograms[k]!;
  const bars = bootBars(hist.breaks, hist.counts);
  const top = Math.max(...hist.counts) * 1.08;
  const [lo, hi] = value.ci[k];
  const name = value.names[k];
  const xs = [hist.breaks[0], hist.breaks[hist.breaks.length - 1], value.estimate[k]];
  return parameterPanelConfig({
    datasets: [
      // The bars' tops: invisible points whose tooltips tell the cell and its count.
      { label: '', data: bars, pointRadius: 0, pointHitRadius: 12, pointHoverRadius: 0, backgroundColor: INK, borderColor: INK },
      referenceLine(vertical(value.estimate[k], top), INK, false, 'estimate', 1.6),
      ...[lo, hi].filter((e): e is number => e !== null).map((e) => referenceLine(vertical(e, top), ACCENT, true, 'interval', 1.6)),
    ],
    x: { title: name, range: padded([Math.min(...xs), Math.max(...xs)]) },
    y: { title: 'replicates', range: { min: 0, max: top }, size: 52 },
    describe: (raw) => {
      const b = raw as BarDatum;
      return [`${name} in (${formatNumber(b.lower, 4)}, ${formatNumber(b.upper, 4)}]`, `${b.count} replicates`];
    },
    plugins: [barsPlugin(bars)],
  });
}

export function bootFigure(value: BootResult, modelName: string, modelId: string): FigureSpec {
  const panels: PanelSpec[] = [];
  value.names.forEach((name, k) => {
    if (!value.histograms[k]) return;
    panels.push({ key: `boot-${k}`, label: `Bootstrap distribution of ${name}`, width: PANEL_WIDTH, height: PANEL_HEIGHT, config: () => looseConfig(bootPanelConfig(value, k)) });
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
