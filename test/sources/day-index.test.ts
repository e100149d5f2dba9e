import { afterAll } from 'vitest';
import { createMemoryDayIndex } from '../../src/domain/day-index.js';
import { createRedisDayIndex } from '../../src/sources/redis-day-index.js';
import { silentLogger } from '../../src/log/logger.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';
import { dayIndexContract } from './day-index-contract.js';

dayIndexContract('memory', () => {
  const index = createMemoryDayIndex();
  return { indexes: [index, index] };
});

const redis = connectRedis();
const prefix = uniquePrefix('days');
afterAll(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
});

dayIndexContract('Redis', async () => {
  await redis.ping();
  const make = () => createRedisDayIndex({ redis, prefix, logger: silentLogger() });
  return { indexes: [make(), make()] };
});
