import type { ModelKind, ModelSpec } from '@shared/models';
import { printFormula } from '@shared/formula/print-formula';
import { EMPTY_SPEC, readFormula, writeSpec, type BuilderSpec, type FormulaProblem, type FormulaReading, type RandomSpec } from './builder';

/**
 * The model being built for one dataset. The controls and the formula text are
 * two views of it: an edit of the controls rewrites the text, and text that
 * parses into something the controls can show moves the controls. It lives
 * outside the view so that leaving the Model view keeps the work.
 */
export class Draft {
  kind = $state<ModelKind>('lmer');
  reml = $state(true);
  spec = $state.raw<BuilderSpec>(EMPTY_SPEC);
  text = $state('');
  subset = $state('');
  /** Random terms put aside by switching to lm, brought back by switching to lmer. */
  private stashedRandom: RandomSpec[] = [];
  /** Why the last edit of the controls could not be written as a formula. */
  specProblem = $state<FormulaProblem | null>(null);

  reading: FormulaReading = $derived(readFormula(this.text));

  /** The text parses but the controls cannot show it (they keep the last formula they could). */
  detached = $derived(this.reading.state === 'ok' && this.reading.spec === null);

  /** The request for jobs.start, or null while the formula does not parse. */
  request: ModelSpec | null = $derived.by(() => {
    if (this.reading.state !== 'ok') return null;
    const subset = this.subset.trim();
    return { kind: this.kind, formula: printFormula(this.reading.parsed), reml: this.reml, ...(subset ? { subset } : {}) };
  });

  /** An edit made with the controls. */
  edit(next: BuilderSpec): void {
    const written = writeSpec(next);
    if ('problem' in written) {
      this.specProblem = written.problem;
      this.spec = next;
      return;
    }
    this.specProblem = null;
    this.spec = written.spec;
    if (written.text !== null) this.text = written.text;
    else if (this.reading.state !== 'error') this.text = '';
  }

  /** An edit of the formula text; the controls follow when they can show it. */
  type(text: string): void {
    this.text = text;
    this.specProblem = null;
    // Typed random terms replace any set aside by a switch to lm.
    this.stashedRandom = [];
    const reading = this.reading;
    if (reading.state !== 'ok' || !reading.spec) return;
    this.spec = reading.spec;
    if (reading.parsed.random.length > 0 && this.kind === 'lm') this.kind = 'lmer';
  }

  setKind(kind: ModelKind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    if (kind === 'lm' && this.spec.random.length > 0) {
      this.stashedRandom = this.spec.random;
      this.edit({ ...this.spec, random: [] });
    } else if (kind === 'lmer' && this.spec.random.length === 0 && this.stashedRandom.length > 0) {
      const random = this.stashedRandom;
      this.stashedRandom = [];
      this.edit({ ...this.spec, random });
    }
  }

  reset(): void {
    this.stashedRandom = [];
    this.specProblem = null;
    this.spec = EMPTY_SPEC;
    this.text = '';
    this.subset = '';
  }

  /** Starts from a stored model: its formula, kind, estimation and subset. */
  load(spec: ModelSpec): void {
    this.kind = spec.kind;
    this.reml = spec.reml;
    this.subset = spec.subset ?? '';
    this.type(spec.formula);
  }
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- on purpose not reactive: each Draft is, and the map is only ever read during rendering
const drafts = new Map<string, Draft>();

/** The draft of a dataset, made on first use; a plain map, so asking never writes reactive state. */
export function draftFor(datasetId: string): Draft {
  let d = drafts.get(datasetId);
  if (!d) {
    d = new Draft();
    drafts.set(datasetId, d);
  }
  return d;
}

/** The draft of a dataset if one was started (the view state saves those); never makes one. */
export function existingDraft(datasetId: string): Draft | undefined {
  return drafts.get(datasetId);
}
