import { beforeAll, describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { buildFixedDesign } from '../../../../src-main/engine/model/fixed-design';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
import { loadExam, loadJsp, numericColumn, withColumn } from './data';

let data: Record<string, DataFrame>;

beforeAll(async () => {
  const [Exam, jsp] = await Promise.all([loadExam(), loadJsp()]);
  data = { Exam, jsp };
});

/**
 * R 4.2.2, with the fixtures' level orders: for each formula f,
 *   m <- lm(f, data); X <- model.matrix(m)
 *   colnames(X), attr(X, "assign"), names(coef(m))[is.na(coef(m))], round(colSums(X), 6)
 */
const R_MODEL_MATRICES: [string, string, string[], number[], string[], number[]][] = [
  ['Exam', 'normexam ~ standLRT', ["(Intercept)", "standLRT"], [0, 1], [], [4059, 7.348226]],
  ['Exam', 'normexam ~ standLRT + sex', ["(Intercept)", "standLRT", "sexM"], [0, 1, 2], [], [4059, 7.348226, 1623]],
  ['Exam', 'normexam ~ standLRT * sex', ["(Intercept)", "standLRT", "sexM", "standLRT:sexM"], [0, 1, 2, 3], [], [4059, 7.348226, 1623, -102.135001]],
  ['Exam', 'normexam ~ standLRT:sex', ["(Intercept)", "standLRT:sexF", "standLRT:sexM"], [0, 1, 1], [], [4059, 109.483227, -102.135001]],
  ['Exam', 'normexam ~ sex:standLRT', ["(Intercept)", "sexF:standLRT", "sexM:standLRT"], [0, 1, 1], [], [4059, 109.483227, -102.135001]],
  ['Exam', 'normexam ~ 0 + sex', ["sexF", "sexM"], [1, 1], [], [2436, 1623]],
  ['Exam', 'normexam ~ sex - 1', ["sexF", "sexM"], [1, 1], [], [2436, 1623]],
  ['Exam', 'normexam ~ -1 + standLRT + sex', ["standLRT", "sexF", "sexM"], [1, 2, 2], [], [7.348226, 2436, 1623]],
  ['Exam', 'normexam ~ sex * intake', ["(Intercept)", "sexM", "intakemid 50%", "intaketop 25%", "sexM:intakemid 50%", "sexM:intaketop 25%"], [0, 1, 2, 2, 3, 3], [], [4059, 1623, 2344, 539, 923, 251]],
  ['Exam', 'normexam ~ sex:intake', ["(Intercept)", "sexF:intakebottom 25%", "sexM:intakebottom 25%", "sexF:intakemid 50%", "sexM:intakemid 50%", "sexF:intaketop 25%", "sexM:intaketop 25%"], [0, 1, 1, 1, 1, 1, 1], ["sexM:intaketop 25%"], [4059, 727, 449, 1421, 923, 288, 251]],
  ['Exam', 'normexam ~ sex + sex:intake', ["(Intercept)", "sexM", "sexF:intakemid 50%", "sexM:intakemid 50%", "sexF:intaketop 25%", "sexM:intaketop 25%"], [0, 1, 2, 2, 2, 2], [], [4059, 1623, 1421, 923, 288, 251]],
  ['Exam', 'normexam ~ intake + sex:intake', ["(Intercept)", "intakemid 50%", "intaketop 25%", "intakebottom 25%:sexM", "intakemid 50%:sexM", "intaketop 25%:sexM"], [0, 1, 1, 2, 2, 2], [], [4059, 2344, 539, 449, 923, 251]],
  ['Exam', 'normexam ~ (standLRT + sex + intake)^2', ["(Intercept)", "standLRT", "sexM", "intakemid 50%", "intaketop 25%", "standLRT:sexM", "standLRT:intakemid 50%", "standLRT:intaketop 25%", "sexM:intakemid 50%", "sexM:intaketop 25%"], [0, 1, 2, 3, 3, 4, 5, 5, 6, 6], [], [4059, 7.348226, 1623, 2344, 539, -102.135001, -354.694048, -716.744422, 923, 251]],
  ['Exam', 'normexam ~ intake/sex', ["(Intercept)", "intakemid 50%", "intaketop 25%", "intakebottom 25%:sexM", "intakemid 50%:sexM", "intaketop 25%:sexM"], [0, 1, 1, 2, 2, 2], [], [4059, 2344, 539, 449, 923, 251]],
  ['Exam', 'normexam ~ sex/standLRT', ["(Intercept)", "sexM", "sexF:standLRT", "sexM:standLRT"], [0, 1, 2, 2], [], [4059, 1623, 109.483227, -102.135001]],
  ['Exam', 'normexam ~ standLRT + I(standLRT^2) + log(schavg + 2)', ["(Intercept)", "standLRT", "I(standLRT^2)", "log(schavg + 2)"], [0, 1, 2, 3], [], [4059, 7.348226, 4003.206893, 2764.019102]],
  ['Exam', 'normexam ~ standLRT * sex - sex', ["(Intercept)", "standLRT", "standLRT:sexM"], [0, 1, 2], [], [4059, 7.348226, -102.135001]],
  ['Exam', 'normexam ~ 0 + standLRT:sex', ["standLRT:sexF", "standLRT:sexM"], [1, 1], [], [109.483227, -102.135001]],
  ['Exam', 'normexam ~ 0 + standLRT + sex:intake', ["standLRT", "sexF:intakebottom 25%", "sexM:intakebottom 25%", "sexF:intakemid 50%", "sexM:intakemid 50%", "sexF:intaketop 25%", "sexM:intaketop 25%"], [1, 2, 2, 2, 2, 2, 2], [], [7.348226, 727, 449, 1421, 923, 288, 251]],
  ['Exam', 'normexam ~ standLRT + sex*intake + schgend:type', ["(Intercept)", "standLRT", "sexM", "intakemid 50%", "intaketop 25%", "sexM:intakemid 50%", "sexM:intaketop 25%", "schgendmixed:typeMxd", "schgendboys:typeMxd", "schgendgirls:typeMxd", "schgendmixed:typeSngl", "schgendboys:typeSngl", "schgendgirls:typeSngl"], [0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5], ["schgendboys:typeMxd", "schgendgirls:typeMxd", "schgendmixed:typeSngl", "schgendgirls:typeSngl"], [4059, 7.348226, 1623, 2344, 539, 923, 251, 2169, 0, 0, 0, 513, 1377]],
  ['Exam', 'normexam ~ standLRT + I(2 * standLRT)', ["(Intercept)", "standLRT", "I(2 * standLRT)"], [0, 1, 2], ["I(2 * standLRT)"], [4059, 7.348226, 14.696452]],
  ['Exam', 'normexam ~ 1', ["(Intercept)"], [0], [], [4059]],
  ['Exam', 'normexam ~ 0 + standLRT', ["standLRT"], [1], [], [7.348226]],
  ['Exam', 'normexam ~ schgend + type', ["(Intercept)", "schgendboys", "schgendgirls", "typeSngl"], [0, 1, 1, 2], ["typeSngl"], [4059, 513, 1377, 1890]],
  ['Exam', 'normexam ~ type + schgend', ["(Intercept)", "typeSngl", "schgendboys", "schgendgirls"], [0, 1, 2, 2], ["schgendgirls"], [4059, 1890, 513, 1377]],
  ['Exam', 'normexam ~ (sex + intake):standLRT', ["(Intercept)", "sexF:standLRT", "sexM:standLRT", "intakemid 50%:standLRT", "intaketop 25%:standLRT"], [0, 1, 1, 2, 2], [], [4059, 109.483227, -102.135001, -354.694048, -716.744422]],
  ['Exam', 'normexam ~ vr:intake + sex', ["(Intercept)", "sexM", "vrbottom 25%:intakebottom 25%", "vrmid 50%:intakebottom 25%", "vrtop 25%:intakebottom 25%", "vrbottom 25%:intakemid 50%", "vrmid 50%:intakemid 50%", "vrtop 25%:intakemid 50%", "vrbottom 25%:intaketop 25%", "vrmid 50%:intaketop 25%", "vrtop 25%:intaketop 25%"], [0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2], ["vrtop 25%:intaketop 25%"], [4059, 1623, 102, 606, 468, 375, 1363, 606, 163, 294, 82]],
  ['Exam', 'normexam ~ sex:intake:vr + intake', ["(Intercept)", "intakemid 50%", "intaketop 25%", "sexF:intakebottom 25%:vrbottom 25%", "sexM:intakebottom 25%:vrbottom 25%", "sexF:intakemid 50%:vrbottom 25%", "sexM:intakemid 50%:vrbottom 25%", "sexF:intaketop 25%:vrbottom 25%", "sexM:intaketop 25%:vrbottom 25%", "sexF:intakebottom 25%:vrmid 50%", "sexM:intakebottom 25%:vrmid 50%", "sexF:intakemid 50%:vrmid 50%", "sexM:intakemid 50%:vrmid 50%", "sexF:intaketop 25%:vrmid 50%", "sexM:intaketop 25%:vrmid 50%", "sexF:intakebottom 25%:vrtop 25%", "sexM:intakebottom 25%:vrtop 25%", "sexF:intakemid 50%:vrtop 25%", "sexM:intakemid 50%:vrtop 25%", "sexF:intaketop 25%:vrtop 25%", "sexM:intaketop 25%:vrtop 25%"], [0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], ["sexM:intakebottom 25%:vrtop 25%", "sexM:intakemid 50%:vrtop 25%", "sexM:intaketop 25%:vrtop 25%"], [4059, 2344, 539, 59, 43, 214, 161, 72, 91, 353, 253, 815, 548, 157, 137, 315, 153, 392, 214, 59, 23]],
  ['Exam', 'normexam ~ I(sex == "M")', ["(Intercept)", "I(sex == \"M\")TRUE"], [0, 1], [], [4059, 1623]],
  ['Exam', 'normexam ~ I(standLRT > 0) * sex', ["(Intercept)", "I(standLRT > 0)TRUE", "sexM", "I(standLRT > 0)TRUE:sexM"], [0, 1, 2, 3], [], [4059, 2091, 1623, 802]],
  ['Exam', 'normexam ~ standLRT + offset(schavg) + sex', ["(Intercept)", "standLRT", "sexM"], [0, 1, 2], [], [4059, 7.348226, 1623]],
  ['Exam', 'normexam ~ 0 + intake:sex + vr', ["vrbottom 25%", "vrmid 50%", "vrtop 25%", "intakebottom 25%:sexF", "intakemid 50%:sexF", "intaketop 25%:sexF", "intakebottom 25%:sexM", "intakemid 50%:sexM", "intaketop 25%:sexM"], [1, 1, 1, 2, 2, 2, 2, 2, 2], ["intaketop 25%:sexM"], [640, 2263, 1156, 727, 1421, 288, 449, 923, 251]],
  ['Exam', 'normexam ~ sex:intake - 1', ["sexF:intakebottom 25%", "sexM:intakebottom 25%", "sexF:intakemid 50%", "sexM:intakemid 50%", "sexF:intaketop 25%", "sexM:intaketop 25%"], [1, 1, 1, 1, 1, 1], [], [727, 449, 1421, 923, 288, 251]],
  ['Exam', 'normexam ~ standLRT:intake + sex:vr', ["(Intercept)", "standLRT:intakebottom 25%", "standLRT:intakemid 50%", "standLRT:intaketop 25%", "sexF:vrbottom 25%", "sexM:vrbottom 25%", "sexF:vrmid 50%", "sexM:vrmid 50%", "sexF:vrtop 25%", "sexM:vrtop 25%"], [0, 1, 1, 1, 2, 2, 2, 2, 2, 2], ["sexM:vrtop 25%"], [4059, 1078.786696, -354.694048, -716.744422, 345, 295, 1325, 938, 766, 390]],
  ['Exam', 'normexam ~ schgend * type', ["(Intercept)", "schgendboys", "schgendgirls", "typeSngl", "schgendboys:typeSngl", "schgendgirls:typeSngl"], [0, 1, 1, 2, 3, 3], ["typeSngl", "schgendboys:typeSngl", "schgendgirls:typeSngl"], [4059, 513, 1377, 1890, 513, 1377]],
  ['Exam', 'normexam ~ standLRT + schavg + I(standLRT + schavg)', ["(Intercept)", "standLRT", "schavg", "I(standLRT + schavg)"], [0, 1, 2, 3], ["I(standLRT + schavg)"], [4059, 7.348226, 7.348355, 14.696581]],
  ['Exam', 'normexam ~ intake + vr + intake:vr:sex', ["(Intercept)", "intakemid 50%", "intaketop 25%", "vrmid 50%", "vrtop 25%", "intakebottom 25%:vrbottom 25%:sexF", "intakemid 50%:vrbottom 25%:sexF", "intaketop 25%:vrbottom 25%:sexF", "intakebottom 25%:vrmid 50%:sexF", "intakemid 50%:vrmid 50%:sexF", "intaketop 25%:vrmid 50%:sexF", "intakebottom 25%:vrtop 25%:sexF", "intakemid 50%:vrtop 25%:sexF", "intaketop 25%:vrtop 25%:sexF", "intakebottom 25%:vrbottom 25%:sexM", "intakemid 50%:vrbottom 25%:sexM", "intaketop 25%:vrbottom 25%:sexM", "intakebottom 25%:vrmid 50%:sexM", "intakemid 50%:vrmid 50%:sexM", "intaketop 25%:vrmid 50%:sexM", "intakebottom 25%:vrtop 25%:sexM", "intakemid 50%:vrtop 25%:sexM", "intaketop 25%:vrtop 25%:sexM"], [0, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], ["intaketop 25%:vrbottom 25%:sexM", "intaketop 25%:vrmid 50%:sexM", "intakebottom 25%:vrtop 25%:sexM", "intakemid 50%:vrtop 25%:sexM", "intaketop 25%:vrtop 25%:sexM"], [4059, 2344, 539, 2263, 1156, 59, 214, 72, 353, 815, 157, 315, 392, 59, 43, 161, 91, 253, 548, 137, 153, 214, 23]],
  ['jsp', 'math ~ raven + gender', ["(Intercept)", "raven", "gendergirl"], [0, 1, 2], [], [1154, 0.406, 564]],
  ['jsp', 'math ~ raven * gender + social', ["(Intercept)", "raven", "gendergirl", "socialS2", "socialS3", "socialS4", "raven:gendergirl"], [0, 1, 2, 3, 3, 3, 4], [], [1154, 0.406, 564, 431, 168, 327, -5.604]],
  ['jsp', 'math ~ social:gender', ["(Intercept)", "socialS1:genderboy", "socialS2:genderboy", "socialS3:genderboy", "socialS4:genderboy", "socialS1:gendergirl", "socialS2:gendergirl", "socialS3:gendergirl", "socialS4:gendergirl"], [0, 1, 1, 1, 1, 1, 1, 1, 1], ["socialS4:gendergirl"], [1154, 117, 231, 80, 162, 111, 200, 88, 165]],
  ['jsp', 'math ~ 0 + social + gender', ["socialS1", "socialS2", "socialS3", "socialS4", "gendergirl"], [1, 1, 1, 1, 2], [], [228, 431, 168, 327, 564]],
  ['jsp', 'math ~ gender:social + raven:social', ["(Intercept)", "genderboy:socialS1", "gendergirl:socialS1", "genderboy:socialS2", "gendergirl:socialS2", "genderboy:socialS3", "gendergirl:socialS3", "genderboy:socialS4", "gendergirl:socialS4", "socialS1:raven", "socialS2:raven", "socialS3:raven", "socialS4:raven"], [0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2], ["gendergirl:socialS4"], [1154, 117, 111, 231, 200, 80, 88, 162, 165, 70.692, -109.591, 24.352, 14.953]],
  ['jsp', 'math ~ raven + social + gender:raven', ["(Intercept)", "raven", "socialS2", "socialS3", "socialS4", "raven:gendergirl"], [0, 1, 2, 2, 2, 3], [], [1154, 0.406, 431, 168, 327, -5.604]],
  ['jsp', 'math ~ (raven + gender + social)^3', ["(Intercept)", "raven", "gendergirl", "socialS2", "socialS3", "socialS4", "raven:gendergirl", "raven:socialS2", "raven:socialS3", "raven:socialS4", "gendergirl:socialS2", "gendergirl:socialS3", "gendergirl:socialS4", "raven:gendergirl:socialS2", "raven:gendergirl:socialS3", "raven:gendergirl:socialS4"], [0, 1, 2, 3, 3, 3, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7], [], [1154, 0.406, 564, 431, 168, 327, -5.604, -109.591, 24.352, 14.953, 200, 88, 165, -89.2, -21.768, 84.435]],
];

describe("the fixed-effects design matrix is R's model.matrix", () => {
  it.each(R_MODEL_MATRICES)('%s: %s', (dataName, formula, names, assign, aliased, colSums) => {
    const d = buildFixedDesign(buildModelFrame(parseFormula(formula), data[dataName]));
    expect(d.full.names).toEqual(names);
    expect(Array.from(d.full.assign)).toEqual(assign);
    expect(d.aliased).toEqual(aliased);
    expect(d.names).toEqual(names.filter((n) => !aliased.includes(n)));
    expect(d.p).toBe(names.length - aliased.length);
    const keptSums = colSums.filter((_, j) => !aliased.includes(names[j]));
    for (let j = 0; j < d.p; j++) {
      let s = 0;
      for (let i = 0; i < d.n; i++) s += d.X[j * d.n + i];
      expect(s).toBeCloseTo(keptSums[j], 5);
    }
  });
});

describe('aliased columns', () => {
  it('are dropped with a message saying which, as lm reports them', () => {
    const d = buildFixedDesign(buildModelFrame(parseFormula('normexam ~ standLRT + I(2 * standLRT)'), data.Exam));
    expect(d.aliased).toEqual(['I(2 * standLRT)']);
    expect(d.names).toEqual(['(Intercept)', 'standLRT']);
    expect(Array.from(d.full.kept)).toEqual([0, 1]);
    expect(d.messages).toEqual([
      'Coefficients: (1 not defined because of singularities): I(2 * standLRT) is a linear combination of earlier columns and was dropped.',
    ]);
  });

  it('include a computed column that copies another', () => {
    const frame = withColumn(data.Exam, { name: 'lrt2', kind: 'numeric', values: numericColumn(data.Exam, 'standLRT').map((v) => v * 2 - 1) });
    const d = buildFixedDesign(buildModelFrame(parseFormula('normexam ~ lrt2 + sex + standLRT'), frame));
    expect(d.aliased).toEqual(['standLRT']);
    expect(d.messages[0]).toContain('(1 not defined because of singularities)');
  });

  it('keep the X of the kept columns in model.matrix order', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ schgend * type + standLRT'), data.Exam);
    const d = buildFixedDesign(mf);
    // R: aliased typeSngl, schgendboys:typeSngl, schgendgirls:typeSngl
    expect(d.names).toEqual(['(Intercept)', 'schgendboys', 'schgendgirls', 'standLRT']);
    expect(Array.from(d.assign)).toEqual([0, 1, 1, 3]);
    const standLRT = numericColumn(data.Exam, 'standLRT');
    expect(d.X[3 * d.n + 17]).toBe(standLRT[17]);
    expect(d.messages[0]).toMatch(/^Coefficients: \(3 not defined because of singularities\): typeSngl, schgendboys:typeSngl, schgendgirls:typeSngl are linear/);
  });
});

describe('the response and offset travel with the design', () => {
  it('passes them on from the model frame', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT + offset(schavg)'), data.Exam);
    const d = buildFixedDesign(mf);
    expect(d.response).toBe(mf.response);
    expect(d.offset).toBe(mf.offset);
  });

  it('builds an empty design for y ~ 0', () => {
    const d = buildFixedDesign(buildModelFrame(parseFormula('normexam ~ 0'), data.Exam));
    expect(d.p).toBe(0);
    expect(d.X.length).toBe(0);
    expect(d.n).toBe(4059);
  });
});
