import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '@shared/models';
import { ViewState } from '@shared/view-state';
import { isUnfitted, snapshotOf, type DraftLike, type WindowParts } from '../../../../src-renderer/lib/view-state-snapshot';

function draft(text: string, extra: Partial<DraftLike> = {}): DraftLike {
  return { kind: 'lmer', reml: true, text, subset: '', request: text ? { kind: 'lmer', formula: text, reml: true } : null, ...extra };
}

const m1: ModelInfo = {
  id: 'mdl-1',
  datasetId: 'ds-exam',
  name: 'm1',
  spec: { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
  createdAt: '2026-01-01T00:00:00.000Z',
};

function parts(over: Partial<WindowParts> = {}): WindowParts {
  return {
    view: 'results',
    datasetIds: ['ds-exam', 'ds-sleep'],
    datasetId: 'ds-exam',
    resultsTab: 'mdl-1',
    grids: new Map([
      ['ds-exam', { row: 2000, column: 4 }],
      ['ds-gone', { row: 5, column: 0 }],
    ]),
    drafts: () => undefined,
    models: [m1],
    ...over,
  };
}

describe('isUnfitted', () => {
  it('keeps a draft that holds work: a formula not fitted yet, one that does not parse yet, or only a subset', () => {
    expect(isUnfitted(draft('normexam ~ standLRT + (standLRT | school)'), 'ds-exam', [m1])).toBe(true);
    expect(isUnfitted(draft('normexam ~ standLRT +', { request: null }), 'ds-exam', [m1])).toBe(true);
    expect(isUnfitted(draft('', { subset: 'school != 48' }), 'ds-exam', [m1])).toBe(true);
  });

  it('drops an empty draft and one that is exactly a stored model of its dataset', () => {
    expect(isUnfitted(draft(''), 'ds-exam', [m1])).toBe(false);
    expect(isUnfitted(draft('  '), 'ds-exam', [m1])).toBe(false);
    expect(isUnfitted(draft(m1.spec.formula), 'ds-exam', [m1])).toBe(false);
    // The same formula is new for another dataset, fitted by ML, or on a subset.
    expect(isUnfitted(draft(m1.spec.formula), 'ds-sleep', [m1])).toBe(true);
    expect(isUnfitted(draft(m1.spec.formula, { reml: false, request: { kind: 'lmer', formula: m1.spec.formula, reml: false } }), 'ds-exam', [m1])).toBe(true);
    expect(
      isUnfitted(draft(m1.spec.formula, { request: { kind: 'lmer', formula: m1.spec.formula, reml: true, subset: 'school != 48' } }), 'ds-exam', [m1]),
    ).toBe(true);
  });
});

describe('snapshotOf', () => {
  it('takes the view, dataset, tab, grid positions and unfitted drafts of datasets still in the project', () => {
    const drafts = new Map([
      ['ds-exam', draft(m1.spec.formula)],
      ['ds-sleep', draft('Reaction ~ Days + (Days | Subject)', { reml: false })],
      ['ds-gone', draft('y ~ x')],
    ]);
    const state = snapshotOf(parts({ drafts: (id) => drafts.get(id) }));
    expect(state).toEqual({
      view: 'results',
      datasetId: 'ds-exam',
      resultsTab: 'mdl-1',
      grids: { 'ds-exam': { row: 2000, column: 4 } },
      drafts: { 'ds-sleep': { kind: 'lmer', reml: false, text: 'Reaction ~ Days + (Days | Subject)', subset: '' } },
    });
    // What the renderer sends is what the contract accepts.
    expect(ViewState.parse(state)).toEqual(state);
  });

  it('keeps a glmer draft’s family, link and nAGQ', () => {
    const glmer = { family: 'binomial' as const, link: 'probit' as const, nAGQ: 10 };
    const text = 'fail ~ raven + (1 | school)';
    const d = draft(text, { kind: 'glmer', glmer, request: { kind: 'glmer', formula: text, reml: true } });
    const state = snapshotOf(parts({ drafts: (id) => (id === 'ds-sleep' ? d : undefined) }));
    expect(state.drafts).toEqual({ 'ds-sleep': { kind: 'glmer', reml: true, text, subset: '', glmer } });
    expect(ViewState.parse(state)).toEqual(state);
  });

  it('names no dataset when the one shown is not in the project, and no tab when there is none', () => {
    const state = snapshotOf(parts({ datasetId: 'ds-gone', resultsTab: null, view: 'data' }));
    expect(state).toMatchObject({ view: 'data', datasetId: null, resultsTab: null });
  });
});
