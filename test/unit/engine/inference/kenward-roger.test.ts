import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kenwardRoger } from '../../../../src-main/engine/inference/kenward-roger';
import { asArray, caseModel, lmerCase, relError, type LmerCase } from '../lmm/helpers';

interface KrReference {
  names: string[] | string;
  df: number[] | number;
  se: number[] | number;
  p: number[] | number;
}

const dir = new URL('../../../fixtures/lme4/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as LmerCase & { kenward_roger?: KrReference })
  .filter((c) => c.kind === 'lmer' && c.kenward_roger);

describe('Kenward-Roger t tests against lmerTest summary(ddf = "Kenward-Roger") (pbkrtest 0.5.2)', () => {
  it('covers the lme4 fixtures that have kenward_roger', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const c of cases) {
    it(c.id, async () => {
      const ref = c.kenward_roger as KrReference;
      const model = await caseModel(lmerCase(`lme4/${c.id}.json`));
      const kr = kenwardRoger(model, Float64Array.from(asArray(c.fit.theta)), c.REML);
      expect(kr.names).toEqual(asArray(ref.names as never));
      const df = asArray(ref.df);
      const se = asArray(ref.se);
      const p = asArray(ref.p);
      kr.df.forEach((v, j) => expect(relError(v, df[j]), `df[${j}] ${v} vs ${df[j]}`).toBeLessThan(1e-3));
      kr.se.forEach((v, j) => expect(relError(v, se[j]), `se[${j}] ${v} vs ${se[j]}`).toBeLessThan(1e-3));
      kr.p.forEach((v, j) => expect(Math.abs(v - p[j]), `p[${j}] ${v} vs ${p[j]}`).toBeLessThan(1e-3));
    });
  }
});
