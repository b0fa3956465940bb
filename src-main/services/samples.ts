import type { SampleInfo } from '@shared/dataset';

/**
 * The data sets shipped under resources/sample-data (see its README for sources
 * and licences). Factor columns and level orders are those of the R packages
 * the data come from, so models give R's column names and reference levels.
 */
export interface SampleSpec extends SampleInfo {
  file: string;
  factors: string[];
  levels: Record<string, string[]>;
}

const thirds = ['bottom 25%', 'mid 50%', 'top 25%'];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const samples: SampleSpec[] = [
  {
    name: 'exam',
    title: 'Exam',
    description: 'Exam scores of 4,059 students in 65 London schools (mlmRev::Exam).',
    file: 'exam.csv',
    factors: ['school', 'student'],
    levels: {
      school: range(1, 65),
      schgend: ['mixed', 'boys', 'girls'],
      vr: thirds,
      intake: thirds,
      sex: ['F', 'M'],
      type: ['Mxd', 'Sngl'],
    },
  },
  {
    name: 'jsp',
    title: 'JSP (simulated)',
    description: 'Math and Raven scores of 1,154 pupils in 49 schools, simulated like the Junior School Project.',
    file: 'jsp.txt',
    factors: ['school'],
    levels: { gender: ['boy', 'girl'], social: ['S1', 'S2', 'S3', 'S4'] },
  },
  {
    name: 'sleepstudy',
    title: 'sleepstudy',
    description: 'Reaction times of 18 subjects over 10 days of sleep deprivation (lme4::sleepstudy).',
    file: 'sleepstudy.csv',
    factors: ['Subject'],
    levels: {},
  },
  {
    name: 'cbpp',
    title: 'cbpp',
    description: 'Contagious bovine pleuropneumonia incidence in 15 herds over 4 periods (lme4::cbpp).',
    file: 'cbpp.csv',
    factors: ['herd', 'period'],
    levels: { herd: range(1, 15), period: range(1, 4) },
  },
  {
    name: 'dyestuff',
    title: 'Dyestuff',
    description: 'Yield of dyestuff from 6 batches of an intermediate product (lme4::Dyestuff).',
    file: 'dyestuff.csv',
    factors: ['Batch'],
    levels: {},
  },
  {
    name: 'insteval',
    title: 'InstEval',
    description: 'University lecture evaluations: 73,421 ratings by 2,972 students of 1,128 lecturers (lme4::InstEval).',
    file: 'insteval.csv',
    factors: ['s', 'd', 'studage', 'lectage', 'service', 'dept'],
    levels: {},
  },
];

export function findSample(name: string): SampleSpec | undefined {
  return samples.find((s) => s.name === name);
}
