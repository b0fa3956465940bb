import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { examColumn, expectShownNumber, meanAndSd, openWithExam, screenshot } from './support/ui';

/** Summarize runs main's job with progress in the status bar and shows the numbers of the data. */
let host: RunningHost;
test.beforeAll(async () => {
  // A short pause at every engine checkpoint, so the progress is there to be seen.
  host = await startHost({ env: { NESTOR_ENGINE_TEST_DELAY_MS: '120' } });
});
test.afterAll(async () => {
  await host?.stop();
});

test('the summary job shows progress, then the real numbers of normexam', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await openWithExam(page, host.url);

  await page.getByTestId('summarize').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(page.getByTestId('job-title')).toHaveText('Summarising Exam');
  await expect(page.getByTestId('job-message')).toContainText('Summarising');
  await screenshot(page, 'summary-running');

  const row = page.getByTestId('summary-row-normexam');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('job-outcome')).toHaveAttribute('data-state', 'done');

  const { mean, sd } = meanAndSd(examColumn('normexam'));
  await expect(row.locator('[data-stat=n]')).toHaveText('4,059');
  await expect(row.locator('[data-stat=missing]')).toHaveText('0');
  expectShownNumber(await row.locator('[data-stat=mean]').textContent(), mean);
  expectShownNumber(await row.locator('[data-stat=SD]').textContent(), sd);
  const sorted = examColumn('normexam').sort();
  expectShownNumber(await row.locator('[data-stat=min]').textContent(), sorted[0]);
  expectShownNumber(await row.locator('[data-stat=median]').textContent(), sorted[(sorted.length - 1) / 2]);
  expectShownNumber(await row.locator('[data-stat=max]').textContent(), sorted[sorted.length - 1]);
  await expect(page.getByTestId('summary-factor-sex')).toContainText('2,436');
  await screenshot(page, 'summary-done');

  // The table copies as TSV.
  await page.getByTestId('summary-copy').click();
  // Node's typecheck has no DOM library, hence the cast.
  type ClipboardGlobals = { navigator: { clipboard: { readText(): Promise<string> } } };
  const copied = await page.evaluate(() => (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText());
  const line = copied.split('\n').find((l) => l.startsWith('normexam\t'))!;
  const cells = line.split('\t');
  expect(cells.slice(0, 3)).toEqual(['normexam', '4059', '0']);
  expectShownNumber(cells[3], mean);

  // The summary is stored in the project and opens from the Results view.
  await page.getByTestId('tab-results').click();
  await page.getByTestId('result-item').first().click();
  expectShownNumber(await page.getByTestId('summary-row-normexam').locator('[data-stat=SD]').textContent(), sd);
  await screenshot(page, 'results-summary');
});
