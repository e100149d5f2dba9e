import type { WolkvoxSourceConfig } from '../../src/config/source-schemas.js';
import type { VendorProfile } from '../port.js';
import { createWolkvoxAdapter } from './adapter.js';

/** wolkvox: a third simultaneous request per token is refused; the daily quota is 1,000 requests a license. */
export const wolkvoxProfile: VendorProfile<WolkvoxSourceConfig> = {
  concurrency: 2,
  dailyBudget: (config) => (config.licenses ? config.licenses * 1000 : undefined),
  describe: (config) => `wolkvox server ${config.server}${config.baseUrl ? ` via ${config.baseUrl}` : ''}, token set`,
  create: (id, config, deps) => createWolkvoxAdapter({ ...config, id }, { now: deps.now, dispatcher: deps.dispatcher, dayIndex: deps.dayIndex }),
};
