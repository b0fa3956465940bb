import { parseArgs } from 'node:util';
import { AppError } from '@shared/errors';
import type { Recipe } from '@shared/recipes';

/**
 * The command line of `nestor`. Its flags are the interface the project's
 * parity checks drive, so they are kept exactly as the data issue lists them.
 */
export type Command = 'fit' | 'lmlist' | 'compare';

export interface CliOptions {
  command: Command;
  data: string;
  /** The data's name in printed calls (R's `data = Exam`); defaults to the file name without extension. */
  dataName: string;
  factors: string[];
  levels: Record<string, string[]>;
  naStrings: string[];
  delimiter?: ',' | ';' | '\t' | 'whitespace';
  recipes: Recipe[];
  subset: string | null;
  formulas: string[];
  reml: boolean;
  family: string | null;
  link: string | null;
  nagq: number | null;
  ddf: 'satterthwaite' | 'kenward-roger' | null;
  confint: 'wald' | 'profile' | 'boot' | null;
  nsim: number | null;
  seed: number | null;
  json: boolean;
}

export const USAGE = `usage:
  nestor fit     --data FILE --formula 'y ~ x + (x | g)' [options]
  nestor lmlist  --data FILE --formula 'y ~ x | g' [options]
  nestor compare --data FILE --formula A --formula B [...] [options]

data:
  --data FILE              CSV, TSV, whitespace-separated text (as R's read.table(header = TRUE)) or XLSX
  --data-name NAME         the data's name in printed calls (default: the file name)
  --factor COL             read COL as a factor even if it holds numbers (repeatable)
  --levels COL=a,b,...     level order of COL; the first level is the reference (repeatable)
  --na CODE                also read CODE as missing (repeatable)
  --delimiter D            , ; tab whitespace (default: from the file)
  --compute 'NAME = EXPR'  a derived variable, e.g. 'fail = ifelse(math < -10, 1, 0)' (repeatable, in order)
  --subset 'EXPR'          rows to keep, e.g. 'school != 48'

model:
  --formula F              the model formula (lme4 syntax); repeat it for compare
  --reml | --ml            mixed models: REML (default) or maximum likelihood
  --family F --link L      GLMM family (binomial, poisson) and link
  --nagq K                 GLMM: 1 Laplace (default), 2..25 adaptive Gauss-Hermite points, 0 stage 1 only
  --ddf satterthwaite|kenward-roger   denominator df for mixed-model t tests
  --confint wald|profile|boot         confidence intervals  [--nsim N --seed S]

output:
  --json                   JSON with the fields of the reference results instead of R's printed text
  --help                   this text

exit status: 0 on success, 2 on bad input (the message on stderr names the problem).`;

export function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' },
        'data-name': { type: 'string' },
        factor: { type: 'string', multiple: true },
        levels: { type: 'string', multiple: true },
        na: { type: 'string', multiple: true },
        delimiter: { type: 'string' },
        compute: { type: 'string', multiple: true },
        subset: { type: 'string' },
        formula: { type: 'string', multiple: true },
        reml: { type: 'boolean' },
        ml: { type: 'boolean' },
        family: { type: 'string' },
        link: { type: 'string' },
        nagq: { type: 'string' },
        ddf: { type: 'string' },
        confint: { type: 'string' },
        nsim: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new AppError('bad-input', (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  const command = positionals[0];
  if (command !== 'fit' && command !== 'lmlist' && command !== 'compare') {
    throw new AppError('bad-input', command === undefined ? 'Say what to do: fit, lmlist or compare.' : `Unknown command "${command}": use fit, lmlist or compare.`);
  }
  if (positionals.length > 1) throw new AppError('bad-input', `Unexpected argument "${positionals[1]}".`);
  if (!values.data) throw new AppError('bad-input', 'Name the data file with --data FILE.');
  const formulas = values.formula ?? [];
  if (formulas.length === 0) throw new AppError('bad-input', "Give the model with --formula, e.g. --formula 'normexam ~ standLRT'.");
  if (command !== 'compare' && formulas.length > 1) throw new AppError('bad-input', `${command} takes one --formula; compare takes several.`);
  if (command === 'compare' && formulas.length < 2) throw new AppError('bad-input', 'compare needs at least two --formula options.');
  if (values.reml && values.ml) throw new AppError('bad-input', 'Choose one of --reml and --ml.');

  return {
    command,
    data: values.data,
    dataName: values['data-name'] ?? stem(values.data),
    factors: values.factor ?? [],
    levels: parseLevels(values.levels ?? []),
    naStrings: values.na ?? [],
    delimiter: parseDelimiter(values.delimiter),
    recipes: (values.compute ?? []).map(parseCompute),
    subset: values.subset ?? null,
    formulas,
    reml: !values.ml,
    family: values.family ?? null,
    link: values.link ?? null,
    nagq: values.nagq === undefined ? null : nagq(values.nagq),
    ddf: oneOf('--ddf', values.ddf, ['satterthwaite', 'kenward-roger'] as const),
    confint: oneOf('--confint', values.confint, ['wald', 'profile', 'boot'] as const),
    nsim: values.nsim === undefined ? null : positiveInteger('--nsim', values.nsim),
    seed: values.seed === undefined ? null : integer('--seed', values.seed),
    json: values.json ?? false,
  };
}

function parseLevels(specs: string[]): Record<string, string[]> {
  const levels: Record<string, string[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new AppError('bad-input', `--levels "${spec}" should look like COL=a,b,c.`);
    levels[spec.slice(0, eq).trim()] = spec
      .slice(eq + 1)
      .split(',')
      .map((s) => s.trim());
  }
  return levels;
}

function parseCompute(text: string): Recipe {
  const match = /^\s*(`[^`]+`|[A-Za-z.][A-Za-z0-9._]*)\s*=(?!=)\s*([\s\S]+)$/.exec(text);
  if (!match) throw new AppError('bad-input', `--compute "${text}" should look like 'name = expression'.`);
  const name = match[1].startsWith('`') ? match[1].slice(1, -1) : match[1];
  return { kind: 'compute', name, expression: match[2].trim() };
}

function parseDelimiter(value: string | undefined): CliOptions['delimiter'] {
  if (value === undefined) return undefined;
  const map: Record<string, CliOptions['delimiter']> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', whitespace: 'whitespace' };
  const d = map[value];
  if (!d) throw new AppError('bad-input', `--delimiter must be one of , ; tab whitespace (got "${value}").`);
  return d;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | null {
  if (value === undefined) return null;
  if (!(allowed as readonly string[]).includes(value)) throw new AppError('bad-input', `${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

function integer(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new AppError('bad-input', `${flag} must be a whole number (got "${value}").`);
  return n;
}

function positiveInteger(flag: string, value: string): number {
  const n = integer(flag, value);
  if (n < 1) throw new AppError('bad-input', `${flag} must be at least 1 (got ${n}).`);
  return n;
}

/** lme4's nAGQ: 0 (stage 1 only), 1 (Laplace) or up to 25 quadrature points. */
function nagq(value: string): number {
  const n = integer('--nagq', value);
  if (n < 0 || n > 25) throw new AppError('bad-input', `--nagq must be 0 … 25, as lme4 allows (got ${n}).`);
  return n;
}

function stem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
