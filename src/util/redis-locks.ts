import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { Mutex, Semaphore } from 'redis-semaphore';
import type { Logger } from '../log/logger.js';

/**
 * Crash-safe locks on redis-semaphore, the one lock mechanism of the bot: the quota gate's
 * concurrency leases and single-flight locks, and the watcher's leader lease. The library's own
 * refresh timer rejects unhandled when Redis is down (which would end the process), so locks are
 * taken with `refreshInterval: 0` and kept alive by their owner through the library's documented
 * `acquiredExternally` refresh.
 */
export interface HeldLock {
  readonly identifier: string;
  /** Stops refreshing the lock, without a Redis call: what is given up while Redis is down then expires by itself. */
  stop(): void;
  /** Stops refreshing, then gives the lock back in Redis (rejects when Redis is not reached; the refresh stays stopped). */
  release(): Promise<void>;
}

export interface LockTiming {
  /** A holder that dies frees the lock within this time. */
  ttlMs: number;
  /** Pause between two attempts while waiting. */
  retryMs: number;
}

/** A concurrency lease on `key` (at most `limit` holders across every replica), or undefined after `waitMs`. */
export async function acquireLease(
  redis: RedisClient,
  key: string,
  limit: number,
  waitMs: number,
  timing: LockTiming,
  logger: Logger,
  signal?: AbortSignal,
): Promise<HeldLock | undefined> {
  const options = { lockTimeout: timing.ttlMs, acquireTimeout: waitMs, retryInterval: timing.retryMs, refreshInterval: 0 };
  const lease = new Semaphore(redis, key, limit, options);
  if (!(await lease.tryAcquire(signal))) return undefined;
  const refresh = () => new Semaphore(redis, key, limit, { ...options, identifier: lease.identifier, acquiredExternally: true }).tryAcquire();
  return held(lease, refresh, timing.ttlMs, () => logger.warn({ key }, 'quota gate: a concurrency lease expired while its call was still running'));
}

/** The single-flight lock for one cache key, or undefined when another fetch holds it. */
export async function tryLockFlight(redis: RedisClient, key: string, timing: LockTiming, logger: Logger): Promise<HeldLock | undefined> {
  const lock = ownedMutex(redis, key, randomUUID(), timing.ttlMs);
  if (!(await lock.take())) return undefined;
  return held(lock, lock.renew, timing.ttlMs, () => logger.warn({ key }, 'quota gate: a single-flight lock expired while its fetch was still running'));
}

/** A mutex whose owner (`identifier`) takes, renews and gives it up itself, one attempt and one Redis call each. */
export interface OwnedMutex {
  readonly identifier: string;
  /** Takes the mutex when nobody holds it (true), for `ttlMs`. */
  take(): Promise<boolean>;
  /** Extends it by `ttlMs` only while `identifier` still holds it (true). */
  renew(): Promise<boolean>;
  /** Gives it up only when `identifier` still holds it. */
  release(): Promise<void>;
}

/**
 * A redis-semaphore mutex on `key` (stored under {@link mutexKey}) held by `identifier`, with no
 * timer of the library's: the owner decides when to renew, and a rejected call means Redis was
 * not reached.
 *
 * @example
 *   const lease = ownedMutex(redis, 'chatops:{watch}:leader', randomUUID(), 15_000);
 *   if (await lease.take()) setInterval(() => void lease.renew(), 5_000);
 */
export function ownedMutex(redis: RedisClient, key: string, identifier: string, ttlMs: number): OwnedMutex {
  const options = { lockTimeout: ttlMs, acquireAttemptsLimit: 1, retryInterval: 0, refreshInterval: 0, identifier };
  const ours = () => new Mutex(redis, key, { ...options, acquiredExternally: true });
  return {
    identifier,
    take: () => new Mutex(redis, key, options).tryAcquire(),
    renew: () => ours().tryAcquire(),
    release: () => ours().release(),
  };
}

/** The Redis key under which redis-semaphore keeps a mutex (documented: `mutex:<key>`). */
export function mutexKey(key: string): string {
  return `mutex:${key}`;
}

function held(lock: Pick<Semaphore, 'identifier' | 'release'>, refresh: () => Promise<boolean>, ttlMs: number, onLost: () => void): HeldLock {
  let active = true;
  const timer = setInterval(
    () => {
      refresh().then(
        (ok) => {
          if (!ok && active) {
            active = false;
            clearInterval(timer);
            onLost();
          }
        },
        // Redis down: the gate has already switched to local limits and said so; the lock expires on its own.
        () => undefined,
      );
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  const stop = () => {
    active = false;
    clearInterval(timer);
  };
  return {
    identifier: lock.identifier,
    stop,
    async release() {
      stop();
      await lock.release();
    },
  };
}
