import type { ModelFitValue, ModelKind } from '@shared/models';
import { caterpillarFigure } from './caterpillar';
import type { FigureResult } from './interval-figure';
import { lmListIntervalsFigure } from './lmlist-intervals';

/** A plot the gallery offers for a kind of model; `id` names its PNG (m3-caterpillar.png). */
export interface PlotKind {
  id: 'caterpillar' | 'intervals' | 'diagnostics' | 'ranef' | 'binned';
  label: string;
  /** A figure from the stored fit alone; null for plots whose numbers the engine computes from the data rows (DiagnosticsFigure, RanefFigure). */
  figure: ((value: ModelFitValue) => FigureResult) | null;
}

const CATERPILLAR: PlotKind = { id: 'caterpillar', label: 'Random effects (caterpillar)', figure: (v) => caterpillarFigure(v) };
const DIAGNOSTICS: PlotKind = { id: 'diagnostics', label: 'Diagnostics', figure: null };
const RANEF: PlotKind = { id: 'ranef', label: 'Random effects', figure: null };
const BINNED: PlotKind = { id: 'binned', label: 'Binned residuals', figure: null };
const INTERVALS: PlotKind = { id: 'intervals', label: 'Coefficients with 95% intervals', figure: lmListIntervalsFigure };

/** The plots of a model of this kind: diagnostics for lm and lmer (residuals need the engine), the fit's own plots. */
export function plotKindsOf(kind: ModelKind): PlotKind[] {
  if (kind === 'lmer') return [CATERPILLAR, DIAGNOSTICS, RANEF];
  if (kind === 'lmList') return [INTERVALS, DIAGNOSTICS];
  if (kind === 'glmer') return [CATERPILLAR, BINNED];
  return [DIAGNOSTICS];
}
