import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createRedisHistory } from '../../src/history/index.js';
import { createRedisConversationStore } from '../../src/platforms/teams/redis-conversation-store.js';
import { createRedisAskerLedger } from '../../src/quota/asker-ledger.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import type { RedisClient } from '../../src/redis/client.js';
import { connectRedis } from '../../src/redis/connect.js';
import type { RedisSettings } from '../../src/redis/redis-settings.js';
import { createRedisDayIndex } from '../../src/sources/redis-day-index.js';
import { createRedisRuleStore } from '../../src/rules/redis-rule-store.js';
import { createRedisWatcherStore } from '../../src/watcher/store/redis-store.js';
import { watcherKeys } from '../../src/watcher/store/redis-keys.js';
import { historyContract } from '../history/history-contract.js';
import { askerLedgerContract } from '../quota/asker-ledger-contract.js';
import { quotaGateContract } from '../quota/gate-contract.js';
import { dayIndexContract } from '../sources/day-index-contract.js';
import { ruleStoreContract } from '../rules/rule-store-contract.js';
import { conversationStoreContract } from '../teams/conversation-store-contract.js';
import { alertRecord, post, storeContract } from '../watcher/store-contract.js';

/** Resolves once the client has connected (Sentinel: found the master; Cluster: read the slots). */
export async function ready(redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    redis.once('end', () => reject(new Error('the Redis client gave up connecting')));
  });
}

/**
 * Every Redis-backed contract suite (quota gate, watcher store, history, Teams conversations,
 * asker ledger, day index, rule store), run against one topology the test file started once: the bot's own
 * factory (`connectRedis`) builds the clients from the topology's settings. Nothing is cleaned
 * up between tests: each uses a prefix of its own, and the servers go when the file ends.
 */
export function redisContracts(label: string, topology: () => RedisSettings): void {
  let redis: RedisClient;
  const prefix = () => `test-ha-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    redis = connectRedis(topology());
    redis.on('error', () => undefined);
    await ready(redis);
  });
  afterAll(() => redis?.disconnect());

  const now = () => Date.parse('2026-11-23T15:00:00.000Z');
  describe(`the quota gate on ${label}`, () => {
    quotaGateContract({
      name: label,
      mode: 'shared',
      make: ({ now: clock, metrics }) => createRedisQuotaGate({ redis: topology(), prefix: `${prefix()}:quota`, now: clock, metrics, leaseTtlMs: 5_000 }),
    });
  });
  storeContract(label, async () => ({ store: createRedisWatcherStore({ redis, prefix: prefix(), now }), cleanup: async () => undefined }));
  describe(`the watcher store's fence on ${label}`, () => {
    it('writes nothing from a replica whose lease token is no longer the leader’s', async () => {
      const p = prefix();
      const store = createRedisWatcherStore({ redis, prefix: p, now });
      await redis.set(watcherKeys(p).leader, 'token-of-the-new-leader');
      const change = { rules: [{ ruleId: 'queue-long', seq: 1 }], alerts: [alertRecord('queue-long:1')], deliveries: [post('slack:C1', 'queue-long:1')] };
      expect(await store.commit(change, 'token-of-the-old-leader')).toBe(false);
      expect(await store.commit(change, 'token-of-the-new-leader')).toBe(true);
      expect(await store.pendingCount()).toBe(1);
    });
  });
  historyContract(label, async () => ({ history: createRedisHistory({ redis, prefix: prefix() }), cleanup: async () => undefined }));
  conversationStoreContract(label, () => createRedisConversationStore({ redis, prefix: `${prefix()}:teams:` }));
  askerLedgerContract(label, (clock) => {
    const p = `${prefix()}:askers`;
    const make = () => createRedisAskerLedger({ redis, prefix: p, logger: silentLogger(), now: () => clock.now });
    return { ledgers: [make(), make()], clock };
  });
  ruleStoreContract(label, async () => ({ store: createRedisRuleStore({ redis, prefix: prefix() }), cleanup: async () => undefined }));
  dayIndexContract(label, () => {
    const p = `${prefix()}:days`;
    const make = () => createRedisDayIndex({ redis, prefix: p, logger: silentLogger() });
    return { indexes: [make(), make()] };
  });
}
