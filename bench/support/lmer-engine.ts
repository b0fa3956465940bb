import type { ParsedFormula } from '@shared/formula/types';
import type { DataFrame } from '../../src-main/engine/data/frame';
import { fitLmer } from '../../src-main/engine/lmm/fit-lmer';

/** What the bench needs from one Nestor lmer fit. */
export interface BenchFit {
  remlcrit: number;
  /** Objective evaluations of Nestor's optimiser (restarts, boundary and derivative checks included). */
  evaluations: number;
  /** The engine's convergence warnings and notes (lme4's wording), if any. */
  notes: string[];
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
  };
}
