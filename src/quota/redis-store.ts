import type { RedisClient } from '../redis/client.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { BotError, VendorError, type VendorErrorInit } from '../domain/errors.js';
import type { Logger } from '../log/logger.js';
import type { TokenPolicy } from './quota-gate.js';
import { createFlightBoard } from './redis-flights.js';
import { flightChannel, tokenKeys } from './redis-keys.js';
import { acquireLease, mutexKey, tryLockFlight, type HeldLock, type LockTiming } from '../util/redis-locks.js';
import { LocalSemaphore, LocalSpacing, longCapacity, slotLane } from './semaphore.js';
import { DAY_KEY_TTL_MS, type CacheEntry, type FlightClaim, type FlightOutcome, type FlightResult, type Lease, type QuotaStore } from './store.js';

/** Redis could not be reached for a gate operation; the gate answers on per-replica limits instead. */
export class SharedStoreDown extends BotError {
  constructor(cause?: unknown) {
    super('shared-store-down', 'Redis is unreachable', 'The shared quota store is unreachable; limits are per replica for now.', { cause });
    this.name = 'SharedStoreDown';
  }
}

export interface RedisStoreOptions {
  redis: RedisClient;
  /** A second connection for pub/sub (a subscribed connection cannot run other commands). */
  subscriber: RedisClient;
  prefix: string;
  logger: Logger;
  lease: LockTiming;
  flight: LockTiming & { pollMs: number };
  /** How long a fetch's failure stays visible to the replicas that waited on it. */
  failureKeepMs: number;
  /** False while the gate knows Redis is down: fail at once instead of trying. */
  isUp: () => boolean;
  /** Called with every Redis failure (the gate logs the first of an outage). */
  onDown: (error: unknown) => void;
  /** This process's per-token slots, shared with the gate's fallback store (see `createMemoryStore`). */
  slots?: Map<string, LocalSemaphore>;
  /** Slots of a token this replica may hold besides the shared limit (its outage share while it rejoins, see rejoin-share). */
  ownCap?: (token: TokenPolicy) => number | undefined;
}

