import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { parseFormula } from '@shared/formula/parse-formula';
import type { Column } from '../../../../src-main/engine/data/column';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { buildFixedDesign } from '../../../../src-main/engine/model/fixed-design';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
import { loadCbpp, loadExam, loadJsp, numericColumn, withColumn } from './data';

let exam: DataFrame;
let examNA: DataFrame;
let jsp: DataFrame;
let cbpp: DataFrame;

/** Exam with holes punched as the R check below does: standLRT every 7th row, sex every 11th, vr every 13th (1-based). */
function punchHoles(frame: DataFrame): DataFrame {
  const columns = frame.columns.map((c): Column => {
    const every = c.name === 'standLRT' ? 7 : c.name === 'sex' ? 11 : c.name === 'vr' ? 13 : 0;
    if (every === 0) return c;
    if (c.kind === 'factor') return { ...c, codes: c.codes.map((code, i) => ((i + 1) % every === 0 ? -1 : code)) };
    return { ...c, values: c.values.map((v, i) => ((i + 1) % every === 0 ? NaN : v)) };
  });
  return { rows: frame.rows, columns };
}

beforeAll(async () => {
  [exam, jsp, cbpp] = await Promise.all([loadExam(), loadJsp(), loadCbpp()]);
  examNA = punchHoles(exam);
});

describe('rows with a missing value in any variable used are dropped (na.omit)', () => {
  // R 4.2.2 / lme4 1.1-31 on the same holes: nobs(lm(normexam ~ standLRT + sex, E)) = 3163,
  // nobs(lm(normexam ~ standLRT + sex - vr, E)) = 2919, nobs(lm(..., subset = school != "48")) = 3161,
  // nobs(lmer(normexam ~ standLRT + (1 | school) + (0 + sex | vr), E)) = 2919.
  it('counts what lm counts', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + sex'), examNA);
    expect(mf.n).toBe(3163);
    expect(mf.dropped).toEqual({ subset: 0, missing: 4059 - 3163 });
    expect(mf.messages).toEqual(['896 observations deleted due to missingness (missing values: standLRT 579, sex 369).']);
    expect(mf.rows[0]).toBe(0);
    expect(mf.rows[5]).toBe(5);
    expect(mf.rows[6]).toBe(7); // data row 7 has no standLRT
  });

  it('also reads the variables of removed terms, as R does', () => {
    expect(buildModelFrame(parseFormula('normexam ~ standLRT + sex - vr'), examNA).n).toBe(2919);
  });

  it('applies the subset before looking for missing values', () => {
    const school = exam.columns.find((c) => c.name === 'school')!;
    if (school.kind !== 'factor') throw new Error('school should be a factor');
    const subset = Uint8Array.from(school.codes, (code) => (school.levels[code] === '48' ? 0 : 1));
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + sex'), examNA, { subset });
    expect(mf.n).toBe(3161);
    expect(mf.dropped.subset).toBe(2);
    expect(mf.dropped.missing).toBe(4057 - 3161);
  });

  it('includes random-effect slopes and grouping factors', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + (1 | school) + (0 + sex | vr)'), examNA);
    expect(mf.n).toBe(2919);
    expect([...mf.variables.keys()]).toEqual(['normexam', 'standLRT', 'school', 'sex', 'vr']);
  });

  it('says so when nothing is left', () => {
    const none = new Uint8Array(exam.rows);
    expect(() => buildModelFrame(parseFormula('normexam ~ standLRT'), exam, { subset: none })).toThrow(/no rows are left to fit \(the subset removes 4059\)/);
  });
});

