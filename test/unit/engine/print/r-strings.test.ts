import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { abbreviate, makeNames, makeUnique } from '../../../../src-main/engine/print/r-strings';

/** R 4.2.2's abbreviate() and make.names(): test/fixtures/tools/make-lmer-print-fixtures.R. */
const cases = JSON.parse(readFileSync(new URL('../../../fixtures/print/lmer/abbreviate-cases.json', import.meta.url), 'utf8')) as {
  abbreviate: { minlength: number; names: string[]; out: string[]; strict: string[] }[];
  make_names: { names: string[]; out: string[] };
};

describe('abbreviate: R’s abbreviations, name for name', () => {
  it.each(cases.abbreviate.map((c) => [c.minlength, c] as const))('minlength %i, lengthened until unique', (minlength, c) => {
    expect(abbreviate(c.names, minlength)).toEqual(c.out);
  });

  it.each(cases.abbreviate.map((c) => [c.minlength, c] as const))('minlength %i, strict', (minlength, c) => {
    expect(abbreviate(c.names, minlength, { strict: true })).toEqual(c.strict);
  });

  it('gives lme4’s correlation labels: vowels from the end first, then lower-case letters', () => {
    expect(abbreviate(['(Intercept)', 'standLRT', 'sexM'], 6)).toEqual(['(Intr)', 'stnLRT', 'sexM']);
    expect(abbreviate(['intakemid 50%', 'intaketop 25%', 'schgendgirls'], 11)).toEqual(['intakemd50%', 'intaketp25%', 'schgendgrls']);
  });
});

describe('make.names and make.unique', () => {
  it('makes VarCorr’s labels as R does', () => {
    expect(makeNames(cases.make_names.names, true)).toEqual(cases.make_names.out);
  });

  it('numbers repeated names, skipping suffixes already taken', () => {
    expect(makeUnique(['g', 'g', 'g.1', 'g'])).toEqual(['g', 'g.2', 'g.1', 'g.3']);
  });
});
