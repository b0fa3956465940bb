import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileIntervals } from '../../../../src-shared/inference';
import { profileLmm } from '../../../../src-main/engine/inference/profile/profile-lmm';
import { sdcorLayout, sdcorToTheta, thetaToSdcor } from '../../../../src-main/engine/inference/profile/sdcor';
import { fitLmmModel } from '../../../../src-main/engine/lmm/fit-lmer';
import { caseModel, lmerCase, type LmerCase } from '../lmm/helpers';

/** test/fixtures/inference/profile/<id>.json (test/fixtures/tools/make-profile-fixtures.R). */
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

async function profileOf(f: { data: string; levels: Record<string, string[]>; formula: string; REML: boolean }, options: Parameters<typeof profileLmm>[3] = {}) {
  const model = await caseModel({ ...f, kind: 'lmer' } as unknown as LmerCase);
  const fit = await fitLmmModel(model, { reml: f.REML });
  return { model, theta: Float64Array.from(fit.theta), result: await profileLmm(model, Float64Array.from(fit.theta), f.REML, options) };
}

/** The reference README's rule for profile intervals: relative error below 1e-3 (ends near 0 compare on the scale 1e-3). */
function endError(actual: number | null, expected: number | null): number {
  if (expected === null || actual === null) return actual === expected ? 0 : Infinity;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
}

function expectIntervals(ci: ProfileIntervals['ci'], expected: (number | null)[][]): number {
  expect(ci.length).toBe(expected.length);
  const errors = ci.flatMap((c, i) => [endError(c[0], expected[i][0]), endError(c[1], expected[i][1])]);
  for (const e of errors) expect(e).toBeLessThan(1e-3);
  return Math.max(...errors);
}

describe('profileLmm against lme4 confint(method = "profile", oldNames = FALSE)', () => {
  // Largest relative errors seen: exam_m3_rs 6.4e-5, exam_m3_rs_ml 5.6e-4 (lme4's own two runs, from the
  // REML and the ML fit, differ by 5.3e-4 there), sleep_rs 3.9e-6, jsp_ri_gender 1.4e-10, exam_ri_schgend 2.6e-5.
  for (const id of ['exam_m3_rs', 'exam_m3_rs_ml', 'sleep_rs', 'jsp_ri_gender', 'exam_ri_schgend']) {
    it(`${id}: interval ends within 1e-3, the profile's centre within 1e-4, the value valid for the contract`, async () => {
      const f = fixture(id);
      const { result } = await profileOf(f);
      expect(ProfileIntervals.parse(result)).toEqual(result);
      expect(result.names).toEqual(f.names);
      expectIntervals(result.ci, f.ci);
      result.estimate.forEach((e, i) => expect(Math.abs(e - f.estimate[i]) / Math.abs(f.estimate[i])).toBeLessThan(1e-4));
      // The digits printed can differ in the 7th significant digit; the layout is R's.
      const lines = result.text.split('\n');
      expect(lines[0].trim().split(/ {2,}| (?=\d)/)).toEqual(['2.5 %', '97.5 %']);
      expect(lines.slice(1, -1).map((l) => l.split(' ')[0])).toEqual(f.names);
      expect(result.messages.some((m) => m.includes('refitted by maximum likelihood'))).toBe(f.REML);
    }, 60_000);
  }

  it('the fields fit.confint_profile of the lme4 reference cases exam_m3_rs and sleep_rs', async () => {
    for (const id of ['exam_m3_rs', 'sleep_rs']) {
      const c = lmerCase(`lme4/${id}.json`) as LmerCase & { fit: { confint_profile: { names: string[]; ci: number[][] } } };
      const { result } = await profileOf({ ...c, REML: true });
      expect(result.names).toEqual(c.fit.confint_profile.names);
      expectIntervals(result.ci, c.fit.confint_profile.ci);
    }
  }, 60_000);

  it('jsp_ri_gender: the printed matrix is R\'s, at 95% and at 90%', async () => {
    const f = fixture('jsp_ri_gender');
    expect((await profileOf(f)).result.text).toBe(f.text + '\n');
    expect((await profileOf(f, { level: 0.9 })).result.text).toBe(f.text_90 + '\n');
  }, 60_000);

  it("exam_ri_schgend: the schgend SD's profile reaches 0 before ζ = −1.96, so its lower end is the bound 0", async () => {
    const { result } = await profileOf(fixture('exam_ri_schgend'));
    expect(result.ci[1][0]).toBe(0);
    const curve = result.curves[1];
    expect(curve.x[0]).toBe(0);
    expect(curve.zeta[0]).toBeGreaterThan(-1.96);
  }, 60_000);

  it("jsp_ri_gender: the ζ curves are lme4's (the same grid, ζ within 1e-5)", async () => {
    const f = fixture('jsp_ri_gender');
    const { result } = await profileOf(f);
    result.curves.forEach((curve, i) => {
      const ref = f.curves[i];
      expect(curve.name).toBe(ref.name);
      expect(curve.x.length).toBe(ref.x.length);
      curve.x.forEach((x, k) => expect(Math.abs(x - ref.x[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(ref.x[k]))));
      curve.zeta.forEach((z, k) => expect(Math.abs(z - ref.zeta[k])).toBeLessThan(1e-5));
    });
  }, 60_000);

  it('exam_m3_rs: every curve is increasing, crosses 0 at the estimate and reaches past ±1.96 (or the bound)', async () => {
    const f = fixture('exam_m3_rs');
    const { result } = await profileOf(f);
    result.curves.forEach((c, i) => {
      for (let k = 1; k < c.x.length; k++) {
        expect(c.x[k]).toBeGreaterThan(c.x[k - 1]);
        expect(c.zeta[k]).toBeGreaterThan(c.zeta[k - 1]);
      }
      expect(c.zeta[c.x.indexOf(result.estimate[i])]).toBe(0);
      expect(c.zeta[0]).toBeLessThan(-1.96);
      expect(c.zeta.at(-1)!).toBeGreaterThan(1.96);
      expect(c.x.length).toBeGreaterThanOrEqual(f.curves[i].x.length - 3);
    });
  }, 60_000);

  it('reports progress per parameter, awaits the checkpoint between refits, and stops when it rejects', async () => {
    const f = fixture('jsp_ri_gender');
    const model = await caseModel({ ...f, kind: 'lmer' } as unknown as LmerCase);
    const theta = Float64Array.from((await fitLmmModel(model, { reml: true })).theta);
    const seen: [number, string][] = [];
    let checks = 0;
    await profileLmm(model, theta, true, { onProgress: (fr, m) => seen.push([fr, m]), checkpoint: async () => void checks++ });
    expect(checks).toBeGreaterThan(50);
    expect(seen.at(-1)![0]).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k][0]).toBeGreaterThanOrEqual(seen[k - 1][0]);
    let left = 20;
    const cancel = profileLmm(model, theta, true, {
      checkpoint: async () => {
        if (--left < 0) throw new Error('cancelled');
      },
    });
    await expect(cancel).rejects.toThrow('cancelled');
  }, 60_000);
});