describe('factors', () => {
  it('drop levels no row uses any more, as lm and lmer do (drop.unused.levels = TRUE)', () => {
    const intake = exam.columns.find((c) => c.name === 'intake')!;
    if (intake.kind !== 'factor') throw new Error('intake should be a factor');
    const subset = Uint8Array.from(intake.codes, (code) => (intake.levels[code] === 'top 25%' ? 0 : 1));
    const mf = buildModelFrame(parseFormula('normexam ~ intake'), exam, { subset });
    const col = mf.variables.get('intake')!;
    expect(col.kind === 'factor' && col.levels).toEqual(['bottom 25%', 'mid 50%']);
    // R: colnames(model.matrix(lm(normexam ~ intake, Exam, subset = intake != "top 25%")))
    expect(buildFixedDesign(mf).names).toEqual(['(Intercept)', 'intakemid 50%']);
  });

  it('refuse a factor with a single level in the fixed effects, as R does', () => {
    const sex = exam.columns.find((c) => c.name === 'sex')!;
    if (sex.kind !== 'factor') throw new Error('sex should be a factor');
    const girls = Uint8Array.from(sex.codes, (code) => (code === 0 ? 1 : 0));
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + sex'), exam, { subset: girls });
    expect(() => buildFixedDesign(mf)).toThrow(/the factor sex has only the level "F" in the rows used/);
  });
});

describe("grouping factors are named and ordered as lme4's", () => {
  // lme4 1.1-31: names(getME(m, "flist")), sapply(flist, nlevels), levels(flist[[1]]).
  it('nests school/sex as sex:school, then school', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ 1 + (1 | school/sex)'), exam);
    expect([...mf.groups.keys()]).toEqual(['sex:school', 'school']);
    const nested = mf.groups.get('sex:school')!;
    expect(nested.levels.length).toBe(100);
    expect(nested.levels.slice(0, 6)).toEqual(['F:1', 'F:2', 'F:3', 'F:4', 'F:5', 'F:6']);
    expect(nested.levels.slice(-3)).toEqual(['M:62', 'M:63', 'M:64']);
    expect(mf.groups.get('school')!.levels.length).toBe(65);
    const sex = mf.variables.get('sex')!;
    const school = mf.variables.get('school')!;
    if (sex.kind !== 'factor' || school.kind !== 'factor') throw new Error('factors expected');
    for (const i of [0, 100, 2000, 4058]) {
      expect(nested.levels[nested.codes[i]]).toBe(`${sex.levels[sex.codes[i]]}:${school.levels[school.codes[i]]}`);
    }
  });

  it('orders an interaction by the first factor, then the second', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ 1 + (1 | intake:vr)'), exam);
    expect(mf.groups.get('intake:vr')!.levels).toEqual([
      'bottom 25%:bottom 25%',
      'bottom 25%:mid 50%',
      'bottom 25%:top 25%',
      'mid 50%:bottom 25%',
      'mid 50%:mid 50%',
      'mid 50%:top 25%',
      'top 25%:bottom 25%',
      'top 25%:mid 50%',
      'top 25%:top 25%',
    ]);
    expect([...buildModelFrame(parseFormula('normexam ~ 1 + (1 | vr/intake)'), exam).groups.keys()]).toEqual(['intake:vr', 'vr']);
  });

  it('nests gender in school in the JSP data', () => {
    const mf = buildModelFrame(parseFormula('math ~ raven + (1 | school/gender)'), jsp);
    expect([...mf.groups.keys()]).toEqual(['gender:school', 'school']);
    expect(mf.groups.get('gender:school')!.levels.length).toBe(98);
    expect(mf.groups.get('gender:school')!.levels.slice(0, 3)).toEqual(['boy:1', 'boy:2', 'boy:3']);
    expect(mf.groups.get('school')!.levels.length).toBe(49);
  });

  it('makes a factor of a numeric grouping variable, levels sorted by value', () => {
    const mf = buildModelFrame(parseFormula('cbind(incidence, size - incidence) ~ period + (1 | herd)'), cbpp);
    const herd = mf.groups.get('herd')!;
    expect(herd.levels).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
    expect(Array.from(herd.codes.slice(0, 8))).toEqual([0, 0, 0, 0, 1, 1, 1, 2]);
  });

  it('keeps one grouping factor per name however many terms use it', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + (standLRT || school)'), exam);
    expect(mf.formula.random.length).toBe(2);
    expect([...mf.groups.keys()]).toEqual(['school']);
  });
});

