import { Agent, type Dispatcher } from 'undici';
import type { VendorAdapter } from '../../adapters/port.js';
import type { Config } from '../config/schema.js';
import type { SourceConfig } from '../config/source-schemas.js';
import type { Logger } from '../log/logger.js';
import type { QuotaGate, TokenPolicy } from '../quota/quota-gate.js';
import { askerMeterInterceptor } from '../quota/asker-meter.js';
import type { ConversationDayIndex } from '../domain/day-index.js';
import { createSource, type Source } from '../sources/source.js';
import { profileOf } from './vendor-profiles.js';

export interface BuildSourcesOptions {
  config: Config;
  gate: QuotaGate;
  logger: Logger;
  now?: () => Date;
  dispatcher?: Dispatcher;
  /** Which conversation ids past days hold (wolkvox lookups); default: each adapter's own memory. */
  dayIndex?: ConversationDayIndex;
}

/** Turns `sources:` of the configuration into adapters behind the quota gate, in file order. */
export function buildSources({ config, gate, logger, now, dispatcher: given, dayIndex }: BuildSourcesOptions): {
  sources: Source[];
  adapters: VendorAdapter[];
  close: () => Promise<void>;
} {
  // One connection pool for every source, telling each asker's command about the requests it sends.
  const own = given ? undefined : new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const dispatcher = (given ?? own!).compose(askerMeterInterceptor);
  const adapters: VendorAdapter[] = [];
  const sources: Source[] = [];
  for (const [id, sourceConfig] of Object.entries(config.sources)) {
    const adapter = profileOf(sourceConfig).create(id, sourceConfig, { now, dispatcher, logger, dayIndex });
    adapters.push(adapter);
    sources.push(
      createSource({
        adapter,
        gate,
        token: tokenPolicy(sourceConfig, adapter.quotaKey),
        label: sourceConfig.label ?? id,
        ttlMs: sourceConfig.cache,
      }),
    );
  }
  return { sources, adapters, close: async () => void (await own?.close()) };
}

/** The quota gate's policy for a source's token: the configuration's limits, else the vendor's. */
export function tokenPolicy(config: SourceConfig, key: string): TokenPolicy {
  const vendor = profileOf(config);
  return {
    key,
    concurrency: config.quota.concurrency ?? vendor.concurrency,
    dailyBudget: config.quota.dailyBudget ?? vendor.dailyBudget?.(config),
    reserveShare: config.quota.reservePercent / 100,
    timeZone: config.timeZone,
    minSpacingMs: config.quota.minSpacing,
  };
}
