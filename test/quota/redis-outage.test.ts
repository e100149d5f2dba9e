import { collectingLogger } from '../support/collecting-logger.js';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import type { QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';

import { Redis } from 'ioredis';
import { freePort, startRedis } from '../support/redis-server.js';
import { eventually } from '../support/eventually.js';

/** The day count the gate reports once it reaches `expected` (the hand-over after an outage is asynchronous). */
async function usedTodayOnceAt(gate: QuotaGate, expected: number): Promise<number> {
  await eventually(async () => (await gate.usage(token)).usedToday >= expected, `a day count of ${expected}`);
  return (await gate.usage(token)).usedToday;
}

const token: TokenPolicy = {
  key: `wolkvox:0032:${randomUUID().slice(0, 8)}`,
  concurrency: 2,
  dailyBudget: 3_000,
  reserveShare: 0.1,
  timeZone: 'America/Bogota',
};
/** Asks through the gate; the fetch is one metered vendor request, as the shared HTTP client sends it. */
const ask = (gate: QuotaGate, key: string, fetch: () => Promise<string>, policy: TokenPolicy = token) =>
  gate.run({
    token: policy,
    source: 'bogota',
    vendor: 'wolkvox',
    key,
    endpoint: 'queue',
    ttlMs: 20_000,
    priority: 'interactive',
    fetch: async () => {
      const release = await meterRequest({ endpoint: 'queue' });
      try {
        return await fetch();
      } finally {
        release();
      }
    },
  });

const servers: ChildProcess[] = [];
const gates: QuotaGate[] = [];
afterEach(async () => {
  await Promise.all(gates.splice(0).map((g) => g.close()));
  for (const server of servers.splice(0)) server.kill('SIGKILL');
});

describe('the Redis quota gate without Redis', () => {
  it('takes one slow answer (a command past its timeout, Redis still answering) for what it is, not an outage: the limits stay shared', async () => {
    const port = await freePort();
    servers.push(await startRedis(port));
    const log = collectingLogger();
    const gate = createRedisQuotaGate({ redis: `redis://127.0.0.1:${port}`, prefix: 'outage-slow', logger: log.logger, probeMs: 100 });
    gates.push(gate);
    await ask(gate, 'bogota:queue', async () => 'before');
    expect(gate.mode()).toBe('shared');
    // Every client waits 2.5 s: longer than a command's 2 s timeout, shorter than the second look's.
    const admin = new Redis(port, '127.0.0.1');
    await admin.call('CLIENT', 'PAUSE', '2500', 'ALL');
    admin.disconnect();
    const answer = await ask(gate, 'bogota:agents', async () => 'during the pause');
    expect(answer.value).toBe('during the pause');
    await eventually(() => log.lines.some((l) => /a Redis command failed but Redis answers/.test(l.msg)), 'the second look at Redis');
    expect(gate.mode()).toBe('shared');
    expect(log.warnings().filter((l) => /Redis is unreachable/.test(l.msg))).toEqual([]);
  });

  it('keeps answering on local limits when Redis cannot be reached at all, and says so once', async () => {
    const port = await freePort();
    const log = collectingLogger();
    const gate = createRedisQuotaGate({ redis: `redis://127.0.0.1:${port}`, prefix: 'outage-closed', logger: log.logger, connectWaitMs: 500 });
    gates.push(gate);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((id) => ask(gate, `bogota:transcript:${id}`, async () => `chat ${id}`)));
    expect(answers.map((a) => a.value)).toEqual(['chat a', 'chat b', 'chat c', 'chat d']);
    expect(gate.mode()).toBe('local');
    expect(log.warnings()).toHaveLength(1);
    expect(log.warnings()[0]!.msg).toMatch(/Redis is unreachable/);
    // This replica's share of the budget: a third of 3,000.
    expect(await gate.usage(token)).toMatchObject({ usedToday: 4, budget: 1_000 });
  });

  it('falls back to local limits when Redis stops and shares limits again by itself when it returns', async () => {
    const port = await freePort();
    servers.push(await startRedis(port));
    const log = collectingLogger();
    const gate = createRedisQuotaGate({ redis: `redis://127.0.0.1:${port}`, prefix: 'outage-restart', logger: log.logger, probeMs: 100 });
    gates.push(gate);

    await ask(gate, 'bogota:queue', async () => 'before the outage');
    expect(gate.mode()).toBe('shared');

    servers.shift()!.kill('SIGKILL');
    await eventually(() => gate.mode() === 'local', 'the gate to notice Redis is gone');
    const during = await Promise.all([1, 2, 3].map((i) => ask(gate, `bogota:transcript:${i}`, async () => `chat ${i}`)));
    expect(during.map((a) => a.value)).toEqual(['chat 1', 'chat 2', 'chat 3']);
    const unreachableVendor = new VendorError({ kind: 'unavailable', reason: 'network', source: 'bogota', vendor: 'wolkvox', userMessage: 'x', detail: 'y' });
    const remembered = await gate.run({
      token,
      source: 'bogota',
      vendor: 'wolkvox',
      key: 'bogota:queue',
      endpoint: 'queue',
      ttlMs: 0,
      priority: 'interactive',
      fetch: () => Promise.reject(unreachableVendor),
    });
    expect(remembered).toMatchObject({ value: 'before the outage', stale: true });
    expect(gate.mode()).toBe('local');
    expect(log.warnings()).toHaveLength(1);

    servers.push(await startRedis(port));
    await eventually(() => gate.mode() === 'shared', 'the gate to notice Redis is back');
    expect(gate.mode()).toBe('shared');
    expect(log.infos().some((l) => /Redis is back/.test(l.msg))).toBe(true);
    await ask(gate, 'bogota:agents', async () => 'after the outage');
    // The fresh server counts the call, and the three the replica sent alone: the budget is shared again.
    expect(await usedTodayOnceAt(gate, 4)).toBe(4);
  });
});

