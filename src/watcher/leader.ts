import { failureState } from '../log/failure-state.js';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { ownedMutex } from '../util/redis-locks.js';

/**
 * Which replica runs the watcher. Only the leader polls, evaluates and drains the outbox.
 */
export interface Leadership {
  /** True while this process holds a lease that has not run out by its own clock. */
  isLeader(): boolean;
  /** The lease token, to fence writes (undefined in memory mode: nothing to fence). */
  token(): string | undefined;
  start(): Promise<void>;
  /** Stops renewing and gives the lease up, so another replica takes over at once. */
  stop(): Promise<void>;
}

/** The embedded default: one process, always the leader. */
export function alwaysLeader(): Leadership {
  return { isLeader: () => true, token: () => undefined, start: async () => undefined, stop: async () => undefined };
}

export interface RedisLeaseOptions {
  redis: Redis;
  /** The lease's name; Redis keeps the leader's token under `mutexKey(key)`. */
  key: string;
  /** Lease length; a dead leader is replaced within about this long (default 15 s). */
  ttlMs?: number;
  /** How often the leader renews and the others try to take over (default ttl / 3). */
  renewMs?: number;
  logger: Logger;
  /** Told when this process becomes or stops being the leader. */
  onChange?: (leader: boolean) => void;
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
  const { redis, key, logger } = options;
  const ttlMs = options.ttlMs ?? 15_000;
  const renewMs = options.renewMs ?? Math.max(50, Math.floor(ttlMs / 3));
  // Stop acting a little before Redis would hand the lease to someone else.
  const margin = Math.min(renewMs, Math.floor(ttlMs / 5));
  const myToken = randomUUID();
  const lease = ownedMutex(redis, key, myToken, ttlMs);
  let validUntil = 0;
  let leader = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let busy = false;

  // Logged when Redis stops answering for the lease and when it answers again, not at every renewal.
  const reaching = failureState(logger, { failing: 'watcher: could not reach Redis for the leader lease; no replica leads until it answers (logged again when it does)', recovered: 'watcher: Redis answers for the leader lease again' });

  function set(next: boolean): void {
    if (next === leader) return;
    leader = next;
    logger.info({ token: myToken.slice(0, 8) }, next ? 'watcher: this replica is now the leader (polls and posts alerts)' : 'watcher: this replica is no longer the leader');
    options.onChange?.(next);
  }

  async function tick(): Promise<void> {
    if (busy || stopped) return;
    busy = true;
    const started = performance.now();
    try {
      const ok = leader ? await lease.renew() : await lease.take();
      if (stopped) return;
      if (ok) validUntil = started + ttlMs - margin;
      else validUntil = 0;
      set(ok);
      reaching.ok('lease');
    } catch (error) {
      // Redis unreachable: keep leading only until our lease would have run out anyway.
      reaching.failed('lease', { err: (error as Error).message });
      if (performance.now() >= validUntil) set(false);
    } finally {
      busy = false;
    }
  }

  return {
    isLeader: () => leader && performance.now() < validUntil,
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
      set(false);
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
function connected(redis: Redis, timeoutMs: number): Promise<void> {
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
