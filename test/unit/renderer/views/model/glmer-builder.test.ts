import { describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import { EMPTY_SPEC, readFormula, switchKind } from '../../../../../src-renderer/views/model/builder';
import { hasErrors, prefitChecks, type CheckColumn, type CheckInput } from '../../../../../src-renderer/views/model/checks';
import { countEstimates } from '../../../../../src-renderer/views/model/estimates';
import { agqAvailability, agqOptions, DEFAULT_GLMER, effectiveAgq, linksOf, withFamily } from '../../../../../src-renderer/views/model/glmer-options';

/** JSP's description with the note's recipe fail = ifelse(math < -10, 1, 0) (a computed numeric). */
const columns: CheckColumn[] = [
  { name: 'school', kind: 'integer', missing: 0 },
  { name: 'class', kind: 'integer', missing: 0 },
  { name: 'gender', kind: 'factor', missing: 0, levels: ['boy', 'girl'] },
  { name: 'social', kind: 'factor', missing: 0, levels: Array.from({ length: 9 }, (_, i) => String(i + 1)) },
  { name: 'raven', kind: 'integer', missing: 0 },
  { name: 'math', kind: 'numeric', missing: 0 },
  { name: 'fail', kind: 'numeric' },
  { name: 'n', kind: 'integer', missing: 0 },
  { name: 'ratio', kind: 'numeric', missing: 0 },
];

function run(text: string, over: Partial<CheckInput> = {}) {
  return prefitChecks({ kind: 'glmer', formula: readFormula(text), columns, rows: 3236, datasetName: 'jsp', subset: false, filtered: false, family: 'binomial', ...over });
}
const ids = (text: string, over: Partial<CheckInput> = {}) => run(text, over).map((c) => c.id);

describe('glmer choices', () => {
  it('offers each family’s links, keeping the link when the new family takes it', () => {
    expect(linksOf('binomial')).toEqual(['logit', 'probit', 'cloglog']);
    expect(linksOf('poisson')).toEqual(['log']);
    expect(withFamily(DEFAULT_GLMER, 'poisson')).toEqual({ family: 'poisson', link: 'log', nAGQ: 1 });
    expect(withFamily({ family: 'binomial', link: 'probit', nAGQ: 5 }, 'binomial')).toEqual({ family: 'binomial', link: 'probit', nAGQ: 5 });
    expect(withFamily({ family: 'poisson', link: 'log', nAGQ: 1 }, 'binomial').link).toBe('logit');
  });

  it('allows quadrature (nAGQ up to 25) only for a single scalar random-effects term, and says why not', () => {
    const avail = (f: string) => agqAvailability(parseFormula(f), columns);
    expect(avail('fail ~ raven + (1 | school)')).toEqual({ max: 25, reason: null });
    expect(avail('fail ~ raven + (0 + raven | school)')).toEqual({ max: 25, reason: null });
    const slopes = avail('fail ~ raven + (raven | school)');
    expect(slopes.max).toBe(1);
    expect(slopes.reason).toContain('(raven | school) gives each group 2');
    const two = avail('fail ~ raven + (1 | school) + (1 | class)');
    expect(two.max).toBe(1);
    expect(two.reason).toContain('this model has 2');
    expect(agqAvailability(null, columns).max).toBe(1);
    expect(effectiveAgq(10, slopes)).toBe(1);
    expect(effectiveAgq(0, slopes)).toBe(0);
    expect(effectiveAgq(10, avail('fail ~ (1 | school)'))).toBe(10);
    expect(agqOptions().map((o) => o.value)).toEqual([1, 0, ...Array.from({ length: 24 }, (_, k) => k + 2)]);
  });

  it('keeps the random terms when switching between lmer and glmer', () => {
    const spec = { ...EMPTY_SPEC, response: 'fail', fixed: ['raven'], random: [{ group: 'school', intercept: true, slopes: [], correlated: true }] };
    const toGlmer = switchKind({ kind: 'lmer', spec, group: '', stashed: [] }, 'glmer', () => true);
    expect(toGlmer.spec).toBe(spec);
    const toLm = switchKind(toGlmer, 'lm', () => true);
    expect(toLm.spec.random).toEqual([]);
    expect(switchKind(toLm, 'glmer', () => true).spec.random).toEqual(spec.random);
  });
});

describe('glmer checks', () => {
  it('takes the note’s model with a note that fail must be 0 or 1', () => {
    const checks = run('fail ~ raven + (1 | school)');
    expect(hasErrors(checks)).toBe(false);
    expect(checks.map((c) => c.id)).toEqual(['glmer-binomial-values', 'numeric-group:school']);
    expect(checks[0].message).toBe('A binomial response must be 0 or 1 in every row (1 for the outcome counted); the fit stops at the first row of fail that is not.');
  });

  it('needs a random-effects term', () => {
    expect(ids('fail ~ raven')).toContain('glmer-no-random');
  });

  it('binomial: a two-level factor is read as the chance of its second level; more levels are refused', () => {
    const two = run('gender ~ raven + (1 | school)');
    expect(hasErrors(two)).toBe(false);
    expect(two[0].message).toBe('gender is a factor: the model gives the chance of "girl" (its second level) rather than "boy".');
    const nine = run('social ~ raven + (1 | school)');
    expect(nine[0].id).toBe('glmer-binomial-levels');
    expect(nine[0].level).toBe('error');
    expect(nine[0].message).toContain('social is a factor with 9 levels');
  });

  it('cbind(successes, failures) is binomial only', () => {
    expect(hasErrors(run('cbind(n, class) ~ raven + (1 | school)'))).toBe(false);
    expect(ids('cbind(n, class) ~ raven + (1 | school)', { family: 'poisson' })).toContain('glmer-cbind-family');
  });

  it('poisson: counts; a factor is refused, a non-integer column gets a note', () => {
    expect(ids('n ~ raven + (1 | school)', { family: 'poisson' })).toEqual(['numeric-group:school']);
    expect(ids('ratio ~ raven + (1 | school)', { family: 'poisson' })).toContain('glmer-poisson-values');
    const factor = run('gender ~ raven + (1 | school)', { family: 'poisson' });
    expect(factor[0].id).toBe('glmer-poisson-factor');
    expect(hasErrors(factor)).toBe(true);
  });

  it('counts no residual variance', () => {
    const e = countEstimates(parseFormula('fail ~ raven + (1 | school)'), 'glmer', columns);
    expect(e.total).toBe(3);
    expect(e.noResidual).toBe(true);
    expect(countEstimates(parseFormula('math ~ raven + (1 | school)'), 'lmer', columns).total).toBe(4);
  });
});
