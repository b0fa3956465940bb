import type { ModelFitValue, ModelKind } from '@shared/models';
import { caterpillarFigure } from './caterpillar';
import type { FigureResult } from './interval-figure';
import { lmListIntervalsFigure } from './lmlist-intervals';

/** A plot the gallery offers for a kind of model; `id` names its PNG (m3-caterpillar.png). */
export interface PlotKind {
  id: 'caterpillar' | 'intervals';
  label: string;
  figure: (value: ModelFitValue) => FigureResult;
}

const CATERPILLAR: PlotKind = { id: 'caterpillar', label: 'Random effects (caterpillar)', figure: (v) => caterpillarFigure(v) };
const INTERVALS: PlotKind = { id: 'intervals', label: 'Coefficients with 95% intervals', figure: lmListIntervalsFigure };

/** The plots of a model of this kind; none yet for a linear model (lm). */
export function plotKindsOf(kind: ModelKind): PlotKind[] {
  if (kind === 'lmer') return [CATERPILLAR];
  if (kind === 'lmList') return [INTERVALS];
  return [];
}
