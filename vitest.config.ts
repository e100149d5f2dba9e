import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: on a shared 2-core machine a process start alone can take 20 s. Tests wait for events,
    // so a long limit only lengthens a failing run, never turns a slow pass into a failure.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests start real servers and processes; two cores are shared between them.
    pool: 'forks',
    maxWorkers: 2,
    // Every line the suite prints is scanned for secret values after the run.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/capture-output.ts'],
  },
});
