import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * Importing through the import dialog: File > Import Data… and a file dropped on the
 * window both show a preview (delimiter, header, types, missing codes) before anything
 * is imported; Enter imports, Escape cancels, and the status bar carries the job.
 */
const root = resolve(import.meta.dirname, '..', '..');
const JSP = join(root, 'resources/sample-data/jsp.txt');

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

/** The page's DOM, typed here: the e2e tests are type-checked without the DOM library. */
type PageGlobals = {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: string[], name: string, options: { type: string }) => unknown;
  document: { activeElement: { getAttribute(name: string): string | null } | null };
};

/** Drags a file made in the page over the window (the overlay shows), and drops it unless `drop` is false. */
async function dragFile(page: Page, file: { name: string; text: string; type: string }, drop = true) {
  const dataTransfer = await page.evaluateHandle(({ name, text, type }) => {
    const { DataTransfer, File } = globalThis as unknown as PageGlobals;
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], name, { type }));
    return transfer;
  }, file);
  await page.dispatchEvent('.shell', 'dragenter', { dataTransfer });
  await page.dispatchEvent('.shell', 'dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  if (drop) await page.dispatchEvent('.shell', 'drop', { dataTransfer });
  return dataTransfer;
}

const column = (page: Page, name: string) => page.locator(`[data-testid=import-column][data-name="${name}"]`);

test('File > Import Data… previews jsp.txt as whitespace text, with types and missing codes, and Enter imports it', async ({ page }) => {
  await openWithExam(page, host.url);
  // The menu opens the page's hidden file input (data-testid import-data-input); Playwright answers its chooser.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-import').click();
  await (await chooser).setFiles(JSP);

  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-file-name')).toHaveText('jsp.txt');
  // Automatic chooses whitespace for a .txt file whose first line has only blanks.
  await expect(dialog.getByTestId('import-delimiter').locator('option[value=auto]')).toHaveText('Automatic (whitespace)');
  await dialog.getByTestId('import-delimiter').selectOption('whitespace');
  const kinds = { school: 'integer', gender: 'factor', social: 'factor', raven: 'numeric', math: 'integer' };
  await expect(dialog.getByTestId('import-column')).toHaveCount(5);
  for (const [name, kind] of Object.entries(kinds)) await expect(column(page, name)).toHaveAttribute('data-kind', kind);
  await expect(dialog.getByTestId('import-types-note')).toContainText('Types are read from all 1,154 rows of the file.');
  // First data line of jsp.txt: 1 girl S1 1.639 1
  await expect(dialog.locator('tbody tr').first().locator('td')).toHaveText(['1', 'girl', 'S1', '1.639', '1']);
  await expect(dialog.locator('tbody tr')).toHaveCount(20);

  // A missing code: every math score of -3 becomes missing (counted here from the file itself).
  const minusThree = readFileSync(JSP, 'utf8').trim().split('\n').slice(1).filter((line) => line.trim().split(/\s+/)[4] === '-3').length;
  expect(minusThree).toBeGreaterThan(0);
  await dialog.getByTestId('import-missing').fill('-3');
  await expect(column(page, 'math')).toContainText(`${minusThree} missing`);
  await dialog.getByTestId('import-missing').fill('');
  await expect(column(page, 'math')).toContainText('no missing');

  // Without the header the first line is data: five text columns V1 … V5.
  await dialog.getByTestId('import-header').uncheck();
  await expect(column(page, 'V1')).toHaveAttribute('data-kind', 'factor');
  await dialog.getByTestId('import-header').check();
  await expect(column(page, 'school')).toHaveAttribute('data-kind', 'integer');

  // School numbers are codes: read them as a factor.
  await column(page, 'school').getByTestId('import-column-type').selectOption('factor');
  await expect(column(page, 'school')).toHaveAttribute('data-kind', 'factor');
  await dialog.getByTestId('import-name').fill('JSP');
  await screenshot(page, 'import-dialog');

  await dialog.getByTestId('import-name').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dataset-picker')).toHaveValue(/.+/, { timeout: 30_000 });
  await expect(page.getByTestId('dataset-picker').locator('option:checked')).toHaveText('JSP');
  await expect(page.getByTestId('dataset-rows')).toHaveText('1,154');
  await expect(page.getByTestId('dataset-columns')).toHaveText('5');
  await expect(page.locator('[data-testid=variable-row][data-name=school]')).toContainText('fct');
  await expect(page.locator('[data-testid=variable-row][data-name=school]')).toContainText('49');
});

test('a CSV dropped on the window opens the dialog; missing codes turn a coded column into numbers before import', async ({ page }) => {
  await openWithExam(page, host.url);
  const text = 'id;score;group\n1;12,5;a\n2;-99;b\n3;.;a\n4;7;.\n';
  const dataTransfer = await dragFile(page, { name: 'coded.csv', text, type: 'text/csv' }, false);
  await screenshot(page, 'import-drop-overlay');
  await page.dispatchEvent('.shell', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);

  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-file-name')).toHaveText('coded.csv');
  await expect(dialog.getByTestId('import-delimiter').locator('option[value=auto]')).toHaveText('Automatic (semicolon)');
  await expect(column(page, 'score')).toHaveAttribute('data-kind', 'factor');
  await dialog.getByTestId('import-missing').fill('-99, .');
  await expect(column(page, 'score')).toHaveAttribute('data-kind', 'numeric');
  await expect(column(page, 'score')).toContainText('2 missing');
  await expect(column(page, 'group')).toContainText('1 missing');
  await expect(dialog.locator('tbody tr').nth(0).locator('td')).toHaveText(['1', '12.5', 'a']);
  await expect(dialog.locator('tbody tr').nth(1).locator('td')).toHaveText(['2', 'NA', 'b']);

  await dialog.getByTestId('import-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dataset-picker').locator('option:checked')).toHaveText('coded', { timeout: 30_000 });
  await expect(page.getByTestId('dataset-rows')).toHaveText('4');
  await expect(page.locator('[data-testid=variable-row][data-name=score]')).toContainText('num');
  await expect(page.locator('[data-testid=variable-row][data-name=score]')).toContainText('2');
});

