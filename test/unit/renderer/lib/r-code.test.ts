import { describe, expect, it } from 'vitest';
import type { ColumnInfo, DatasetInfo, SampleInfo } from '@shared/dataset';
import { AppError } from '@shared/errors';
import type { ModelInfo, ModelSpec } from '@shared/models';
import { makeName, rCode } from '../../../../src-renderer/lib/r-code';

const samples: SampleInfo[] = [
  { name: 'exam', title: 'Exam', description: '', file: 'exam.csv' },
  { name: 'jsp', title: 'JSP (simulated)', description: '', file: 'jsp.txt' },
];
const range = (from: number, to: number, skip: number[] = []) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i)).filter((l) => !skip.includes(Number(l)));
const quoted = (levels: string[]) => levels.map((l) => `"${l}"`).join(', ');
const num = (name: string): ColumnInfo => ({ name, kind: 'numeric', missing: 0 });
const fac = (name: string, levels: string[]): ColumnInfo => ({ name, kind: 'factor', missing: 0, levels });
const dataset = (name: string, source: string, columns: ColumnInfo[]): DatasetInfo => ({
  id: name.toLowerCase(),
  name,
  source,
  rows: 0,
  columns,
  importedAt: '2024-01-01T00:00:00Z',
});
const model = (name: string, spec: Partial<ModelSpec> & Pick<ModelSpec, 'kind' | 'formula'>): ModelInfo => ({
  id: 'model-1',
  datasetId: 'x',
  name,
  spec: { reml: true, ...spec },
  createdAt: '2024-01-01T00:00:00Z',
});

const thirds = ['bottom 25%', 'mid 50%', 'top 25%'];
// Exam as Nestor opens the sample (student's 648 levels cut to three: the script writes whatever levels it holds).
const exam = dataset('Exam', 'sample: Exam', [
  fac('school', range(1, 65)),
  num('normexam'),
  fac('schgend', ['mixed', 'boys', 'girls']),
  num('schavg'),
  fac('vr', thirds),
  fac('intake', thirds),
  num('standLRT'),
  fac('sex', ['F', 'M']),
  fac('type', ['Mxd', 'Sngl']),
  fac('student', ['1', '2', '3']),
]);
const jsp = dataset('JSP (simulated)', 'sample: JSP (simulated)', [
  fac('school', range(1, 50, [43])),
  fac('gender', ['boy', 'girl']),
  fac('social', ['S1', 'S2', 'S3', 'S4']),
  num('raven'),
  num('math'),
]);

