import type { RedisClient } from '../redis/client.js';
import type { Logger } from '../log/logger.js';

/** Vendor requests spent by one asker in the last hour, and when the oldest of the surplus expires. */
export interface AskerSpend {
  used: number;
  /** When `used` next drops below `limit` (ms since epoch); undefined when it already is. */
  freeAt?: number;
}

/**
 * Counts the vendor requests each asker's commands cost over a sliding hour, shared by the
 * replicas (Redis) or per process (memory). Never throws: a store that cannot answer answers
 * from this process's own count.
 */
export interface AskerLedger {
  spent(asker: string, limit: number): Promise<AskerSpend>;
  charge(asker: string, requests: number): void;
}

export const HOUR_MS = 3_600_000;

/** One process's ledger: timestamps per asker, dropped after an hour (and the asker with them). */
export function createMemoryAskerLedger(options: { now?: () => number } = {}): AskerLedger {
  const now = options.now ?? Date.now;
  const spends = new Map<string, number[]>();
  const recent = (asker: string) => {
    const since = now() - HOUR_MS;
    const kept = (spends.get(asker) ?? []).filter((t) => t > since);
    if (kept.length) spends.set(asker, kept);
    else spends.delete(asker);
    return kept;
  };
  return {
    async spent(asker, limit) {
      const times = recent(asker);
      return { used: times.length, freeAt: times.length >= limit ? times[times.length - limit]! + HOUR_MS : undefined };
    },
    charge(asker, requests) {
      const times = recent(asker);
      for (let i = 0; i < requests; i++) times.push(now());
      spends.set(asker, times);
    },
  };
}

/**
 * The ledger shared by every replica: a sorted set of request times per asker, trimmed to the
 * last hour and expiring an hour after the last request. While Redis is down, this process
 * counts on its own.
 */
export function createRedisAskerLedger(options: { redis: RedisClient; prefix: string; logger: Logger; now?: () => number }): AskerLedger {
  const { redis, prefix, logger } = options;
  const now = options.now ?? Date.now;
  const local = createMemoryAskerLedger({ now });
  const keyOf = (asker: string) => `${prefix}:{${asker}}`;
  let sequence = 0;

  return {
    async spent(asker, limit) {
      if (redis.status !== 'ready') return local.spent(asker, limit);
      const key = keyOf(asker);
      const at = now();
      try {
        const replies = await redis
          .multi()
          .zremrangebyscore(key, '-inf', at - HOUR_MS)
          .zcard(key)
          .exec();
        const used = Number(replies?.[1]?.[1] ?? 0);
        if (used < limit) return { used };
        const oldest = await redis.zrange(key, used - limit, used - limit, 'WITHSCORES');
        return { used, freeAt: Number(oldest[1] ?? at) + HOUR_MS };
      } catch (error) {
        logger.debug({ err: error }, 'asker budget: Redis did not answer; counting on this replica');
        return local.spent(asker, limit);
      }
    },
    charge(asker, requests) {
      local.charge(asker, requests);
      if (redis.status !== 'ready' || requests <= 0) return;
      const key = keyOf(asker);
      const at = now();
      const members: Array<number | string> = [];
      for (let i = 0; i < requests; i++) members.push(at, `${at}:${process.pid}:${(sequence++).toString(36)}:${Math.random().toString(36).slice(2, 8)}`);
      redis
        .multi()
        .zadd(key, ...members)
        .pexpire(key, HOUR_MS)
        .exec()
        .catch((error: unknown) => logger.debug({ err: error }, 'asker budget: could not count a request in Redis'));
    },
  };
}
