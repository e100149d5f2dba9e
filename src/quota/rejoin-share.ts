import type { RedisClient } from '../redis/client.js';
import type { TokenPolicy } from './quota-gate.js';
import { shareOf } from './replica-roster.js';

export interface RejoinOptions {
  redis: RedisClient;
  /** The gate's key prefix; the set lives at `<prefix>:replicas:rejoin`. */
  prefix: string;
  /** This replica's roster id. */
  id: string;
  /**
   * A replica still listed this long after it was listed (or last said it had requests out alone)
   * counts as gone: a replica that died in the outage never comes back to clear itself.
   */
  giveUpAfterMs: number;
  now: () => number;
}

/**
 * Keeps a replica that is back on Redis after an outage within its outage share of each token's
 * slots until the replicas it split them with are back too, with nothing left in flight on their
 * own part. Without it, the first replica back takes every shared slot while another still sends
 * on its own part: 3 requests at once against wolkvox's 2.
 *
 * Each replica back from an outage lists the others it split with in `<prefix>:replicas:rejoin`
 * (NX, the time it listed them); every replica's beat removes itself from that set once it has no
 * request in flight on its own part (and lists itself, with the time, while it has). The share
 * lifts once none of the others is listed any more, or the ones still listed went unheard for
 * `giveUpAfterMs` (gone). Single-key commands only: the set and the roster may sit in different
 * slots of a Redis Cluster.
 *
 * @example
 *   const rejoin = createRejoin({ redis, prefix, id: roster.id, giveUpAfterMs: 60_000, now: Date.now });
 *   rejoin.begin(['a', 'b'], 0);           // Redis is back; 'a' and 'b' split the limits
 *   rejoin.cap(token);                     // 1 of wolkvox's 2 until 'b' is back and clean
 *   await rejoin.beat();                   // with every roster beat
 */
export function createRejoin({ redis, prefix, id, giveUpAfterMs, now }: RejoinOptions) {
  const key = `${prefix}:replicas:rejoin`;
  let share: { members: number; rank: number; others: string[]; listed: boolean } | undefined;
  let alone = 0;

  return {
    /** Redis answers again after an outage in which `members` (ids, this one included) split the limits, this one `rank`-th. */
    begin(members: string[], rank: number): void {
      const others = members.filter((member) => member !== id);
      share = others.length > 0 ? { members: members.length, rank, others, listed: false } : undefined;
    },

    /** Counts one request admitted on this replica's own part (Redis down) until the returned function runs. */
    admittedAlone(): () => void {
      alone += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        alone -= 1;
      };
    },

    /** Slots of `token` this replica may hold while it rejoins (its outage share); undefined once every replica is back. */
    cap(token: TokenPolicy): number | undefined {
      return share ? shareOf(token.concurrency, share.members, share.rank) : undefined;
    },

    /** Whether this replica still keeps to its outage share (for `/readyz`). */
    rejoining: (): boolean => share !== undefined,

    /** With each roster beat (Redis answering): tells the others about this replica, and lifts the share once they are all back. Throws when Redis fails. */
    async beat(): Promise<void> {
      const at = now();
      if (share && !share.listed) {
        await redis.zadd(key, 'NX', ...share.others.flatMap((other) => [at, other]));
        share.listed = true;
      }
      if (alone > 0) await redis.zadd(key, at, id);
      else await redis.zrem(key, id);
      await redis.pexpire(key, giveUpAfterMs * 2);
      if (!share) return;
      const listed = new Map<string, number>();
      const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
      for (let i = 0; i + 1 < flat.length; i += 2) listed.set(flat[i]!, Number(flat[i + 1]));
      share.others = share.others.filter((other) => listed.has(other) && at - listed.get(other)! < giveUpAfterMs);
      if (share.others.length === 0 && alone === 0) share = undefined;
    },
  };
}

export type Rejoin = ReturnType<typeof createRejoin>;
