import { comm100Profile } from '../../adapters/comm100/profile.js';
import { demoProfile } from '../../adapters/demo/profile.js';
import type { VendorProfile } from '../../adapters/port.js';
import { vccliveProfile } from '../../adapters/vcclive/profile.js';
import { wolkvoxProfile } from '../../adapters/wolkvox/profile.js';
import type { SourceConfig } from '../config/source-schemas.js';

type Profiles = { [K in SourceConfig['vendor']]: VendorProfile<Extract<SourceConfig, { vendor: K }>> };

/** Every vendor the configuration may name, each with its own facts (adapters/<vendor>/profile.ts). */
const profiles: Profiles = { wolkvox: wolkvoxProfile, comm100: comm100Profile, vcclive: vccliveProfile, demo: demoProfile };

/** The profile of a configured source's vendor, typed for that source's configuration. */
export function profileOf<C extends SourceConfig>(config: C): VendorProfile<C> {
  return profiles[config.vendor] as unknown as VendorProfile<C>;
}