describe('rCode writes an R script that refits the model with lme4', () => {
  it('Exam m2: read.csv of the sample file, every factor with its levels, lmer with REML', () => {
    const script = rCode(exam, [], model('m2', { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)' }), samples);
    expect(script).toBe(
      [
        '# Model m2 of Nestor, fitted with lme4 in R.',
        '# Data Exam, read from exam.csv: run this in the folder that holds it.',
        'd <- read.csv("exam.csv")',
        '',
        '# Factors with the level orders Nestor uses (the first is the reference level).',
        `d$school <- factor(d$school, levels = c(${quoted(range(1, 65))}))`,
        'd$schgend <- factor(d$schgend, levels = c("mixed", "boys", "girls"))',
        'd$vr <- factor(d$vr, levels = c("bottom 25%", "mid 50%", "top 25%"))',
        'd$intake <- factor(d$intake, levels = c("bottom 25%", "mid 50%", "top 25%"))',
        'd$sex <- factor(d$sex, levels = c("F", "M"))',
        'd$type <- factor(d$type, levels = c("Mxd", "Sngl"))',
        'd$student <- factor(d$student, levels = c("1", "2", "3"))',
        '',
        'library(lme4)',
        'm2 <- lmer(normexam ~ standLRT + (1 | school), data = d)',
        'summary(m2)',
        '',
      ].join('\n'),
    );
  });

  it('JSP: read.table, the fail recipe and a filter in order, ML and a subset, a renamed model as a syntactic name', () => {
    const script = rCode(
      jsp,
      [
        { kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' },
        { kind: 'filter', expression: 'school != 48' },
      ],
      model('random intercept', { kind: 'lmer', formula: 'math ~ raven + social + fail + (1 | school)', reml: false, subset: 'gender == "girl"' }),
      samples,
    );
    expect(script).toBe(
      [
        '# Model random intercept of Nestor, fitted with lme4 in R.',
        '# Data JSP (simulated), read from jsp.txt: run this in the folder that holds it.',
        'd <- read.table("jsp.txt", header = TRUE)',
        '',
        '# Factors with the level orders Nestor uses (the first is the reference level).',
        `d$school <- factor(d$school, levels = c(${quoted(range(1, 50, [43]))}))`,
        'd$gender <- factor(d$gender, levels = c("boy", "girl"))',
        'd$social <- factor(d$social, levels = c("S1", "S2", "S3", "S4"))',
        '',
        '# Recipes, in order.',
        'd$fail <- with(d, ifelse(math < -10, 1, 0))',
        'd <- subset(d, school != 48)',
        '',
        'library(lme4)',
        'random.intercept <- lmer(math ~ raven + social + fail + (1 | school), data = d, REML = FALSE, subset = gender == "girl")',
        'summary(random.intercept)',
        '',
      ].join('\n'),
    );
  });

  it('lm takes no REML argument; a file path picks the reader by its extension', () => {
    const lm = model('m1', { kind: 'lm', formula: 'y ~ x', reml: false, subset: 'x > 0' });
    const cols = [num('y'), num('x')];
    const read = (source: string) => rCode(dataset('D', source, cols), [], lm, samples).split('\n')[2];
    expect(read('scores.CSV')).toBe('d <- read.csv("scores.CSV")');
    expect(read('/home/ana/data/scores.tsv')).toBe('d <- read.delim("/home/ana/data/scores.tsv")');
    expect(read('C:\\data\\scores.xlsx')).toBe('d <- as.data.frame(readxl::read_excel("C:\\\\data\\\\scores.xlsx"))');
    expect(read('scores.dat')).toBe('d <- read.table("scores.dat", header = TRUE)');
    expect(rCode(dataset('D', 'a.csv', cols), [], lm, samples)).toContain('m1 <- lm(y ~ x, data = d, subset = x > 0)\n');
  });

  it('writes a column that is not a syntactic name in backticks', () => {
    const script = rCode(
      dataset('D', 'a.csv', [fac('final grade', ['pass', 'fail'])]),
      [{ kind: 'compute', name: 'log score', expression: 'log(score)' }],
      model('m1', { kind: 'lm', formula: 'y ~ x' }),
      samples,
    );
    expect(script).toContain('d$`final grade` <- factor(d$`final grade`, levels = c("pass", "fail"))');
    expect(script).toContain('d$`log score` <- with(d, log(score))');
  });

  it('says which sample it does not know instead of guessing a file', () => {
    const call = () => rCode(dataset('D', 'sample: Gone', [num('y')]), [], model('m1', { kind: 'lm', formula: 'y ~ 1' }), samples);
    expect(call).toThrow(AppError);
    expect(call).toThrow('the sample "Gone" is not one of');
  });
});

describe('makeName follows R’s make.names', () => {
  it.each([
    ['m1', 'm1'],
    ['random intercept', 'random.intercept'],
    ['single-level regression', 'single.level.regression'],
    ['2 levels', 'X2.levels'],
    ['.5', 'X.5'],
    ['.hidden', '.hidden'],
    ['_x', 'X_x'],
    ['if', 'if.'],
    ['TRUE', 'TRUE.'],
    ['modèle', 'modèle'],
  ])('%s → %s', (name, made) => {
    expect(makeName(name)).toBe(made);
  });

  it('glmer: the family with its link, and nAGQ, written out even at their defaults', () => {
    const call = (spec: Partial<ModelSpec>) =>
      rCode(jsp, [], model('g', { kind: 'glmer', formula: 'fail ~ raven + (1 | school)', ...spec }), samples)
        .split('\n')
        .find((l) => l.startsWith('g <- '));
    expect(call({ family: 'binomial' })).toBe('g <- glmer(fail ~ raven + (1 | school), data = d, family = binomial(link = "logit"), nAGQ = 1)');
    expect(call({ family: 'poisson', nAGQ: 0 })).toBe('g <- glmer(fail ~ raven + (1 | school), data = d, family = poisson(link = "log"), nAGQ = 0)');
    expect(call({ family: 'binomial', link: 'probit', nAGQ: 10 })).toBe('g <- glmer(fail ~ raven + (1 | school), data = d, family = binomial(link = "probit"), nAGQ = 10)');
  });
});
