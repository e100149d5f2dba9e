import type { VccliveSourceConfig } from '../../src/config/source-schemas.js';
import type { VendorProfile } from '../port.js';
import { createVccliveAdapter } from './adapter.js';

/** VCC Live publishes no limits: one request at a time per token. */
export const vccliveProfile: VendorProfile<VccliveSourceConfig> = {
  concurrency: 1,
  describe: (config) => `VCC Live account ${config.account}, project ${config.projectId}, token set`,
  create: (id, config, deps) => createVccliveAdapter({ ...config, id }, { now: deps.now, dispatcher: deps.dispatcher, logger: deps.logger }),
};
