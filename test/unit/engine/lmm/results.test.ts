import { describe, expect, it } from 'vitest';
import { lmmObjective } from '../../../../src-main/engine/lmm/objective';
import { summarizeLmer } from '../../../../src-main/engine/lmm/results';
import { solveLmm } from '../../../../src-main/engine/lmm/solution';
import { asArray, caseModel, comparable, lmerCase, worst } from './helpers';

const cases = [
  ...['exam_m2_ri', 'exam_m3_rs', 'exam_m3_rs_ml', 'exam_m4_singular', 'exam_ri_sex', 'exam_ri_intake', 'sleep_rs', 'sleep_uncorr'].map((i) => `lme4/${i}`),
  ...['jsp_ri_gender', 'jsp_ri', 'jsp_ri_social', 'jsp_ris'].map((i) => `lme4/${i}`),
  ...['exam_nested', 'exam_ties', 'exam_vector_later', 'exam_two_vector', 'exam_offset', 'dyestuff', 'insteval_crossed'].map((i) => `lmm/${i}`),
];

describe('everything lme4 reports, computed at lme4’s θ', () => {
  for (const id of cases) {
    it(`${id}: β, SEs, vcov, variance components, criteria, residuals, conditional modes and SDs within 1e-8 relative`, async () => {
      const c = lmerCase(`${id}.json`);
      const model = await caseModel(c);
      const f = lmmObjective(model, c.REML);
      const theta = Float64Array.from(asArray(c.fit.theta));
      const value = f(theta);
      const summary = summarizeLmer(model, theta, value, f.factor, solveLmm(model, f.factor, c.REML), c.REML);
      if (c.fit.theta_names) expect(model.layout.names).toEqual([c.fit.theta_names].flat());
      expect(summary.fixef.names).toEqual(asArray(c.fit.fixef.names as never));
      expect(summary.ngroups).toEqual(c.fit.ngroups);
      expect(summary.isSingular).toBe(c.fit.isSingular);
      expect(summary.varcorr.map((v) => v.term_group)).toEqual(c.fit.varcorr.map((v) => v.term_group));
      expect(summary.varcorr.map((v) => v.names)).toEqual(c.fit.varcorr.map((v) => asArray(v.names as never)));
      expect(summary.ranef.map((r) => [r.group, r.names])).toEqual(c.fit.ranef.map((r) => [r.group, asArray(r.names as never)]));
      const kept = (c as { ranef_levels_kept?: number }).ranef_levels_kept;
      const w = worst(comparable(summary, c.fit, { ranefLevels: kept }));
      if (process.env.LMM_DEBUG) console.log(id, w);
      expect(w.error).toBeLessThan(1e-8);
    });
  }
});
