import type { ImportWarning } from './read-data-file';

/**
 * Column names from the header line. Names are kept exactly as written: R's
 * read.csv would pass them through make.names ("stand LRT" → "stand.LRT",
 * "2010" → "X2010"), but Nestor's formulas quote names with backticks the way R
 * does for non-syntactic names, so the person sees the names of their own file.
 * Only empty and duplicated names are changed, each with a warning.
 */
export function columnNames(raw: readonly string[], headerLine: number, fileName: string, warnings: ImportWarning[]): string[] {
  const filled = raw.map((name, j) => {
    if (name.length > 0) return name;
    const made = `V${j + 1}`;
    warnings.push({
      message: `${fileName}: line ${headerLine}, column ${j + 1} has no name in the header; it is called "${made}".`,
      line: headerLine,
      column: j + 1,
    });
    return made;
  });
  const unique = makeUnique(filled);
  for (let j = 0; j < unique.length; j++) {
    if (unique[j] !== filled[j]) {
      warnings.push({
        message: `${fileName}: line ${headerLine}, column ${j + 1}: the name "${filled[j]}" is used before; this column is called "${unique[j]}".`,
        line: headerLine,
        column: j + 1,
      });
    }
  }
  return unique;
}

/** R's names for the columns of a file read with header = FALSE: V1, V2, …. */
export function positionalNames(count: number): string[] {
  return Array.from({ length: count }, (_, j) => `V${j + 1}`);
}

/**
 * R's make.unique with sep ".": the first occurrence keeps its name, later ones get
 * ".1", ".2", … skipping any name already present (make.unique(c("a","a","a.1"))
 * is "a" "a.2" "a.1").
 */
export function makeUnique(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = nextSuffix.get(name) ?? 1;
    while (taken.has(`${name}.${k}`)) k++;
    const made = `${name}.${k}`;
    taken.add(made);
    nextSuffix.set(name, k + 1);
    return made;
  });
}
