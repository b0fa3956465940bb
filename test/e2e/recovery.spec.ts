import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * Work left by a host that died is offered when it is back, and comes back on
 * Recover. Working copies belong to the page's session token, which lives in
 * the origin's storage, so the host restarts on the same port and the page
 * reconnects by itself.
 */
test('a project left by a crashed host is offered for recovery and recovered', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nestor-e2e-recovery-'));
  try {
    const first = await startHost({ dataDir });
    await openWithExam(page, first.url);
    await page.getByTestId('file-menu-button').click();
    await page.getByTestId('menu-sample-sleepstudy').click();
    await expect(page.getByTestId('dataset-picker').locator('option')).toHaveText(['Exam', 'sleepstudy']);
    first.process.kill('SIGKILL');
    await expect(page.getByTestId('connection-banner')).toContainText('reconnecting');
    await screenshot(page, 'recovery-disconnected');
    await first.stop();

    const port = new URL(first.url).port;
    const second = await startHost({ dataDir, args: ['--port', port] });
    try {
      expect(second.url).toBe(first.url);
      await expect(page.getByTestId('connection-banner')).toHaveCount(0, { timeout: 15_000 });
      const dialog = page.getByTestId('recovery-dialog');
      await expect(dialog).toBeVisible({ timeout: 30_000 });
      const item = dialog.getByTestId('recovery-item');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText('never saved');
      await screenshot(page, 'recovery-dialog');
      await item.getByRole('button', { name: 'Recover' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('dataset-picker').locator('option')).toHaveText(['Exam', 'sleepstudy']);
      await screenshot(page, 'recovery-recovered');
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
