import { describe, expect, it } from 'vitest';
import {
  escapeLatex,
  exportTable,
  formatPValue,
  numericColumns,
  toHtml,
  toLatex,
  toRText,
  toTsv,
  type ExportTable,
} from '../../../../src-renderer/lib/table-export';

/** The fixed effects of the first course note's m2 (lme4 1.1-31) and m1's p-values. */
const fixef: ExportTable = {
  title: 'Fixed effects',
  columns: ['Term', 'Estimate', 'Std. Error', 't value', 'Wald 2.5 %', 'Wald 97.5 %'],
  rows: [
    ['(Intercept)', 0.00232282312889561, 0.0403543580181416, 0.0575606512647624, -0.076770265205897, 0.0814159114636882],
    ['standLRT', 0.563306914123509, 0.0124679612470569, 45.1803549081834, 0.538870159118636, 0.587743669128381],
  ],
};

describe('TSV', () => {
  it('keeps every number at full precision and leaves empty cells empty', () => {
    const text = toTsv({ columns: ['Group', 'Term', 'Variance', 'Corr'], rows: [['school', '(Intercept)', 0.0938389883786665, null], ['Residual', '', 0.5658652, NaN]] });
    expect(text).toBe('Group\tTerm\tVariance\tCorr\nschool\t(Intercept)\t0.0938389883786665\t\nResidual\t\t0.5658652\tNaN\n');
    const back = Number(text.split('\n')[1].split('\t')[2]);
    expect(back).toBe(0.0938389883786665);
  });

  it('replaces tabs and line breaks inside a cell, which would split it', () => {
    expect(toTsv({ columns: ['a\tb'], rows: [['x\ny'], [-Infinity]] })).toBe('a b\nx y\n-Inf\n');
  });
});

describe('HTML', () => {
  it('is a <table> with a caption, numbers to 4 significant digits, right-aligned', () => {
    const html = toHtml(fixef);
    expect(html.startsWith('<table>\n  <caption>Fixed effects</caption>')).toBe(true);
    expect(html).toContain('<th style="text-align: left">Term</th><th style="text-align: right">Estimate</th>');
    expect(html).toContain('<td style="text-align: left">standLRT</td><td style="text-align: right">0.5633</td><td style="text-align: right">0.01247</td><td style="text-align: right">45.18</td>');
    expect(html).toContain('<td style="text-align: right">-0.07677</td>');
    expect(html.trimEnd().endsWith('</tbody>\n</table>')).toBe(true);
  });

  it('escapes markup in labels', () => {
    expect(toHtml({ columns: ['Pr(>|t|)'], rows: [['a < b & "c"']] })).toContain('<th style="text-align: left">Pr(&gt;|t|)</th>');
    expect(toHtml({ columns: ['x'], rows: [['a < b & "c"']] })).toContain('a &lt; b &amp; &quot;c&quot;');
  });
});

describe('LaTeX', () => {
  it('escapes every special character', () => {
    expect(escapeLatex('a_b % & # $ { } ~ ^ \\')).toBe('a\\_b \\% \\& \\# \\$ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
    expect(escapeLatex('Pr(>|t|)')).toBe('Pr(\\textgreater{}|t|)');
    expect(escapeLatex('σ²')).toBe('$\\sigma$\\textsuperscript{2}');
  });

  it('is a tabular with l for text and r for numbers, minus signs in math mode', () => {
    const tex = toLatex({ ...fixef, rows: [...fixef.rows, ['sex_M', -0.1826, 0.03229, -5.656, -0.2459, -0.1193]] });
    const lines = tex.trimEnd().split('\n');
    expect(lines[0]).toBe('% Fixed effects');
    expect(lines[1]).toBe('\\begin{tabular}{lrrrrr}');
    expect(lines[3]).toBe('  Term & Estimate & Std. Error & t value & Wald 2.5 \\% & Wald 97.5 \\% \\\\');
    expect(lines[6]).toBe('  standLRT & 0.5633 & 0.01247 & 45.18 & 0.5389 & 0.5877 \\\\');
    expect(lines[7]).toBe('  sex\\_M & $-$0.1826 & 0.03229 & $-$5.656 & $-$0.2459 & $-$0.1193 \\\\');
    expect(lines[lines.length - 1]).toBe('\\end{tabular}');
  });
});

describe('R-style text', () => {
  it('right-aligns numbers under their headers and left-aligns text, as print.data.frame', () => {
    expect(toRText({ ...fixef, title: undefined })).toBe(
      [
        'Term         Estimate  Std. Error  t value  Wald 2.5 %  Wald 97.5 %',
        '(Intercept)  0.002323     0.04035  0.05756    -0.07677      0.08142',
        'standLRT       0.5633     0.01247    45.18      0.5389       0.5877',
        '',
      ].join('\n'),
    );
  });

  it('uses each column’s digits and R’s p-value format', () => {
    const table: ExportTable = {
      columns: ['Statistic', 'Value', 'p'],
      rows: [
        ['logLik', -4684.383226, 0.924944622097095],
        ['n', 4059, 0],
      ],
      formats: [undefined, { digits: 7 }, { pvalue: true }],
    };
    expect(toRText(table).split('\n')).toEqual(['Statistic      Value        p', 'logLik     -4684.383    0.925', 'n               4059  < 2e-16', '']);
  });
});

describe('row formats', () => {
  it('format a row of mixed statistics by its own digits, in every format but TSV', () => {
    const table: ExportTable = {
      columns: ['Statistic', 'Value'],
      rows: [
        ['R²', 0.350015811],
        ['logLik', -4684.383226],
        ['p', 1e-300],
      ],
      formats: [undefined, { digits: 7 }],
      rowFormats: [{ digits: 4 }, undefined, { pvalue: true }],
    };
    expect(toRText(table).split('\n')).toEqual(['Statistic      Value', 'R²              0.35', 'logLik     -4684.383', 'p            < 2e-16', '']);
    expect(toLatex(table)).toContain('  logLik & $-$4684.383 \\\\');
    expect(toLatex(table)).toContain('  R\\textsuperscript{2} & 0.35 \\\\');
    expect(toHtml(table)).toContain('<td style="text-align: right">&lt; 2e-16</td>');
    expect(toTsv(table)).toBe('Statistic\tValue\nR²\t0.350015811\nlogLik\t-4684.383226\np\t1e-300\n');
  });
});

describe('helpers', () => {
  it('formats p-values as R’s format.pval with 3 digits', () => {
    expect(formatPValue(0.924944622097095)).toBe('0.925');
    expect(formatPValue(3.456e-5)).toBe('3.46e-05');
    expect(formatPValue(1e-300)).toBe('< 2e-16');
  });

  it('calls a column numeric when all its values are numbers', () => {
    expect(numericColumns({ columns: ['a', 'b', 'c', 'd'], rows: [['x', 1, null, 1], ['y', null, null, 'z']] })).toEqual([false, true, false, false]);
  });

  it('exports in the format asked', () => {
    const small: ExportTable = { columns: ['x'], rows: [[1.5]] };
    expect(exportTable(small, 'tsv')).toBe('x\n1.5\n');
    expect(exportTable(small, 'text')).toBe('  x\n1.5\n');
    expect(exportTable(small, 'latex')).toContain('\\begin{tabular}{r}');
    expect(exportTable(small, 'html')).toContain('<td style="text-align: right">1.5</td>');
  });
});
