import { Agent, type Dispatcher } from 'undici';
import { createComm100Adapter } from '../../adapters/comm100/adapter.js';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import type { VendorAdapter } from '../../adapters/port.js';
import { createVccliveAdapter } from '../../adapters/vcclive/adapter.js';
import { createWolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import type { Config } from '../config/schema.js';
import type { SourceConfig } from '../config/source-schemas.js';
import type { Logger } from '../log/logger.js';
import type { QuotaGate, TokenPolicy } from '../quota/quota-gate.js';
import { askerMeterInterceptor } from '../quota/asker-meter.js';
import type { ConversationDayIndex } from '../domain/day-index.js';
import { createSource, type Source } from '../sources/source.js';

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
    const adapter = createAdapter(id, sourceConfig, { now, dispatcher, logger, dayIndex });
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

function createAdapter(
  id: string,
  config: SourceConfig,
  deps: { now?: () => Date; dispatcher?: Dispatcher; logger: Logger; dayIndex?: ConversationDayIndex },
): VendorAdapter {
  switch (config.vendor) {
    case 'wolkvox':
      return createWolkvoxAdapter({ ...config, id }, { now: deps.now, dispatcher: deps.dispatcher, dayIndex: deps.dayIndex });
    case 'comm100':
      return createComm100Adapter({ ...config, id }, { now: deps.now, dispatcher: deps.dispatcher });
    case 'vcclive':
      return createVccliveAdapter({ ...config, id }, { now: deps.now, dispatcher: deps.dispatcher, logger: deps.logger });
    case 'demo':
      return createDemoAdapter({ ...config, id }, { now: deps.now });
  }
}

/** Each vendor's documented (or prudent) limits, unless the configuration says otherwise. */
const VENDOR_DEFAULTS: Record<SourceConfig['vendor'], { concurrency: number }> = {
  // wolkvox refuses a third simultaneous request per token.
  wolkvox: { concurrency: 2 },
  // Comm100 limits calls per IP over 5 minutes, not concurrency; a few at once is polite.
  comm100: { concurrency: 4 },
  // VCC Live publishes no limits: one at a time.
  vcclive: { concurrency: 1 },
  demo: { concurrency: 8 },
};

export function tokenPolicy(config: SourceConfig, key: string): TokenPolicy {
  const licenses = config.vendor === 'wolkvox' ? config.licenses : undefined;
  return {
    key,
    concurrency: config.quota.concurrency ?? VENDOR_DEFAULTS[config.vendor].concurrency,
    dailyBudget: config.quota.dailyBudget ?? (licenses ? licenses * 1000 : undefined),
    reserveShare: config.quota.reservePercent / 100,
    timeZone: config.timeZone,
    minSpacingMs: config.quota.minSpacing,
  };
}
