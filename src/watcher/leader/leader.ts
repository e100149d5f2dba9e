import { failureState } from '../../log/failure-state.js';
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../redis/client.js';
import type { Logger } from '../../log/logger.js';
import { ownedMutex } from '../../util/redis-locks.js';

/**
 * Which replica runs the watcher. Only the leader polls, evaluates and drains the outbox.
 */
export interface Leadership {
  /** True while this process holds a lease that has not run out by its own clock, or leads without Redis. */
  isLeader(): boolean;
  /** True while Redis is down and this replica leads alone (it was first of the replica roster it last read). */
  leadingAlone(): boolean;
  /** The lease token, to fence writes (undefined in memory mode: nothing to fence). */
  token(): string | undefined;
  start(): Promise<void>;
  /** Stops renewing and gives the lease up, so another replica takes over at once. */
  stop(): Promise<void>;
}

/** The embedded default: one process, always the leader. */
export function alwaysLeader(): Leadership {
  return { isLeader: () => true, leadingAlone: () => false, token: () => undefined, start: async () => undefined, stop: async () => undefined };
}

/** What a replica knows during a Redis outage, from the quota gate (its outage signal and its replica roster). */
export interface OutageSignal {
  /** True while Redis is unreachable (the quota gate's `mode() === 'local'`). */
  redisDown(): boolean;
  /** The replica roster as this replica last read it (sorted ids, its own place); undefined when it never read one. */
  roster(): { members: string[]; rank: number } | undefined;
}

/**
 * Leading through an outage: while Redis is down, the first member of the last roster each
 * replica read leads alone (all agree without talking), its store serving from memory; when
 * Redis answers again it takes the lease and writes its state back, fenced with the lease token.
 */
export interface OutageLeading {
  signal: OutageSignal;
  /** This replica starts leading alone: its store serves from memory from now on. */
  goAlone(): void;
  /**
   * Redis answers and this replica took the lease after an outage: writes back what it kept
   * (fenced with `token`). False when another replica wrote newer state (then it is dropped).
   * Throws when Redis fails again midway (it stays alone and tries again at the next tick).
   */
  writeBack(token: string): Promise<boolean>;
  /** This replica led alone, but another holds the lease now that Redis is back: forget the outage's state. */
  drop(): void;
}
export interface RedisLeaseOptions {
  redis: RedisClient;
  /** The lease's name; Redis keeps the leader's token under `mutexKey(key)`. */
  key: string;
  /** Lease length; a dead leader is replaced within about this long (default 15 s). */
  ttlMs?: number;
  /** How often the leader renews and the others try to take over (default ttl / 3). */
  renewMs?: number;
  logger: Logger;
  /** Told when this process becomes or stops being the leader. */
  onChange?: (leader: boolean) => void;
  /** Absent: no replica leads while Redis is down (a cut-off leader stops when its lease runs out). */
  outage?: OutageLeading;
}

/**
 * A leader lease in Redis, on the same redis-semaphore mutex as the quota gate's locks (taken
 * with `SET NX PX ttl`), renewed every `renewMs` only while it still holds our token. The lease counts as ours until `ttl` after the
 * last successful acquire or renewal by our own monotonic clock, minus a margin, so a leader cut
 * off from Redis stops before another can start. Redis itself is the only judge: writes are also
 * fenced with the token (see the store's `commit`).
 *
 * @example
 *   const lease = createRedisLease({ redis, key: keys.leaderLease, ttlMs: 15_000, logger });
 *   await lease.start();
 *   if (lease.isLeader()) await pollEverything();
 */
