import { afterEach, describe, expect, it } from 'vitest';
import { createVccliveClient } from '../../adapters/vcclive/client.js';
import { offsetStart, readChatLog, startIdStart } from '../../adapters/vcclive/paging.js';
import { generateChats, makeChat, startFakeVcclive, type FakeVcclive } from '../fakes/fake-vcclive.js';
import { adapterFor, configFor } from './setup.js';

let fake: FakeVcclive | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Get Chat Log paging', () => {
  it('reads a busy day to its end, page by page, asking with start, limit, num, direction and startDate', async () => {
    fake = await startFakeVcclive({ chats: [...generateChats(1203, { date: '2023-01-20' }), ...generateChats(40, { date: '2023-01-19', firstId: 1 })] });
    const adapter = adapterFor(fake);
    const stats = await adapter.today!();
    await adapter.close!();

    expect(stats.chats).toBe(1203);
    expect(fake.controls.calls.map((c) => c.query)).toEqual([
      { startDate: '2023-01-20', start: '0', limit: '500', num: '500', direction: 'ASC' },
      { startDate: '2023-01-20', start: '500', limit: '500', num: '500', direction: 'ASC' },
      { startDate: '2023-01-20', start: '1000', limit: '500', num: '500', direction: 'ASC' },
    ]);
  });

  it('asks once more after a full last page and stops on the empty one', async () => {
    fake = await startFakeVcclive({ chats: generateChats(1000, { date: '2023-01-20' }) });
    const adapter = adapterFor(fake);
    expect((await adapter.today!()).chats).toBe(1000);
    await adapter.close!();
    expect(fake.controls.callCount('/chats')).toBe(3);
  });

  it('stops at maxPages and tells the log that the day is partial', async () => {
    fake = await startFakeVcclive({ chats: generateChats(1203, { date: '2023-01-20' }) });
    const warnings: Array<Record<string, unknown>> = [];
    const adapter = adapterFor(fake, { config: { maxPages: 2 }, deps: { logger: { warn: (fields) => void warnings.push(fields) } } });
    const stats = await adapter.today!();
    await adapter.close!();

    expect(stats.chats).toBe(1000);
    expect(fake.controls.callCount('/chats')).toBe(2);
    expect(warnings).toEqual([expect.objectContaining({ source: 'emea', date: '2023-01-20', pages: 2, endedBy: 'max-pages' })]);
  });

  it('treats a 404 after the first page as the end of the log', async () => {
    fake = await startFakeVcclive({ chats: generateChats(500, { date: '2023-01-20' }), pastEnd: 'not-found' });
    const client = createVccliveClient(configFor(fake), { retries: 0 });
    const read = await readChatLog(client, { startDate: '2023-01-20' });
    await client.close();
    expect(fake.controls.callCount('/chats')).toBe(2);
    expect(read).toMatchObject({ pages: 1, endedBy: 'end' });
    expect(read.chats).toHaveLength(500);
  });

  it('reads to the end with start ids when the server treats start as an id', async () => {
    fake = await startFakeVcclive({ chats: generateChats(1203, { date: '2023-01-20', firstId: 70_000 }), startMeans: 'start-id' });
    const client = createVccliveClient(configFor(fake), { retries: 0 });
    const read = await readChatLog(client, { startDate: '2023-01-20', strategy: startIdStart });
    await client.close();
    expect(read.chats).toHaveLength(1203);
    expect(new Set(read.chats.map((c) => c.chatId)).size).toBe(1203);
    expect(fake.controls.calls.map((c) => c.query.start)).toEqual(['0', '70500', '71000']);
  });

  it('stops instead of looping or double counting when the server ignores start', async () => {
    fake = await startFakeVcclive({ chats: generateChats(1203, { date: '2023-01-20', firstId: 70_000 }), startMeans: 'start-id' });
    const client = createVccliveClient(configFor(fake), { retries: 0 });
    // An offset of 500 is below every id: the server answers the first page again.
    const read = await readChatLog(client, { startDate: '2023-01-20', strategy: offsetStart, maxPages: 20 });
    await client.close();
    expect(read).toMatchObject({ pages: 2, endedBy: 'repeated-page' });
    expect(read.chats).toHaveLength(500);
  });
});

