import type { Comm100SourceConfig } from '../../src/config/source-schemas.js';
import type { VendorProfile } from '../port.js';
import { createComm100Adapter } from './adapter.js';

/** Comm100 limits calls per IP over 5 minutes, not concurrency: a few at once is polite. */
export const comm100Profile: VendorProfile<Comm100SourceConfig> = {
  concurrency: 4,
  describe: (config) => `Comm100 site ${config.siteId} on data center ${config.dataCenter}, ${config.auth.type === 'apiKey' ? 'API key' : 'OAuth2'} auth`,
  create: (id, config, deps) => createComm100Adapter({ ...config, id }, { now: deps.now, dispatcher: deps.dispatcher }),
};
