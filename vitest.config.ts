import { defineConfig } from 'vitest/config';

/**
 * Tests whose real replicas lead, fail over and write back through a Redis they stop, or a
 * Sentinel set they kill: they run after every other test file, one at a time, so that no other
 * test's processes compete with their leases and polls (run beside the rest, they stalled there).
 */
const ALONE = ['test/process/redis-outage-alerts.test.ts', 'test/process/sentinel-failover.test.ts'];

const shared = {
  // Generous: on a shared 2-core machine a process start alone can take 20 s. Tests wait for events,
  // so a long limit only lengthens a failing run, never turns a slow pass into a failure.
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // Every line the suite prints is scanned for secret values after the run.
  setupFiles: ['test/support/capture-output.ts'],
};

export default defineConfig({
  test: {
    // Tests start real servers and processes; two cores are shared between them.
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: false,
        test: { ...shared, name: 'suite', include: ['test/**/*.test.ts'], exclude: [...ALONE, '**/node_modules/**'], sequence: { groupOrder: 0 } },
      },
      { extends: false, test: { ...shared, name: 'alone', include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
