import type { DatasetInfo, SampleInfo } from '@shared/dataset';
import type { Expr } from '@shared/expr/ast';
import { AppError } from '@shared/errors';
import { parseLmListFormula } from '@shared/formula/lm-list';
import { GLMER_LINKS, type ModelInfo } from '@shared/models';
import type { Recipe } from '@shared/recipes';
import { importedOf, inNumberOrder, settingOf } from '@shared/variables';

/**
 * An R script that reproduces a model in lme4 (lmList in nlme, whose
 * intervals() the course uses): the data read as R reads the dataset's file,
 * its factors with the level orders Nestor imported, the variable settings
 * (new names, types, level orders: the levels decide the reference levels,
 * hence the coefficients), its recipes in order, then the fit and its
 * summary. Recipe expressions, formulas and subsets are already R syntax, so
 * they are written as they are stored.
 */
export function rCode(dataset: DatasetInfo, recipes: readonly Recipe[], model: ModelInfo, samples: readonly SampleInfo[]): string {
  const file = dataSource(dataset.source, samples);
  const object = makeName(model.name);
  const lines = [
    `# Model ${model.name} of Nestor, fitted with ${model.spec.kind === 'lmList' ? 'nlme' : 'lme4'} in R.`,
    `# Data ${dataset.name}, read from ${file}: run this in the folder that holds it.`,
    `d <- ${readCall(file)}`,
  ];

  const factors = dataset.columns.map(importedOf).filter((c) => c.kind === 'factor');
  if (factors.length) {
    lines.push('', '# Factors with the level orders Nestor uses (the first is the reference level).');
    for (const column of factors) {
      const target = columnRef(column.name);
      lines.push(`${target} <- factor(${target}, levels = c(${(column.levels ?? []).map(rString).join(', ')}))`);
    }
  }

  const settings = settingLines(dataset);
  if (settings.length) lines.push('', '# Variable settings made in Nestor (new names, types, level orders).', ...settings);

  if (recipes.length) {
    lines.push('', '# Recipes, in order.');
    for (const recipe of recipes) {
      lines.push(
        recipe.kind === 'compute'
          ? `${columnRef(recipe.name)} <- with(d, ${recipe.expression})`
          : `d <- subset(d, ${recipe.expression})`,
      );
    }
  }

  const spec = model.spec;
  if (spec.kind === 'lmList') return [...lines, '', ...lmListLines(spec.formula, spec.subset, object, dataset, recipes)].join('\n') + '\n';
  const args = [spec.formula, 'data = d'];
  if (spec.kind === 'lmer' && !spec.reml) args.push('REML = FALSE');
  if (spec.kind === 'glmer' && spec.family) {
    // The link and nAGQ are written out even at their defaults, so the script shows every choice made.
    args.push(`family = ${spec.family}(link = "${spec.link ?? GLMER_LINKS[spec.family][0]}")`, `nAGQ = ${spec.nAGQ ?? 1}`);
  }
  if (spec.subset) args.push(`subset = ${spec.subset}`);
  lines.push('', 'library(lme4)', `${object} <- ${spec.kind}(${args.join(', ')})`, `summary(${object})`);
  return lines.join('\n') + '\n';
}

/**
 * The settings as R assignments, column by column: the rename first (imported
 * names are never reused, so renames cannot catch another column), then the
 * type and level order under the new name.
 */
function settingLines(dataset: DatasetInfo): string[] {
  const lines: string[] = [];
  for (const column of dataset.columns) {
    const setting = settingOf(column);
    const imported = importedOf(column);
    if (setting.rename !== undefined) lines.push(`names(d)[names(d) == ${rString(imported.name)}] <- ${rString(setting.rename)}`);
    const target = columnRef(column.name);
    const levels = column.levels ?? [];
    if (setting.kind === 'numeric') {
      lines.push(`${target} <- as.numeric(as.character(${target}))`);
    } else if (setting.kind === 'factor') {
      lines.push(`${target} <- ${inNumberOrder(levels) ? `factor(${target})` : levelsCall(target, levels)}`);
    } else if (setting.levels !== undefined) {
      const rest = (imported.levels ?? []).filter((l) => l !== levels[0]);
      // One level moved to the front is what relevel() does; any other order is spelt out.
      const relevel = rest.length === levels.length - 1 && rest.every((l, i) => l === levels[i + 1]);
      lines.push(`${target} <- ${relevel ? `relevel(${target}, ref = ${rString(levels[0])})` : levelsCall(target, levels)}`);
    }
  }
  return lines;
}

