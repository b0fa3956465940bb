import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * The Model view, driven as a person would: build the course's m2 by clicking,
 * fit it as a job and land in Results; type a formula and watch the controls
 * follow; make a typo and see where it is; build with the keyboard alone.
 */
let host: RunningHost;
test.beforeAll(async () => {
  // A short pause at every engine checkpoint, so the fit's progress is there to be seen.
  host = await startHost({ env: { NESTOR_ENGINE_TEST_DELAY_MS: '60' } });
});
test.afterAll(async () => {
  await host?.stop();
});

async function openModelView(page: Page): Promise<void> {
  await openWithExam(page, host.url);
  await page.getByTestId('tab-model').click();
  await expect(page.getByTestId('model-view')).toBeVisible();
}

const formula = (page: Page) => page.getByTestId('formula-input');

test('m2 built by clicking, fitted as a job, and shown in Results', async ({ page }) => {
  await openModelView(page);
  await expect(page.getByTestId('fit-model')).toBeDisabled();
  await expect(page.getByTestId('check')).toHaveAttribute('data-id', 'no-formula');
  await screenshot(page, 'model-empty');

  await page.getByTestId('model-var-normexam').click();
  await page.getByTestId('assign-response').click();
  await expect(page.getByTestId('response-chip')).toContainText('normexam');
  await expect(formula(page)).toHaveValue('normexam ~ 1');

  await page.getByTestId('model-var-standLRT').click();
  await page.getByTestId('assign-fixed').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT');
  // A linear mixed model (the default kind) needs a random term before it can be fitted.
  await expect(page.getByTestId('check')).toHaveAttribute('data-id', 'lmer-no-random');
  await expect(page.getByTestId('fit-model')).toBeDisabled();

  await page.getByTestId('model-var-school').click();
  await page.getByTestId('assign-random').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');
  await expect(page.getByTestId('random-term-text')).toHaveText('(1 | school)');
  await expect(page.getByTestId('random-group')).toHaveValue('school');
  await expect(page.getByTestId('check')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('fit-model')).toBeEnabled();
  await screenshot(page, 'model-built');

  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('job-title')).toContainText('normexam ~ standLRT + (1 | school)');
  await expect(page.getByTestId('fit-model')).toHaveText('Fitting…');
  await screenshot(page, 'model-fitting');

  await expect(page.getByTestId('tab-results')).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('job-outcome')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('view-results')).toContainText('normexam ~ standLRT + (1 | school)');
  await screenshot(page, 'model-results');

  // The builder keeps the model while another view is open.
  await page.getByTestId('tab-model').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');
  await expect(page.getByTestId('model-start-from')).toContainText('normexam ~ standLRT + (1 | school)');
  // A stored model is a starting point for the next one.
  await formula(page).fill('normexam ~ 1 + (1 | school)');
  await page.getByTestId('model-start-from').selectOption({ index: 1 });
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');
  await expect(page.getByTestId('fixed-term')).toHaveAttribute('data-term', 'standLRT');
});

test('a typed formula moves the controls, and the controls rewrite the formula', async ({ page }) => {
  await openModelView(page);
  await formula(page).fill('normexam ~ standLRT + (standLRT | school)');

  await expect(page.getByTestId('response-chip')).toContainText('normexam');
  await expect(page.getByTestId('fixed-term')).toHaveCount(1);
  await expect(page.getByTestId('fixed-term')).toHaveAttribute('data-term', 'standLRT');
  await expect(page.getByTestId('random-term')).toHaveCount(1);
  await expect(page.getByTestId('random-group')).toHaveValue('school');
  await expect(page.getByTestId('random-intercept')).toBeChecked();
  await expect(page.getByTestId('random-slope-standLRT')).toBeChecked();
  await expect(page.getByTestId('random-correlated')).toBeChecked();
  await expect(page.getByTestId('check')).toHaveAttribute('data-level', 'ok');
  // β0, β1, three variance-covariance parameters and σ²: the df lme4's logLik reports.
  await expect(page.getByTestId('estimates-total')).toHaveText('6 parameters');
  await screenshot(page, 'model-typed');

  // || : uncorrelated, and the card says how lme4 splits it.
  await formula(page).fill('normexam ~ standLRT + (standLRT || school)');
  await expect(page.getByTestId('random-uncorrelated')).toBeChecked();
  await expect(page.getByTestId('random-reading')).toHaveText('lme4 fits this as (1 | school) + (0 + standLRT | school)');

  // Back through the controls: correlated again, then no slope.
  await page.getByTestId('random-correlated').check();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (standLRT | school)');
  await page.getByTestId('random-slope-standLRT').uncheck();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');

  // An interaction from two selected variables brings its main effects.
  await page.getByTestId('model-var-sex').click();
  await page.getByTestId('model-var-standLRT').click({ modifiers: ['Control'] });
  await page.getByTestId('make-interaction').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + sex + standLRT:sex + (1 | school)');

  // Nesting: students within schools.
  await page.getByTestId('random-nest').click();
  await expect(page.getByTestId('random-nested')).toHaveValue('student');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + sex + standLRT:sex + (1 | school/student)');
  await expect(page.getByTestId('random-reading')).toHaveText('lme4 fits this as (1 | student:school) + (1 | school)');

  // lm sets the random terms aside; lmer brings them back.
  await page.locator('label:has([data-testid=kind-lm])').click();
  await expect(page.getByTestId('kind-lm')).toBeChecked();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + sex + standLRT:sex');
  await expect(page.getByTestId('reml')).toHaveCount(0);
  await page.locator('label:has([data-testid=kind-lmer])').click();
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + sex + standLRT:sex + (1 | school/student)');
  await screenshot(page, 'model-nested');
});