/** The quota store every replica shares: cache, budget, leases and single-flight locks in Redis. */
export function createRedisStore(options: RedisStoreOptions): QuotaStore {
  const { redis, prefix, logger } = options;
  const board = createFlightBoard(options.subscriber, flightChannel(prefix));
  // At most `concurrency` requests of this replica poll Redis for a token's lease; the rest queue here.
  const pollers = options.slots ?? new Map<string, LocalSemaphore>();
  const spacing = new LocalSpacing();

  async function guard<T>(operation: () => Promise<T>): Promise<T> {
    if (!options.isUp()) throw new SharedStoreDown();
    try {
      return await operation();
    } catch (error) {
      if (isRedisFailure(error)) {
        options.onDown(error);
        throw new SharedStoreDown(error);
      }
      throw error;
    }
  }

  async function finish(token: TokenPolicy, key: string, lock: HeldLock, result: FlightResult, keepMs: number): Promise<void> {
    const keys = tokenKeys(prefix, token);
    try {
      const batch = redis.pipeline();
      if (result && 'entry' in result) batch.set(keys.cache(key), JSON.stringify(result.entry), 'PX', Math.max(1, keepMs));
      if (result && 'error' in result)
        batch.set(keys.failure(key), JSON.stringify({ flight: lock.identifier, error: errorToWire(result.error) }), 'PX', options.failureKeepMs);
      batch.publish(flightChannel(prefix), JSON.stringify({ key: keys.cache(key) }));
      await guard(() => batch.exec());
    } finally {
      await giveBack(lock);
    }
  }

  /**
   * Gives a held lock or lease back. Its refresh stops first, whatever Redis says: the guard
   * throws at once while Redis is known down, and a lease still refreshing would come back to
   * life on the new master and hold a slot for good. Unreleased, it expires within its TTL.
   */
  async function giveBack(lock: HeldLock): Promise<void> {
    lock.stop();
    await guard(() => lock.release());
  }

  return {
    budgetShare: 1,
    concurrencyFor: (token) => token.concurrency,

    async readCache(token, key) {
      return parseEntry(await guard(() => redis.get(tokenKeys(prefix, token).cache(key))));
    },

    async claimFlight(token, key, keepMs): Promise<FlightClaim> {
      const flightKey = tokenKeys(prefix, token).flight(key);
      for (;;) {
        const lock = await guard(() => tryLockFlight(redis, flightKey, options.flight, logger));
        if (lock) return { held: true, id: lock.identifier, finish: (result) => finish(token, key, lock, result, keepMs) };
        const holder = await guard(() => redis.get(mutexKey(flightKey)));
        if (holder) return { held: false, holder };
      }
    },

    async awaitFlight(token, key, holder, signal): Promise<FlightOutcome> {
      const keys = tokenKeys(prefix, token);
      const cacheKey = keys.cache(key);
      // Without the subscription (subscriber still connecting) waiters simply poll.
      await board.ready().catch(() => undefined);
      for (;;) {
        const nudge = board.arm(cacheKey);
        try {
          const [cached, failed, current] = await guard(() => redis.mget(cacheKey, keys.failure(key), mutexKey(keys.flight(key))));
          const entry = parseEntry(cached);
          if (entry?.flight === holder) return { kind: 'value', entry };
          const failure = parseFailure(failed);
          if (failure?.flight === holder) return { kind: 'error', error: failure.error };
          if (current !== holder) return { kind: 'gone' };
          await nudge.wait(options.flight.pollMs, signal);
        } finally {
          nudge.disarm();
        }
      }
    },

    async acquireLease(token, waitMs, signal, lane): Promise<Lease | undefined> {
      const deadline = Date.now() + waitMs;
      let local = pollers.get(token.key);
      if (!local) {
        local = new LocalSemaphore(token.concurrency);
        pollers.set(token.key, local);
      }
      local.capacity = Math.min(token.concurrency, options.ownCap?.(token) ?? token.concurrency);
      const timeout = AbortSignal.timeout(Math.max(1, waitMs));
      const held: Array<() => Promise<void>> = [];
      // Every slot goes back even when Redis fails for one of them (it then expires by itself).
      const releaseAll = async () => {
        let failure: unknown;
        for (const release of held.splice(0).reverse()) await release().catch((error: unknown) => (failure ??= error));
        if (failure) throw failure;
      };
      try {
        // This replica's waiters queue here in lane order (people first, long downloads capped).
        const releaseLocal = await local.acquire(AbortSignal.any([signal, timeout]), slotLane(lane));
        held.push(async () => releaseLocal());
      } catch (error) {
        if (timeout.aborted && !signal.aborted) return undefined;
        throw error;
      }
      try {
        const keys = tokenKeys(prefix, token);
        // A long download first takes one of the token's long slots (all leases but one, across
        // replicas), so the last lease always stays free for live questions and polls.
        const plan = lane?.long ? [{ key: keys.longLease, limit: longCapacity(token.concurrency) }] : [];
        plan.push({ key: keys.lease, limit: token.concurrency });
        for (const step of plan) {
          const lease = await guard(() => acquireLease(redis, step.key, step.limit, Math.max(1, deadline - Date.now()), options.lease, logger, signal));
          if (!lease) {
            await releaseAll();
            return undefined;
          }
          held.push(() => giveBack(lease));
        }
        return { release: () => releaseAll() };
      } catch (error) {
        await releaseAll().catch(() => undefined);
        throw error;
      }
    },

    async awaitSpacing(token, endpoint, minSpacingMs, signal) {
      const key = tokenKeys(prefix, token).spacing(endpoint);
      // The key exists for minSpacingMs after a call: whoever sets it may call now (across replicas);
      // the local booking keeps the gap exact between this replica's own calls.
      for (;;) {
        if ((await guard(() => redis.set(key, '1', 'PX', minSpacingMs, 'NX'))) === 'OK') break;
        const left = await guard(() => redis.pttl(key));
        await sleep(Math.max(1, left), undefined, { signal });
      }
      await spacing.await(key, minSpacingMs, signal);
    },

    async spend(token, day, limit) {
      const key = tokenKeys(prefix, token).budget(day);
      const replies = await guard(() => redis.multi().incr(key).pexpire(key, DAY_KEY_TTL_MS).exec());
      const used = Number(replies?.[0]?.[1]);
      if (!Number.isFinite(used)) throw new SharedStoreDown(new Error('budget counter transaction did not run'));
      if (used <= limit) return used;
      await guard(() => redis.decr(key));
      return undefined;
    },

    async markSpent(token, day) {
      await guard(() => redis.set(tokenKeys(prefix, token).spent(day), '1', 'PX', DAY_KEY_TTL_MS));
    },

    async dayUsage(token, day) {
      const keys = tokenKeys(prefix, token);
      const [used, spent] = await guard(() => redis.mget(keys.budget(day), keys.spent(day)));
      return { used: Number(used ?? 0), spent: spent !== null };
    },

    async raiseUsage(token, day, vendorUsed) {
      const key = tokenKeys(prefix, token).budget(day);
      const own = Number((await guard(() => redis.get(key))) ?? 0);
      // Add the difference rather than SET, so calls counted meanwhile by other replicas are kept.
      if (vendorUsed <= own) return own;
      const replies = await guard(() =>
        redis
          .multi()
          .incrby(key, vendorUsed - own)
          .pexpire(key, DAY_KEY_TTL_MS)
          .exec(),
      );
      return Number(replies?.[0]?.[1] ?? vendorUsed);
    },

    async close() {},
  };
}

