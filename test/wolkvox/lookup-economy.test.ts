import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWolkvoxAdapter, type WolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { dayOfConnId } from '../../adapters/wolkvox/conn-id-day.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { QuotaGate } from '../../src/quota/quota-gate.js';
import { createMemoryDayIndex, type ConversationDayIndex } from '../../src/domain/day-index.js';
import { createRedisDayIndex } from '../../src/sources/redis-day-index.js';
import { createSource, type Source } from '../../src/sources/source.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis-kit.js';
import { fakeWolkvoxSource, startFakeWolkvox, type FakeRequest, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

// 15:00 in Bogotá on 2024-05-14: the 13th and earlier are finished days.
const NOW = Date.parse('2024-05-14T20:00:00Z');
let clock = NOW;
let fake: FakeWolkvox;
const cleanups: Array<() => Promise<unknown>> = [];

const record = (connId: string, day: string) => ({
  conn_id: connId,
  agent_name: 'Laura Gómez',
  customer_name: 'Carlos Pérez',
  conversation: [
    {
      channel: 'whatsapp',
      from: 'customer',
      from_name: 'Carlos Pérez',
      to_name: 'Laura Gómez',
      date: `${day} 11:00:00`,
      message: 'hola',
      customer_id: '1',
      feeling: 'neutral',
    },
  ],
});

/** chat_2 of 2024-05-11 holds 555 and 20240511103000; every other day has no records. */
function pastDays({ dateIni }: FakeRequest) {
  return dateIni === '20240511000000' ? { data: [record('555', '2024-05-11'), record('20240511103000', '2024-05-11')] } : undefined;
}

/** A wolkvox source behind the in-memory gate, as the process builds it. */
function sourceFor(index: ConversationDayIndex = createMemoryDayIndex({ now: () => clock })): { source: Source; adapter: WolkvoxAdapter } {
  const adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake), { now: () => new Date(clock), retries: 0, dayIndex: index });
  const gate: QuotaGate = createMemoryQuotaGate({ now: () => clock });
  cleanups.push(
    () => adapter.close(),
    () => gate.close(),
  );
  const source = createSource({ adapter, gate, token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone } });
  return { source, adapter };
}

const chat2Days = () => fake.state.calls.filter((c) => c.api === 'chat_2').map((c) => c.query.date_ini!.slice(0, 8));

beforeEach(async () => {
  clock = NOW;
  fake = await startFakeWolkvox({ data: { chat_2: pastDays } });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake.close();
});

describe('what a transcript lookup costs at the vendor', () => {
  it('reads each past day once: later lookups of ids no day has cost no request at all while the live list is fresh', async () => {
    const { source } = sourceFor();
    expect((await source.transcript('424242')).value).toBeNull();
    // The first miss reads the live list and all 7 days of the window once.
    expect(fake.callCount('chats')).toBe(1);
    expect(chat2Days()).toEqual(['20240514', '20240513', '20240512', '20240511', '20240510', '20240509', '20240508']);

    fake.resetCounters();
    for (const id of ['1', '2', '3', '4', '5']) expect((await source.transcript(id)).value).toBeNull();
    expect(fake.state.calls).toHaveLength(0);
  });

  it('shares the live-chat list with /agents and other lookups through the answer cache', async () => {
    const { source } = sourceFor();
    await source.activeChats();
    await Promise.all(['a1', 'a2', 'a3'].map((id) => source.transcript(id)));
    expect(fake.callCount('chats')).toBe(1);
    // A live conversation is answered from that same list.
    expect((await source.transcript('8731245')).value).toMatchObject({ id: '8731245', active: true });
    expect(fake.callCount('chats')).toBe(1);
  });

  it('finds a chat on a day already read with exactly one request for that day', async () => {
    const { source } = sourceFor();
    await source.transcript('424242');
    fake.resetCounters();
    expect((await source.transcript('555')).value).toMatchObject({ id: '555', active: false });
    expect(chat2Days()).toEqual(['20240511']);
    expect(fake.state.calls).toHaveLength(1);
  });

  it('lets lookups of chats on the same day that ask at once share one read of that day', async () => {
    const { adapter } = sourceFor();
    const known = { liveChats: { chats: [], asOf: clock } };
    await adapter.transcript('424242', undefined, known);
    fake.resetCounters();
    fake.setDelay(50);
    const found = await Promise.all(['555', '20240511103000', '555'].map((id) => adapter.transcript(id, undefined, known)));
    expect(found.map((t) => t?.id)).toEqual(['555', '20240511103000', '555']);
    expect(chat2Days()).toEqual(['20240511']);
  });

  it('searches the day an id names first', async () => {
    const { source } = sourceFor();
    expect((await source.transcript('20240511103000')).value).toMatchObject({ id: '20240511103000' });
    expect(chat2Days()).toEqual(['20240511']);
  });

  it('reads today again once the live list is newer than its last reading, so a chat that just ended is found', async () => {
    const { source } = sourceFor();
    await source.transcript('424242');
    fake.resetCounters();
    // 30 s later the live list is refreshed; a conversation ended in between and is in today's report.
    clock += 30_000;
    fake.setData('chat_2', (req: FakeRequest) => (req.dateIni === '20240514000000' ? { data: [record('777', '2024-05-14')] } : pastDays(req)));
    expect((await source.transcript('777')).value).toMatchObject({ id: '777' });
    expect(fake.callCount('chats')).toBe(1);
    expect(chat2Days()).toEqual(['20240514']);
  });
});

describe('the day index in Redis', () => {
  it('lets a second replica skip every day the first one read', async () => {
    const prefix = uniquePrefix('days');
    const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    cleanups.push(async () => {
      for (const c of clients) c.disconnect();
      await deleteKeys(prefix);
    });
    await Promise.all(clients.map((c) => (c.status === 'ready' ? undefined : once(c, 'ready'))));
    const [first, second] = clients.map((redis) => sourceFor(createRedisDayIndex({ redis, prefix, logger: silentLogger(), now: () => clock })).source);
    await first!.transcript('424242');
    fake.resetCounters();
    clock += 1_000;
    expect((await second!.transcript('434343')).value).toBeNull();
    // Its own live list, and today (which the other replica read before this live list): nothing else.
    expect(fake.callCount('chats')).toBe(1);
    expect(chat2Days()).toEqual(['20240514']);
    expect((await second!.transcript('555')).value).toMatchObject({ id: '555' });
    expect(chat2Days()).toEqual(['20240514', '20240511']);
  });

  it('keeps answering from memory when Redis does not answer', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    cleanups.push(async () => redis.disconnect());
    const { source } = sourceFor(createRedisDayIndex({ redis, prefix: uniquePrefix('days-down'), logger: silentLogger(), now: () => clock }));
    await source.transcript('424242');
    fake.resetCounters();
    expect((await source.transcript('434343')).value).toBeNull();
    expect(fake.state.calls).toHaveLength(0);
  });
});

describe('the date a wolkvox id carries', () => {
  it('is read from ids that start with YYYYmmddHHiiss and from nothing else', () => {
    expect(dayOfConnId('20231120145501')).toBe('2023-11-20');
    expect(dayOfConnId('2023112014550199')).toBe('2023-11-20');
    expect(dayOfConnId('8731245')).toBeUndefined();
    expect(dayOfConnId('20231340145501')).toBeUndefined();
    expect(dayOfConnId('abc20231120145501')).toBeUndefined();
  });
});
