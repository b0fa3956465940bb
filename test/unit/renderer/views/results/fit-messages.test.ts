import { describe, expect, it } from 'vitest';
import { sortMessages } from '../../../../../src-renderer/views/results/fit-messages';

describe('sortMessages', () => {
  it('puts the singular-fit explanation in its own box and rows dropped among the notes', () => {
    const finding =
      'The sexM slope by school has a variance of ≈ 0 once the other effects of school are allowed for: 0.00087 (SD 0.03, against a residual variance of 0.55), and its correlations (-0.8 with (Intercept), 0.1 with standLRT) make it a combination of them, so this term is not supported by these data.';
    const suggestions = 'Simpler random effects to try: (standLRT | school), without the sex effect; (standLRT + sex || school), the same effects without correlations.';
    const dropped = '3 observations deleted due to missingness (missing values: standLRT 3).';
    const notices = sortMessages([dropped, "boundary (singular) fit: see help('isSingular')", finding, suggestions], true, null);
    expect(notices.singular).toEqual({ findings: [finding], suggestions, lme4: "boundary (singular) fit: see help('isSingular')" });
    expect(notices.notes).toEqual([dropped]);
    expect(notices.warnings).toEqual([]);
  });

  it('makes convergence problems warnings, and a stopped optimiser one too', () => {
    const grad = 'Model failed to converge with max|grad| = 0.00312 (tol = 0.002, component 1)';
    const notices = sortMessages([grad], false, 'maximum number of evaluations reached');
    expect(notices.singular).toBeNull();
    expect(notices.warnings).toEqual([
      'The optimiser stopped before it converged (maximum number of evaluations reached); the estimates may not be the best ones.',
      grad,
    ]);
  });

  it('shows the singular box for a singular fit even without the engine’s explanation', () => {
    expect(sortMessages([], true, null).singular).toEqual({ findings: [], suggestions: null, lme4: null });
  });
});
