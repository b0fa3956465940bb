import type { DdfMethod, DdfTests } from '@shared/inference';
import type { LmmModel } from '../lmm/model';
import { anovaTable, untestableTerms, type DdfEngine } from './ddf-engine';
import { formatDdfText } from './ddf-text';
import { kenwardRoger } from './kenward-roger';
import { satterthwaiteAsync } from './satterthwaite';
import { typeIIIContrasts } from './type3-contrasts';

export interface DdfTestsOptions {
  checkpoint?: () => Promise<void>;
  onProgress?: (fraction: number, message: string) => void;
}

/**
 * lmerTest's summary(m, ddf = …) t tests and anova(m, type = 3, ddf = …) F tests of an
 * lmer fit at θ, with what lmerTest prints for them. Kenward-Roger of an ML fit is
 * pbkrtest's: the model refitted by REML, which is said among the messages.
 */
export async function ddfTests(model: LmmModel, theta: Float64Array, reml: boolean, method: DdfMethod, options: DdfTestsOptions = {}): Promise<DdfTests> {
  const messages: string[] = [];
  let engine: DdfEngine;
  if (method === 'satterthwaite') engine = await satterthwaiteAsync(model, theta, reml, options);
  else {
    await options.checkpoint?.();
    const kr = kenwardRoger(model, theta, reml);
    if (kr.refitREML) {
      messages.push('Kenward-Roger is defined for REML fits: as pbkrtest does, the model was refitted by REML, and the estimates and standard errors shown are that fit’s.');
    }
    engine = kr;
  }
  messages.push(...(engine.messages ?? []));
  const contrasts = typeIIIContrasts(model, messages);
  const tests = {
    kind: 'ddf' as const,
    method,
    names: engine.names,
    estimate: engine.estimate,
    se: engine.se,
    df: engine.df,
    t: engine.t,
    p: engine.p,
    anova: anovaTable(engine, contrasts),
  };
  return { ...tests, text: formatDdfText(tests, { untestableTerms: untestableTerms(contrasts) }), messages };
}
