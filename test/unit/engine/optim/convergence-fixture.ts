import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** test/fixtures/optim/convergence.json (see test/fixtures/tools/make-convergence-fixtures.R). */
type Num = number | 'NaN' | 'Inf' | '-Inf';

export interface LmeChecks {
  messages: string[];
  warnings: string[];
  notes: string[];
}

interface RawFit {
  formula: string;
  theta: Num[];
  lower: Num[];
  fval: Num;
  feval: number;
  gradient: Num[];
  hessian: Num[];
  conv: LmeChecks;
  deviance_at: { theta: Num[]; value: Num }[];
}
interface RawPoint extends LmeChecks {
  id: string;
  fun: string;
  x: Num[];
  lbound: Num[];
  fx: Num;
  gradient: Num[];
  hessian: Num[];
}
interface RawDerivs extends LmeChecks {
  id: string;
  gradient: Num[];
  hessian: Num[];
  coefs: Num[];
  lbound: Num[];
  relTol: number | null;
}

const raw = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../fixtures/optim/convergence.json'), 'utf8')) as {
  fits: Record<string, RawFit>;
  points: RawPoint[];
  derivs: RawDerivs[];
};

export function num(v: Num): number {
  return v === 'NaN' ? NaN : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v;
}
export const vec = (v: Num[]) => Float64Array.from(v, num);

export const fits = raw.fits;
export const points = raw.points;
export const handDerivs = raw.derivs;
export const point = (id: string) => {
  const p = raw.points.find((q) => q.id === id);
  if (!p) throw new Error(`no fixture point ${id}`);
  return p;
};
