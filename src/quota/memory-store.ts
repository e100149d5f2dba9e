import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { LocalSemaphore, LocalSpacing, slotLane } from './semaphore.js';
import type { TokenPolicy } from './quota-gate.js';
import type { CacheEntry, FlightClaim, FlightOutcome, Lease, QuotaStore } from './store.js';

export interface MemoryStoreOptions {
  now: () => number;
  /** Share of each daily budget this process may spend (1 alone; a replica's share while Redis is down, read at each spend). */
  budgetShare?: number | (() => number);
  /** Leases per token; default the token's own concurrency. 0 means none: requests are refused at once. */
  concurrency?: (token: TokenPolicy) => number;
  /**
   * The per-token slots of this process, when another store of the same process shares them
   * (a Redis replica's shared and fallback stores), so that requests admitted by one count for
   * the other across a switch.
   */
  slots?: Map<string, LocalSemaphore>;
  /** Cached keys kept at most (the least recently used go first). */
  maxEntries?: number;
}

/**
 * Everything a quota gate stores, inside one process: the embedded default, and each Redis
 * replica's fallback while Redis is unreachable.
 */
export function createMemoryStore({ now, budgetShare = 1, concurrency = (t) => t.concurrency, maxEntries = 10_000, slots }: MemoryStoreOptions): QuotaStore & {
  remember(token: TokenPolicy, key: string, entry: CacheEntry, keepMs: number): void;
  /** Sets a day's count (a replica's part of what is left while Redis is down). */
  setUsage(token: TokenPolicy, day: string, used: number): void;
} {
  // Expiry is read against the injected clock (`until`); lru-cache only bounds the count.
  const cache = new LRUCache<string, { entry: CacheEntry; until: number }>({ max: maxEntries });
  const semaphores = slots ?? new Map<string, LocalSemaphore>();
  const spacing = new LocalSpacing();
  const counts = new Map<string, { day: string; used: number; spent: boolean }>();

  const cacheId = (token: TokenPolicy, key: string) => `${token.key}\u0000${key}`;

  function remember(token: TokenPolicy, key: string, entry: CacheEntry, keepMs: number): void {
    const id = cacheId(token, key);
    cache.set(id, { entry, until: now() + keepMs });
  }

  function count(token: TokenPolicy, day: string) {
    let current = counts.get(token.key);
    if (!current || current.day !== day) {
      current = { day, used: 0, spent: false };
      counts.set(token.key, current);
    }
    return current;
  }

  const concurrencyFor = (token: TokenPolicy) => Math.max(0, Math.min(token.concurrency, concurrency(token)));

  return {
    get budgetShare() {
      return typeof budgetShare === 'function' ? budgetShare() : budgetShare;
    },
    concurrencyFor,
    remember,
    setUsage(token, day, used) {
      count(token, day).used = Math.max(0, Math.floor(used));
    },

    async readCache(token, key) {
      const id = cacheId(token, key);
      const stored = cache.get(id);
      if (stored && stored.until <= now()) cache.delete(id);
      return stored && stored.until > now() ? stored.entry : undefined;
    },

    async claimFlight(token, key, keepMs): Promise<FlightClaim> {
      // Within one process the in-process join already lets a single request lead a key.
      return {
        held: true,
        id: randomUUID(),
        finish: async (result) => {
          if (result && 'entry' in result) remember(token, key, result.entry, keepMs);
        },
      };
    },

    async awaitFlight(): Promise<FlightOutcome> {
      return { kind: 'gone' };
    },

    async acquireLease(token, waitMs, signal, lane): Promise<Lease | undefined> {
      let semaphore = semaphores.get(token.key);
      if (!semaphore) {
        semaphore = new LocalSemaphore(1);
        semaphores.set(token.key, semaphore);
      }
      semaphore.capacity = concurrencyFor(token);
      // A share of 0 (more replicas than slots while Redis is down): no vendor request, the cache answers.
      if (semaphore.capacity === 0) return undefined;
      const timeout = AbortSignal.timeout(waitMs);
      try {
        const release = await semaphore.acquire(AbortSignal.any([signal, timeout]), slotLane(lane));
        return { release: async () => release() };
      } catch (error) {
        if (timeout.aborted && !signal.aborted) return undefined;
        throw error;
      }
    },

    async awaitSpacing(token, endpoint, minSpacingMs, signal) {
      await spacing.await(`${token.key}\u0000${endpoint}`, minSpacingMs, signal);
    },

    async spend(token, day, limit) {
      const current = count(token, day);
      if (current.used + 1 > limit) return undefined;
      current.used += 1;
      return current.used;
    },

    async markSpent(token, day) {
      count(token, day).spent = true;
    },

    async dayUsage(token, day) {
      const { used, spent } = count(token, day);
      return { used, spent };
    },

    async raiseUsage(token, day, vendorUsed) {
      const current = count(token, day);
      current.used = Math.max(current.used, vendorUsed);
      return current.used;
    },

    async close() {
      cache.clear();
    },
  };
}
