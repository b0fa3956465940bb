import { describe, expect, it } from 'vitest';
import { anovaTable, untestableTerms } from '../../../../src-main/engine/inference/ddf-engine';
import { satterthwaite } from '../../../../src-main/engine/inference/satterthwaite';
import { doolittleLower, typeIIIContrasts } from '../../../../src-main/engine/inference/type3-contrasts';
import { asArray } from '../lmm/helpers';
import { fittedModel, inferenceCase, inferenceCaseIds, inferenceModel, refAnova, rel } from './satterthwaite-helpers';

const debug = !!process.env.SATT_DEBUG;
const ids = inferenceCaseIds().filter((id) => id !== 'insteval_crossed');

describe("lmerTest's type III hypotheses (attr(anova(m), 'hypotheses'))", () => {
  for (const id of ids) {
    it(`${id}: every term's L, entry for entry`, async () => {
      const c = inferenceCase(id);
      const model = await inferenceModel(c);
      const messages: string[] = [];
      const ours = typeIIIContrasts(model, messages);
      expect(ours.map((h) => h.term)).toEqual(c.anova.hypotheses.map((h) => h.term));
      ours.forEach((h, k) => {
        const ref = c.anova.hypotheses[k];
        expect(ref.colNames).toEqual(model.fixed.names);
        const refL = ref.L.map((row) => asArray(row as unknown as number[]));
        if (debug) console.log(id, h.term, JSON.stringify(h.L), JSON.stringify(refL));
        expect(h.L.length).toBe(refL.length);
        h.L.forEach((row, r) => row.forEach((x, j) => expect(Math.abs(x - refL[r][j])).toBeLessThan(1e-12)));
      });
      // R's message() ends the text with a newline; ours are the texts.
      expect(messages).toEqual((c.anova_messages ?? []).map((m) => m.replace(/\n$/, '')));
    });
  }
});

describe("lmerTest's anova(m, type = 3) with Satterthwaite's method", () => {
  for (const id of ids) {
    it(`${id}: at lme4's θ, Sum Sq, Mean Sq, F, Pr(>F) to 1e-6 and DenDF to 1e-5 relative`, async () => {
      const c = inferenceCase(id);
      const model = await inferenceModel(c);
      const e = satterthwaite(model, Float64Array.from(asArray(c.fit.theta)), c.REML);
      const contrasts = typeIIIContrasts(model);
      const table = anovaTable(e, contrasts);
      const { rows, untestable } = refAnova(c);
      expect(table.map((r) => r.term)).toEqual(rows.map((r) => r.term));
      expect(untestableTerms(contrasts)).toEqual(untestable);
      table.forEach((row, k) => {
        const ref = rows[k];
        if (debug) console.log(id, row, ref);
        expect(row.numDf).toBe(ref.numDf);
        expect(rel(row.sumSq, ref.sumSq)).toBeLessThan(1e-6);
        expect(rel(row.meanSq, ref.meanSq)).toBeLessThan(1e-6);
        expect(rel(row.F, ref.F)).toBeLessThan(1e-6);
        expect(rel(row.denDf, ref.denDf)).toBeLessThan(1e-5);
        expect(rel(row.p, ref.p)).toBeLessThan(1e-5);
      });
    });
    it(`${id}: at our own fit, against lmerTest at the optimum: DenDF 1e-3 and Pr(>F) 1e-4 relative`, async () => {
      const c = inferenceCase(id);
      const { model, theta } = await fittedModel({ ...c, kind: 'lmer' } as never);
      const table = anovaTable(satterthwaite(model, theta, c.REML), typeIIIContrasts(model));
      table.forEach((row, k) => {
        expect(rel(row.denDf, asArray(c.tight.denDf)[k])).toBeLessThan(1e-3);
        expect(rel(row.p, asArray(c.tight.anova_p)[k])).toBeLessThan(1e-4);
      });
    });
  }
});

describe("lmerTest's doolittle()", () => {
  it('gives the unit lower-triangular factor of a symmetric matrix, entries below 1e-6 set to 0', () => {
    // crossprod(cbind(1, 0:9)) = [[10, 45], [45, 285]]: L = [[1, 0], [4.5, 1]].
    expect(Array.from(doolittleLower(Float64Array.of(10, 45, 45, 285), 2))).toEqual([1, 0, 4.5, 1]);
    // A zero pivot gives a zero column below it, as lmerTest's eps rule does.
    expect(Array.from(doolittleLower(Float64Array.of(0, 1, 1, 2), 2))).toEqual([1, 0, 0, 1]);
  });
});
