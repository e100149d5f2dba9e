import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAgentStatus } from '../../adapters/vcclive/mapping.js';
import { makeAgent, makeChat, makeWaitingChat, startFakeVcclive, type FakeVcclive } from '../fakes/fake-vcclive.js';
import { EXAMPLE_NOON, adapterFor } from './setup.js';

// Noon in Budapest on 2023-01-20 (11:00Z): the clock of every test here.
let fake: FakeVcclive;
beforeAll(async () => {
  fake = await startFakeVcclive({
    chats: [
      makeChat({ chatId: 1 }),
      makeWaitingChat({ chatId: 2, queue: 'Sales', startedAt: '2023-01-20 11:40:00', visitorName: 'Anna' }),
      makeWaitingChat({ chatId: 3, queue: 'Sales', startedAt: '2023-01-20 11:55:00' }),
      makeWaitingChat({ chatId: 4, queue: 'Support', startedAt: '2023-01-20 11:59:00' }),
      makeChat({
        chatId: 5,
        disposition: 'In progress',
        sessionCloseTime: null,
        lastQueueName: 'Support',
        lastAgent: 661,
        lastAgentName: 'Eva Toth',
        visitorName: 'Bela',
        lastVisitorMessageTime: '2023-01-20 11:58:00',
        lastAgentMessageTime: '2023-01-20 11:57:00',
        transcript: [
          { attachments: null, date: '2023-01-20T11:57:00+01:00', id: 'x', message: 'How can I help?', name: 'Eva Toth' },
          { attachments: null, date: '2023-01-20T11:58:00+01:00', id: 'y', message: 'My order is late', name: 'Bela' },
        ],
      }),
      makeWaitingChat({ chatId: 6, queue: 'Sales', startedAt: '2023-01-20 11:30:00' }),
    ],
    agents: [
      makeAgent({ userId: 660, username: 'John Smith', state: 'AVAILABLE4CALL', stateChangedAt: '2023-01-20T11:50:00+01:00' }),
      makeAgent({ userId: 661, username: 'Eva Toth', state: 'EMAIL', stateChangedAt: '2023-01-20T11:57:00+01:00' }),
      makeAgent({ userId: 662, username: 'Peter Nagy', state: 'AUX', stateChangedAt: undefined, stateDuration: 600 }),
      makeAgent({ userId: 663, username: 'Mark Kiss', state: 'SOMETHING_NEW' }),
    ],
  });
  // Spam never counts, not even when it is waiting.
  fake.controls.addChats([{ ...makeWaitingChat({ chatId: 7, queue: 'Sales', startedAt: '2023-01-20 10:00:00' }), isSPAM: 1 }]);
});
afterAll(() => fake.close());

describe('VCC Live queue (derived from the chat log)', () => {
  it('counts unanswered chats in progress per queue with their longest and average wait', async () => {
    const adapter = adapterFor(fake);
    const snapshot = await adapter.queue!();
    await adapter.close!();

    expect(snapshot).toEqual({
      averageWaitOver: 'waitingNow',
      queues: [
        { name: 'Sales', waiting: 3, ongoingChats: 0, longestWaitSeconds: 1800, averageWaitSeconds: 1100 },
        { name: 'Support', waiting: 1, ongoingChats: 1, longestWaitSeconds: 60, averageWaitSeconds: 60 },
      ],
      totals: { waiting: 4, ongoingChats: 1, longestWaitSeconds: 1800, averageWaitSeconds: 840 },
    });
  });
});

describe('VCC Live chats in progress', () => {
  it('lists only chats in progress, with who wrote last and when the customer last wrote', async () => {
    const adapter = adapterFor(fake);
    const chats = await adapter.activeChats!();
    await adapter.close!();

    expect(chats.map((c) => c.id)).toEqual(['2', '3', '4', '5', '6']);
    expect(chats.find((c) => c.id === '5')).toMatchObject({
      agentId: '661',
      agentName: 'Eva Toth',
      customerName: 'Bela',
      lastSender: 'customer',
      lastCustomerMessageAt: '2023-01-20T10:58:00.000Z',
      lastMessageAt: '2023-01-20T10:58:00.000Z',
    });
    expect(chats.find((c) => c.id === '2')).toMatchObject({ customerName: 'Anna', startedAt: '2023-01-20T10:40:00.000Z', lastSender: 'customer' });
  });
});

