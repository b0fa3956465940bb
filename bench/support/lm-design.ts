import type { Column } from '../../src-main/engine/data/column';
import type { LmDesign } from '../../src-main/engine/lm/fit-lm';
import { LM_TRUTH } from './datasets';

/**
 * The model matrix of y ~ x1 + … + x8 + g, built by hand the way R's model.matrix builds
 * it: an intercept, the eight numeric columns, and a 0/1 column for each level of g but
 * the first (treatment contrasts, named "g" + level). The bench data has no missing values.
 * By hand rather than through src-main/engine/model, which was being written alongside
 * this bench; its formula → model frame → design path can replace this function.
 */
export function lmDesign(columns: readonly Column[]): { design: LmDesign; y: Float64Array } {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const numeric = (name: string): Float64Array => {
    const c = byName.get(name);
    if (!c || c.kind === 'factor') throw new Error(`the bench data has no numeric column ${name}`);
    return c.values;
  };
  const y = numeric('y');
  const xs = LM_TRUTH.slopes.map((_, j) => numeric(`x${j + 1}`));
  const g = byName.get('g');
  if (!g || g.kind !== 'factor') throw new Error('the bench data has no factor g');
  const n = y.length;
  const names = ['(Intercept)', ...xs.map((_, j) => `x${j + 1}`), ...g.levels.slice(1).map((level) => `g${level}`)];
  const p = names.length;
  const X = new Float64Array(n * p);
  X.fill(1, 0, n);
  xs.forEach((x, j) => X.set(x, (1 + j) * n));
  const firstDummy = 1 + xs.length;
  const codes = g.codes;
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    if (code > 0) X[(firstDummy + code - 1) * n + i] = 1;
  }
  return { design: { X, n, p, names }, y };
}
