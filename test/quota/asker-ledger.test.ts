import { afterAll } from 'vitest';
import { createMemoryAskerLedger, createRedisAskerLedger } from '../../src/quota/asker-ledger.js';
import { silentLogger } from '../../src/log/logger.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';
import { askerLedgerContract } from './asker-ledger-contract.js';

askerLedgerContract('memory', (clock) => {
  const ledger = createMemoryAskerLedger({ now: () => clock.now });
  return { ledgers: [ledger, ledger], clock };
});

const redis = connectRedis();
const prefix = uniquePrefix('askers');
afterAll(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
});

askerLedgerContract('Redis', async (clock) => {
  await redis.ping();
  const make = () => createRedisAskerLedger({ redis, prefix, logger: silentLogger(), now: () => clock.now });
  return { ledgers: [make(), make()], clock };
});
