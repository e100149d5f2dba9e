import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryWatcherStore } from '../../src/watcher/store/memory-store.js';
import { createRedisWatcherStore } from '../../src/watcher/store/redis-store.js';
import { watcherKeys } from '../../src/watcher/store/redis-keys.js';
import { connectRedis, deleteKeys, uniquePrefix } from './kit.js';
import { alertRecord, post, storeContract } from './store-contract.js';

const now = () => Date.parse('2026-11-23T15:00:00.000Z');

storeContract('memory', async () => ({ store: createMemoryWatcherStore({ now }), cleanup: async () => undefined }));

const redis = connectRedis();
afterAll(() => redis.disconnect());

storeContract('Redis', async () => {
  const prefix = uniquePrefix('store');
  return { store: createRedisWatcherStore({ redis, prefix, now }), cleanup: () => deleteKeys(prefix) };
});

describe('Redis watcher store fencing', () => {
  it('writes nothing from a replica whose lease token is no longer the leader’s', async () => {
    const prefix = uniquePrefix('fence');
    try {
      const store = createRedisWatcherStore({ redis, prefix, now });
      await redis.set(watcherKeys(prefix).leader, 'token-of-the-new-leader');
      const change = { rules: [{ ruleId: 'queue-long', seq: 1 }], alerts: [alertRecord('queue-long:1')], deliveries: [post('slack:C1', 'queue-long:1')] };
      expect(await store.commit(change, 'token-of-the-old-leader')).toBe(false);
      expect(await store.openAlerts()).toEqual([]);
      expect(await store.pendingCount()).toBe(0);
      expect(await store.commit(change, 'token-of-the-new-leader')).toBe(true);
      expect(await store.pendingCount()).toBe(1);
    } finally {
      await deleteKeys(prefix);
    }
  });
});
