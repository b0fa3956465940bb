import { AppError } from '@shared/errors';
import { fUpperTail, twoSidedP } from '../lm/fit-lm';
import { LMER_OPTIMIZER } from '../lmm/fit-lmer';
import type { LmmModel } from '../lmm/model';
import { lmmObjective } from '../lmm/objective';
import { solveLmm } from '../lmm/solution';
import { bobyqa } from '../optim/bobyqa';
import { krAdjustment } from './kr-adjust';
import { krFTerms } from './kr-ddf';
import type { DdfEngine } from './ddf-engine';
import { randomSpace } from './kr-random-space';

/**
 * Kenward-Roger t and F tests of the fixed effects of an lmer fit, as pbkrtest 0.5.2 computes
 * them and lmerTest reports them: summary(m, ddf = "Kenward-Roger") (estimate, the adjusted
 * standard error √diag Φ_A, Lb_ddf's df, t, p) and anova(m, ddf = "Kenward-Roger")'s F tests
 * (KRmodcomp's scaled F with its df). The shape is ddf-engine.ts's, shared with Satterthwaite.
 */
/** What lmerTest's anova table shows beyond the F test: Mean Sq = σ²·F before pbkrtest's scaling. */
export interface KrFTest {
  F: number;
  numDf: number;
  denDf: number;
  p: number;
  /** pbkrtest's F.scaling λ (F = λ · unscaledF) and FtestU. */
  scaling: number;
  unscaledF: number;
  /** lmerTest's Sum Sq and Mean Sq columns (from the unscaled F, as mk_Ftable forms them). */
  sumSq: number;
  meanSq: number;
}

export interface KenwardRogerEngine extends DdfEngine {
  fTest(L: number[][]): KrFTest;
  /**
   * The fit was by ML: pbkrtest (vcovAdj, KRmodcomp) refits it by REML and uses that fit for
   * everything (estimates included); lmerTest refuses ML fits. θ is then the REML fit's.
   */
  refitREML: boolean;
  theta: Float64Array;
  /** Φ_A (adjusted) and Φ (lme4's vcov), p × p row-major. */
  vcovAdjusted: Float64Array;
  vcov: Float64Array;
}

/**
 * Largest number of random effects handled: the method holds a few dense q × q matrices
 * (72 MB each at 3000) and its products cost up to q² per row of a later term. Measured on
 * InstEval (n 73,421): (1 | d) + (1 | dept), q 1142, 0.3 s; (1 | s), q 2972, 2 s;
 * (1 | s) + (1 | dept), q 2986, 7 s. Exam's m3 (q 130) takes about 30 ms.
 */
export const KR_MAX_RANDOM_EFFECTS = 3000;

export function kenwardRoger(model: LmmModel, theta: Float64Array, reml: boolean): KenwardRogerEngine {
  const q = model.random.terms.reduce((s, t) => s + t.nl * t.q, 0);
  if (q > KR_MAX_RANDOM_EFFECTS) {
    throw new AppError(
      'unsupported',
      `Kenward-Roger needs dense matrix work in the number of random effects, and this model has ${q} ` +
        `(${model.random.terms.map((t) => `${t.source}: ${t.nl} levels × ${t.q}`).join(', ')}); Nestor computes it for up to ` +
        `${KR_MAX_RANDOM_EFFECTS}. Satterthwaite's degrees of freedom work for models of any size and are usually very close.`,
    );
  }
  const { n, p } = model;
  if (n <= p) throw new AppError('bad-input', `Kenward-Roger needs a REML fit, and REML needs more observations (${n}) than fixed-effect columns (${p}).`);

  const objective = lmmObjective(model, true);
  let thetaUsed = Float64Array.from(theta);
  if (!reml) {
    // pbkrtest's vcovAdj and KRmodcomp: update(object, REML = TRUE) when the fit is by ML.
    const res = bobyqa(objective, thetaUsed, { ...LMER_OPTIMIZER, lower: model.layout.lower });
    thetaUsed = Float64Array.from(res.x);
  }
  if (!Number.isFinite(objective(thetaUsed))) {
    throw new AppError('internal', `Kenward-Roger: the REML criterion is not finite at θ = (${Array.from(thetaUsed).join(', ')}).`);
  }
  const sol = solveLmm(model, objective.factor, true);
  objective.dispose();

  const space = randomSpace(model, thetaUsed, sol.sigma);
  const adj = krAdjustment(model, space, Float64Array.from(sol.vcov));
  const beta = sol.beta;

  const fDetail = (L: number[][]): KrFTest => {
    checkContrast(L, p);
    const terms = krFTerms(adj, L, beta);
    const numDf = L.length;
    const F = terms.scaling * terms.unscaledF;
    const meanSq = terms.unscaledF * sol.sigma * sol.sigma;
    return { F, numDf, denDf: terms.ddf, p: fUpperTail(F, numDf, terms.ddf), scaling: terms.scaling, unscaledF: terms.unscaledF, sumSq: meanSq * numDf, meanSq };
  };

  const estimate = Array.from(beta);
  const se = estimate.map((_, j) => Math.sqrt(adj.phiA[j * p + j]));
  const df = estimate.map((_, j) => {
    const row = new Array<number>(p).fill(0);
    row[j] = 1;
    return krFTerms(adj, [row], beta).ddf;
  });
  const t = estimate.map((b, j) => b / se[j]);
  return {
    names: model.fixed.names.slice(),
    estimate,
    se,
    df,
    t,
    p: t.map((tj, j) => twoSidedP(tj, df[j])),
    fTest: fDetail,
    sigma: sol.sigma,
    refitREML: !reml,
    theta: thetaUsed,
    vcovAdjusted: adj.phiA,
    vcov: adj.phi,
  };
}

function checkContrast(L: number[][], p: number): void {
  if (L.length === 0) throw new AppError('bad-input', 'Kenward-Roger F test: the contrast matrix L has no rows.');
  L.forEach((row, i) => {
    if (row.length !== p) throw new AppError('bad-input', `Kenward-Roger F test: row ${i + 1} of L has ${row.length} entries for ${p} fixed effects.`);
    if (!row.every(Number.isFinite)) throw new AppError('bad-input', `Kenward-Roger F test: row ${i + 1} of L has an entry that is not a finite number.`);
  });
}
