import { silentLogger, type Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { leadRequest, recordQuota, type CoreContext } from './gate-core.js';
import { createInProcessJoin } from './in-process-join.js';
import { SlotWaits } from './slot-waits.js';
import { localDate } from '../domain/local-date.js';
import type { QuotaGate } from './quota-gate.js';
import { createMemoryStore } from './memory-store.js';
import { peekCache } from './peek.js';

export interface MemoryQuotaGateOptions {
  /** Clock (ms since epoch); tests move it across TTLs and midnights. */
  now?: () => number;
  metrics?: Metrics;
  logger?: Logger;
  /** How long the last value of a key is kept for stale answers (default 24 h). */
  staleKeepMs?: number;
  /** How long a request waits for a concurrency lease before it counts as "vendor busy" (default 30 s). */
  leaseWaitMs?: number;
  /** Cached keys kept at most (default 10,000). */
  maxEntries?: number;
}

/**
 * The quota gate inside one process (the embedded default, no Redis): same cache, single-flight,
 * concurrency, daily budget with reserve and spacing as the Redis gate, for this process only.
 *
 * @example
 *   const gate = createMemoryQuotaGate({ metrics });
 *   const { value, stale } = await gate.run({ token, key: 'bogota:queue', endpoint: 'queue', ttlMs: 20_000, priority: 'interactive', fetch: (s) => adapter.queue!(s) });
 */
export function createMemoryQuotaGate(options: MemoryQuotaGateOptions = {}): QuotaGate {
  const now = options.now ?? Date.now;
  const lifetime = new AbortController();
  const ctx: CoreContext = {
    now,
    metrics: options.metrics,
    logger: options.logger ?? silentLogger(),
    signal: lifetime.signal,
    staleKeepMs: options.staleKeepMs ?? 86_400_000,
    leaseWaitMs: options.leaseWaitMs ?? 30_000,
    slotWaits: new SlotWaits(),
  };
  const store = createMemoryStore({ now, maxEntries: options.maxEntries });
  const run = createInProcessJoin(
    (req) => leadRequest(store, req, ctx),
    ctx,
    (token, key) => peekCache(store, token, key),
  );

  return {
    run,
    peek: (token, key) => peekCache(store, token, key),
    async reconcile(token, usedToday) {
      const used = await store.raiseUsage(token, localDate(now(), token.timeZone), usedToday);
      recordQuota(ctx, token, used);
    },
    async usage(token) {
      const { used, spent } = await store.dayUsage(token, localDate(now(), token.timeZone));
      const budget = token.dailyBudget;
      return { usedToday: used, budget, left: budget === undefined ? undefined : spent ? 0 : Math.max(0, budget - used) };
    },
    mode: () => 'memory',
    health: () => ({ mode: 'memory' }),
    async close() {
      lifetime.abort(new Error('quota gate closed'));
      await store.close();
    },
  };
}
