import { afterAll } from 'vitest';
import { createMemoryHistory, createRedisHistory } from '../../src/history/index.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';
import { historyContract } from './history-contract.js';

historyContract('memory', async () => ({ history: createMemoryHistory(), cleanup: async () => undefined }));

const redis = connectRedis();
afterAll(() => redis.disconnect());

historyContract('Redis', async () => {
  const prefix = uniquePrefix('history');
  return { history: createRedisHistory({ redis, prefix }), cleanup: () => deleteKeys(prefix) };
});