describe('responses and offsets', () => {
  it('gives cbind(successes, failures) as two columns', () => {
    const mf = buildModelFrame(parseFormula('cbind(incidence, size - incidence) ~ period + (1 | herd)'), cbpp);
    expect(mf.n).toBe(56);
    const r = mf.response!;
    if (r.kind !== 'binomial') throw new Error('binomial response expected');
    // R: head(cbpp$incidence, 4) = 2 3 4 0; head(cbpp$size - cbpp$incidence, 4) = 12 9 5 5
    expect(Array.from(r.successes.slice(0, 4))).toEqual([2, 3, 4, 0]);
    expect(Array.from(r.failures.slice(0, 4))).toEqual([12, 9, 5, 5]);
    expect(r.label).toBe('cbind(incidence, size - incidence)');
  });

  it('gives a numeric response as y, and a factor response as 0 for its first level, 1 otherwise', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT'), exam);
    expect(mf.response).toMatchObject({ kind: 'vector', label: 'normexam', levels: null });
    if (mf.response?.kind !== 'vector') throw new Error('vector response expected');
    expect(mf.response.y[0]).toBeCloseTo(0.2613242, 7);
    const bySex = buildModelFrame(parseFormula('sex ~ standLRT'), exam);
    if (bySex.response?.kind !== 'vector') throw new Error('vector response expected');
    expect(bySex.response.levels).toEqual(['F', 'M']);
    expect(bySex.response.y.reduce((a, b) => a + b, 0)).toBe(1623); // R: sum(Exam$sex == "M")
  });

  it('sums the offsets', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + offset(schavg) + offset(2 * standLRT)'), exam);
    const schavg = numericColumn(exam, 'schavg');
    const standLRT = numericColumn(exam, 'standLRT');
    expect(mf.offset![10]).toBeCloseTo(schavg[10] + 2 * standLRT[10], 12);
    expect(buildModelFrame(parseFormula('normexam ~ standLRT'), exam).offset).toBeNull();
  });

  it('passes on the evaluator’s warnings and drops the NaN it produced', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ log(standLRT)'), exam);
    // R: nobs(lm(normexam ~ log(standLRT), Exam)) = 2091, with the warning "In log(standLRT) : NaNs produced".
    expect(mf.n).toBe(2091);
    expect(mf.messages[0]).toContain('NaNs produced');
    expect(mf.messages[1]).toBe('1968 observations deleted due to missingness (missing values: log(standLRT) 1968).');
  });

  it('evaluates transformed variables once per distinct expression', () => {
    const mf = buildModelFrame(parseFormula('log(normexam + 5) ~ I(standLRT^2) + I(standLRT ^ 2):sex'), exam);
    expect([...mf.variables.keys()]).toEqual(['log(normexam + 5)', 'I(standLRT^2)', 'sex']);
    const v = mf.variables.get('I(standLRT^2)')!;
    expect(v.kind !== 'factor' && v.values[0]).toBeCloseTo(0.6190592 ** 2, 7);
  });
});

describe('values a model cannot use', () => {
  it('names an infinite value and its data row', () => {
    const frame = withColumn(exam, { name: 'w', kind: 'numeric', values: new Float64Array(exam.rows).fill(1) });
    numericColumn(frame, 'w')[41] = 0;
    expect(() => buildModelFrame(parseFormula('normexam ~ log(w)'), frame)).toThrow(/log\(w\) is infinite in 1 row \(the first is data row 42\)/);
  });

  it('names an unknown variable', () => {
    let caught: unknown;
    try {
      buildModelFrame(parseFormula('normexam ~ standLRT + bogus'), exam);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('bad-input');
    expect((caught as AppError).message).toContain('bogus');
  });

  it('refuses a factor offset and a cbind() that is not two columns', () => {
    expect(() => buildModelFrame(parseFormula('normexam ~ standLRT + offset(sex)'), exam)).toThrow(/the offset sex must be numeric/);
    expect(() => buildModelFrame(parseFormula('cbind(incidence) ~ period'), cbpp)).toThrow(/takes two columns/);
  });
});
