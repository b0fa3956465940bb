import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src-shared') } },
  test: {
    include: ['test/unit/**/*.test.ts'],
    // `npm run bench`: measurements, never timed tests.
    benchmark: { include: ['bench/**/*.bench.ts'] },
    environment: 'node',
    // Builds the engine process once per run for the job-queue tests (see the file for why).
    globalSetup: ['test/unit/global-setup.ts'],
    testTimeout: 30_000,
    // Job-queue tests start real engine processes; two cores, so keep files parallel but bounded.
    maxWorkers: 2,
  },
});