function levelsCall(target: string, levels: readonly string[]): string {
  return `factor(${target}, levels = c(${levels.map(rString).join(', ')}))`;
}

/**
 * nlme's lmList, its printout and intervals(). lmList stops at any missing value
 * (na.action = na.fail), where Nestor leaves out the rows that miss a model
 * variable, so the script does that first when a variable may have missing values.
 */
function lmListLines(formula: string, subset: string | undefined, object: string, dataset: DatasetInfo, recipes: readonly Recipe[]): string[] {
  const { formula: regression, group } = parseLmListFormula(formula);
  const names = [regression.response, ...regression.variables, ...regression.offsets].flatMap((e) => (e ? namesIn(e) : []));
  const used = [...new Set([...names, group])];
  const computed = new Set(recipes.flatMap((r) => (r.kind === 'compute' ? [r.name] : [])));
  const missing = used.some((n) => computed.has(n) || (dataset.columns.find((c) => c.name === n)?.missing ?? 0) > 0);
  const out: string[] = [];
  if (missing) {
    out.push(
      '# lmList stops at missing values; Nestor leaves out the rows that miss a model variable.',
      `d <- d[complete.cases(d[c(${used.filter((n) => computed.has(n) || dataset.columns.some((c) => c.name === n)).map(rString).join(', ')})]), ]`,
      '',
    );
  }
  const args = [formula, 'data = d', ...(subset ? [`subset = ${subset}`] : [])];
  out.push('library(nlme)', `${object} <- lmList(${args.join(', ')})`, object, `intervals(${object})`);
  return out;
}

/** The variable names an expression reads (function names are not variables). */
function namesIn(e: Expr): string[] {
  switch (e.type) {
    case 'name':
      return [e.name];
    case 'paren':
      return namesIn(e.inner);
    case 'unary':
      return namesIn(e.arg);
    case 'binary':
      return [...namesIn(e.left), ...namesIn(e.right)];
    case 'call':
      return e.args.flatMap((a) => namesIn(a.value));
    default:
      return [];
  }
}

const RESERVED = new Set([
  'if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA',
  'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_', 'in',
]);

/** R's make.names: other characters become dots, an "X" goes before a non-letter start, reserved words get a dot. */
export function makeName(name: string): string {
  let made = name.replace(/[^\p{L}\p{N}._]/gu, '.');
  if (!/^(\p{L}|[.](?!\p{N}))/u.test(made)) made = `X${made}`;
  return RESERVED.has(made) ? `${made}.` : made;
}

/** A column of d as R code: d$school, or d$`final score` when the name is not syntactic. */
function columnRef(name: string): string {
  return `d$${makeName(name) === name ? name : `\`${name.replace(/[`\\]/g, '\\$&')}\``}`;
}

/** A double-quoted R string literal. */
function rString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** The file to read: the source itself, or a sample's file under resources/sample-data. */
function dataSource(source: string, samples: readonly SampleInfo[]): string {
  const match = /^sample: (.*)$/.exec(source);
  if (!match) return source;
  const sample = samples.find((s) => s.title === match[1]);
  if (!sample) throw new AppError('not-found', `The R code cannot be written: the sample "${match[1]}" is not one of this version's samples.`);
  return sample.file;
}

/** How R reads the file, by its extension as Nestor's import chooses the format. */
function readCall(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const path = rString(file);
  switch (ext) {
    case 'csv':
      return `read.csv(${path})`;
    case 'tsv':
      return `read.delim(${path})`;
    case 'xlsx':
      // A plain data frame, so that d$x <- … and subset() behave as on the other formats.
      return `as.data.frame(readxl::read_excel(${path}))`;
    default:
      return `read.table(${path}, header = TRUE)`;
  }
}
