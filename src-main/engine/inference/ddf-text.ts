import type { DdfTests } from '@shared/inference';
import { formatAnova } from '../print/anova';
import { printCoefmat } from '../print/coefmat';

/**
 * What lmerTest prints for t and F tests with approximate denominator df: the
 * "Fixed effects:" block of print(summary(m)) (printCoefmat with digits 4 over
 * Estimate, Std. Error, df, t value, Pr(>|t|)), a blank line, then print(anova(m))
 * ("Type III Analysis of Variance Table with Satterthwaite's method" and its table,
 * digits 5). Character for character as lmerTest 3.1-3 under R 4.2 writes them.
 */
export interface DdfTextOptions {
  /** Curly quotes in the significance legend, as R prints them in a UTF-8 console. */
  fancyQuotes?: boolean;
  width?: number;
  /** The method's name as the anova heading says it; by default from `tests.method`. */
  methodName?: string;
  /** The anova's type, as its heading says it ("Type III"). */
  anovaType?: string;
  /** Terms lmerTest could not test (untestableTerms): printed as blank rows after the others, as R prints their NA. */
  untestableTerms?: readonly string[];
}

const METHOD_NAMES: Record<DdfTests['method'], string> = { satterthwaite: "Satterthwaite's", 'kenward-roger': "Kenward-Roger's" };
const ANOVA_COLUMNS = ['Sum Sq', 'Mean Sq', 'NumDF', 'DenDF', 'F value', 'Pr(>F)'];

export function formatDdfText(tests: Omit<DdfTests, 'text' | 'messages'>, options: DdfTextOptions = {}): string {
  return formatFixedEffects(tests, options) + '\n' + formatDdfAnova(tests, options);
}

/** The "Fixed effects:" block of lmerTest's summary. */
export function formatFixedEffects(tests: Pick<DdfTests, 'names' | 'estimate' | 'se' | 'df' | 't' | 'p'>, options: DdfTextOptions = {}): string {
  const table = {
    rowNames: tests.names,
    colNames: ['Estimate', 'Std. Error', 'df', 't value', 'Pr(>|t|)'],
    columns: [tests.estimate, tests.se, tests.df, tests.t, tests.p],
  };
  return 'Fixed effects:\n' + printCoefmat(table, { digits: 4, fancyQuotes: options.fancyQuotes, width: options.width });
}

/** print(anova(m)) of lmerTest: its heading, then the table (only the header when there are no terms). */
export function formatDdfAnova(tests: Pick<DdfTests, 'method' | 'anova'>, options: DdfTextOptions = {}): string {
  const heading = `${options.anovaType ?? 'Type III'} Analysis of Variance Table with ${options.methodName ?? METHOD_NAMES[tests.method]} method`;
  const untestable = options.untestableTerms ?? [];
  const rows = [...tests.anova, ...untestable.map((term) => ({ term, sumSq: null, meanSq: null, numDf: null, denDf: null, F: null, p: null }))];
  // R prints a matrix without rows as its column names after five spaces.
  if (rows.length === 0) return `${heading}\n     ${ANOVA_COLUMNS.join(' ')}\n`;
  const column = (key: 'sumSq' | 'meanSq' | 'numDf' | 'denDf' | 'F' | 'p') => rows.map((r) => r[key]);
  const table = {
    rowNames: rows.map((r) => r.term),
    colNames: ANOVA_COLUMNS,
    columns: [column('sumSq'), column('meanSq'), column('numDf'), column('denDf'), column('F'), column('p')],
  };
  return formatAnova([heading], table, { fancyQuotes: options.fancyQuotes });
}
