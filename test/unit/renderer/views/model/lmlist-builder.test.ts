import { describe, expect, it } from 'vitest';
import { EMPTY_SPEC, lmListText, readFormula, switchKind, type BuilderSpec, type KindState } from '../../../../../src-renderer/views/model/builder';
import { prefitChecks, type CheckColumn, type CheckInput } from '../../../../../src-renderer/views/model/checks';
import { countEstimates } from '../../../../../src-renderer/views/model/estimates';

/** Exam's description as DatasetInfo gives it, with a numeric id and a one-level factor. */
const schools = Array.from({ length: 65 }, (_, i) => String(i + 1));
const columns: CheckColumn[] = [
  { name: 'school', kind: 'factor', missing: 0, levels: schools },
  { name: 'normexam', kind: 'numeric', missing: 0 },
  { name: 'standLRT', kind: 'numeric', missing: 0 },
  { name: 'sex', kind: 'factor', missing: 3, levels: ['F', 'M'] },
  { name: 'schoolno', kind: 'integer', missing: 0 },
  { name: 'cohort', kind: 'factor', missing: 0, levels: ['2023'] },
];
// Rows per school in exam.csv: school 48 has 2, school 54 has 8, the rest more.
const sizes = new Map(schools.map((s) => [s, s === '48' ? 2 : s === '54' ? 8 : 40]));

function checks(text: string, over: Partial<CheckInput> = {}) {
  return prefitChecks({ kind: 'lmList', formula: readFormula(text, 'lmList'), columns, rows: 4059, datasetName: 'Exam', subset: false, filtered: false, groupSizes: sizes, ...over });
}
const ids = (text: string, over: Partial<CheckInput> = {}) => checks(text, over).map((c) => c.id);

describe('the lmList formula in the builder', () => {
  it('reads nlme’s y ~ x | g: the regression for the controls and the group apart', () => {
    const reading = readFormula('normexam ~ standLRT|school', 'lmList');
    if (reading.state !== 'ok') throw new Error('should read');
    expect(reading.group).toBe('school');
    expect(reading.spec).toEqual({ ...EMPTY_SPEC, response: 'normexam', fixed: ['standLRT'] });
    expect(lmListText('normexam ~ standLRT', 'school')).toBe('normexam ~ standLRT | school');
  });

  it('reads a formula without the bar yet, with no group, and refuses the bar for other kinds', () => {
    const reading = readFormula('normexam ~ standLRT', 'lmList');
    expect(reading).toMatchObject({ state: 'ok', group: null });
    expect(readFormula('normexam ~ standLRT | school', 'lmer')).toMatchObject({ state: 'error', problem: { position: 12 } });
    expect(readFormula('normexam ~ standLRT | school:sex', 'lmList')).toMatchObject({
      state: 'error',
      problem: { position: 23, reason: expect.stringContaining('write a single variable name after "|"') },
    });
  });

  it('switching kinds keeps the model: lmer’s first grouping factor becomes lmList’s, and back again', () => {
    const lmer: BuilderSpec = { ...EMPTY_SPEC, response: 'normexam', fixed: ['standLRT'], random: [{ group: 'school', intercept: true, slopes: ['standLRT'], correlated: true }] };
    const start: KindState = { kind: 'lmer', spec: lmer, group: '', stashed: [] };
    const toList = switchKind(start, 'lmList', () => true);
    expect(toList).toEqual({ kind: 'lmList', spec: { ...lmer, random: [] }, group: 'school', stashed: lmer.random });
    expect(switchKind(toList, 'lmer', () => true)).toEqual({ kind: 'lmer', spec: lmer, group: 'school', stashed: [] });
    // Built as an lmList from the start: back to lmer, the group is a random intercept.
    const fresh: KindState = { kind: 'lmList', spec: { ...lmer, random: [] }, group: 'school', stashed: [] };
    expect(switchKind(fresh, 'lmer', () => true).spec.random).toEqual([{ group: 'school', intercept: true, slopes: [], correlated: true }]);
    // A nesting cannot group an lmList.
    const nested: KindState = { ...start, spec: { ...lmer, random: [{ ...lmer.random[0], group: 'school/class' }] } };
    expect(switchKind(nested, 'lmList', () => true).group).toBe('');
  });
});

describe('prefitChecks for lmList', () => {
  it('finds nothing to say about the course’s lmList of complete columns but school 48’s two rows', () => {
    expect(checks('normexam ~ standLRT | school')).toEqual([
      {
        id: 'lmlist-exact-rows',
        level: 'note',
        message: 'school 48 has exactly as many rows as the 2 coefficients: its regression goes through every point, with no standard errors or intervals.',
      },
    ]);
  });

  it('asks for the grouping factor, and refuses random terms', () => {
    expect(checks('normexam ~ standLRT')[0]).toMatchObject({ id: 'lmlist-no-group', level: 'error' });
    expect(ids('normexam ~ standLRT + (1 | school)')).toEqual(['lmlist-random']);
  });

  it('wants a factor of the data after the bar', () => {
    // An id column of whole numbers groups as nlme groups it (each distinct value); a measurement does not.
    expect(checks('normexam ~ standLRT | schoolno')[0]).toMatchObject({
      level: 'note',
      message: 'schoolno is integer, not a factor; as in nlme, each of its distinct values will be a group.',
    });
    expect(checks('normexam ~ schoolno | standLRT')[0]).toMatchObject({ id: 'lmlist-group-kind:standLRT', level: 'error' });
    expect(checks('normexam ~ standLRT | scool')[0].message).toBe('There is no variable "scool" in Exam (did you mean "school"?).');
    expect(ids('normexam ~ standLRT | cohort')).toEqual(['lmlist-one-level:cohort']);
  });

  it('names the groups with fewer rows than coefficients, as bounds counted before a subset', () => {
    const c = checks('normexam ~ standLRT + sex + I(standLRT^2) | school', { subset: true });
    expect(c.map((x) => x.id)).toEqual(['lmlist-few-rows', 'missing']);
    expect(c[0].message).toBe('school 48 (2 rows) has fewer rows than the 4 coefficients of each regression (counted before the subset), so lmList gives it NA coefficients.');
    // The grouping factor's missing values drop rows too.
    expect(checks('normexam ~ standLRT | sex').find((x) => x.id === 'missing')?.message).toContain('3 rows have a missing value in sex');
  });

  it('counts each regression’s coefficients once per level', () => {
    const reading = readFormula('normexam ~ standLRT | school', 'lmList');
    if (reading.state !== 'ok') throw new Error('should read');
    expect(countEstimates(reading.parsed, 'lmList', columns, 'school')).toEqual({ fixed: 2, random: [], total: 131, perGroup: { group: 'school', levels: 65 } });
  });
});
