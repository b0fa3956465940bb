import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainSingular } from '../../../../src-main/engine/lmm/explain-singular';

const fixture = (id: string) => JSON.parse(readFileSync(join(resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'lme4'), `${id}.json`), 'utf8')).fit;

describe('explainSingular', () => {
  it('names the sexM slope in the first course note’s m4, its variance and its correlations, and suggests simpler models', () => {
    const fit = fixture('exam_m4_singular');
    const { findings, suggestions } = explainSingular(fit.varcorr, fit.theta, fit.sigma, ['standLRT', 'sex']);
    expect(findings).toEqual([
      'The sexM slope by school has a variance of ≈ 0 once the other effects of school are allowed for: 0.00087 (SD 0.03, against a residual variance of 0.55), ' +
        'and its correlations (-0.8 with (Intercept), 0.1 with standLRT) make it a combination of them, so this term is not supported by these data.',
    ]);
    expect(suggestions).toEqual(['(standLRT | school), without the sex effect', '(standLRT + sex || school), the same effects without correlations']);
  });

  it('finds nothing in a regular fit', () => {
    const fit = fixture('exam_m3_rs');
    expect(explainSingular(fit.varcorr, fit.theta, fit.sigma)).toEqual({ findings: [], suggestions: [] });
  });

  it('says a random intercept with zero variance does not vary', () => {
    const varcorr = [{ group: 'g', term_group: 'g', names: ['(Intercept)'], variance: [0], sd: [0], corr: null }];
    const { findings, suggestions } = explainSingular(varcorr, [0], 2);
    expect(findings[0]).toContain('The intercept by g has a variance of ≈ 0');
    expect(findings[0]).toContain('no evidence that it varies between g groups');
    expect(suggestions).toEqual([]);
  });
});