test('a typo shows where it is, and problems stop the fit', async ({ page }) => {
  await openModelView(page);
  await formula(page).fill('normexam ~ standLRT + (1 | school)');
  await expect(page.getByTestId('random-term-text')).toHaveText('(1 | school)');

  await formula(page).fill('normexam ~ standLRT + (1 | schol');
  const error = page.getByTestId('formula-error');
  await expect(error).toBeVisible();
  await expect(page.getByTestId('formula-error-position')).toHaveText('Character 33:');
  await expect(error).toContainText('Expected a closing parenthesis ")" but found the end.');
  // The caret stands one past the last character: the closing parenthesis is what is missing.
  await expect(page.getByTestId('formula-error-caret')).toHaveText(`${' '.repeat(32)}^`);
  // The controls keep the last formula that could be read.
  await expect(page.getByTestId('random-term-text')).toHaveText('(1 | school)');
  await expect(page.getByTestId('fit-model')).toBeDisabled();
  await screenshot(page, 'model-error');

  await formula(page).fill('normexam ~ standLRT + * sex');
  await expect(page.getByTestId('formula-error-position')).toHaveText('Character 23:');
  await expect(page.getByTestId('formula-error-caret')).toHaveText(`${' '.repeat(22)}^`);

  // A formula that parses can still name a variable Exam does not have.
  await formula(page).fill('normexam ~ standLRt + (1 | school)');
  await expect(error).toHaveCount(0);
  await expect(page.locator('[data-testid=check][data-id="unknown:standLRt"] [data-testid=check-message]')).toHaveText('There is no variable "standLRt" in Exam (did you mean "standLRT"?).');
  await expect(page.getByTestId('fit-model')).toBeDisabled();

  // A factor response.
  await formula(page).fill('sex ~ standLRT + (1 | school)');
  await expect(page.locator('[data-testid=check][data-id=response-factor]')).toContainText('The response sex is a factor (F, M)');

  // The subset is checked as it is typed, as a filter.
  await formula(page).fill('normexam ~ standLRT + (1 | school)');
  await page.getByTestId('subset-input').fill('school !=');
  await expect(page.getByTestId('subset-error')).toBeVisible();
  await expect(page.getByTestId('fit-model')).toBeDisabled();
  await page.getByTestId('subset-input').fill('schol != "48"');
  await expect(page.getByTestId('subset-error')).toContainText('There is no variable "schol" (did you mean "school"?)');
  await expect(page.getByTestId('subset-error-position')).toHaveText('Character 1:');
  await page.getByTestId('subset-input').fill('school != "48"');
  await expect(page.getByTestId('subset-error')).toHaveCount(0);
  await expect(page.getByTestId('fit-model')).toBeEnabled();
  await screenshot(page, 'model-subset');
});

