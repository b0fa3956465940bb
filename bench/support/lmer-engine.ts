import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../../src-main/engine/data/frame';
import { fitLmer } from '../../src-main/engine/lmm/fit-lmer';
import { diagnostics } from '../../src-main/engine/plots/diagnostics';
import { evaluateModel } from '../../src-main/engine/plots/model-evaluation';

/** What the bench needs from one Nestor lmer fit. */
export interface BenchFit {
  remlcrit: number;
  /** Objective evaluations of Nestor's optimiser (restarts, boundary and derivative checks included). */
  evaluations: number;
  /** The engine's convergence warnings and notes (lme4's wording), if any. */
  notes: string[];
  /** The estimates a stored fit keeps (θ, σ, β), which plot.model evaluates the model at. */
  stored: Record<string, unknown>;
}

/** What one plot.model computation of the diagnostics cost, and how many points its fullest panel kept. */
export interface BenchPlotModel {
  seconds: number;
  maxPanelPoints: number;
  thinned: boolean;
}

/**
 * The one place the bench calls Nestor's LMM engine: fitLmer as the app calls it,
 * REML, with its full result (summary numbers, conditional modes and their SDs,
 * fitted values) — more than lmer() computes, which returns before summary().
 * No checkpoint: nothing can cancel a bench run, and the synchronous optimiser is used.
 */
export async function fitForBench(formula: ParsedFormula, frame: DataFrame): Promise<BenchFit> {
  const fit = await fitLmer(formula, frame, { reml: true });
  if (fit.REMLcrit === null) throw new Error(`fitLmer gave no REML criterion for the REML fit of ${formula.source}`);
  return {
    remlcrit: fit.REMLcrit,
    evaluations: fit.optimizer.evaluations,
    notes: [...fit.convergence.warnings, ...fit.convergence.notes],
    stored: { theta: fit.theta, sigma: fit.sigma, fixef: fit.fixef },
  };
}

/**
 * The engine's side of the app's plot.model job for the diagnostics gallery, timed:
 * the model frame rebuilt, the model evaluated once at the stored θ, then every
 * panel's numbers (lowess smooths and QQ line over all rows, histogram, boxes) and
 * the thinning of the points to at most 20,000 per panel.
 */
export async function plotModelForBench(formula: string, frame: DataFrame, stored: Record<string, unknown>): Promise<BenchPlotModel> {
  const t0 = performance.now();
  const spec = { kind: 'lmer' as const, formula, reml: true };
  const value = await diagnostics('bench', formula, evaluateModel(spec, frame, stored, undefined), { kind: 'diagnostics' });
  const seconds = (performance.now() - t0) / 1000;
  const panels = [value.residualsFitted, value.qq, value.scaleLocation, value.observedFitted, value.residualsPredictor].filter((p) => p !== null);
  return { seconds, maxPanelPoints: Math.max(...panels.map((p) => p.points.x.length)), thinned: value.thinned };
}