/** Socket error codes that mean "Redis is not there" (node's errno names). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
/** What ioredis says when a command cannot reach the server (it has no error classes for these). */
const CONNECTION_MESSAGES = [
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Command timed out$/,
  /^connect ETIMEDOUT$/,
  // A Redis Cluster between connections, or while a master fails over to its replica.
  /^Cluster isn't ready/,
  /^Failed to refresh slots cache/,
  /^None of startup nodes is available/,
  /^CLUSTERDOWN/,
  // A Sentinel-managed master during its failover: the old one gone or demoted, the new one not yet known.
  /^All sentinels are unreachable/,
  /^READONLY/,
  /^LOADING/,
];

/**
 * Only failures to reach Redis switch the gate to per-replica limits; anything else (a reply
 * error, a `TypeError` from a bug) is rethrown so it is seen instead of hidden behind "Redis down".
 */
export function isRedisFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message));
}

function parseEntry(raw: string | null | undefined): CacheEntry | undefined {
  if (!raw) return undefined;
  try {
    const entry = JSON.parse(raw) as Partial<CacheEntry>;
    if (typeof entry.fetchedAt !== 'number' || typeof entry.flight !== 'string' || !('value' in entry)) return undefined;
    return entry as CacheEntry;
  } catch {
    return undefined;
  }
}

type WireError = Omit<VendorErrorInit, 'cause'>;

function errorToWire(error: VendorError): WireError {
  const { kind, reason, source, vendor, endpoint, status, userMessage, said, detail, retryAfterSeconds } = error;
  return { kind, reason, source, vendor, endpoint, status, userMessage: said ? undefined : userMessage, said, detail, retryAfterSeconds };
}

function parseFailure(raw: string | null | undefined): { flight: string; error: VendorError } | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { flight?: unknown; error?: WireError };
    if (typeof parsed.flight !== 'string' || !parsed.error || typeof parsed.error.kind !== 'string') return undefined;
    return { flight: parsed.flight, error: new VendorError(parsed.error) };
  } catch {
    return undefined;
  }
}
