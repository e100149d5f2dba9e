import type { DemoSourceConfig } from '../../src/config/source-schemas.js';
import type { VendorProfile } from '../port.js';
import { createDemoAdapter } from './adapter.js';

/** The simulated contact center: no vendor behind it, so no limit but a sensible one. */
export const demoProfile: VendorProfile<DemoSourceConfig> = {
  concurrency: 8,
  describe: (config) => `demo contact center (seed ${config.seed})`,
  create: (id, config, deps) => createDemoAdapter({ ...config, id }, { now: deps.now }),
};
