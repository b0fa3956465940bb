import { describe, expect, it } from 'vitest';
import { lmmObjective } from '../../../../src-main/engine/lmm/objective';
import { asArray, caseModel, lmerCase } from './helpers';

const ids = [
  'exam_m2_ri',
  'exam_m3_rs',
  'exam_m3_rs_ml',
  'exam_m4_singular',
  'exam_ri_sex',
  'exam_ri_intake',
  'sleep_rs',
  'sleep_uncorr',
  'jsp_ri_gender',
  'jsp_ri',
  'jsp_ri_social',
  'jsp_ris',
];

const multi = ['exam_nested', 'exam_ties', 'exam_vector_later', 'exam_two_vector', 'exam_offset', 'dyestuff', 'insteval_crossed'];

describe('the profiled objective at lme4’s θ', () => {
  for (const id of [...ids.map((i) => `lme4/${i}`), ...multi.map((i) => `lmm/${i}`)]) {
    it(`${id}: REML criterion or ML deviance within 1e-8 relative of lme4`, async () => {
      const c = lmerCase(`${id}.json`);
      const model = await caseModel(c);
      const f = lmmObjective(model, c.REML);
      const value = f(Float64Array.from(asArray(c.fit.theta)));
      const expected = (c.REML ? c.fit.REMLcrit : c.fit.deviance_ml) as number;
      if (process.env.LMM_DEBUG) console.log(id, value, expected, Math.abs(value - expected) / Math.abs(expected));
      expect(Math.abs(value - expected) / Math.abs(expected)).toBeLessThan(1e-8);
    });
  }
});