test('the model can be built from the keyboard alone', async ({ page }) => {
  await openModelView(page);
  const list = page.getByTestId('model-variables');
  await list.focus();
  // The first variable (school) is active; ArrowDown selects normexam, Enter makes it the response.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('model-var-normexam')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(formula(page)).toHaveValue('normexam ~ 1');
  // standLRT is five further down; Enter adds it as a fixed effect.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('model-var-standLRT')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT');
  // Home selects school; its arrow button adds the random intercept.
  await page.keyboard.press('Home');
  await page.getByTestId('assign-random').focus();
  await page.keyboard.press('Enter');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (1 | school)');
  // Space ticks the random slope; the ML radio is reached by its arrow keys from REML.
  await page.getByTestId('random-slope-standLRT').focus();
  await page.keyboard.press('Space');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + (standLRT | school)');
  await page.getByTestId('reml').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('ml')).toBeChecked();
  // Delete removes a fixed term selected in its list.
  await page.getByTestId('fixed-terms').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Delete');
  await expect(formula(page)).toHaveValue('normexam ~ 1 + (standLRT | school)');
  await expect(page.locator('[data-testid=check][data-level=note]')).toContainText('standLRT varies by school but has no fixed effect');
  await screenshot(page, 'model-keyboard');
});

test('a fit that fails says why and stays in the Model view; a cancelled fit changes nothing', async ({ page }) => {
  await openModelView(page);
  // Nothing in the dataset's description says that one school leaves one level: the engine finds out.
  await formula(page).fill('normexam ~ standLRT + (1 | school)');
  await page.getByTestId('subset-input').fill('school == "1"');
  await page.getByTestId('fit-model').click();
  const failure = page.getByTestId('fit-error');
  await expect(failure).toContainText('the grouping factor school has only the level "1" in the rows used', { timeout: 30_000 });
  await expect(page.getByTestId('job-outcome')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('tab-model')).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, 'model-fit-failed');
  // The message belongs to that model: another subset is another model.
  await page.getByTestId('subset-input').fill('school != "1"');
  await expect(failure).toHaveCount(0);

  await page.getByTestId('subset-input').fill('');
  await formula(page).fill('normexam ~ standLRT + sex + (standLRT + sex | school)');
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await page.getByTestId('job-cancel').click();
  await expect(page.getByTestId('job-outcome')).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('tab-model')).toHaveAttribute('aria-selected', 'true');
  await expect(failure).toHaveCount(0);
  await expect(page.getByTestId('fit-model')).toHaveText('Fit model');
  await expect(formula(page)).toHaveValue('normexam ~ standLRT + sex + (standLRT + sex | school)');
});

/** A small data set with missing values, a one-level factor and a two-level factor, made here rather than shipped. */
function checksCsv(): string {
  const lines = ['y,x,f,g,h,one'];
  for (let i = 0; i < 40; i++) {
    const x = [3, 11, 27].includes(i) ? '' : String((i * 7) % 13);
    const f = [5, 11].includes(i) ? '' : i % 3 === 0 ? 'lo' : 'hi';
    lines.push(`${(i * 0.37) % 5},${x},${f},${'abcde'[i % 5]},${i % 2 === 0 ? 'p' : 'q'},k`);
  }
  return `${lines.join('\n')}\n`;
}

test('the checks speak of missing values, one-level factors and too few groups in imported data', async ({ page }) => {
  await openWithExam(page, host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-import').click();
  await (await chooser).setFiles({ name: 'checks.csv', mimeType: 'text/csv', buffer: Buffer.from(checksCsv()) });
  // The import dialog previews the file first; its defaults read it as it is.
  await expect(page.getByTestId('import-column')).toHaveCount(6);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('dataset-rows')).toHaveText('40', { timeout: 30_000 });
  await page.getByTestId('tab-model').click();
  await expect(page.getByTestId('model-dataset')).toHaveValue(/.+/);

  const message = (id: string) => page.locator(`[data-testid=check][data-id="${id}"] [data-testid=check-message]`);
  // Rows 11 misses both x and f, so 4 rows go; from column counts alone it is between 3 and 5.
  await formula(page).fill('y ~ x + f + (1 | g)');
  await expect(message('missing')).toHaveText('Between 3 and 5 rows have a missing value in x or f and will be left out: 3 in x, 2 in f.');
  await expect(page.getByTestId('fit-model')).toBeEnabled();

  await formula(page).fill('y ~ x + (1 | one)');
  await expect(message('one-level:one')).toContainText('The grouping factor one has only one level ("k")');
  await expect(page.getByTestId('fit-model')).toBeDisabled();

  await formula(page).fill('y ~ x + (x | h)');
  await expect(message('q-vs-levels:(x | h):h')).toContainText('(x | h) gives each h 2 random effects, but h has only 2 levels');
  await page.getByTestId('subset-input').fill('g != "a"');
  await expect(message('missing')).toHaveText('3 rows have a missing value in x and will be left out (counted before the subset).');
  await screenshot(page, 'model-checks');
});
