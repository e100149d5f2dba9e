import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import type { TokenPolicy } from '../../src/quota/quota-gate.js';
import { tokenKeys } from '../../src/quota/redis-keys.js';
import { SharedStoreDown, createRedisStore } from '../../src/quota/redis-store.js';
import { eventually } from '../support/eventually.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../support/redis-kit.js';

const prefix = uniquePrefix('lease-given-back');
const redis = connectRedis();
const subscriber = connectRedis();
afterEach(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
  subscriber.disconnect();
});

const token: TokenPolicy = { key: 'wolkvox:0032', concurrency: 2, reserveShare: 0, timeZone: 'America/Bogota' };

it('stops refreshing a lease given back while Redis is counted down, so the slot frees itself once Redis answers', async () => {
  // Redis stays up: the gate only believes it down (the moment of a Sentinel failover when the
  // lease's call ends), which is what made the guard refuse the release before the refresh stopped.
  let up = true;
  const store = createRedisStore({
    redis,
    subscriber,
    prefix,
    logger: silentLogger(),
    // Refreshed every 100 ms while held; gone 300 ms after the last refresh.
    lease: { ttlMs: 300, retryMs: 10 },
    flight: { ttlMs: 10_000, retryMs: 0, pollMs: 100 },
    failureKeepMs: 5_000,
    isUp: () => up,
    onDown: () => undefined,
  });
  const leases = `semaphore:${tokenKeys(prefix, token).lease}`;
  const lease = await store.acquireLease(token, 5_000, new AbortController().signal);
  expect(lease).toBeDefined();
  expect(await redis.zcard(leases)).toBe(1);

  up = false;
  await expect(lease!.release()).rejects.toBeInstanceOf(SharedStoreDown);
  up = true;

  // Not given back in Redis (it was believed down), the lease must expire by itself: with the
  // refresh still running it would hold one of the token's two slots for good.
  await eventually(async () => (await redis.zcount(leases, Date.now() - 300, '+inf')) === 0, 'the lease to expire in Redis');
  // Both slots can be taken again.
  const again = await Promise.all([1, 2].map(() => store.acquireLease(token, 5_000, new AbortController().signal)));
  expect(again.every((l) => l !== undefined)).toBe(true);
  await Promise.all(again.map((l) => l!.release()));
});
