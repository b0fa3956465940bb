import { describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import type { CheckColumn } from '../../../../../src-renderer/views/model/checks';
import { countEstimates } from '../../../../../src-renderer/views/model/estimates';

const columns: CheckColumn[] = [
  { name: 'school', kind: 'factor', levels: Array.from({ length: 65 }, (_, i) => String(i + 1)) },
  { name: 'student', kind: 'factor', levels: Array.from({ length: 650 }, (_, i) => String(i + 1)) },
  { name: 'normexam', kind: 'numeric' },
  { name: 'standLRT', kind: 'numeric' },
  { name: 'sex', kind: 'factor', levels: ['F', 'M'] },
  { name: 'vr', kind: 'factor', levels: ['bottom 25%', 'mid 50%', 'top 25%'] },
];

describe('countEstimates counts parameters as logLik(fit) reports its df', () => {
  it('gives 6 for normexam ~ standLRT + (standLRT | school), as lme4 does', () => {
    const e = countEstimates(parseFormula('normexam ~ standLRT + (standLRT | school)'), 'lmer', columns);
    expect(e).toEqual({
      fixed: 2,
      random: [{ term: '(standLRT | school)', group: 'school', perGroup: 2, covariance: 3 }],
      total: 6,
    });
  });

  it('gives 5 for the uncorrelated version: two variances, no covariance', () => {
    const e = countEstimates(parseFormula('normexam ~ standLRT + (standLRT || school)'), 'lmer', columns);
    expect(e.random.map((r) => [r.term, r.covariance])).toEqual([
      ['(1 | school)', 1],
      ['(0 + standLRT | school)', 1],
    ]);
    expect(e.total).toBe(5);
  });

  it('counts factor columns by contrasts and nested groups as separate terms', () => {
    const e = countEstimates(parseFormula('normexam ~ vr * sex + (1 | school/student)'), 'lmer', columns);
    expect(e.fixed).toBe(6); // (Intercept), vr × 2, sexM, vr:sexM × 2
    expect(e.random.map((r) => r.group)).toEqual(['student:school', 'school']);
    expect(e.total).toBe(9);
  });

  it('gives p + 1 for a linear model', () => {
    expect(countEstimates(parseFormula('normexam ~ 0 + vr + standLRT'), 'lm', columns)).toEqual({ fixed: 4, random: [], total: 5 });
  });

  it('leaves counts it cannot know open', () => {
    const e = countEstimates(parseFormula('normexam ~ other + (1 | school)'), 'lmer', columns);
    expect(e.fixed).toBeNull();
    expect(e.total).toBeNull();
  });
});