describe('replicas through a Redis outage', () => {
  it('together never exceed the token, each taking the part it knew before; what they spent alone is counted once Redis returns', async () => {
    const port = await freePort();
    servers.push(await startRedis(port));
    const prefix = `outage-shares-${randomUUID().slice(0, 8)}`;
    const replicas = [0, 1, 2].map(() =>
      createRedisQuotaGate({ redis: `redis://127.0.0.1:${port}`, prefix, probeMs: 100, rosterBeatMs: 50, leaseWaitMs: 60_000 }),
    );
    gates.push(...replicas);
    await eventually(() => replicas.every((g) => g.health().replicas === 3), 'every replica to see the three');
    expect(replicas.map((g) => g.health().replicas)).toEqual([3, 3, 3]);

    servers.shift()!.kill('SIGKILL');
    await eventually(() => replicas.every((g) => g.mode() === 'local'), 'every replica to notice the outage');
    expect(replicas.map((g) => g.health().degraded)).toEqual([
      expect.stringMatching(/1 of 3 replicas/),
      expect.stringMatching(/1 of 3 replicas/),
      expect.stringMatching(/1 of 3 replicas/),
    ]);

    // Each replica asks three different things at once; the vendor holds every answer until told.
    let active = 0;
    let most = 0;
    let refusedSoFar = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked = replicas.flatMap((gate, r) =>
      [1, 2, 3].map((i) =>
        ask(gate, `bogota:transcript:${r}-${i}`, async () => {
          active += 1;
          most = Math.max(most, active);
          await held;
          active -= 1;
          return `chat ${r}-${i}`;
        }).then(
          (answer) => answer.value,
          (error: unknown) => {
            refusedSoFar += 1;
            return (error as VendorError).reason ?? String(error);
          },
        ),
      ),
    );
    // Two replicas hold the token's two slots; the third, whose part is 0, is refused at once
    // (with no earlier answer to show), while the vendor still holds the two.
    await eventually(() => active === 2 && refusedSoFar === 3, 'two requests at the vendor and three refused');
    expect({ active, refusedSoFar }).toEqual({ active: 2, refusedSoFar: 3 });
    release();
    const answers = await Promise.all(asked);
    expect(most).toBe(2);
    expect(answers.filter((a) => a === 'too-many-concurrent')).toHaveLength(3);
    expect(answers.filter((a) => a.startsWith('chat'))).toHaveLength(6);

    servers.push(await startRedis(port));
    await eventually(() => replicas.every((g) => g.mode() === 'shared'), 'every replica to see Redis back');
    // The fresh Redis learns the six requests the replicas sent alone.
    expect(await usedTodayOnceAt(replicas[0]!, 6)).toBe(6);
  });
});

describe('the daily budget through a Redis outage', () => {
  it('splits what was left of the day among the replicas: together they never pass the budget', async () => {
    const port = await freePort();
    servers.push(await startRedis(port));
    const prefix = `outage-budget-${randomUUID().slice(0, 8)}`;
    const small: TokenPolicy = {
      key: `wolkvox:0032:${randomUUID().slice(0, 8)}`,
      concurrency: 3,
      dailyBudget: 100,
      reserveShare: 0,
      timeZone: 'America/Bogota',
    };
    const replicas = [0, 1, 2].map(() => createRedisQuotaGate({ redis: `redis://127.0.0.1:${port}`, prefix, probeMs: 100, rosterBeatMs: 50 }));
    gates.push(...replicas);
    let sent = 0;
    // One metered request per answer; what the asker was told.
    const askSmall = (gate: QuotaGate, key: string) =>
      ask(gate, key, async () => ((sent += 1), key), small).then(
        () => 'answered',
        (error: unknown) => (error as Error).name,
      );
    await eventually(() => replicas.every((g) => g.health().replicas === 3), 'every replica to see the three');
    // The vendor counted 70 today; each replica then asks once: 73 used, 27 left.
    await replicas[0]!.reconcile(small, 70);
    for (const [i, gate] of replicas.entries()) expect(await askSmall(gate, `before-${i}`)).toBe('answered');
    expect((await replicas[0]!.usage(small)).usedToday).toBe(73);

    servers.shift()!.kill('SIGKILL');
    await eventually(() => replicas.every((g) => g.mode() === 'local'), 'every replica to notice the outage');
    sent = 0;
    const told: string[] = [];
    for (const [r, gate] of replicas.entries()) for (let i = 0; i < 12; i++) told.push(await askSmall(gate, `during-${r}-${i}`));
    // Each took 9 of the 27 left (what it last saw, split in three; one slot each), and no more.
    expect(sent).toBe(27);
    expect(told.filter((t) => t === 'answered')).toHaveLength(27);
    expect(told.filter((t) => t === 'QuotaSpentError')).toHaveLength(9);
  });
});
