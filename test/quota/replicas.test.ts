import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingVendor, fetchCounted, type CountingVendor } from '../fakes/counting-vendor.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import type { TokenPolicy } from '../../src/quota/quota-gate.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis-kit.js';
import { startReplica, type Replica } from './replicas.js';

const prefix = uniquePrefix('replicas');
const LEASE_TTL_MS = 2_000;
let vendor: CountingVendor;
let replicas: Replica[] = [];

function token(concurrency = 2): TokenPolicy {
  return { key: `wolkvox:0032:${randomUUID().slice(0, 8)}`, concurrency, dailyBudget: 100_000, reserveShare: 0.1, timeZone: 'America/Bogota' };
}

beforeAll(async () => {
  vendor = await startCountingVendor({ concurrency: 2 });
  const env = {
    QG_REDIS_URL: REDIS_URL,
    QG_PREFIX: prefix,
    QG_VENDOR_URL: vendor.url,
    QG_LEASE_TTL_MS: String(LEASE_TTL_MS),
    QG_FLIGHT_TTL_MS: String(LEASE_TTL_MS),
  };
  replicas = await Promise.all([1, 2, 3].map(() => startReplica(env)));
}, 90_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await vendor.close();
  await deleteKeys(prefix);
});

describe('three replicas sharing one Redis', () => {
  it('answer 300 simultaneous questions for one key with a single vendor call', async () => {
    vendor.reset();
    vendor.setDelay(200);
    const t = token();
    for (const r of replicas) r.send({ cmd: 'burst', token: t, keys: Array.from({ length: 100 }, () => 'bogota:queue'), ttlMs: 20_000 });
    const results = await Promise.all(replicas.map((r) => r.next('burst-done')));
    expect(vendor.stats().calls).toBe(1);
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.flatMap((r) => r.values)).toEqual(Array.from({ length: 300 }, () => 'bogota:queue'));
  });

  it('keep 120 different questions within the two simultaneous requests wolkvox allows', async () => {
    vendor.reset();
    vendor.setDelay(5);
    const t = token(2);
    replicas.forEach((r, i) =>
      r.send({ cmd: 'burst', token: t, keys: Array.from({ length: 40 }, (_, j) => `bogota:transcript:${i * 40 + j}`), ttlMs: 20_000 }),
    );
    const results = await Promise.all(replicas.map((r) => r.next('burst-done')));
    const stats = vendor.stats();
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.flatMap((r) => r.values)).toHaveLength(120);
    expect(stats).toMatchObject({ calls: 120, refused: 0 });
    expect(stats.maxConcurrent).toBeLessThanOrEqual(2);
  }, 90_000);

  it('take over the lease and the fetch of a replica killed mid-call within the lease TTL', async () => {
    vendor.reset();
    vendor.setDelay(5);
    const t = token(1);
    const doomed = replicas.pop()!;
    doomed.send({ cmd: 'hold', token: t, key: 'bogota:queue' });
    await doomed.next('holding');
    doomed.child.kill('SIGKILL');
    const killedAt = performance.now();

    const gate = createRedisQuotaGate({
      redis: REDIS_URL,
      prefix,
      leaseTtlMs: LEASE_TTL_MS,
      flightTtlMs: LEASE_TTL_MS,
      flightPollMs: 50,
      leaseWaitMs: 120_000,
    });
    try {
      const answer = await gate.run({
        token: t,
        source: 'bogota',
        vendor: 'wolkvox',
        key: 'bogota:queue',
        endpoint: 'queue',
        ttlMs: 20_000,
        priority: 'interactive',
        fetch: (s) => fetchCounted(vendor.url, 'bogota:queue', s),
      });
      const waited = performance.now() - killedAt;
      expect(answer).toMatchObject({ value: { key: 'bogota:queue' }, stale: false, fromCache: false });
      // Blocked while the dead replica's lease was still valid; free once it expired (otherwise it would
      // still be waiting: its lease wait is longer than this test's timeout).
      expect(waited).toBeGreaterThan(LEASE_TTL_MS / 2);
    } finally {
      await gate.close();
    }
  }, 60_000);
});
