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

describe('transcript lookup by chat id', () => {
  it('finds a chat from an earlier day by reading back day by day, stopping where it is found', async () => {
    fake = await startFakeVcclive({
      chats: [...generateChats(3, { date: '2023-01-20', firstId: 900 }), makeChat({ chatId: 555, sessionStartTime: '2023-01-17 09:00:00' })],
    });
    const adapter = adapterFor(fake);
    const transcript = await adapter.transcript!('555');
    await adapter.close!();

    expect(transcript).toMatchObject({ id: '555', startedAt: '2023-01-17T08:00:00.000Z' });
    expect(fake.controls.calls.map((c) => c.query.startDate)).toEqual(['2023-01-20', '2023-01-19', '2023-01-18', '2023-01-17']);
  });

  it('answers null for an id not seen within the last 7 days, after one call per day', async () => {
    fake = await startFakeVcclive();
    const adapter = adapterFor(fake);
    expect(await adapter.transcript!('999999')).toBeNull();
    await adapter.close!();
    expect(fake.controls.calls.map((c) => c.query.startDate)).toEqual([
      '2023-01-20', '2023-01-19', '2023-01-18', '2023-01-17', '2023-01-16', '2023-01-15', '2023-01-14',
    ]);
  });
});
