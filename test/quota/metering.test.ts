import { afterEach, describe, expect, it } from 'vitest';
import { createWolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { createLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { QuotaSpentError } from '../../src/quota/quota-gate.js';
import { startTokenReconciler } from '../../src/quota/reconcile.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import { createSource, type Source } from '../../src/sources/source.js';
import { fakeWolkvoxSource, startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis-kit.js';

/**
 * The bot counts what the vendor counts: every HTTP request a vendor receives is metered by the
 * gate as it leaves, so the gate's day count equals the fake wolkvox's own count, and the
 * vendor's limits (2 simultaneous requests, the daily quota) are never hit.
 */
const gates: Array<{ name: string; make: () => QuotaGate }> = [
  { name: 'memory', make: () => createMemoryQuotaGate() },
  { name: 'redis', make: () => createRedisQuotaGate({ redis: REDIS_URL, prefix }) },
];
const prefix = uniquePrefix('metering');

let fake: FakeWolkvox;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await deleteKeys(prefix);
});

async function setUp(make: () => QuotaGate, policy: Partial<TokenPolicy> = {}, fakeOptions: Parameters<typeof startFakeWolkvox>[0] = {}) {
  fake = await startFakeWolkvox({ delayMs: 20, ...fakeOptions });
  cleanups.push(() => fake.close());
  const adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake), { retries: 2, retryBaseDelayMs: 1 });
  const gate = make();
  cleanups.push(
    () => adapter.close(),
    () => gate.close(),
  );
  const token: TokenPolicy = {
    key: `${adapter.quotaKey}:${Math.random().toString(36).slice(2, 8)}`,
    concurrency: 2,
    reserveShare: 0,
    timeZone: adapter.timeZone,
    ...policy,
  };
  const source: Source = createSource({ adapter, gate, token });
  return { gate, token, source };
}

const refusals = () => fake.state.calls.filter((c) => c.status === 403).length;

describe.each(gates)('metering on the $name gate', ({ make }) => {
  it("counts each request of a transcript search, and the bot's count equals the vendor's", async () => {
    const { gate, token, source } = await setUp(make);
    expect((await source.transcript('999999001')).value).toBeNull();
    // The live-chat list, then one chat_2 request per day of the 7-day window.
    expect(fake.state.calls.length).toBeGreaterThanOrEqual(8);
    expect((await gate.usage(token)).usedToday).toBe(fake.state.usedToday);
    expect(fake.state.usedToday).toBe(fake.state.calls.length);
  });

  it('keeps many multi-request questions at once within the 2 simultaneous requests, with the same count as the vendor', async () => {
    const { gate, token, source } = await setUp(make);
    const asked = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) => source.transcript(`77770${i}`)),
      source.agents(),
      source.queue(),
      source.today(),
      source.tokenUsage(),
    ]);
    expect(asked.filter((a) => a.status === 'rejected')).toEqual([]);
    expect(fake.state.maxConcurrencySeen).toBeLessThanOrEqual(2);
    expect(refusals()).toBe(0);
    expect((await gate.usage(token)).usedToday).toBe(fake.state.usedToday);
    expect(fake.state.usedToday).toBe(fake.state.calls.length);
  });

  it('counts every retry as the request it is', async () => {
    const { gate, token, source } = await setUp(make);
    fake.failWith('server-error', { api: 'agents', times: 2 });
    await source.agents();
    const agentsRequests = fake.state.calls.filter((c) => c.api === 'agents').length;
    expect(agentsRequests).toBe(3);
    // The vendor received every attempt; the bot counted every attempt.
    expect((await gate.usage(token)).usedToday).toBe(fake.state.calls.length);
  });

  it('stops at its budget in the middle of a search, before the vendor ever says the quota is spent', async () => {
    // A search of 8 requests against a day of 5.
    const { gate, token, source } = await setUp(make, { dailyBudget: 5 }, { dailyLimit: 5 });
    await expect(source.transcript('555501')).rejects.toBeInstanceOf(QuotaSpentError);
    expect(refusals()).toBe(0);
    expect(fake.state.calls.length).toBe(5);
    expect(await gate.usage(token)).toMatchObject({ usedToday: 5, left: 0 });
  });

  it('checks the count against token_info: no drift while the bot alone spends the token, one log line when something else does', async () => {
    const { gate, token, source } = await setUp(make);
    const lines: Array<{ level: number; msg: string; drift?: number }> = [];
    const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });
    // token_info answers the fake's live count, as the vendor does.
    fake.setData('token_info', () => ({
      data: { token_limit: '1000', token_use_today: String(fake.state.usedToday), all_token_today: String(fake.state.usedToday) },
    }));
    await source.agents();
    const reconciler = startTokenReconciler({ gate, sources: [source], logger, intervalMs: 3_600_000 });
    cleanups.push(() => reconciler.stop());
    await reconciler.firstRound;
    const warnings = () => lines.filter((l) => l.level === 40);
    expect(warnings()).toEqual([]);
    expect((await gate.usage(token)).usedToday).toBe(fake.state.usedToday);

    // Another tool spends 50 requests with the same token.
    fake.setUsedToday(fake.state.usedToday + 50);
    await reconciler.runOnce();
    await reconciler.runOnce();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ drift: 50, msg: expect.stringMatching(/vendor counts 50 more request/) });
    expect((await gate.usage(token)).usedToday).toBe(fake.state.usedToday);
  });
});
