import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { anovaTable } from '../../../../src-main/engine/inference/ddf-engine';
import { formatDdfText } from '../../../../src-main/engine/inference/ddf-text';
import { fStatDdf, satterthwaite, satterthwaiteAsync } from '../../../../src-main/engine/inference/satterthwaite';
import { typeIIIContrasts } from '../../../../src-main/engine/inference/type3-contrasts';
import { asArray } from '../lmm/helpers';
import { inferenceCase, inferenceModel, refAnova, rel } from './satterthwaite-helpers';

async function atLme4Theta(id: string) {
  const c = inferenceCase(id);
  const model = await inferenceModel(c);
  return { c, model, theta: Float64Array.from(asArray(c.fit.theta)) };
}

describe('satterthwaiteAsync (the engine job’s form)', () => {
  it('gives the same numbers as satterthwaite, reports progress, and awaits the checkpoint between factorisations', async () => {
    const { c, model, theta } = await atLme4Theta('exam_m3_rs');
    let checkpoints = 0;
    const progress: number[] = [];
    const e = await satterthwaiteAsync(model, theta, c.REML, {
      checkpoint: async () => void checkpoints++,
      onProgress: (fraction) => progress.push(fraction),
    });
    const s = satterthwaite(model, theta, c.REML);
    expect(e.df).toEqual(s.df);
    expect(e.p).toEqual(s.p);
    // Three θ: 1 + 3·3·4 factorisations, a checkpoint after each.
    expect(checkpoints).toBe(37);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((f) => f > 0 && f <= 1)).toBe(true);
  });

  it('stops when the checkpoint rejects (a cancelled job)', async () => {
    const { c, model, theta } = await atLme4Theta('sleep_rs');
    const cancelled = new AppError('cancelled', 'cancelled');
    let calls = 0;
    const run = satterthwaiteAsync(model, theta, c.REML, {
      checkpoint: async () => {
        if (++calls === 3) throw cancelled;
      },
    });
    await expect(run).rejects.toBe(cancelled);
    expect(calls).toBe(3);
  });
});

describe('fTest (lmerTest’s contestMD)', () => {
  it('a one-row L is the t test squared, on its df', async () => {
    const { c, model, theta } = await atLme4Theta('jsp_raven_gender_social');
    const e = satterthwaite(model, theta, c.REML);
    const j = e.names.indexOf('gendergirl');
    const L = [e.names.map((_, k) => (k === j ? 1 : 0))];
    const f = e.fTest(L);
    expect(f.numDf).toBe(1);
    expect(f.denDf).toBe(e.df[j]);
    expect(rel(f.F, e.t[j] * e.t[j])).toBeLessThan(1e-12);
    expect(rel(f.p, e.p[j])).toBeLessThan(1e-10);
  });

  // The q independent contrasts are eigenvectors of L·vcov(β)·Lᵀ, so the df (not F) depend on how L is written, in lmerTest too.
  it('a rank-deficient L is tested on its rank (a repeated row leaves F and NumDF as they were)', async () => {
    const { c, model, theta } = await atLme4Theta('jsp_raven_gender_social');
    const e = satterthwaite(model, theta, c.REML);
    const social = typeIIIContrasts(model).find((h) => h.term === 'social')!.L;
    const once = e.fTest(social);
    const twice = e.fTest([...social, social[0]]);
    expect(once.numDf).toBe(3);
    expect(twice.numDf).toBe(3);
    expect(rel(twice.F, once.F)).toBeLessThan(1e-10);
    // The reference: lmerTest's anova row for social.
    const ref = refAnova(c).rows.find((r) => r.term === 'social')!;
    expect(rel(once.denDf, ref.denDf)).toBeLessThan(1e-5);
    expect(rel(twice.denDf, once.denDf)).toBeLessThan(1e-3);
  });

  it('refuses an L of the wrong width, with no rows, or with a value that is not a number', async () => {
    const { c, model, theta } = await atLme4Theta('sleep_rs');
    const e = satterthwaite(model, theta, c.REML);
    expect(() => e.fTest([[1, 0, 0]])).toThrow(/3 entries; the model has 2 fixed effects/);
    expect(() => e.fTest([])).toThrow(/at least one row/);
    expect(() => e.fTest([[NaN, 1]])).toThrow(/not a finite number/);
    expect(() => e.fTest([[0, 0]])).toThrow(/nothing to test/);
  });
});

describe("lmerTest's get_Fstat_ddf", () => {
  it('matches E[F] of the q t statistics; 2 when some ν ≤ 2; their value when they agree', () => {
    const nu = [10, 20, 40];
    const E = nu.reduce((s, v) => s + v / (v - 2), 0);
    expect(fStatDdf(nu)).toBeCloseTo((2 * E) / (E - 3), 12);
    expect(fStatDdf([1.5, 30])).toBe(2);
    expect(fStatDdf([12, 12 + 1e-9])).toBeCloseTo(12, 8);
    expect(fStatDdf([7])).toBe(7);
  });
});

describe('refusals', () => {
  it('a θ of the wrong length', async () => {
    const { c, model } = await atLme4Theta('exam_m3_rs');
    expect(() => satterthwaite(model, Float64Array.of(0.4), c.REML)).toThrow(/θ has 1 values; this model has 3/);
  });
});

describe('from the model to the printed tables, as lmerTest prints them', () => {
  // exam_m4_singular is left out: its df 1361.05663 print with nine digits, beyond the 1e-7 to which ours agree.
  for (const id of ['jsp_raven_gender_social', 'exam_lrt_sex_rs', 'exam_sex_vr', 'sleep_uncorr']) {
    it(`${id}: our numbers at lme4's θ print as lmerTest's`, async () => {
      const { c, model, theta } = await atLme4Theta(id);
      const e = satterthwaite(model, theta, c.REML);
      const { names, estimate, se, df, t, p } = e;
      const anova = anovaTable(e, typeIIIContrasts(model));
      const text = formatDdfText({ kind: 'ddf', method: 'satterthwaite', names, estimate, se, df, t, p, anova }, { fancyQuotes: true });
      expect(text).toBe(c.text_fixef + '\n' + c.text_anova);
      expect(e.messages).toEqual([]);
    });
  }
});
