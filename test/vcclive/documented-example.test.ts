import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vccTime } from '../../adapters/vcclive/time.js';
import { makeChat, startFakeVcclive, type FakeVcclive } from '../fakes/fake-vcclive.js';
import { adapterFor } from './setup.js';

let fake: FakeVcclive;
beforeAll(async () => {
  fake = await startFakeVcclive();
});
afterAll(() => fake.close());

describe('the documented Get Chat Log example', () => {
  it('reads as a transcript field by field, local times converted with the source time zone', async () => {
    const adapter = adapterFor(fake);
    const transcript = await adapter.transcript!('1');
    await adapter.close!();

    expect(transcript).toEqual({
      id: '1',
      active: false,
      channel: 'webchat',
      agentName: 'John Smith',
      queue: 'Chat',
      status: 'completed',
      startedAt: '2023-01-20T10:50:43.000Z',
      endedAt: '2023-01-20T11:54:01.000Z',
      durationSeconds: 198,
      firstResponseSeconds: 7,
      messages: [
        { role: 'customer', name: 'Visitor', at: '2023-01-20T11:50:43.000Z', text: 'Hi there', attachments: [] },
        { role: 'agent', name: 'John Smith', at: '2023-01-20T11:50:50.000Z', text: 'hello', attachments: [] },
        // The example's agent signs "John Smit": still an agent, not the customer.
        { role: 'agent', name: 'John Smit', at: '2023-01-20T11:52:43.000Z', text: 'How can I help you?', attachments: [] },
      ],
    });
    // An empty visitorName is no name at all.
    expect(transcript).not.toHaveProperty('customerName');
  });

  it("counts as one completed chat within SLA in that day's figures", async () => {
    const adapter = adapterFor(fake);
    const stats = await adapter.today!();
    await adapter.close!();

    const byHour = new Array(24).fill(0);
    byHour[11] = 1;
    expect(stats).toEqual({
      date: '2023-01-20',
      chats: 1,
      missed: 0,
      transfers: 0,
      chatsByHour: byHour,
      firstResponseSeconds: 7,
      averageChatSeconds: 198,
      slaBreaches: 0,
      slaRate: 1,
      // The documented chat reached the queue "Chat": /staffing Chat counts it there.
      queues: [{ name: 'Chat', queuedByHour: byHour, averageChatSeconds: 198 }],
    });
  });
});

describe('VCC Live times', () => {
  it('reads local times without offset in the account zone, in winter and in summer', () => {
    expect(vccTime('2023-01-20 11:50:43', 'Europe/Budapest')).toBe('2023-01-20T10:50:43.000Z');
    expect(vccTime('2023-07-20 11:50:43', 'Europe/Budapest')).toBe('2023-07-20T09:50:43.000Z');
  });

  it('keeps the offset a transcript message carries, whatever the account zone', () => {
    expect(vccTime('2023-01-20T12:50:43+01:00', 'Europe/Budapest')).toBe('2023-01-20T11:50:43.000Z');
    expect(vccTime('2023-01-20T12:50:43+01:00', 'America/Bogota')).toBe('2023-01-20T11:50:43.000Z');
  });

  it('gives no time rather than a wrong one for empty, zero or unreadable values', () => {
    for (const value of [null, undefined, '', '0000-00-00 00:00:00', 'yesterday']) expect(vccTime(value, 'Europe/Budapest')).toBeUndefined();
  });
});

describe('VCC Live senders and attachments', () => {
  it('tells the named visitor, a bot and agents apart, and keeps attachment links', async () => {
    const own = await startFakeVcclive({
      chats: [
        makeChat({
          chatId: 42,
          visitorName: 'Anna Kovacs',
          transcript: [
            { attachments: null, date: '2023-01-20T12:00:00+01:00', id: 'a', message: 'Hello', name: 'Anna Kovacs' },
            { attachments: null, date: '2023-01-20T12:00:01+01:00', id: 'b', message: 'Hi, I am the assistant', name: 'ChatBot' },
            {
              attachments: [{ type: 'image', payload: { url: 'https://files.example.com/a.png' } }],
              date: '2023-01-20T12:00:05+01:00',
              id: 'c',
              message: null,
              name: 'Anna Kovacs',
            },
            { attachments: null, date: '2023-01-20T12:01:00+01:00', id: 'd', message: 'Let me check', name: 'Peter Nagy' },
            { attachments: null, date: '2023-01-20T12:01:30+01:00', id: 'e', message: 'Chat transferred', name: null },
          ],
        }),
      ],
    });
    const adapter = adapterFor(own);
    const transcript = await adapter.transcript!('42');
    await adapter.close!();
    await own.close();

    expect(transcript?.customerName).toBe('Anna Kovacs');
    expect(transcript?.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'customer', 'agent', 'system']);
    expect(transcript?.messages[2]).toMatchObject({ text: '', attachments: [{ url: 'https://files.example.com/a.png', type: 'image' }] });
  });
});
