import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileLmm } from '../../../../src-main/engine/inference/profile/profile-lmm';
import { fitLmmModel } from '../../../../src-main/engine/lmm/fit-lmer';
import { caseModel, type LmerCase } from '../lmm/helpers';

interface ProfileFixture {
  id: string;
  data: string;
  levels: Record<string, string[]>;
  formula: string;
  REML: boolean;
  names: string[];
  estimate: number[];
  ci: [number | null, number | null][];
  text: string;
  text_90: string;
  curves: { name: string; x: number[]; zeta: number[] }[];
}

const fixture = (id: string): ProfileFixture =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/inference/profile/${id}.json`, import.meta.url), 'utf8'));

async function profileOf(f: { data: string; levels: Record<string, string[]>; formula: string; REML: boolean }, level = 0.95) {
  const model = await caseModel({ ...f, kind: 'lmer' } as unknown as LmerCase);
  const fit = await fitLmmModel(model, { reml: f.REML });
  return profileLmm(model, Float64Array.from(fit.theta), f.REML, { level });
}

/** Relative error of an interval end; ends within 1e-6 of 0 compare absolutely. */
function endError(actual: number | null, expected: number | null): number {
  if (expected === null || actual === null) return actual === expected ? 0 : Infinity;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
}

describe('profileLmm against lme4 confint(method = "profile")', () => {
  for (const id of ['exam_m3_rs', 'exam_m3_rs_ml', 'sleep_rs', 'jsp_ri_gender', 'exam_ri_schgend']) {
    it(id, async () => {
      const f = fixture(id);
      const res = await profileOf(f);
      expect(res.names).toEqual(f.names);
      const errors = res.ci.flatMap((c, i) => [endError(c[0], f.ci[i][0]), endError(c[1], f.ci[i][1])]);
      console.log(id, Math.max(...errors).toExponential(2), res.ci.map((c) => c.join(' ')));
      for (const e of errors) expect(e).toBeLessThan(1e-3);
      for (let i = 0; i < f.estimate.length; i++) expect(Math.abs(res.estimate[i] - f.estimate[i]) / Math.abs(f.estimate[i])).toBeLessThan(1e-4);
    }, 60_000);
  }
});
