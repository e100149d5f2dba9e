import { collectingLogger } from '../support/collecting-logger.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import type { QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';

// These tests start and kill their own redis-server; the shared one at REDIS_URL is never touched.

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined); // refused connections while the server starts are expected
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await probe.connect();
        await probe.ping();
        return child;
      } catch {
        probe.disconnect();
        await sleep(50);
      }
    }
  } finally {
    probe.disconnect();
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start');
}

/** Waits for a state; the bound only keeps a failing test from hanging, it is no time limit on the gate. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}


const token: TokenPolicy = { key: `wolkvox:0032:${randomUUID().slice(0, 8)}`, concurrency: 2, dailyBudget: 3_000, reserveShare: 0.1, timeZone: 'America/Bogota' };
/** Asks through the gate; the fetch is one metered vendor request, as the shared HTTP client sends it. */
const ask = (gate: QuotaGate, key: string, fetch: () => Promise<string>) =>
  gate.run({
    token,
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

let servers: ChildProcess[] = [];
let gates: QuotaGate[] = [];
afterEach(async () => {
  await Promise.all(gates.splice(0).map((g) => g.close()));
  for (const server of servers.splice(0)) server.kill('SIGKILL');
});

describe('the Redis quota gate without Redis', () => {
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
    await until(() => gate.mode() === 'local', 'the gate to notice Redis is gone');
    const during = await Promise.all([1, 2, 3].map((i) => ask(gate, `bogota:transcript:${i}`, async () => `chat ${i}`)));
    expect(during.map((a) => a.value)).toEqual(['chat 1', 'chat 2', 'chat 3']);
    const unreachableVendor = new VendorError({ kind: 'unavailable', reason: 'network', source: 'bogota', vendor: 'wolkvox', userMessage: 'x', detail: 'y' });
    const remembered = await gate.run({ token, source: 'bogota', vendor: 'wolkvox', key: 'bogota:queue', endpoint: 'queue', ttlMs: 0, priority: 'interactive', fetch: () => Promise.reject(unreachableVendor) });
    expect(remembered).toMatchObject({ value: 'before the outage', stale: true });
    expect(gate.mode()).toBe('local');
    expect(log.warnings()).toHaveLength(1);

    servers.push(await startRedis(port));
    await until(() => gate.mode() === 'shared', 'the gate to notice Redis is back');
    expect(gate.mode()).toBe('shared');
    expect(log.infos().some((l) => /Redis is back/.test(l.msg))).toBe(true);
    await ask(gate, 'bogota:agents', async () => 'after the outage');
    // The fresh server counts the call: the budget is shared again.
    expect((await gate.usage(token)).usedToday).toBe(1);
  });
});
