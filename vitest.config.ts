import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers and processes; two cores are shared between them.
    pool: 'forks',
    maxWorkers: 2,
    // Every line the suite prints is scanned for secret values after the run.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/capture-output.ts'],
  },
});
