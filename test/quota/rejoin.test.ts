import { afterEach, expect, it } from 'vitest';
import type { QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import { startCountingVendor, fetchCounted, type CountingVendor } from '../fakes/counting-vendor.js';
import { collectingLogger } from '../support/collecting-logger.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis-kit.js';
import { startCuttableRedis, type CuttableRedis } from '../support/cuttable-redis.js';
import { eventually } from '../support/eventually.js';

const token: TokenPolicy = { key: 'wolkvox:0032', concurrency: 2, dailyBudget: 3_000, reserveShare: 0, timeZone: 'America/Bogota' };
const prefix = uniquePrefix('rejoin');
let vendor: CountingVendor | undefined;
const doors: CuttableRedis[] = [];
const gates: QuotaGate[] = [];
afterEach(async () => {
  await Promise.all(gates.splice(0).map((g) => g.close()));
  await Promise.all(doors.splice(0).map((d) => d.close()));
  await vendor?.close();
  await deleteKeys(prefix);
});

/** One question through a gate: one metered request to the counting vendor (held there with `hang`, until `signal` aborts). */
const ask = (gate: QuotaGate, key: string, options: { hang?: boolean; signal?: AbortSignal } = {}) =>
  gate.run({
    token,
    source: 'bogota',
    vendor: 'wolkvox',
    key,
    endpoint: 'value',
    ttlMs: 0,
    priority: 'interactive',
    fetch: () => fetchCounted(vendor!.url, key, options.signal, options.hang ? '&hang=1' : ''),
  });

it('a replica back on Redis first keeps to its share until the other is back: never 3 requests at once against wolkvox’s 2', async () => {
  vendor = await startCountingVendor({ concurrency: 2, delayMs: 20 });
  const redisAt = new URL(REDIS_URL);
  doors.push(await startCuttableRedis({ host: redisAt.hostname, port: Number(redisAt.port || 6379) }));
  doors.push(await startCuttableRedis({ host: redisAt.hostname, port: Number(redisAt.port || 6379) }));
  const log = collectingLogger();
  const options = { prefix, probeMs: 50, rosterBeatMs: 50, leaseWaitMs: 60_000, rejoinWaitMs: 60_000 };
  const first = createRedisQuotaGate({ redis: doors[0]!.url, logger: log.logger, ...options });
  const second = createRedisQuotaGate({ redis: doors[1]!.url, ...options });
  gates.push(first, second);
  await eventually(() => gates.every((g) => g.health().replicas === 2), 'both replicas to see each other');

  // Redis goes away for both: each takes its own part, 1 of the token's 2 slots.
  for (const door of doors) door.cut();
  await eventually(() => gates.every((g) => g.mode() === 'local'), 'both replicas to notice the outage');
  const held = new AbortController();
  const heldAnswer = ask(second, 'held-by-the-second', { hang: true, signal: held.signal }).catch(() => 'let go');
  await eventually(() => vendor!.stats().inFlight === 1, 'the second replica’s request at the vendor');

  // The first replica is back; the second still sends on its own part.
  doors[0]!.open();
  await eventually(() => first.mode() === 'shared', 'the first replica back on Redis');
  const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => ask(first, `first-${i}`).then((a) => a.value)));
  expect(answers).toHaveLength(6);
  expect(vendor.stats()).toMatchObject({ maxConcurrent: 2, refused: 0 });

  // The second is back and its request done: the first takes both shared slots again.
  doors[1]!.open();
  await eventually(() => second.mode() === 'shared', 'the second replica back on Redis');
  held.abort();
  expect(await heldAnswer).toBe('let go');
  await eventually(() => log.infos().some((l) => /every replica is back on Redis/.test(l.msg)), 'the first replica to take shared slots again');
  const both = new AbortController();
  const two = [1, 2].map((i) => ask(first, `first-held-${i}`, { hang: true, signal: both.signal }).catch(() => 'let go'));
  await eventually(() => vendor!.stats().inFlight === 2, 'two requests of the first replica at the vendor');
  both.abort();
  await Promise.all(two);
  expect(vendor.stats()).toMatchObject({ maxConcurrent: 2, refused: 0 });
});
