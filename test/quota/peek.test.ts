import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis-kit.js';

const prefix = uniquePrefix('peek');
afterAll(() => deleteKeys(prefix));

const START = Date.parse('2026-11-21T15:00:00Z');

describe.each([
  { name: 'memory', make: (now: () => number) => createMemoryQuotaGate({ now }) },
  { name: 'redis', make: (now: () => number) => createRedisQuotaGate({ redis: REDIS_URL, prefix, now, leaseTtlMs: 5_000 }) },
])('peek on the $name quota gate', ({ make }) => {
  let clock = START;
  let gate: QuotaGate;
  afterEach(async () => {
    clock = START;
    await gate.close();
  });

  it('gives the cached answer with its time, even past its TTL, without a vendor call or spending budget', async () => {
    gate = make(() => clock);
    const token: TokenPolicy = {
      key: `wolkvox:0032:${randomUUID().slice(0, 8)}`,
      concurrency: 2,
      dailyBudget: 10,
      reserveShare: 0,
      timeZone: 'America/Bogota',
    };
    expect(await gate.peek(token, 'bogota:agents')).toBeUndefined();
    let calls = 0;
    await gate.run({
      token,
      source: 'bogota',
      vendor: 'wolkvox',
      key: 'bogota:agents',
      endpoint: 'agents',
      ttlMs: 20_000,
      priority: 'interactive',
      fetch: async () => {
        // One vendor request, metered as the shared HTTP client meters it.
        const release = await meterRequest({ endpoint: 'agents' });
        release();
        return ['Laura', ++calls];
      },
    });
    clock += 60_000;
    expect(await gate.peek(token, 'bogota:agents')).toEqual({ value: ['Laura', 1], fetchedAt: START });
    expect(calls).toBe(1);
    expect((await gate.usage(token)).usedToday).toBe(1);
  });
});
