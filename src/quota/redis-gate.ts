import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { connectRedis, FAIL_FAST_REDIS_OPTIONS } from '../redis/connect.js';
import type { RedisSettings } from '../redis/redis-settings.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { admitRequest, leadRequest, recordQuota, type CoreContext } from './gate-core.js';
import { createInProcessJoin } from './in-process-join.js';
import { SlotWaits } from './slot-waits.js';
import { localDate } from '../domain/local-date.js';
import { createMemoryStore } from './memory-store.js';
import type { GateRequest, GateResult, QuotaGate, TokenPolicy } from './quota-gate.js';
import { checkPrefix } from './redis-keys.js';
import { SharedStoreDown, createRedisStore } from './redis-store.js';
import { peekCache } from './peek.js';
import { createOutageParts } from './outage-parts.js';
import { createReplicaRoster } from './replica-roster.js';
import { createRejoin } from './rejoin-share.js';
import { watchRedisFailover } from './redis-failover.js';
import type { QuotaStore } from './store.js';
import type { LocalSemaphore } from './semaphore.js';

export interface RedisQuotaGateOptions {
  /**
   * A client from `connectRedis` (one server, Sentinel or Cluster), or a URL or settings: those get
   * a client of the gate's own that fails fast while Redis is down (no offline queue).
   */
  redis: RedisClient | RedisSettings | string;
  /** Start of every key (default `chatops:quota`); tests use a unique one per run. */
  prefix?: string;
  metrics?: Metrics;
  logger?: Logger;
  /** Clock for TTLs, ages and the local day (ms since epoch). Leases use the real clock. */
  now?: () => number;
  /** A lease held by a process that died comes back within this time (default 15 s; refreshed every third). */
  leaseTtlMs?: number;
  /** Pause between two attempts at a busy lease (default 10 ms). */
  leaseRetryMs?: number;
  /** How long a request waits for a lease before it counts as "vendor busy" (default 30 s). */
  leaseWaitMs?: number;
  /** A single-flight lock of a dead replica frees within this time (default 10 s; refreshed every third). */
  flightTtlMs?: number;
  /** Waiters look at Redis this often besides being woken by pub/sub (default 100 ms). */
  flightPollMs?: number;
  /** How long the last value of a key is kept for stale answers (default 24 h). */
  staleKeepMs?: number;
  /**
   * While Redis is down, a replica that saw the others before takes its even part of each
   * token's concurrency and budget (see `shareOf`). One that never reached Redis cannot know
   * its part: it may spend this share of each daily budget (default 1/3)...
   */
  localShare?: number;
  /** ...and take this many leases per token (default 1). */
  localConcurrency?: number;
  /** How often this replica says it is alive and reads who else is (default 5 s). */
  rosterBeatMs?: number;
  /** How long the first requests wait for the first connection before going local (default 2 s). */
  connectWaitMs?: number;
  /** While Redis is down, how often to check whether it is back (default 1 s). */
  probeMs?: number;
  /**
   * Back on Redis after an outage, how long this replica keeps to its outage share of the slots
   * at most while another replica it split them with has not come back (default 60 s, and at
   * least 3 roster beats): one that died in the outage never comes back to say so.
   */
  rejoinWaitMs?: number;
}

/** Kept here too for the modules and tests that import it from the quota gate. */
export { FAIL_FAST_REDIS_OPTIONS };

/**
 * The quota gate shared by every replica through Redis: one cache, one single-flight per key,
 * one concurrency lease set and one daily budget per token. When Redis is unreachable it keeps
 * answering on this replica's share of the limits (`mode() === 'local'`), says so once in the
 * log, and goes back to shared limits by itself when Redis returns.
 *
 * @example
 *   const gate = createRedisQuotaGate({ redis: env.REDIS_URL, metrics, logger });
 *   const { value, stale, staleReason } = await gate.run({ token, key: 'bogota:queue', endpoint: 'queue', ttlMs: 20_000, priority: 'interactive', fetch: (s) => adapter.queue!(s) });
 */