describe('VCC Live agents', () => {
  it('reads online users of the project into states supervisors understand', async () => {
    const adapter = adapterFor(fake);
    const agents = await adapter.agents!();
    await adapter.close!();

    expect(fake.controls.calls.at(-1)?.path).toBe('/v2/onlineusers/822');
    expect(agents).toEqual([
      { id: '660', name: 'John Smith', state: 'available', stateLabel: 'AVAILABLE4CALL', since: '2023-01-20T10:50:00.000Z' },
      { id: '661', name: 'Eva Toth', state: 'busy', stateLabel: 'EMAIL', since: '2023-01-20T10:57:00.000Z' },
      // No stateChangedAt: since = now - stateDuration.
      { id: '662', name: 'Peter Nagy', state: 'away', stateLabel: 'AUX', since: new Date(EXAMPLE_NOON.getTime() - 600_000).toISOString() },
      { id: '663', name: 'Mark Kiss', state: 'unknown', stateLabel: 'SOMETHING_NEW', since: '2023-01-20T11:49:43.000Z' },
    ]);
  });
});

describe('VCC Live agent states', () => {
  it('reads every state FACTS.md lists, and keeps a word it does not list as it came', () => {
    const states = (words: string[]) => words.map((state) => toAgentStatus({ userId: 1, username: 'A', state }, 'Europe/Budapest', EXAMPLE_NOON).state);
    expect(states(['AVAILABLE4CALL'])).toEqual(['available']);
    expect(
      states(['WAITING4CALL', 'WAITING4RECALL', 'RINGING', 'ORIGINATOR_RINGING', 'CALL', 'HOLD', 'EMAIL', 'TICKET_BROWSING', 'PREWORK', 'AFTERWORK']),
    ).toEqual(Array(10).fill('busy'));
    expect(states(['AUX', 'UNAVAILABLE', 'aux'])).toEqual(['away', 'away', 'away']);
    expect(toAgentStatus({ userId: 2, username: 'B', state: 'LUNCH_BREAK' }, 'Europe/Budapest', EXAMPLE_NOON)).toMatchObject({
      state: 'unknown',
      stateLabel: 'LUNCH_BREAK',
    });
  });
});

describe('VCC Live day figures', () => {
  it('counts missed chats, SLA breaches and transfers of a past day', async () => {
    const own = await startFakeVcclive({
      chats: [
        makeChat({ chatId: 10, sessionStartTime: '2023-01-19 08:15:00', transferCount: 2 }),
        makeChat({ chatId: 11, sessionStartTime: '2023-01-19 08:45:00', slaStatus: 'Outside SLA', firstResponseTime: 95 }),
        makeChat({
          chatId: 12,
          sessionStartTime: '2023-01-19 17:05:00',
          disposition: 'Missed',
          slaStatus: 'Outside SLA',
          firstAgentMessageTime: null,
          firstResponseTime: 0,
          duration: 40,
        }),
        makeChat({ chatId: 13, sessionStartTime: '2023-01-20 09:00:00' }),
      ],
    });
    const adapter = adapterFor(own);
    const stats = await adapter.dayStats!('2023-01-19');
    await adapter.close!();
    await own.close();

    expect(stats).toMatchObject({
      date: '2023-01-19',
      chats: 3,
      missed: 1,
      slaBreaches: 2,
      slaRate: 1 / 3,
      transfers: 2,
      firstResponseSeconds: 51,
      averageChatSeconds: 198,
    });
    expect(stats.chatsByHour?.[8]).toBe(2);
    expect(stats.chatsByHour?.[17]).toBe(1);
    expect(own.controls.calls[0]?.query.startDate).toBe('2023-01-19');
  });
});
