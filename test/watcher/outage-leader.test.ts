import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { FAIL_FAST_REDIS_OPTIONS } from '../../src/quota/index.js';
import { createRedisLease, type Leadership } from '../../src/watcher/leader/leader.js';
import { watcherKeys } from '../../src/watcher/store/redis-keys.js';
import { freePort, startRedis, stopRedis } from '../support/redis-server.js';
import { eventually } from '../support/eventually.js';

// Three leases on a redis-server this test stops and starts again empty (the shared one is never touched).

let server: ChildProcess | undefined;
let port: number;
const clients: Redis[] = [];

beforeAll(async () => {
  port = await freePort();
  server = await startRedis(port);
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  if (server) await stopRedis(server);
});

describe('the leader lease through a Redis outage', () => {
  it('the first replica of the roster leads alone, never beside another, and writes back when Redis returns; the others do not lead', async () => {
    const members = ['replica-a', 'replica-b', 'replica-c'];
    const keys = watcherKeys('test-outage-lease');
    const events: string[] = [];
    const written: string[] = [];
    const leases: Leadership[] = members.map((id, rank) => {
      const redis = new Redis(port, '127.0.0.1', FAIL_FAST_REDIS_OPTIONS);
      redis.on('error', () => undefined);
      clients.push(redis);
      return createRedisLease({
        redis,
        key: keys.leaderLease,
        ttlMs: 900,
        renewMs: 150,
        logger: silentLogger(),
        outage: {
          signal: { redisDown: () => redis.status !== 'ready', roster: () => ({ members, rank }) },
          goAlone: () => events.push(`${id} leads alone`),
          writeBack: async (token) => {
            written.push(token);
            events.push(`${id} wrote back`);
            return true;
          },
          drop: () => events.push(`${id} dropped`),
        },
      });
    });
    const [first, second, third] = leases as [Leadership, Leadership, Leadership];
    try {
      // A replica that is not first leads through Redis: the first must wait for its lease to run out.
      await second.start();
      await eventually(() => second.isLeader(), 'the second replica to lead');
      await Promise.all([first.start(), third.start()]);

      await stopRedis(server!);
      server = undefined;
      let overlaps = 0;
      const sampling = setInterval(() => {
        if (leases.filter((l) => l.isLeader()).length > 1) overlaps += 1;
      }, 5);
      try {
        await eventually(() => first.leadingAlone(), 'the first replica to lead alone');
        // Several more lease ticks of the others while Redis is still down.
        await eventually(() => !second.isLeader() && !third.isLeader(), 'the others not leading');
      } finally {
        clearInterval(sampling);
      }
      expect(overlaps).toBe(0);
      expect(first.isLeader()).toBe(true);
      expect(events).toEqual(['replica-a leads alone']);

      server = await startRedis(port);
      await eventually(() => written.length > 0 && !first.leadingAlone(), 'the first replica to write back');
      expect(first.isLeader()).toBe(true);
      expect(written).toEqual([first.token()]);
      const probe = new Redis(port, '127.0.0.1');
      clients.push(probe);
      expect(await probe.get(keys.leader)).toBe(first.token());
      expect(events).toEqual(['replica-a leads alone', 'replica-a wrote back']);
      expect(second.isLeader() || third.isLeader()).toBe(false);
    } finally {
      for (const lease of leases) await lease.stop();
    }
  });
});
