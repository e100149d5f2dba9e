import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../src/log/logger.js';
import { createRedisLease, type Leadership } from '../../src/watcher/leader/leader.js';
import { watcherKeys } from '../../src/watcher/store/redis-keys.js';
import { connectRedis, deleteKeys, uniquePrefix } from './kit.js';
import { eventually } from '../support/eventually.js';

describe('leader lease', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function replicas(count: number, ttlMs: number, renewMs = Math.floor(ttlMs / 4)) {
    const prefix = uniquePrefix('lease');
    const clients: Redis[] = [];
    const leases: Leadership[] = [];
    for (let i = 0; i < count; i++) {
      const redis = connectRedis();
      clients.push(redis);
      leases.push(createRedisLease({ redis, key: watcherKeys(prefix).leaderLease, ttlMs, renewMs, logger: silentLogger() }));
    }
    cleanups.push(async () => {
      for (const lease of leases) await lease.stop();
      for (const c of clients) c.disconnect();
      await deleteKeys(prefix);
    });
    await Promise.all(leases.map((l) => l.start()));
    return { leases, clients, prefix };
  }

  /** Samples who leads every 5 ms for `ms`, failing if two ever lead at once. */
  async function watchForOverlap(leases: Leadership[], ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      expect(leases.filter((l) => l.isLeader()).length).toBeLessThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('elects exactly one of three replicas', async () => {
    const { leases, clients, prefix } = await replicas(3, 800);
    await eventually(() => leases.some((l) => l.isLeader()), 'a leader');
    await watchForOverlap(leases, 1_000);
    // A renewal a busy machine delays may leave a moment with no leader: wait for the one there is.
    const leader = await eventually(() => leases.find((l) => l.isLeader()), 'a leader');
    expect(leases.filter((l) => l.isLeader())).toHaveLength(1);
    // The store fences its writes with the token under this key: it must be the leader's.
    expect(await clients[0]!.get(watcherKeys(prefix).leader)).toBe(leader.token());
  });

  it('hands over at once when the leader stops, since it gives the lease up', async () => {
    // A lease far longer than the test: a new leader can only come from the lease given up.
    const { leases } = await replicas(3, 120_000, 100);
    const leader = await eventually(() => leases.find((l) => l.isLeader()), 'a leader');
    await leader.stop();
    await eventually(() => leases.some((l) => l !== leader && l.isLeader()), 'a new leader');
  });

  it('a leader cut off from Redis stops leading before another replica starts, and another takes over once its lease ran out', async () => {
    const { leases, clients } = await replicas(3, 800);
    const leader = await eventually(() => leases.find((l) => l.isLeader()), 'a leader');
    clients[leases.indexOf(leader)]!.disconnect();
    const overlap = watchForOverlap(leases, 1_600);
    const next = await eventually(() => leases.find((l) => l !== leader && l.isLeader()), 'a new leader');
    expect(next).toBeDefined();
    expect(leader.isLeader()).toBe(false);
    await overlap;
  });
});
