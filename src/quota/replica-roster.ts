import type { RedisClient } from '../redis/client.js';

/**
 * The replicas that share the quota gate's Redis, as this replica last saw them. Each replica
 * writes its own id with the time every `beatMs` and reads the others seen within `staleAfterMs`.
 * While Redis is down, a replica uses the last list it read to take only its own share of each
 * token's limits (see `shareOf`), so that the replicas together stay within the vendor's limit.
 */
export interface ReplicaRoster {
  /** This replica's id (random, per process). */
  readonly id: string;
  /** Writes this replica's heartbeat and reads the current members. Throws when Redis fails. */
  beat(): Promise<void>;
  /** The members (sorted, this replica included) and this replica's place, as last read; undefined before the first read. */
  lastSeen(): { members: string[]; rank: number } | undefined;
  /** Removes this replica (a clean stop). */
  leave(): Promise<void>;
}

export interface ReplicaRosterOptions {
  redis: RedisClient;
  /** The gate's key prefix; the roster lives at `<prefix>:replicas`. */
  prefix: string;
  id: string;
  /** A member not seen for this long has left (default 3 × the beat). */
  staleAfterMs: number;
  now: () => number;
}

export function createReplicaRoster({ redis, prefix, id, staleAfterMs, now }: ReplicaRosterOptions): ReplicaRoster {
  const key = `${prefix}:replicas`;
  let seen: { members: string[]; rank: number } | undefined;
  return {
    id,
    async beat() {
      const at = now();
      const replies = await redis
        .multi()
        .zadd(key, at, id)
        .zremrangebyscore(key, '-inf', at - staleAfterMs)
        .zrange(key, 0, -1)
        .pexpire(key, staleAfterMs * 2)
        .exec();
      const members = replies?.[2]?.[1];
      if (!Array.isArray(members)) throw new Error('replica roster: the transaction did not run');
      const sorted = [...new Set([...(members as string[]), id])].sort();
      seen = { members: sorted, rank: sorted.indexOf(id) };
    },
    lastSeen: () => seen,
    async leave() {
      await redis.zrem(key, id);
    },
  };
}

/**
 * This replica's part of `capacity` when `members` replicas split it and it is `rank`-th of them:
 * an even split, the remainder going to the first ranks, so that the parts add up to `capacity`
 * exactly. With more replicas than slots, the last ranks get 0 (they answer from their cache).
 *
 * @example
 *   [0, 1, 2].map((rank) => shareOf(2, 3, rank)) // [1, 1, 0]
 */
export function shareOf(capacity: number, members: number, rank: number): number {
  if (members <= 0) return capacity;
  const base = Math.floor(capacity / members);
  return base + (rank < capacity % members ? 1 : 0);
}
