import { afterAll, describe } from 'vitest';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import { quotaGateContract, type GateFactory } from './gate-contract.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis-kit.js';

const prefix = uniquePrefix('contract');

const factories: GateFactory[] = [
  { name: 'memory', mode: 'memory', make: ({ now, metrics }) => createMemoryQuotaGate({ now, metrics }) },
  { name: 'redis', mode: 'shared', make: ({ now, metrics }) => createRedisQuotaGate({ redis: REDIS_URL, prefix, now, metrics, leaseTtlMs: 5_000 }) },
];

afterAll(() => deleteKeys(prefix));

describe.each(factories)('the $name quota gate', (factory) => {
  quotaGateContract(factory);
});
