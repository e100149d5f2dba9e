import type { RedisClient } from '../redis/client.js';
import type { Logger } from '../log/logger.js';
import { createMemoryDayIndex, MAX_IDS_PER_DAY, type ConversationDayIndex } from '../domain/day-index.js';

/** Ids per SADD: keeps each command (and the time Redis spends on it) small. */
const SADD_BATCH = 5_000;

/**
 * The conversation-day index shared by every replica: per scope and day, a set of ids and the
 * time the day was read, both expiring together. While Redis does not answer, this process
 * remembers on its own (memory) and reads from there, so a lookup never waits on an outage.
 * Keys share a hash tag per scope (`{scope}`) so a Redis Cluster keeps them in one slot.
 *
 * @example
 *   const index = createRedisDayIndex({ redis, prefix: 'chatops:days', logger });
 */
export function createRedisDayIndex(options: { redis: RedisClient; prefix: string; logger: Logger; now?: () => number }): ConversationDayIndex {
  const { redis, prefix, logger } = options;
  const local = createMemoryDayIndex({ now: options.now });
  const keys = (scope: string, day: string) => ({ ids: `${prefix}:{${scope}}:${day}:ids`, at: `${prefix}:{${scope}}:${day}:at` });

  return {
    async lookup(scope, days, id) {
      if (redis.status !== 'ready') return local.lookup(scope, days, id);
      try {
        const pipeline = redis.pipeline();
        for (const day of days) {
          const k = keys(scope, day);
          pipeline.get(k.at);
          pipeline.sismember(k.ids, id);
        }
        const replies = (await pipeline.exec()) ?? [];
        return days.map((_, i) => {
          const [atError, at] = replies[2 * i] ?? [];
          const [hasError, has] = replies[2 * i + 1] ?? [];
          if (atError || hasError || typeof at !== 'string') return undefined;
          return { holds: has === 1, scannedAt: Number(at) };
        });
      } catch (error) {
        logger.debug({ err: error }, "day index: Redis did not answer; using this replica's own memory");
        return local.lookup(scope, days, id);
      }
    },

    async record(scope, day, ids, { scannedAt, ttlMs }) {
      await local.record(scope, day, ids, { scannedAt, ttlMs });
      if (ids.length > MAX_IDS_PER_DAY || ttlMs <= 0 || redis.status !== 'ready') return;
      const k = keys(scope, day);
      try {
        // Written under a temporary name and renamed, so a reader never sees half a day.
        const staging = `${k.ids}:${scannedAt}:${Math.random().toString(36).slice(2)}`;
        const ttl = Math.ceil(ttlMs);
        for (let i = 0; i < ids.length; i += SADD_BATCH) {
          await redis
            .multi()
            .sadd(staging, ...ids.slice(i, i + SADD_BATCH))
            .pexpire(staging, ttl)
            .exec();
        }
        const multi = redis.multi();
        if (ids.length > 0) multi.rename(staging, k.ids);
        else multi.del(k.ids);
        await multi.set(k.at, String(scannedAt), 'PX', ttl).pexpire(k.ids, ttl).exec();
      } catch (error) {
        logger.debug({ err: error }, "day index: could not record a day in Redis; it stays in this replica's memory");
      }
    },
  };
}
