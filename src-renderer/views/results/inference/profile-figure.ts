import type { ProfileResult } from '@shared/inference';
import { formatNumber } from '../../../lib/format';
import { ACCENT, INK, MUTED } from '../../plots/chart-style';
import { padded, type ScatterConfig } from '../../plots/data-figure-kit';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from '../../plots/figure-spec';
import { PANEL_HEIGHT, PANEL_WIDTH, parameterPanelConfig, referenceLine } from './parameter-panel';

/**
 * lme4's profile plot (xyplot of a profile): ζ against each parameter, one panel
 * per parameter, with the cutoffs ±z of the interval and the interval's ends.
 * A straight ζ line means the Wald interval would be as good as the profile one.
 */
export function profilePanelConfig(value: ProfileResult, k: number): ScatterConfig {
  const curve = value.curves[k];
  const index = value.names.indexOf(curve.name);
  const [lo, hi] = index >= 0 ? value.ci[index] : [null, null];
  const cut = value.cutoff;
  const points = curve.x.map((x, i) => ({ x, y: curve.zeta[i] })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xRange = padded([Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))]);
  const zTop = Math.max(cut * 1.25, ...points.map((p) => Math.abs(p.y)));
  const across = (y: number) => [
    { x: xRange.min, y },
    { x: xRange.max, y },
  ];
  return parameterPanelConfig({
    datasets: [
      { ...referenceLine(points, INK, false, 'ζ', 1.8), pointRadius: 2, pointHitRadius: 8 },
      referenceLine(across(cut), MUTED, true, `ζ = ${formatNumber(cut, 3)}`),
      referenceLine(across(-cut), MUTED, true, `ζ = −${formatNumber(cut, 3)}`),
      ...[lo, hi]
        .filter((e): e is number => e !== null)
        .map((e) =>
          referenceLine(
            [
              { x: e, y: -zTop },
              { x: e, y: zTop },
            ],
            ACCENT,
            true,
            'interval',
          ),
        ),
    ],
    x: { title: curve.name, range: xRange },
    y: { title: 'ζ', range: { min: -zTop, max: zTop }, size: 44 },
    describe: (raw) => {
      const p = raw as { x: number; y: number };
      return [`${curve.name} = ${formatNumber(p.x, 5)}`, `ζ = ${formatNumber(p.y, 4)}`];
    },
  });
}

export function profileFigure(value: ProfileResult, modelName: string, modelId: string): FigureSpec {
  const panels: PanelSpec[] = value.curves
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => c.x.length > 1)
    .map(({ c, k }) => ({ key: `profile-${k}`, label: `Profile of ${c.name}`, width: PANEL_WIDTH, height: PANEL_HEIGHT, config: () => looseConfig(profilePanelConfig(value, k)) }));
  return {
    caption: `Likelihood profiles of ${modelName} (lme4: xyplot(profile(${modelName}))): ζ, the signed square root of the change in deviance, against each parameter. Dashed grey: ζ = ±${formatNumber(value.cutoff, 3)}; dashed blue: the ${Math.round(value.level * 100)}% profile interval. A straight line means a Wald interval would be as good.`,
    columns: Math.min(3, panels.length),
    panels,
    fileStem: fileStem(modelName, 'profile'),
    settingsKey: { target: modelId, kind: 'profile' },
  };
}
