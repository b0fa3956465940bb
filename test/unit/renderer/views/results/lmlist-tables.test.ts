import { describe, expect, it } from 'vitest';
import type { ModelFitValue } from '@shared/models';
import { exportOf, fitTables, type FitTable } from '../../../../../src-renderer/views/results/fit-tables';
import { toRText } from '../../../../../src-renderer/lib/table-export';
import ref from '../../../../fixtures/lmlist/exam_standLRT_no48.json';
import sex from '../../../../fixtures/lmlist/exam_standLRT_sex.json';

/**
 * A stored lmList fit as the engine writes it (lm-list-model.ts, lmListFitJson) with nlme's
 * numbers for the course note's m1_lst and for a model where lm fails in single-sex schools.
 */
function storedFit(r: typeof ref | typeof sex, empty: string[]): ModelFitValue {
  const failed = r.groups.map((g) => ((r.failed as string[]).includes(g) ? 'sex has only one level (F) there' : null));
  return {
    kind: 'lmList',
    formula: r.formula,
    text: r.print,
    fit: {
      group: 'school',
      groups: r.groups,
      names: r.names,
      coef: r.coef,
      lower: r.lower,
      upper: r.upper,
      level: 0.95,
      pooled_sigma: r.pooled_sigma,
      df_pooled: r.df_pooled,
      nobs: r.nobs,
      nobs_total: r.nobs_total,
      failed,
      empty_groups: empty,
    },
    messages: [],
  };
}

function tablesOf(value: ModelFitValue): FitTable[] {
  const result = fitTables(value);
  if (!result.ok) throw new Error(result.message);
  return result.tables;
}

describe('lmList result tables', () => {
  it('one row per school: its rows, each coefficient beside the limits of intervals(m1_lst)', () => {
    const [groups, stats] = tablesOf(storedFit(ref, ['48']));
    expect(groups.id).toBe('groups');
    expect(groups.title).toBe('Coefficients by school, with 95% intervals');
    expect(groups.columns.map((c) => c.label)).toEqual(['school', 'Rows', '(Intercept)', '(Intercept) lower', '(Intercept) upper', 'standLRT', 'standLRT lower', 'standLRT upper']);
    expect(groups.rows).toHaveLength(64);
    expect(groups.rows.map((r) => r.cells[0])).not.toContain('48');
    const first = groups.rows[0].cells;
    expect(first[0]).toBe('1');
    expect(first.slice(2)).toEqual([ref.coef[0][0], ref.lower[0][0], ref.upper[0][0], ref.coef[0][1], ref.lower[0][1], ref.upper[0][1]].map((v) => expect.closeTo(v, 12)));
    expect(groups.note).toBe(
      '95% intervals as nlme’s intervals(): estimate ± t × standard error, with the residual SD pooled over the groups (σ = 0.7438713 on 3929 degrees of freedom). Empty cells are NA.',
    );
    // The copy shows what R shows: 0.3833 for school 1's intercept, to the table's 4 digits.
    expect(toRText(exportOf(groups)).split('\n')[2]).toMatch(/^1\s+\d+\s+0\.3833\s+0\.2105\s+0\.5561\s+0\.7093\s+0\.5475\s+0\.8712$/);
    expect(stats.rows.map((r) => r.cells)).toEqual([
      ['Regressions fitted', 64],
      ['Observations', 4057],
      ['Coefficients per regression', 2],
      ['σ (residual SD, pooled)', expect.closeTo(ref.pooled_sigma, 12)],
      ['Residual degrees of freedom', 3929],
      ['Levels of school with no rows', '48'],
    ]);
  });

  it('NA rows where lm failed are empty cells, and counted', () => {
    const [groups, stats] = tablesOf(storedFit(sex, []));
    expect(groups.rows[1].cells).toEqual(['2', 55, null, null, null, null, null, null, null, null, null]);
    expect(stats.rows.at(-1)?.cells).toEqual(['Levels of school where lm failed (NA rows)', 30]);
  });
});
