import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryConversationStore } from '../../src/platforms/teams/conversation-store.js';
import { createRedisConversationStore } from '../../src/platforms/teams/redis-conversation-store.js';
import { channel, conversationStoreContract } from './conversation-store-contract.js';

conversationStoreContract('memory', createMemoryConversationStore);

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
const runPrefix = `test:teams:${randomUUID()}:`;
let storeCount = 0;

beforeAll(async () => {
  await redis.connect();
});
afterAll(async () => {
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

conversationStoreContract('Redis', () => createRedisConversationStore({ redis, prefix: `${runPrefix}${storeCount++}:` }));

describe('Redis conversation store', () => {
  it('shares references between replicas using the same prefix', async () => {
    const prefix = `${runPrefix}shared:`;
    const a = createRedisConversationStore({ redis, prefix });
    const b = createRedisConversationStore({ redis, prefix });
    await a.save(channel);
    await a.alias('ops', channel.id);
    expect(await b.get(channel.id)).toEqual(channel);
    expect(await b.resolveAlias('ops')).toBe(channel.id);
  });

  it('skips a corrupted value instead of failing every post', async () => {
    const prefix = `${runPrefix}corrupt:`;
    const store = createRedisConversationStore({ redis, prefix });
    await store.save(channel);
    await redis.set(`${prefix}conv:${channel.id}`, '{not json');
    expect(await store.get(channel.id)).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });
});
