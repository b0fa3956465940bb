import { describe, expect, it } from 'vitest';
import { readFormula } from '../../../../../src-renderer/views/model/builder';
import { hasErrors, prefitChecks, randomColumns, type CheckColumn, type CheckInput } from '../../../../../src-renderer/views/model/checks';
import { parseFormula } from '@shared/formula/parse-formula';

/** Exam's description (as DatasetInfo gives it), with made-up missing counts and a one-level factor. */
const columns: CheckColumn[] = [
  { name: 'school', kind: 'factor', missing: 0, levels: Array.from({ length: 65 }, (_, i) => String(i + 1)) },
  { name: 'normexam', kind: 'numeric', missing: 0 },
  { name: 'standLRT', kind: 'numeric', missing: 171 },
  { name: 'sex', kind: 'factor', missing: 12, levels: ['F', 'M'] },
  { name: 'vr', kind: 'factor', missing: 0, levels: ['bottom 25%', 'mid 50%', 'top 25%'] },
  { name: 'type', kind: 'factor', missing: 0, levels: ['Mxd', 'Sngl'] },
  { name: 'cohort', kind: 'factor', missing: 0, levels: ['2023'] },
  { name: 'schoolno', kind: 'integer', missing: 0 },
  { name: 'logLRT', kind: 'numeric' },
];

function run(text: string, over: Partial<CheckInput> = {}) {
  return prefitChecks({ kind: 'lmer', formula: readFormula(text), columns, rows: 4059, datasetName: 'Exam', subset: false, filtered: false, ...over });
}
const ids = (text: string, over: Partial<CheckInput> = {}) => run(text, over).map((c) => c.id);
const byName = new Map(columns.map((c) => [c.name, c]));
const q = (term: string) => randomColumns(parseFormula(`y ~ ${term}`).random[0], byName);

describe('prefitChecks', () => {
  it('finds nothing to say about a model of complete columns', () => {
    expect(run('normexam ~ vr + (1 | school)')).toEqual([]);
  });

  it('asks for a response while there is no formula', () => {
    const checks = run('');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ id: 'no-formula', level: 'error' });
  });

  it('points at the character of a formula error', () => {
    const checks = run('normexam ~ standLRT + (1 | schol');
    expect(checks[0].message).toBe('The formula has an error at character 33: fix it above, or use the controls.');
    expect(hasErrors(checks)).toBe(true);
  });

  it('refuses a factor response and names its levels', () => {
    const checks = run('sex ~ standLRT + (1 | school)');
    const c = checks.find((x) => x.id === 'response-factor')!;
    expect(c.level).toBe('error');
    expect(c.message).toBe('The response sex is a factor (F, M); a linear model explains a numeric response. Choose a numeric variable.');
  });

  it('names a misspelt variable and suggests the right one', () => {
    const c = run('normexam ~ standLRt + (1 | school)').find((x) => x.id === 'unknown:standLRt')!;
    expect(c.message).toBe('There is no variable "standLRt" in Exam (did you mean "standLRT"?).');
  });

  it('does not take functions or constants for variables', () => {
    expect(ids('normexam ~ log(abs(standLRT) + pi) + (1 | school)').filter((i) => i.startsWith('unknown'))).toEqual([]);
  });

  it('wants a random term for lmer and none for lm', () => {
    expect(ids('normexam ~ vr')).toContain('lmer-no-random');
    expect(ids('normexam ~ vr', { kind: 'lm' })).toEqual([]);
    expect(ids('normexam ~ vr + (1 | school)', { kind: 'lm' })).toEqual(['lm-random']);
  });

  it('refuses a grouping factor with one level', () => {
    const c = run('normexam ~ vr + (1 | cohort)').find((x) => x.id === 'one-level:cohort')!;
    expect(c.level).toBe('error');
    expect(c.message).toContain('only one level ("2023")');
  });

  it('warns when a term has as many random effects per group as there are groups', () => {
    const c = run('normexam ~ vr + (vr | type)').find((x) => x.id.startsWith('q-vs-levels'))!;
    expect(c.level).toBe('warning');
    expect(c.message).toContain('(vr | type) gives each type 3 random effects, but type has only 2 levels');
    // One effect per group of two is fine; so is a slope by school (2 effects, 65 schools).
    expect(ids('normexam ~ vr + (1 | type)')).toEqual([]);
    expect(ids('normexam ~ vr + (vr | school)')).toEqual([]);
  });

  it('says that a numeric grouping variable makes one group per value', () => {
    expect(run('normexam ~ vr + (1 | schoolno)')).toEqual([
      { id: 'numeric-group:schoolno', level: 'note', message: 'schoolno is integer, not a factor; as in lme4, each of its distinct values will be a group.' },
    ]);
  });

  it('notes a random slope without its fixed effect', () => {
    const c = run('normexam ~ 1 + (vr | school)').find((x) => x.id.startsWith('slope-no-fixed'))!;
    expect(c.message).toBe('vr varies by school but has no fixed effect, so the school slopes vary around 0 rather than around an average slope.');
  });

  it('counts the rows one variable with missing values leaves out', () => {
    const c = run('normexam ~ standLRT + (1 | school)').find((x) => x.id === 'missing')!;
    expect(c.message).toBe('171 rows have a missing value in standLRT and will be left out.');
    expect(c.level).toBe('warning');
  });

  it('bounds the rows several variables leave out, counted before a subset', () => {
    const c = run('normexam ~ standLRT + sex + (1 | school)', { subset: true }).find((x) => x.id === 'missing')!;
    expect(c.message).toBe(
      'Between 171 and 183 rows have a missing value in standLRT or sex and will be left out (counted before the subset): 171 in standLRT, 12 in sex.',
    );
  });

  it('counts variables of random terms and grouping factors too, and not variables of unknown missingness', () => {
    expect(run('normexam ~ vr + (0 + sex | school)').find((x) => x.id === 'missing')!.message).toContain('12 rows');
    expect(ids('normexam ~ logLRT + (1 | school)')).toEqual([]);
  });

  it('stops when every row would be dropped', () => {
    const all: CheckColumn[] = [...columns, { name: 'empty', kind: 'numeric', missing: 4059 }];
    const checks = prefitChecks({ kind: 'lm', formula: readFormula('normexam ~ empty'), columns: all, rows: 4059, datasetName: 'Exam', subset: false, filtered: false });
    expect(checks).toEqual([{ id: 'missing-all', level: 'error', message: 'Every row has a missing value in empty; nothing would be left to fit.' }]);
  });
});

describe('randomColumns counts the columns of a term as R codes them', () => {
  it.each([
    ['(1 | school)', 1],
    ['(standLRT | school)', 2],
    ['(sex | school)', 2], // intercept + sexM
    ['(0 + sex | school)', 2], // sexF + sexM
    ['(0 + vr | school)', 3],
    ['(0 + standLRT + vr | school)', 4], // a numeric first does not take the indicator coding from vr
    ['(standLRT * sex | school)', 4],
    ['(vr:sex | school)', 7], // model.matrix(~ vr:sex): intercept + 3 × 2 indicators
    ['(0 + vr + sex | school)', 4], // vr indicators, then sex by contrast
    ['(I(standLRT^2) | school)', 2],
  ])('%s has %i', (term, n) => {
    expect(q(term)).toBe(n);
  });
});