describe('the sd/cor scale (Cv_to_Sv, Sv_to_Cv)', () => {
  it('θ and σ to sd/cor and back', async () => {
    const f = fixture('sleep_rs');
    const model = await caseModel({ ...f, kind: 'lmer' } as unknown as LmerCase);
    const layout = sdcorLayout(model.layout, model.random.terms);
    expect(layout.names).toEqual(['sd_(Intercept)|Subject', 'cor_Days.(Intercept)|Subject', 'sd_Days|Subject', 'sigma']);
    expect(Array.from(layout.lower)).toEqual([0, -1, 0, 0]);
    const theta = Float64Array.from([0.9667, 0.0152, 0.2309]);
    const v = thetaToSdcor(theta, 25.59, model.layout);
    // sd₁ = σθ₁, cor = θ₂/√(θ₂² + θ₃²), sd₂ = σ√(θ₂² + θ₃²)
    expect(v[0]).toBeCloseTo(25.59 * 0.9667, 12);
    expect(v[1]).toBeCloseTo(0.0152 / Math.hypot(0.0152, 0.2309), 12);
    expect(v[2]).toBeCloseTo(25.59 * Math.hypot(0.0152, 0.2309), 12);
    const back = sdcorToTheta(v, 25.59, model.layout, new Float64Array(3))!;
    back.forEach((t, i) => expect(t).toBeCloseTo(theta[i], 12));
    // A correlation of 1 is a zero pivot (safe_chol), a zero SD a zero column.
    expect(Array.from(sdcorToTheta(Float64Array.from([10, 1, 5, 5]), 5, model.layout, new Float64Array(3))!)).toEqual([2, 1, 0]);
    expect(Array.from(sdcorToTheta(Float64Array.from([0, 0.5, 5, 5]), 5, model.layout, new Float64Array(3))!)).toEqual([0, 0, 1]);
  });
});

describe('profileLmm on a singular fit (exam_m4_singular: a 3 × 3 term whose sexM SD is 0)', () => {
  // R 4.2.2, lme4 1.1-31: confint(m, oldNames = FALSE) (9 minutes, 50+ warnings); its own ML refit is not the
  // optimum, so its ends are only comparable where the profile is well determined.
  const lme4: Record<string, [number, number]> = {
    'sd_standLRT|school': [0.08661244746, 0.1625528851],
    sigma: [0.72552708266, 0.7583391968],
    standLRT: [0.5125738777, 0.5924389996],
    sexM: [-0.24876878721, -0.1171925472],
    'sd_sexM|school': [0, 0.1232432868],
  };
  it('finishes with every end inside its parameter range around the estimate, within 0.5% of lme4 where its profile is regular', async () => {
    const c = lmerCase('lme4/exam_m4_singular.json');
    const { result } = await profileOf({ ...c, REML: true });
    result.ci.forEach(([lo, hi], i) => {
      const name = result.names[i];
      if (name.startsWith('cor_')) {
        expect(lo!).toBeGreaterThanOrEqual(-1);
        expect(hi!).toBeLessThanOrEqual(1);
      }
      expect(lo!).toBeLessThanOrEqual(result.estimate[i]);
      expect(hi!).toBeGreaterThanOrEqual(result.estimate[i]);
      if (name in lme4) lme4[name].forEach((e, s) => expect(Math.abs([lo!, hi!][s] - e)).toBeLessThan(5e-3 * Math.max(Math.abs(e), 0.1)));
    });
    expect(result.messages.some((m) => m.startsWith('Profiling found a lower deviance'))).toBe(true);
  }, 120_000);
});
