import { describe, expect, it } from 'vitest';
import type { ModelFitValue } from '@shared/models';
import { fitTables, glmerMethod } from '../../../../../src-renderer/views/results/fit-tables';

/** A glmer fit in the Results view: its printed text only (the tables come with the glmer builder), and the badge's method. */
describe('a glmer fit in the Results view', () => {
  const value = (fit: Record<string, unknown>): ModelFitValue => ({ kind: 'glmer', formula: 'fail ~ raven + (1 | school)', text: 'Generalized linear mixed model …', fit, messages: [] });

  it('has no tables yet, and passes on singularity and a failed convergence', () => {
    expect(fitTables(value({ isSingular: false, optimizer: { converged: true, message: 'parameter values converged to within tolerance' } }))).toEqual({
      ok: true,
      tables: [],
      isSingular: false,
      notConverged: null,
    });
    expect(fitTables(value({ isSingular: true, optimizer: { converged: false, message: 'failure to converge in 10000 evaluations' } }))).toMatchObject({
      isSingular: true,
      notConverged: 'failure to converge in 10000 evaluations',
    });
    expect(fitTables(value({}))).toEqual({ ok: false, message: expect.stringContaining('isSingular') });
  });

  it('names the family, link and approximation', () => {
    expect(glmerMethod({ family: 'binomial' })).toBe('binomial (logit) · Laplace');
    expect(glmerMethod({ family: 'poisson', nAGQ: 25 })).toBe('poisson (log) · adaptive Gauss-Hermite, nAGQ = 25');
  });
});
