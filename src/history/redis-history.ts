import type { RedisClient } from '../redis/client.js';
import { mergeTiers } from './memory-history.js';
import { queueKey, RETENTION, type Figures, type History, type Sample } from './history.js';

export interface RedisHistoryOptions {
  redis: RedisClient;
  /** Start of every key (default `chatops`). */
  prefix?: string;
}

/**
 * History in Redis, shared by every replica: two sorted sets per source and queue, scored by
 * time. `fine` holds every sample of the last day; `coarse` one sample per 5-minute slot for
 * 8 days. Each record trims both, and both expire when a source stops being polled, so the
 * memory used stays bounded (about 1,440 + 2,300 small members per queue at one poll a minute).
 *
 * @example
 *   const history = createRedisHistory({ redis, prefix: 'chatops' });
 */
export function createRedisHistory({ redis, prefix = 'chatops' }: RedisHistoryOptions): History {
  // One hash tag per source: a Redis Cluster keeps a source's series in one slot.
  const keys = (source: string, queue: string) => {
    const base = `${prefix}:history:{${source}}:${encodeURIComponent(queueKey(queue))}`;
    return { fine: `${base}:fine`, coarse: `${base}:coarse` };
  };

  return {
    async record(source, queue, at, figures) {
      const { fine, coarse } = keys(source, queue);
      const ms = at.getTime();
      const member = JSON.stringify([ms, figures]);
      const slot = Math.floor(ms / RETENTION.coarseStepMs) * RETENTION.coarseStepMs;
      await redis
        .multi()
        .zremrangebyscore(fine, ms, ms)
        .zadd(fine, ms, member)
        .zremrangebyscore(fine, '-inf', `(${ms - RETENTION.fineMs}`)
        .pexpire(fine, RETENTION.fineMs + RETENTION.coarseStepMs)
        .zremrangebyscore(coarse, slot, `(${slot + RETENTION.coarseStepMs}`)
        .zadd(coarse, ms, member)
        .zremrangebyscore(coarse, '-inf', `(${ms - RETENTION.keepMs}`)
        .pexpire(coarse, RETENTION.keepMs + RETENTION.coarseStepMs)
        .exec();
    },
    async range(source, queue, from, to) {
      const { fine, coarse } = keys(source, queue);
      const results = await redis
        .multi()
        .zrange(fine, 0, 0, 'WITHSCORES')
        .zrangebyscore(fine, from.getTime(), to.getTime())
        .zrangebyscore(coarse, from.getTime(), to.getTime())
        .exec();
      if (!results) return [];
      for (const [error] of results) if (error) throw error;
      const oldest = results[0]![1] as string[];
      const fineStart = oldest.length === 2 ? Number(oldest[1]) : undefined;
      return mergeTiers(parse(results[1]![1] as string[]), parse(results[2]![1] as string[]), fineStart);
    },
  };
}

function parse(members: string[]): Sample[] {
  const out: Sample[] = [];
  for (const member of members) {
    try {
      const [at, figures] = JSON.parse(member) as [number, Figures];
      if (typeof at === 'number' && figures && typeof figures === 'object') out.push({ at, figures });
    } catch {
      // A member this version cannot read is skipped rather than failing the answer.
    }
  }
  return out;
}