test('the dialog shows where a file cannot be read, refuses to import it, and Escape leaves without importing', async ({ page }) => {
  await openWithExam(page, host.url);
  await dragFile(page, { name: 'ragged.txt', text: 'a b c\n1 2 3\n4 5\n6 7 8\n', type: 'text/plain' });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-error')).toContainText('ragged.txt: line 3 has 2 fields, the header has 3.');
  await expect(dialog.locator('.lines li.bad')).toHaveText(/^3\s*4 5$/);
  await expect(dialog.getByTestId('import-submit')).toBeDisabled();
  await screenshot(page, 'import-dialog-error');

  // Every control is reached by Tab, in order, ending at the dialog's buttons.
  await dialog.getByTestId('import-name').focus();
  const order: (string | null)[] = [];
  for (let i = 0; i < 7; i++) {
    // Runs in the page, so the cast is written out: nothing of this module exists there.
    order.push(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-testid') ?? null));
    await page.keyboard.press('Tab');
  }
  expect(order).toEqual([
    'import-name',
    'import-delimiter',
    'tip-import-delimiter',
    'import-header',
    'import-missing',
    'tip-import-missing',
    'import-cancel',
  ]);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dataset-name')).toHaveText('Exam');
});

test('a workbook shows a sheet field instead of the delimiter, and the empty data view opens the same dialog', async ({ page }) => {
  await openWithExam(page, host.url);
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('data-empty')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('empty-import').click();
  await (await chooser).setFiles(join(root, 'test/fixtures/xlsx/types.xlsx'));

  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-file-name')).toHaveText('types.xlsx');
  await expect(dialog.getByTestId('import-delimiter')).toHaveCount(0);
  await expect(dialog.getByTestId('import-column')).toHaveCount(6);
  await expect(column(page, 'visit')).toHaveAttribute('data-kind', 'factor');
  await expect(dialog.getByTestId('import-types-note')).toContainText('Types are read from all 4 rows of the file.');
  await dialog.getByTestId('import-sheet').fill('Notes');
  await expect(dialog.getByTestId('import-column')).toHaveCount(2);
  await expect(dialog.locator('tbody tr').nth(1).locator('td')).toHaveText(['Genève', '20']);
  await dialog.getByTestId('import-sheet').fill('Results');
  await expect(dialog.getByTestId('import-error')).toHaveText('types.xlsx has no sheet named "Results"; its sheets are Scores, Notes.');
  await dialog.getByTestId('import-sheet').fill('2');
  await expect(dialog.getByTestId('import-column')).toHaveCount(2);
  await screenshot(page, 'import-dialog-xlsx');
  await dialog.getByTestId('import-submit').click();
  await expect(page.getByTestId('dataset-name')).toHaveText('types', { timeout: 30_000 });
  await expect(page.getByTestId('dataset-rows')).toHaveText('2');
});

test.describe('a large file', () => {
  let slowHost: RunningHost;
  test.beforeAll(async () => {
    // Each engine checkpoint (one per 65,536 rows) waits a second, so the import runs long enough to watch and cancel.
    slowHost = await startHost({ env: { NESTOR_ENGINE_TEST_DELAY_MS: '1000' } });
  });
  test.afterAll(async () => {
    await slowHost?.stop();
  });

  test('is previewed from its head, then imported as a job the status bar shows and can cancel', async ({ page }) => {
    await openWithExam(page, slowHost.url);
    const lines = ['id,x,g'];
    for (let i = 1; i <= 200_000; i++) lines.push(`${i},${(i % 997) / 8},${i % 7 === 0 ? 'a' : 'b'}`);
    await dragFile(page, { name: 'big.csv', text: lines.join('\n') + '\n', type: 'text/csv' });

    const dialog = page.getByTestId('import-dialog');
    await expect(column(page, 'x')).toHaveAttribute('data-kind', 'numeric');
    await expect(dialog.getByTestId('import-types-note')).toContainText(/Types are guessed from the first [\d,]+ rows \(the first 256 KB of [\d.]+ MB\)/);
    await dialog.getByTestId('import-submit').click();
    await expect(dialog).toBeHidden();

    await expect(page.getByTestId('job-title')).toHaveText('Importing big.csv', { timeout: 15_000 });
    await expect(page.getByTestId('job-progress')).toBeVisible();
    await screenshot(page, 'import-progress');
    await page.getByTestId('job-cancel').click();
    await expect(page.getByTestId('job-outcome')).toHaveAttribute('data-state', 'cancelled', { timeout: 15_000 });
    await expect(page.getByTestId('dataset-name')).toHaveText('Exam');
  });
});
