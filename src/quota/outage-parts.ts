import type { RedisClient } from '../redis/client.js';
import type { TokenPolicy } from './quota-gate.js';
import { tokenKeys } from './redis-keys.js';
import type { ReplicaRoster } from './replica-roster.js';
import { shareOf } from './replica-roster.js';
import { DAY_KEY_TTL_MS } from './store.js';

/** What a replica knew of the others when Redis stopped answering. */
export interface Outage {
  /** Replicas it had seen (itself included); 0 when it never reached Redis. */
  members: number;
  /** Their ids (sorted), for the rejoin after the outage (see rejoin-share). */
  ids: string[];
  /** Its place among them (0-based). */
  rank: number;
  since: number;
}

export interface OutagePartsOptions {
  redis: RedisClient;
  prefix: string;
  roster: ReplicaRoster;
  /** The token's local day (`YYYY-MM-DD` in its time zone). */
  day: (token: TokenPolicy) => string;
  /** Sets the fallback store's day count (what is left of it is this replica's part). */
  setLocalUsage: (token: TokenPolicy, day: string, used: number) => void;
  /** When the replica never saw the others: its share of each budget and its slots. */
  unknown: { budgetShare: number; concurrency: number };
}

/**
 * A replica's own part of each token's limits while Redis is unreachable, so that the replicas
 * together stay within the vendor's: an even split of the token's simultaneous requests among the
 * replicas it last saw (`shareOf`), and an even split of what was left of the day's budget (the
 * shared count it last read). What it sends on its own part is handed to the shared count when
 * Redis returns, so the bot's count stays the vendor's.
 *
 * @example
 *   const parts = createOutageParts({ redis, prefix, roster, day, setLocalUsage: local.setUsage, unknown: { budgetShare: 1 / 3, concurrency: 1 } });
 *   parts.begin();                       // Redis stopped answering
 *   const mine = parts.ownPart(token);   // before a request admitted on the fallback store
 *   mine.pending += 1;                   // once admitted
 *   await parts.end();                   // Redis is back: hand over what was sent alone
 */
export function createOutageParts(options: OutagePartsOptions) {
  const { redis, prefix, roster, day } = options;
  let outage: Outage | undefined;
  /** Each token's shared day count as this replica last learned it (its own spends, reconciles, beats). */
  const sharedSeen = new Map<string, { day: string; used: number }>();
  /** Tokens this replica has asked for, so that it keeps their shared day count in mind. */
  const tokens = new Map<string, TokenPolicy>();
  /** Per token and day: requests this replica sent on its own part, not yet in the shared count. */
  const alone = new Map<string, { token: TokenPolicy; day: string; pending: number; stint?: string }>();
  /** Counts outages that ended: a fallback after one (Redis failing without an outage declared) starts its own stint. */
  let ended = 0;

  /**
   * Whom the limits are split with now: the outage's members, else (a command failed while Redis
   * is still counted up) the roster last read. Undefined when this replica never saw the others.
   */
  function split(): { members: number; rank: number } | undefined {
    if (outage?.members) return outage;
    if (outage) return undefined;
    const seen = roster.lastSeen();
    return seen?.members.length ? { members: seen.members.length, rank: seen.rank } : undefined;
  }

  return {
    current: (): Outage | undefined => outage,

    noteToken(token: TokenPolicy): void {
      tokens.set(token.key, token);
    },

    noteShared(token: TokenPolicy, today: string, used: number): void {
      sharedSeen.set(token.key, { day: today, used });
    },

    /** Reads the shared day count of every token this replica uses (with the roster's beat). */
    async readShared(): Promise<void> {
      // One GET per token: their keys sit in different hash slots of a Redis Cluster.
      await Promise.all(
        [...tokens.values()].map(async (token) => {
          const today = day(token);
          const used = await redis.get(tokenKeys(prefix, token).budget(today));
          sharedSeen.set(token.key, { day: today, used: Number(used ?? 0) });
        }),
      );
    },

    /** Redis stopped answering: the members last seen decide this replica's part until it returns. */
    begin(): Outage {
      if (!outage) {
        const seen = roster.lastSeen();
        outage = { members: seen?.members.length ?? 0, ids: seen?.members ?? [], rank: seen?.rank ?? 0, since: Date.now() };
      }
      return outage;
    },

    /** Redis answers again: the outage is over; what was sent alone goes to the shared count. */
    async end(): Promise<void> {
      outage = undefined;
      ended += 1;
      for (const [key, entry] of alone) {
        if (entry.pending > 0) {
          const budgetKey = tokenKeys(prefix, entry.token).budget(entry.day);
          const sent = entry.pending;
          try {
            await redis.multi().incrby(budgetKey, sent).pexpire(budgetKey, DAY_KEY_TTL_MS).exec();
          } catch {
            return; // Redis went away again: the next return hands it over
          }
          entry.pending -= sent;
        }
        if (entry.pending === 0) alone.delete(key);
      }
    },

    /** Slots of this token this replica may hold now (its part while Redis is down). */
    concurrency(token: TokenPolicy): number {
      const parts = split();
      return parts ? shareOf(token.concurrency, parts.members, parts.rank) : options.unknown.concurrency;
    },

    /**
     * The fallback store's budget share: whole when the day count is set to leave this replica its
     * part (see `ownPart`), in an outage and after one alike; the "never saw the others" share only
     * when it never did. (After an outage this used to fall back to that share while the day count
     * still held the outage's part: the replica's part was counted twice and its requests refused.)
     */
    budgetShare(): number {
      return split() ? 1 : options.unknown.budgetShare;
    },

    /**
     * This replica's part of a token's day for the outage under way, set as the fallback store's
     * day count the first time the token is asked for in this outage, so that the store's limits
     * (and the reserve for people) apply to what is left, as they would on the shared count.
     * Count each admitted request in the entry returned (`pending += 1`).
     */
    ownPart(token: TokenPolicy): { pending: number } {
      const today = day(token);
      const key = `${token.key}|${today}`;
      let entry = alone.get(key);
      if (!entry) alone.set(key, (entry = { token, day: today, pending: 0 }));
      // One stint per outage, and one for fallbacks between two outages: each starts from the shared count.
      const stint = outage ? `outage ${outage.since}` : `after ${ended}`;
      if (entry.stint !== stint) {
        entry.stint = stint;
        const parts = split();
        if (parts && token.dailyBudget !== undefined) {
          const seen = sharedSeen.get(token.key);
          const used = (seen?.day === today ? seen.used : 0) + (outage ? 0 : entry.pending);
          const part = Math.floor(Math.max(0, token.dailyBudget - used) / parts.members);
          options.setLocalUsage(token, today, token.dailyBudget - part);
        }
      }
      return entry;
    },

    /** In words, for `/readyz`: what this replica takes while Redis is down. */
    describe(): string | undefined {
      if (!outage) return undefined;
      const part = outage.members
        ? `this replica takes its part of each token's simultaneous requests and daily budget (1 of ${outage.members} replicas seen before)`
        : `this replica never reached Redis: it takes ${options.unknown.concurrency} simultaneous request(s) and ${Math.round(options.unknown.budgetShare * 100)}% of the daily budget per token`;
      return `Redis is unreachable: ${part}; answers it cannot fetch come from its cache, marked with their age`;
    },
  };
}

export type OutageParts = ReturnType<typeof createOutageParts>;