describe('Get Chat Log paging against servers that cap or ignore the page size', () => {
  const day = () => generateChats(23, { date: '2023-01-20' });

  it.each([
    ['caps pages at 10', { pageSizeCap: 10 }],
    ['reads only num, capped at 10', { pageSizeCap: 10, pageSizeFrom: 'num' as const }],
    ['reads only limit, capped at 10', { pageSizeCap: 10, pageSizeFrom: 'limit' as const }],
    ['reads neither and gives its default 10', { pageSizeFrom: 'neither' as const }],
  ])('reads a day of 23 chats to its end from a server that %s', async (_name, options) => {
    fake = await startFakeVcclive({ chats: day(), ...options });
    const client = createVccliveClient(configFor(fake), { retries: 0 });
    const read = await readChatLog(client, { startDate: '2023-01-20' });
    await client.close();
    expect(read).toMatchObject({ pages: 4, endedBy: 'end' });
    expect(read.chats.map((c) => c.chatId)).toEqual(day().map((c) => c.chatId));
  });

  it('takes a short page as the last one once the server has given a page as long as asked', async () => {
    fake = await startFakeVcclive({ chats: day() });
    const client = createVccliveClient(configFor(fake), { retries: 0 });
    const knowledge = { honoursPageSize: false };
    expect(await readChatLog(client, { startDate: '2023-01-20', pageSize: 10, knowledge })).toMatchObject({ pages: 3, endedBy: 'end' });
    expect(knowledge.honoursPageSize).toBe(true);
    // Now known: the next read of a short day stops at its first page.
    fake.controls.reset();
    expect(await readChatLog(client, { startDate: '2023-01-20', pageSize: 50, knowledge })).toMatchObject({ pages: 1, endedBy: 'end' });
    await client.close();
  });

  it('marks the day as a lower bound when maxPages stops the reading, and logs it', async () => {
    fake = await startFakeVcclive({ chats: day(), pageSizeCap: 10 });
    const warnings: Array<Record<string, unknown>> = [];
    const adapter = adapterFor(fake, { config: { maxPages: 2 }, deps: { logger: { warn: (fields) => void warnings.push(fields) } } });
    const stats = await adapter.today!();
    const queue = await adapter.queue!();
    await adapter.close!();
    expect(stats).toMatchObject({ chats: 20, lowerBound: true });
    expect(queue.lowerBound).toBe(true);
    expect(warnings[0]).toMatchObject({ endedBy: 'max-pages', pages: 2 });
  });

  it('marks the day as a lower bound when the server repeats a page (start ignored)', async () => {
    fake = await startFakeVcclive({ chats: generateChats(23, { date: '2023-01-20', firstId: 70_000 }), pageSizeCap: 10, startMeans: 'start-id' });
    const adapter = adapterFor(fake);
    const stats = await adapter.today!();
    await adapter.close!();
    expect(stats).toMatchObject({ chats: 10, lowerBound: true });
  });

  it('leaves the mark out when the day was read to its end', async () => {
    fake = await startFakeVcclive({ chats: day(), pageSizeCap: 10 });
    const adapter = adapterFor(fake);
    const stats = await adapter.today!();
    await adapter.close!();
    expect(stats.chats).toBe(23);
    expect(stats).not.toHaveProperty('lowerBound');
  });
});

describe('transcript lookup by chat id', () => {
  it('finds a chat from an earlier day by reading back day by day, stopping where it is found', async () => {
    fake = await startFakeVcclive({
      chats: [...generateChats(3, { date: '2023-01-20', firstId: 900 }), makeChat({ chatId: 555, sessionStartTime: '2023-01-17 09:00:00' })],
    });
    const adapter = adapterFor(fake);
    const transcript = await adapter.transcript!('555');
    await adapter.close!();

    expect(transcript).toMatchObject({ id: '555', startedAt: '2023-01-17T08:00:00.000Z' });
    // Today's 3 chats came on a short page from a server not yet known to honour the size asked: one more page.
    expect(fake.controls.calls.map((c) => c.query.startDate)).toEqual(['2023-01-20', '2023-01-20', '2023-01-19', '2023-01-18', '2023-01-17']);
  });

  it('answers null for an id not seen within the last 7 days, after one call per empty day', async () => {
    fake = await startFakeVcclive();
    const adapter = adapterFor(fake);
    expect(await adapter.transcript!('999999')).toBeNull();
    await adapter.close!();
    expect(fake.controls.calls.map((c) => c.query.startDate)).toEqual([
      '2023-01-20',
      '2023-01-20',
      '2023-01-19',
      '2023-01-18',
      '2023-01-17',
      '2023-01-16',
      '2023-01-15',
      '2023-01-14',
    ]);
  });
});
