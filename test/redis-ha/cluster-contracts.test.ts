import { randomUUID } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPolicy } from '../../src/quota/quota-gate.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import { connectRedis } from '../../src/redis/connect.js';
import { startCluster, type RedisCluster } from '../support/redis-topologies.js';
import { ready, redisContracts } from './contracts.js';

// Three masters sharing the slots, started once for this file (REDIS_CLUSTER_NODES): every
// multi-key command, transaction, pipeline and script of the bot must stay within one slot.
let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(() => cluster?.stop());

redisContracts('a three-master Cluster', () => cluster.settings());

describe('the bot on a Cluster', () => {
  it("spreads tokens over the three masters and keeps each token's keys (locks included) in one slot", async () => {
    const prefix = `test-ha-spread-${randomUUID().slice(0, 8)}`;
    const gate = createRedisQuotaGate({ redis: cluster.settings(), prefix });
    const redis = connectRedis(cluster.settings());
    try {
      await ready(redis);
      const tokens = Array.from(
        { length: 12 },
        (_, i): TokenPolicy => ({ key: `wolkvox:00${i}`, concurrency: 2, reserveShare: 0, timeZone: 'America/Bogota', dailyBudget: 1000 }),
      );
      for (const token of tokens) {
        await gate.run({
          token,
          source: 'bogota',
          vendor: 'wolkvox',
          key: 'bogota:queue',
          endpoint: 'queue',
          ttlMs: 60_000,
          priority: 'interactive',
          fetch: () => meteredAnswer(),
        });
      }
      const nodes = (redis as Cluster).nodes('master');
      expect(nodes).toHaveLength(3);
      const perNode = await Promise.all(nodes.map(async (node) => (await node.keys(`*${prefix}*`)).length));
      expect(
        perNode.every((n) => n > 0),
        `keys per master: ${perNode.join(', ')}`,
      ).toBe(true);
      const oneToken = (await Promise.all(nodes.map((node) => node.keys(`*${prefix}:{wolkvox:003}*`)))).flat();
      expect(oneToken.some((k) => k.includes(':budget:'))).toBe(true);
      expect(oneToken.some((k) => k.includes(':cache:'))).toBe(true);
      const slots = new Set(await Promise.all(oneToken.map((k) => redis.cluster('KEYSLOT', k))));
      expect(slots.size).toBe(1);
    } finally {
      await gate.close();
      redis.disconnect();
    }
  });
});

/** One vendor request as the adapters' HTTP client sends it: a lease and a unit of budget. */
async function meteredAnswer(): Promise<string> {
  const release = await meterRequest({ endpoint: 'queue', long: false });
  try {
    return 'answer';
  } finally {
    release();
  }
}
