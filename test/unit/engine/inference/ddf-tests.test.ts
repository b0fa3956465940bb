import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ddfTests } from '../../../../src-main/engine/inference/ddf-tests';
import { asArray, caseModel, relError, type LmerCase } from '../lmm/helpers';

/**
 * The job's and the CLI's ddf tests: lmerTest's t tests and type III table with
 * Satterthwaite's or Kenward-Roger's df, assembled and printed, on the JSP
 * social-class model whose factor is tested on 3 df.
 */
interface AnovaRow { term: string; sumSq: number; meanSq: number; numDf: number; denDf: number; F: number; p: number }
type Columns = { [K in keyof AnovaRow]: AnovaRow[K][] };
type Case = LmerCase & { theta: number | number[]; coef: { names: string[]; df: number[]; p: number[]; se: number[] }; anova: AnovaRow[] };

/** The Kenward-Roger fixtures list anova rows; the Satterthwaite ones hold columns and θ under fit. */
function read(path: string): Case {
  const raw = JSON.parse(readFileSync(new URL(`../../../fixtures/inference/${path}.json`, import.meta.url), 'utf8'));
  const theta = raw.theta ?? raw.fit.theta;
  const anova: AnovaRow[] = Array.isArray(raw.anova)
    ? raw.anova
    : (raw.anova as Columns).term.map((term, k) => ({
        term,
        sumSq: raw.anova.sumSq[k],
        meanSq: raw.anova.meanSq[k],
        numDf: raw.anova.numDf[k],
        denDf: raw.anova.denDf[k],
        F: raw.anova.F[k],
        p: raw.anova.p[k],
      }));
  return { ...raw, theta, anova };
}

function expectClose(actual: number[], expected: number[], tol: number, what: string) {
  expected.forEach((e, i) => expect(relError(actual[i], e), `${what}[${i}]`).toBeLessThan(tol));
}

describe('ddfTests: lmerTest summary and anova(type = 3) for one method', () => {
  it.each([
    ['satterthwaite', 'satterthwaite/jsp_ri_social', "Type III Analysis of Variance Table with Satterthwaite's method"],
    ['kenward-roger', 'kr/jsp_ri_social', "Type III Analysis of Variance Table with Kenward-Roger's method"],
  ] as const)('%s on math ~ raven + social + (1 | school)', async (method, path, heading) => {
    const c = read(path);
    const tests = await ddfTests(await caseModel(c), Float64Array.from(asArray(c.theta)), c.REML ?? true, method);
    expect(tests.names).toEqual(c.coef.names);
    expectClose(tests.df, c.coef.df, 1e-6, 'df');
    expectClose(tests.p, c.coef.p, 1e-6, 'p');
    expectClose(tests.se, c.coef.se, 1e-8, 'se');
    expect(tests.anova.map((r) => r.term)).toEqual(c.anova.map((r) => r.term));
    for (const [k, row] of c.anova.entries()) {
      for (const key of ['sumSq', 'meanSq', 'numDf', 'denDf', 'F', 'p'] as const) expect(relError(tests.anova[k][key], row[key]), `${row.term} ${key}`).toBeLessThan(1e-6);
    }
    expect(tests.text).toContain('Fixed effects:');
    expect(tests.text).toContain(heading);
    expect(tests.messages).toEqual([]);
  });
});
