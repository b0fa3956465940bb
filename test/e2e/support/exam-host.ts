import { test, type Page } from '@playwright/test';
import { fitOnExam, joinSession, newSessionToken } from './contract';
import { startHost, type RunningHost } from './host';
import { openWithExam } from './ui';

type FitSpec = Parameters<typeof fitOnExam>[2][number];

/**
 * A browser host for a spec file's tests, started once with these models fitted on Exam
 * through the contract (fast, and the same fits for every test), and stopped at the end.
 * `open(page)` joins that session in the page and shows the app with Exam.
 */
export function examHostWithFits(specs: FitSpec[]): { open(page: Page): Promise<void> } {
  let host: RunningHost | undefined;
  const token = newSessionToken();
  test.beforeAll(async () => {
    host = await startHost();
    await fitOnExam(host.url, token, specs);
  });
  test.afterAll(async () => {
    await host?.stop();
  });
  return {
    async open(page: Page) {
      if (!host) throw new Error('The host has not started (examHostWithFits must be called at the top of a spec file).');
      await joinSession(page, token);
      await openWithExam(page, host.url);
    },
  };
}
