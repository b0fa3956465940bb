import type { TermFTest } from '@shared/inference';

/**
 * t and F tests of the fixed effects with approximate denominator degrees of freedom,
 * the common shape of Satterthwaite's method (satterthwaite.ts) and Kenward-Roger's,
 * and lmerTest's anova table built from either.
 */
export interface DdfEngine {
  /** One entry per fixed effect (lmerTest's summary table): names, estimates, SEs, df, t values, two-sided p. */
  names: string[];
  estimate: number[];
  se: number[];
  df: number[];
  t: number[];
  p: number[];
  /**
   * F test of H0: Lβ = 0 for a full-row-rank L (rows × p), as lmerTest's contestMD.
   * `meanSq`, where given, is the mean square lmerTest reports; otherwise it is F·σ²
   * (a method that rescales F, as Kenward-Roger does, gives the unscaled one here).
   */
  fTest(L: number[][]): { F: number; numDf: number; denDf: number; p: number; meanSq?: number };
  sigma: number;
  /** Warnings R raises on the way (lmerTest's about the Hessian's eigenvalues), word for word. */
  messages?: string[];
}

/**
 * lmerTest's anova(m, type = …) from the hypotheses of each term (type3-contrasts.ts):
 * one F test per term, Mean Sq = F·σ² and Sum Sq = Mean Sq × NumDF as lmerTest's
 * mk_Ftable reports them. A term without hypotheses (all its columns aliased) gives
 * no row here; lmerTest shows it as a row of NA.
 */
export function anovaTable(engine: DdfEngine, contrasts: { term: string; L: number[][] }[]): TermFTest[] {
  const rows: TermFTest[] = [];
  for (const { term, L } of contrasts) {
    if (L.length === 0) continue;
    const test = engine.fTest(L);
    const meanSq = test.meanSq ?? test.F * engine.sigma * engine.sigma;
    rows.push({ term, sumSq: meanSq * test.numDf, meanSq, numDf: test.numDf, denDf: test.denDf, F: test.F, p: test.p });
  }
  return rows;
}

/** Terms without hypotheses (every column aliased): lmerTest's anova shows them as rows of NA, at the end. */
export function untestableTerms(contrasts: { term: string; L: number[][] }[]): string[] {
  return contrasts.filter((c) => c.L.length === 0).map((c) => c.term);
}