export function createRedisLease(options: RedisLeaseOptions): Leadership {
  const { redis, key, logger, outage } = options;
  const ttlMs = options.ttlMs ?? 15_000;
  const renewMs = options.renewMs ?? Math.max(50, Math.floor(ttlMs / 3));
  // Stop acting a little before Redis would hand the lease to someone else.
  const margin = Math.min(renewMs, Math.floor(ttlMs / 5));
  const myToken = randomUUID();
  const lease = ownedMutex(redis, key, myToken, ttlMs);
  let validUntil = 0;
  /** The lease was ours at the last tick (it counts until `validUntil`). */
  let leader = false;
  /** Leading without Redis, during an outage. */
  let alone = false;
  /** Lease ticks failed since Redis last answered: the next lease taken writes back first. */
  let afterOutage = false;
  /** When the first failed tick of this outage failed. */
  let downSince: number | undefined;
  /**
   * Whether this replica was first of the roster it had read when the outage began: kept until
   * the outage is over, since the roster read again from a Redis that restarted empty fills up
   * one replica at a time and would name another first for a while.
   */
  let firstWhenDown: boolean | undefined;
  /** After an outage, a replica that is not first waits until then before it tries for the lease. */
  let graceUntil = 0;
  let reported = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let busy = false;

  // Logged when Redis stops answering for the lease and when it answers again, not at every renewal.
  const reaching = failureState(logger, {
    failing: outage
      ? 'watcher: could not reach Redis for the leader lease; the first replica of the last roster leads alone until it answers (logged again when it does)'
      : 'watcher: could not reach Redis for the leader lease; no replica leads until it answers (logged again when it does)',
    recovered: 'watcher: Redis answers for the leader lease again',
  });

  const isLeader = () => alone || (leader && performance.now() < validUntil);
  const first = () => firstWhenDown ?? outage?.signal.roster()?.rank === 0;

  function report(): void {
    const leading = alone || leader;
    if (leading === reported) return;
    reported = leading;
    logger.info(
      { token: myToken.slice(0, 8) },
      leading ? 'watcher: this replica is now the leader (polls and posts alerts)' : 'watcher: this replica is no longer the leader',
    );
    options.onChange?.(leading);
  }

  /**
   * Redis is down and this replica is first of its last roster: it leads alone at once when it
   * held the lease, otherwise once any other holder's lease has run out (a full ttl after its own
   * first failure), so that two never lead at once.
   */
  function leadsAlone(at: number): boolean {
    if (!outage?.signal.redisDown() || !first()) return false;
    return (leader && at < validUntil) || at >= (downSince ?? at) + ttlMs;
  }

  async function comeBack(ok: boolean): Promise<void> {
    if (!outage) return;
    if (ok) {
      const wasAlone = alone;
      const written = await outage.writeBack(myToken);
      if (!written)
        logger.warn(
          { token: myToken.slice(0, 8) },
          'watcher: Redis is back, but another replica saved newer alert state meanwhile: this replica leads on that and forgets what it kept during the outage',
        );
      else if (wasAlone)
        logger.info(
          { token: myToken.slice(0, 8) },
          'watcher: Redis is back: this replica wrote back the alert state it kept while leading without Redis (its messages are updated, not posted again) and leads through Redis again',
        );
    } else if (alone) {
      outage.drop();
      logger.warn(
        { token: myToken.slice(0, 8) },
        'watcher: Redis is back, but another replica holds the leader lease: this replica stops leading and forgets what it kept during the outage',
      );
    }
    alone = false;
  }

  async function tick(): Promise<void> {
    if (busy || stopped) return;
    busy = true;
    const started = performance.now();
    try {
      if (!leader && !alone) {
        if (started < graceUntil) return;
        if (outage && afterOutage && !first()) {
          // Redis answers again: the first replica of the roster writes its state back before anyone else may lead.
          await redis.ping();
          afterOutage = false;
          downSince = undefined;
          firstWhenDown = undefined;
          graceUntil = started + ttlMs;
          reaching.ok('lease');
          return;
        }
      }
      let ok = leader ? await lease.renew() : await lease.take();
      // Back from an outage, a Redis that restarted empty has forgotten the lease it held.
      if (!ok && leader && (alone || afterOutage)) ok = await lease.take();
      if (stopped) return;
      validUntil = ok ? started + ttlMs - margin : 0;
      leader = ok;
      if (afterOutage || alone) await comeBack(ok);
      afterOutage = false;
      downSince = undefined;
      firstWhenDown = undefined;
      reaching.ok('lease');
    } catch (error) {
      // Redis unreachable: keep leading only until our lease would have run out anyway, unless
      // this replica is the one that leads alone through the outage.
      reaching.failed('lease', { err: (error as Error).message });
      afterOutage = true;
      // When the failure was seen, not when the attempt began: any lease another replica renewed
      // was renewed before Redis stopped answering, so before this moment.
      const failedAt = performance.now();
      downSince ??= failedAt;
      firstWhenDown ??= outage?.signal.roster()?.rank === 0;
      if (!alone && leadsAlone(failedAt)) {
        alone = true;
        outage!.goAlone();
        const members = outage!.signal.roster()?.members.length ?? 1;
        logger.warn(
          { token: myToken.slice(0, 8), replicas: members },
          `watcher: Redis is unreachable and this replica is first of the ${members} replica${members === 1 ? '' : 's'} it last saw: it leads without Redis (polls, keeps alert state in memory, posts) until Redis returns`,
        );
      }
      if (!alone && performance.now() >= validUntil) leader = false;
    } finally {
      if (!stopped) report();
      busy = false;
    }
  }

  return {
    isLeader,
    leadingAlone: () => alone,
    token: () => myToken,
    async start() {
      if (!stopped) return;
      stopped = false;
      await connected(redis, 2_000);
      await tick();
      timer = setInterval(() => void tick(), renewMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      const was = leader;
      validUntil = 0;
      leader = false;
      alone = false;
      report();
      if (was) {
        try {
          await lease.release();
        } catch (error) {
          logger.warn({ err: (error as Error).message }, 'watcher: could not release the leader lease; another replica takes over when it expires');
        }
      }
    },
  };
}

/** Waits (bounded) for a client that is still connecting, so the first attempt is not a spurious failure. */
function connected(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready' || redis.status === 'end' || redis.status === 'close') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    redis.once('ready', done);
  });
}
