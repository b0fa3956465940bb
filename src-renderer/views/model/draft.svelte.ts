import type { GlmerFamily, GlmerLink, ModelKind, ModelSpec } from '@shared/models';
import { printFormula } from '@shared/formula/print-formula';
import { DEFAULT_GLMER, withFamily, type GlmerChoices } from './glmer-options';
import { EMPTY_SPEC, isMixed, lmListText, readFormula, switchKind, writeSpec, type BuilderSpec, type FormulaProblem, type FormulaReading, type RandomSpec } from './builder';

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
  /** lmList's grouping factor as the formula writes it ('' while none is chosen). */
  group = $state('');
  /** glmer's family, link and nAGQ (kept while another kind is chosen). */
  glmer = $state<GlmerChoices>({ ...DEFAULT_GLMER });
  /** The largest nAGQ the formula allows (set by the view from agqAvailability); a larger choice fits with 1. */
  agqMax = $state(25);
  /** Random terms put aside by switching to lm or lmList, brought back by switching to lmer. */
  private stashedRandom: RandomSpec[] = [];
  /** Why the last edit of the controls could not be written as a formula. */
  specProblem = $state<FormulaProblem | null>(null);

  reading: FormulaReading = $derived(readFormula(this.text, this.kind));

  /** The text parses but the controls cannot show it (they keep the last formula they could). */
  detached = $derived(this.reading.state === 'ok' && this.reading.spec === null);

  /** The request for jobs.start, or null while the formula does not parse. */
  request: ModelSpec | null = $derived.by(() => {
    if (this.reading.state !== 'ok') return null;
    const subset = this.subset.trim();
    let formula = printFormula(this.reading.parsed);
    if (this.kind === 'lmList') {
      // Without its grouping factor an lmList is not a model yet; the checks say so.
      if (!this.reading.group) return null;
      formula = lmListText(formula, this.reading.group);
    }
    const glmer = this.kind === 'glmer' ? { family: this.glmer.family, link: this.glmer.link, nAGQ: this.glmer.nAGQ > this.agqMax ? 1 : this.glmer.nAGQ } : {};
    return { kind: this.kind, formula, reml: this.reml, ...(subset ? { subset } : {}), ...glmer };
  });

  setFamily(family: GlmerFamily): void {
    this.glmer = withFamily(this.glmer, family);
  }

  setLink(link: GlmerLink): void {
    this.glmer = { ...this.glmer, link };
  }

  setAgq(nAGQ: number): void {
    this.glmer = { ...this.glmer, nAGQ };
  }

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
    if (written.text !== null) this.text = this.kind === 'lmList' && this.group ? lmListText(written.text, this.group) : written.text;
    else if (this.reading.state !== 'error') this.text = '';
  }

  /** lmList's grouping factor chosen with the controls ('' for none): the formula's "| group" follows. */
  setGroup(group: string): void {
    this.group = group;
    this.edit(this.spec);
  }

  /** An edit of the formula text; the controls follow when they can show it. */
  type(text: string): void {
    this.text = text;
    this.specProblem = null;
    // Typed random terms replace any set aside by a switch to lm.
    this.stashedRandom = [];
    const reading = this.reading;
    if (reading.state !== 'ok') return;
    if (this.kind === 'lmList') this.group = reading.group ?? '';
    if (!reading.spec) return;
    this.spec = reading.spec;
    if (reading.parsed.random.length > 0 && !isMixed(this.kind)) this.kind = 'lmer';
  }

  /** Another kind of model from the same response and predictors; the formula is rewritten for it. */
  setKind(kind: ModelKind, isVariable: (name: string) => boolean = () => true): void {
    if (kind === this.kind) return;
    // A formula with an error, or one the controls cannot show, is the person's typing: it stays as typed.
    const typed = this.reading.state === 'error' || this.detached;
    const before = this.kind;
    const next = switchKind({ kind: this.kind, spec: this.spec, group: this.group, stashed: this.stashedRandom }, kind, isVariable);
    this.kind = next.kind;
    this.group = next.group;
    this.stashedRandom = next.stashed;
    // lmList's "| group" comes and goes with the kind; other kinds rewrite only what changed.
    if (!typed && (next.spec !== this.spec || before === 'lmList' || kind === 'lmList')) this.edit(next.spec);
  }

  reset(): void {
    this.stashedRandom = [];
    this.specProblem = null;
    this.spec = EMPTY_SPEC;
    this.text = '';
    this.subset = '';
    this.group = '';
  }

  /** Starts from a stored model: its formula, kind, estimation and subset. */
  load(spec: ModelSpec): void {
    this.kind = spec.kind;
    this.reml = spec.reml;
    this.subset = spec.subset ?? '';
    if (spec.kind === 'glmer' && spec.family) {
      this.glmer = { family: spec.family, link: spec.link ?? withFamily(DEFAULT_GLMER, spec.family).link, nAGQ: spec.nAGQ ?? 1 };
    }
    this.type(spec.formula);
  }
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- on purpose not reactive: each Draft is, and the map is only ever read during rendering
const drafts = new Map<string, Draft>();

/** The draft of a dataset, made on first use; a plain map, so asking never writes reactive state. */
export function draftFor(datasetId: string): Draft {
  let d = drafts.get(datasetId);
  if (!d) {
    // Made under its own root: created while the Model view renders, its deriveds would
    // otherwise belong to that view and stop updating once the view closes (the draft
    // outlives it; a fit switches to Results), leaving stale checks behind.
    let made: Draft | undefined;
    $effect.root(() => {
      made = new Draft();
    });
    d = made!;
    drafts.set(datasetId, d);
  }
  return d;
}

/** The draft of a dataset if one was started (the view state saves those); never makes one. */
export function existingDraft(datasetId: string): Draft | undefined {
  return drafts.get(datasetId);
}
