import type { TooltipItem } from 'chart.js';
import type { ProfileResult } from '@shared/inference';
import { formatNumber } from '../../../lib/format';
import { ACCENT, groundPlugin, INK, MUTED, STILL_CHART } from '../../plots/chart-style';
import { fixedAxis, padded, type ScatterConfig } from '../../plots/data-figure-kit';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from '../../plots/figure-spec';

/**
 * lme4's profile plot (xyplot of a profile): ζ against each parameter, one panel
 * per parameter, with the cutoffs ±z of the interval and the interval's ends.
 * A straight ζ line means the Wald interval would be as good as the profile one.
 */
const WIDTH = 300;
const HEIGHT = 220;

function line(points: { x: number; y: number }[], colour: string, dashed: boolean, label: string, width = 1.4) {
  return { label, data: points, showLine: true, borderColor: colour, backgroundColor: colour, borderWidth: width, borderDash: dashed ? [5, 4] : [], pointRadius: 0, pointHitRadius: 0 };
}

export function profilePanelConfig(value: ProfileResult, k: number): ScatterConfig {
  const curve = value.curves[k];
  const index = value.names.indexOf(curve.name);
  const [lo, hi] = index >= 0 ? value.ci[index] : [null, null];
  const cut = value.cutoff;
  const xs = curve.x.filter(Number.isFinite);
  const zs = curve.zeta.filter(Number.isFinite);
  const xRange = padded([Math.min(...xs), Math.max(...xs)]);
  const zTop = Math.max(cut * 1.25, ...zs.map(Math.abs));
  const points = curve.x.map((x, i) => ({ x, y: curve.zeta[i] })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const datasets = [
    { ...line(points, INK, false, 'ζ', 1.8), pointRadius: 2, pointHitRadius: 8 },
    line([{ x: xRange.min, y: cut }, { x: xRange.max, y: cut }], MUTED, true, `ζ = ${formatNumber(cut, 3)}`),
    line([{ x: xRange.min, y: -cut }, { x: xRange.max, y: -cut }], MUTED, true, `ζ = −${formatNumber(cut, 3)}`),
    ...[lo, hi].filter((e): e is number => e !== null).map((e) => line([{ x: e, y: -zTop }, { x: e, y: zTop }], ACCENT, true, 'interval')),
  ];
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 8, right: 10, bottom: 2, left: 2 } },
      scales: {
        x: fixedAxis({ title: curve.name, ticks: true, size: 40, range: xRange, vertical: false }),
        y: fixedAxis({ title: 'ζ', ticks: true, size: 44, range: { min: -zTop, max: zTop }, vertical: true }),
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          displayColors: false,
          filter: (item: TooltipItem<'scatter'>) => item.datasetIndex === 0,
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'scatter'>) => {
              const p = item.raw as { x: number; y: number };
              return [`${curve.name} = ${formatNumber(p.x, 5)}`, `ζ = ${formatNumber(p.y, 4)}`];
            },
          },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>()],
  };
}

export function profileFigure(value: ProfileResult, modelName: string, modelId: string): FigureSpec {
  const panels: PanelSpec[] = value.curves
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => c.x.length > 1)
    .map(({ c, k }) => ({ key: `profile-${k}`, label: `Profile of ${c.name}`, width: WIDTH, height: HEIGHT, config: () => looseConfig(profilePanelConfig(value, k)) }));
  return {
    caption: `Likelihood profiles of ${modelName} (lme4: xyplot(profile(${modelName}))): ζ, the signed square root of the change in deviance, against each parameter. Dashed grey: ζ = ±${formatNumber(value.cutoff, 3)}; dashed blue: the ${Math.round(value.level * 100)}% profile interval. A straight line means a Wald interval would be as good.`,
    columns: Math.min(3, panels.length),
    panels,
    fileStem: fileStem(modelName, 'profile'),
    settingsKey: { target: modelId, kind: 'profile' },
  };
}
