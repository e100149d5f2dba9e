import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectRedis } from '../../src/redis/connect.js';
import { startSentinelSet, type SentinelSet } from '../support/redis-topologies.js';
import { ready, redisContracts } from './contracts.js';

// A master, a replica and three sentinels, started once for this file; the bot finds the master
// through the sentinels (REDIS_SENTINELS + REDIS_SENTINEL_NAME).
let set: SentinelSet;
beforeAll(async () => {
  set = await startSentinelSet();
});
afterAll(() => set?.stop());

redisContracts('a Sentinel set', () => set.settings());

describe('the bot on a Sentinel set', () => {
  it('writes to the master the sentinels name, and the replica holds the same keys', async () => {
    const redis = connectRedis(set.settings());
    try {
      await ready(redis);
      await redis.set('test-ha:sentinel:probe', 'written through the sentinels');
      const masterPort = await set.masterPort();
      const replicaPort = [...set.servers.keys()].find((port) => port !== masterPort)!;
      const direct = (port: number) => new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
      const [master, replica] = [direct(masterPort), direct(replicaPort)];
      try {
        expect(await master.get('test-ha:sentinel:probe')).toBe('written through the sentinels');
        await replica.call('WAIT', '0', '0').catch(() => undefined);
        await vi.waitFor(async () => expect(await replica.get('test-ha:sentinel:probe')).toBe('written through the sentinels'), {
          timeout: 10_000,
          interval: 20,
        });
      } finally {
        master.disconnect();
        replica.disconnect();
      }
    } finally {
      redis.disconnect();
    }
  });
});
