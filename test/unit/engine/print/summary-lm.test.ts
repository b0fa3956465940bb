import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLm, type LmOptions } from '../../../../src-main/engine/lm/fit-lm';
import { deparseCall, nameExpr } from '../../../../src-main/engine/print/deparse';
import { formatSummaryLm, type SummaryLmOptions } from '../../../../src-main/engine/print/summary-lm';
import { parseExpression } from '@shared/expr/parse';
import { design, fileData, response, sampleData, values, type Data, type Part } from '../lm/design';

/** R's own print(summary(lm(...))) text: test/fixtures/tools/make-print-fixtures.R. */
function expected(id: string): string {
  return readFileSync(new URL(`../../../fixtures/print/${id}.txt`, import.meta.url), 'utf8');
}

const examLevels = {
  sex: ['F', 'M'],
  intake: ['bottom 25%', 'mid 50%', 'top 25%'],
  schgend: ['mixed', 'boys', 'girls'],
  type: ['Mxd', 'Sngl'],
};

interface Case {
  id: string;
  call: string;
  data: () => Promise<Data>;
  parts: Part[];
  y: string;
  /** Rows used (0-based), when R dropped some. */
  rows?: number[];
  fit?: (data: Data) => LmOptions;
  print?: SummaryLmOptions;
}

/** The call as R's match.call() and deparse() show it, from the formula as typed. */
function lmCall(formula: string, data: string, weights?: string): string {
  const args = [
    { name: 'formula', value: parseExpression(formula, 'formula') },
    { name: 'data', value: nameExpr(data) },
  ];
  if (weights) args.push({ name: 'weights', value: parseExpression(weights, 'weights') });
  return deparseCall('lm', args);
}

const exam = () => sampleData('exam.csv', examLevels);
const tiny = () => fileData(new URL('../../../fixtures/print/tiny.csv', import.meta.url));
const int: Part = { intercept: true };

const cases: Case[] = [
  { id: 'exam_standLRT', call: lmCall('normexam ~ standLRT', 'Exam'), data: exam, parts: [int, { numeric: 'standLRT' }], y: 'normexam' },
  {
    id: 'exam_standLRT_sex',
    call: lmCall('normexam ~ standLRT + sex', 'Exam'),
    data: exam,
    parts: [int, { numeric: 'standLRT' }, { factor: 'sex' }],
    y: 'normexam',
  },
  {
    id: 'exam_standLRT_intake_sex',
    call: lmCall('normexam ~ standLRT + intake + sex', 'Exam'),
    data: exam,
    parts: [int, { numeric: 'standLRT' }, { factor: 'intake' }, { factor: 'sex' }],
    y: 'normexam',
  },
  {
    id: 'jsp_raven_gender',
    call: lmCall('math ~ raven + gender', 'JSP'),
    data: () => sampleData('jsp.txt', { gender: ['boy', 'girl'] }),
    parts: [int, { numeric: 'raven' }, { factor: 'gender' }],
    y: 'math',
  },
  {
    id: 'exam_aliased',
    call: lmCall('normexam ~ standLRT + schgend + type', 'Exam'),
    data: exam,
    parts: [int, { numeric: 'standLRT' }, { factor: 'schgend' }, { factor: 'type' }],
    y: 'normexam',
  },
  {
    id: 'exam_no_intercept',
    call: lmCall('normexam ~ 0 + sex + standLRT', 'Exam'),
    data: exam,
    parts: [{ factor: 'sex', full: true }, { numeric: 'standLRT' }],
    y: 'normexam',
  },
  { id: 'exam_empty', call: lmCall('normexam ~ 0', 'Exam'), data: exam, parts: [], y: 'normexam' },
  { id: 'exam_intercept_only', call: lmCall('normexam ~ 1', 'Exam'), data: exam, parts: [int], y: 'normexam' },
  {
    id: 'exam_scaled',
    call: lmCall('normexam ~ I(standLRT * 1e+06) + sex', 'Exam'),
    data: exam,
    parts: [int, { numeric: 'standLRT', scale: 1e6, label: 'I(standLRT * 1e+06)' }, { factor: 'sex' }],
    y: 'normexam',
  },
  {
    id: 'sleep_weighted',
    call: lmCall('Reaction ~ Days', 'sleep', 'Days + 1'),
    data: () => sampleData('sleepstudy.csv'),
    parts: [int, { numeric: 'Days' }],
    y: 'Reaction',
    fit: (data) => ({ weights: values(data, 'Days').map((d) => d + 1) }),
  },
  {
    id: 'tiny_stars',
    call: lmCall('y ~ x + z + g', 'tiny'),
    data: tiny,
    parts: [int, { numeric: 'x' }, { numeric: 'z' }, { factor: 'g' }],
    y: 'y',
    rows: [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    print: { naDeleted: 1 },
  },
  {
    id: 'tiny_few_resid',
    call: lmCall('y ~ x', 'tiny7'),
    data: tiny,
    parts: [int, { numeric: 'x' }],
    y: 'y',
    rows: [0, 1, 3, 4, 5, 6],
    print: { naDeleted: 1, rowNames: ['1', '2', '4', '5', '6', '7'] },
  },
  { id: 'tiny_perfect', call: lmCall('y ~ x', 'tiny2'), data: tiny, parts: [int, { numeric: 'x' }], y: 'y', rows: [0, 1] },
];

describe("formatSummaryLm reproduces R's print(summary(lm)) character for character", () => {
  for (const c of cases) {
    it(c.id, async () => {
      const data = await c.data();
      const rows = c.rows ? Int32Array.from(c.rows) : undefined;
      const options = c.fit?.(data) ?? {};
      if (rows && options.weights) options.weights = Float64Array.from(rows, (i) => options.weights![i]);
      const fit = fitLm(design(data, c.parts, rows), response(data, c.y, rows), options);
      expect(formatSummaryLm(fit, c.call, c.print)).toBe(expected(c.id));
    });
  }

  it('prints the legend with curly quotes when asked, as R does in a UTF-8 console', async () => {
    const data = await exam();
    const fit = fitLm(design(data, [int, { numeric: 'standLRT' }]), response(data, 'normexam'));
    const text = formatSummaryLm(fit, lmCall('normexam ~ standLRT', 'Exam'), { fancyQuotes: true });
    expect(text).toContain("Signif. codes:  0 \u2018***\u2019 0.001 \u2018**\u2019 0.01 \u2018*\u2019 0.05 \u2018.\u2019 0.1 \u2018 \u2019 1\n");
  });
});