export function createRedisQuotaGate(options: RedisQuotaGateOptions): QuotaGate {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger();
  const prefix = checkPrefix(options.prefix ?? 'chatops:quota');
  const localShare = options.localShare ?? 1 / 3;
  const localConcurrency = options.localConcurrency ?? 1;
  const probeMs = options.probeMs ?? 1_000;
  const rosterBeatMs = options.rosterBeatMs ?? 5_000;
  const lifetime = new AbortController();
  const ctx: CoreContext = {
    now,
    metrics: options.metrics,
    logger,
    signal: lifetime.signal,
    staleKeepMs: options.staleKeepMs ?? 86_400_000,
    leaseWaitMs: options.leaseWaitMs ?? 30_000,
    slotWaits: new SlotWaits(),
  };

  // A client is passed in (ioredis mixes EventEmitter in, so `instanceof` does not tell); a URL or settings get one of the gate's own.
  const given = typeof options.redis === 'object' && 'duplicate' in options.redis ? options.redis : undefined;
  const ownsClient = !given;
  const redis: RedisClient =
    given ??
    (typeof options.redis === 'string'
      ? connectRedis({ mode: 'server', url: options.redis, prefix, tls: options.redis.startsWith('rediss://') })
      : connectRedis(options.redis as RedisSettings));
  if (!ownsClient && redis.options.enableOfflineQueue !== false) {
    logger.warn(
      'quota gate: the Redis client queues commands while offline; pass a URL or set enableOfflineQueue: false so requests fail over to local limits at once',
    );
  }
  const subscriber = redis.duplicate();
  const roster = createReplicaRoster({ redis, prefix, id: randomUUID(), staleAfterMs: 3 * rosterBeatMs, now: Date.now });
  const rejoinWaitMs = Math.max(options.rejoinWaitMs ?? 60_000, 3 * rosterBeatMs);
  const rejoin = createRejoin({ redis, prefix, id: roster.id, giveUpAfterMs: rejoinWaitMs, now: Date.now });
  let closed = false;
  let replicasLogged = 0;
  async function beat(): Promise<void> {
    if (closed) return;
    await roster.beat().catch(() => undefined);
    await parts.readShared().catch(() => undefined);
    const rejoining = rejoin.rejoining();
    await rejoin.beat().catch(() => undefined);
    if (rejoining && !rejoin.rejoining()) logger.info({ prefix }, 'quota gate: every replica is back on Redis: this replica takes shared slots again');
    // One line each time the number of replicas changes: what an outage would split the limits by.
    const replicas = roster.lastSeen()?.members.length ?? 0;
    if (replicas > 0 && replicas !== replicasLogged) {
      replicasLogged = replicas;
      logger.info(
        { prefix, replicas },
        `quota gate: ${replicas} replica${replicas === 1 ? '' : 's'} share${replicas === 1 ? 's' : ''} the vendor limits through Redis`,
      );
    }
  }

  const failover = watchRedisFailover(
    redis,
    { probeMs, connectWaitMs: options.connectWaitMs ?? 2_000 },
    {
      down(error, first) {
        const outage = parts.begin();
        if (!first) return;
        logger.warn(
          {
            prefix,
            err: error instanceof Error ? error.message : undefined,
            replicas: outage.members || 'unknown',
            place: outage.members ? outage.rank + 1 : undefined,
          },
          outage.members
            ? `Redis is unreachable: this replica now takes its own part of each token's limits (1 of ${outage.members} replicas) until Redis returns`
            : `Redis is unreachable and this replica never saw the others: it takes ${localConcurrency} slot(s) and ${Math.round(localShare * 100)}% of each budget until Redis returns`,
        );
      },
      confirmed(error) {
        logger.debug(
          { prefix, err: error instanceof Error ? error.message : undefined },
          'quota gate: a Redis command failed but Redis answers: limits stay shared',
        );
      },
      up(afterOutage) {
        // Until the replicas it split the limits with are back too, this one keeps to its share of the slots.
        const outage = parts.current();
        if (afterOutage && outage?.members) rejoin.begin(outage.ids, outage.rank);
        if (afterOutage) logger.info({ prefix }, 'Redis is back: quota limits are shared across replicas again');
        replicasLogged = 0; // say again how many share, as the fresh roster fills
        void beat();
        void parts.end();
      },
    },
  );
  const beating = setInterval(() => void (failover.up ? beat() : undefined), rosterBeatMs);
  beating.unref();
  if (failover.up) void beat();
  const firstConnection = failover.firstConnection;
  subscriber.on('error', () => undefined);

  // One set of per-token slots for both stores: requests in flight when Redis fails keep counting.
  const slots = new Map<string, LocalSemaphore>();
  // What the shared count says, each time this replica spends or reconciles: its part of what is
  // left if Redis stops answering.
  const shared = noteSharedCounts(
    createRedisStore({
      redis,
      subscriber,
      prefix,
      logger,
      lease: { ttlMs: options.leaseTtlMs ?? 15_000, retryMs: options.leaseRetryMs ?? 10 },
      flight: { ttlMs: options.flightTtlMs ?? 10_000, retryMs: 0, pollMs: options.flightPollMs ?? 100 },
      failureKeepMs: 5_000,
      isUp: () => failover.up,
      onDown: (error) => failover.suspect(error),
      slots,
      ownCap: (token) => rejoin.cap(token),
    }),
    (token, today, used) => parts.noteShared(token, today, used),
  );
  // While Redis is down: this replica's part of each token's slots and budget, from the members it saw.
  const local = createMemoryStore({
    now,
    slots,
    budgetShare: () => parts.budgetShare(),
    concurrency: (token) => parts.concurrency(token),
  });
  const parts = createOutageParts({
    redis,
    prefix,
    roster,
    day: (token) => day(token),
    setLocalUsage: (token, today, used) => local.setUsage(token, today, used),
    unknown: { budgetShare: localShare, concurrency: localConcurrency },
  });

  // Each vendor request is admitted on the shared limits while Redis answers, on this replica's
  // own share the moment it does not (even in the middle of a fetch).
  ctx.admit = async (req, request) => {
    if (failover.up) {
      try {
        return await admitRequest(shared, req, request, ctx);
      } catch (error) {
        if (!(error instanceof SharedStoreDown)) throw error;
      }
    }
    const part = parts.ownPart(req.token);
    const release = await admitRequest(local, req, request, ctx);
    part.pending += 1; // admitted: one unit spent on this replica's own part
    const done = rejoin.admittedAlone(); // the others wait for it before they take every shared slot again
    return () => {
      done();
      release();
    };
  };

  async function lead<T>(req: GateRequest<T>): Promise<GateResult<T>> {
    parts.noteToken(req.token);
    await firstConnection;
    if (failover.up) {
      try {
        const result = await leadRequest(shared, req, ctx);
        // Keep a copy on this replica so an outage can still show the last value.
        if (!result.stale) local.remember(req.token, req.key, { value: result.value, fetchedAt: result.fetchedAt, flight: '' }, ctx.staleKeepMs);
        return result;
      } catch (error) {
        if (!(error instanceof SharedStoreDown)) throw error;
      }
    }
    return leadRequest(local, req, ctx);
  }

  async function sharedOr<T>(onShared: () => Promise<T>, onLocal: () => Promise<T>): Promise<T> {
    await firstConnection;
    if (failover.up) {
      try {
        return await onShared();
      } catch (error) {
        if (!(error instanceof SharedStoreDown)) throw error;
      }
    }
    return onLocal();
  }

  const day = (token: TokenPolicy) => localDate(now(), token.timeZone);

  const peek: QuotaGate['peek'] = (token, key) =>
    sharedOr(
      () => peekCache(shared, token, key),
      () => peekCache(local, token, key),
    );

  return {
    run: createInProcessJoin(lead, ctx, peek),

    peek,

    async reconcile(token, usedToday) {
      if (!Number.isFinite(usedToday) || usedToday < 0) return;
      // While Redis is down the vendor's whole-day count says nothing about this replica's share.
      const used = await sharedOr(
        () => shared.raiseUsage(token, day(token), Math.floor(usedToday)),
        async () => undefined,
      );
      if (used !== undefined) recordQuota(ctx, token, used);
    },

    async usage(token) {
      const { used, spent, share } = await sharedOr(
        async () => ({ ...(await shared.dayUsage(token, day(token))), share: 1 }),
        async () => ({ ...(await local.dayUsage(token, day(token))), share: local.budgetShare }),
      );
      const budget = token.dailyBudget === undefined ? undefined : Math.floor(token.dailyBudget * share);
      return { usedToday: used, budget, left: budget === undefined ? undefined : spent ? 0 : Math.max(0, budget - used) };
    },

    mode: () => (failover.up ? 'shared' : 'local'),

    health() {
      const outage = parts.current();
      const replicas = roster.lastSeen()?.members.length;
      if (failover.up || !outage) return { mode: failover.up ? 'shared' : 'local', replicas };
      return { mode: 'local', replicas: outage.members || replicas, since: outage.since, degraded: parts.describe() };
    },

    replicas: () => roster.lastSeen(),

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(beating);
      failover.close();
      // Leave the roster at once, so the others' outage shares do not count a replica that stopped.
      if (failover.up) await roster.leave().catch(() => undefined);
      lifetime.abort(new Error('quota gate closed'));
      await local.close();
      subscriber.disconnect();
      if (ownsClient) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The shared store, telling `note` the day's count each time this replica spends or reconciles. */
function noteSharedCounts(store: QuotaStore, note: (token: TokenPolicy, today: string, used: number) => void): QuotaStore {
  return Object.assign(Object.create(store) as QuotaStore, {
    async spend(token: TokenPolicy, today: string, limit: number) {
      const used = await store.spend(token, today, limit);
      if (used !== undefined) note(token, today, used);
      return used;
    },
    async raiseUsage(token: TokenPolicy, today: string, vendorUsed: number) {
      const used = await store.raiseUsage(token, today, vendorUsed);
      note(token, today, used);
      return used;
    },
  });
}
