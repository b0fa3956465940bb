import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/** A slow job is cancelled from the status bar, reported as cancelled, and a second run completes. */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ env: { NESTOR_ENGINE_TEST_DELAY_MS: '300' } });
});
test.afterAll(async () => {
  await host?.stop();
});

test('the summary job can be cancelled from the status bar, and run again to the end', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithExam(page, host.url);

  await page.getByTestId('summarize').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(page.getByTestId('summarize')).toBeDisabled();
  await screenshot(page, 'cancel-running');

  // Cancel from the keyboard, as a person without a mouse would.
  await page.getByTestId('job-cancel').focus();
  await page.keyboard.press('Enter');
  const outcome = page.getByTestId('job-outcome');
  await expect(outcome).toHaveAttribute('data-state', 'cancelled', { timeout: 15_000 });
  await expect(outcome).toContainText('cancelled');
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  await expect(page.getByTestId('summary-table')).toHaveCount(0);
  await expect(page.getByTestId('summarize')).toBeEnabled();
  await screenshot(page, 'cancel-cancelled');

  await page.getByTestId('summarize').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(outcome).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('summary-row-normexam').locator('[data-stat=n]')).toHaveText('4,059');
  await screenshot(page, 'cancel-second-run-done');
});
