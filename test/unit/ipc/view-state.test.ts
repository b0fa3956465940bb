import { describe, expect, it } from 'vitest';
import type { ViewState } from '@shared/view-state';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlersFor } from '../../../src-main/ipc/handlers';
import { testSessions } from '../helpers/sessions';

const { newSession } = testSessions('view-state');

const state: ViewState = { view: 'model', datasetId: null, resultsTab: 'summaries', grids: {}, drafts: {} };

describe('the project.viewState and project.saveViewState channels', () => {
  it('store the state in the open project quietly: no project.changed, nothing unsaved', async () => {
    const events: string[] = [];
    const session = newSession(events);
    const handlers = handlersFor(session);
    expect(await dispatch(handlers, 'project.viewState', {})).toEqual({ ok: true, value: null });
    const saved = await dispatch(handlers, 'project.saveViewState', { projectId: session.project.id, state });
    expect(saved).toEqual({ ok: true, value: { saved: true } });
    expect(await dispatch(handlers, 'project.viewState', {})).toEqual({ ok: true, value: state });
    expect(events).toEqual([]);
    expect(session.project.state().dirty).toBe(false);
  });

  it('drop a state meant for a project that is no longer open', async () => {
    const session = newSession([]);
    const handlers = handlersFor(session);
    const before = session.project.id;
    session.newProject();
    const late = await dispatch(handlers, 'project.saveViewState', { projectId: before, state });
    expect(late).toEqual({ ok: true, value: { saved: false } });
    expect(session.project.viewState()).toBeNull();
  });

  it('refuse a state that does not have the contract shape, saying where', async () => {
    const session = newSession([]);
    const handlers = handlersFor(session);
    const projectId = session.project.id;
    const bad = await dispatch(handlers, 'project.saveViewState', { projectId, state: { ...state, view: 'explore' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('state.view') } });
    const negative = await dispatch(handlers, 'project.saveViewState', {
      projectId,
      state: { ...state, grids: { 'ds-1': { row: -5, column: 0 } } },
    });
    expect(negative).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('state.grids.ds-1.row') } });
    expect(session.project.viewState()).toBeNull();
  });
});
