import { createMemoryRuleStore } from '../../src/rules/rule-store.js';
import { createRedisRuleStore } from '../../src/rules/redis-rule-store.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';
import { ruleStoreContract } from './rule-store-contract.js';

ruleStoreContract('memory', async () => ({ store: createMemoryRuleStore(), cleanup: async () => undefined }));

ruleStoreContract('Redis', async () => {
  const redis = connectRedis();
  const prefix = uniquePrefix('rule-store');
  return {
    store: createRedisRuleStore({ redis, prefix }),
    async cleanup() {
      redis.disconnect();
      await deleteKeys(prefix);
    },
  };
});
