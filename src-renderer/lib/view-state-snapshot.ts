import type { ModelInfo, ModelKind } from '@shared/models';
import { VIEW_STATE_MAX_ENTRIES, VIEW_STATE_MAX_TEXT, type DraftState, type GridPosition, type ViewState } from '@shared/view-state';

/**
 * What of the window goes into a project's view state, as plain functions of
 * what the stores hold (view-state.svelte.ts reads the stores and writes the
 * result): only datasets still in the project, and only drafts that hold work
 * a person would lose, i.e. not empty and not the model already fitted.
 */
export interface DraftLike {
  kind: ModelKind;
  reml: boolean;
  text: string;
  subset: string;
  /** glmer's family, link and nAGQ. */
  glmer?: DraftState['glmer'];
  /** The request the draft would send; null while its formula does not parse. */
  request: { kind: ModelKind; formula: string; reml: boolean; subset?: string } | null;
}

export interface WindowParts {
  view: ViewState['view'];
  datasetIds: string[];
  /** The dataset shown, if any. */
  datasetId: string | null;
  resultsTab: string | null;
  grids: ReadonlyMap<string, GridPosition>;
  drafts: (datasetId: string) => DraftLike | undefined;
  models: readonly ModelInfo[];
}

export function snapshotOf(parts: WindowParts): ViewState {
  const datasets = parts.datasetIds.slice(0, VIEW_STATE_MAX_ENTRIES);
  const grids: Record<string, GridPosition> = {};
  const drafts: Record<string, DraftState> = {};
  for (const id of datasets) {
    const position = parts.grids.get(id);
    if (position) grids[id] = position;
    const draft = parts.drafts(id);
    if (draft && isUnfitted(draft, id, parts.models) && draft.text.length <= VIEW_STATE_MAX_TEXT && draft.subset.length <= VIEW_STATE_MAX_TEXT) {
      drafts[id] = { kind: draft.kind, reml: draft.reml, text: draft.text, subset: draft.subset, ...(draft.kind === 'glmer' && draft.glmer ? { glmer: { ...draft.glmer } } : {}) };
    }
  }
  const datasetId = parts.datasetId !== null && datasets.includes(parts.datasetId) ? parts.datasetId : null;
  return { view: parts.view, datasetId, resultsTab: parts.resultsTab, grids, drafts };
}

/** A draft with something in it that no stored model of its dataset already is. */
export function isUnfitted(draft: DraftLike, datasetId: string, models: readonly ModelInfo[]): boolean {
  if (draft.text.trim() === '' && draft.subset.trim() === '') return false;
  const request = draft.request;
  if (!request) return true;
  return !models.some(
    (m) =>
      m.datasetId === datasetId &&
      m.spec.kind === request.kind &&
      m.spec.formula === request.formula &&
      m.spec.reml === request.reml &&
      (m.spec.subset ?? '') === (request.subset ?? ''),
  );
}
