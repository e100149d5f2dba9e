import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapToday } from '../../adapters/comm100/day-stats.js';
import { indexStatuses, mapAgents, mapQueue } from '../../adapters/comm100/mapping.js';
import { mapChat } from '../../adapters/comm100/transcript.js';
import { agentStatusesSchema, chatSchema, queueSchema, realTimeAgentsPageSchema, rightNowSchema, todaySchema } from '../../adapters/comm100/wire.js';
import { extraFields, intOrString, json, maybe, RUNS } from './arbitraries.js';

const STATES = ['available', 'busy', 'away', 'offline', 'unknown'];
const ROLES = ['customer', 'bot', 'agent', 'system'];
const timeSpan = fc
  .integer({ min: 0, max: 3600 })
  .map((s) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`);

/** `ongoingChats` or `onGoingChats` (the vendor's two doc sites), as a number or a string. */
const ongoing = fc
  .tuple(fc.constantFrom('ongoingChats', 'onGoingChats'), maybe(intOrString(0, 6)))
  .map(([key, value]) => (value === undefined ? {} : { [key]: value }));

const agentRow = (agentId: string) =>
  fc
    .record({
      displayName: maybe(fc.constantFrom('Ana', ' frank 10001', '')),
      currentStatusId: maybe(fc.constantFrom('00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000002')),
      maxConcurrentChats: maybe(intOrString(0, 5)),
      intradayChats: maybe(intOrString(0, 80)),
      ongoing,
      extra: extraFields,
    })
    .map(({ ongoing: o, extra, ...fields }) => json({ ...extra, agentId, ...fields, ...o }));

const queueEntry = fc
  .record({
    routeToDepartment: maybe(fc.record({ name: maybe(fc.constantFrom('Sales', 'Support', '')) })),
    currentQueueLength: maybe(intOrString(0, 9)),
    avgWaitTimeinLast30Mins: maybe(fc.oneof(timeSpan, fc.constant(''), fc.constant('n/a'))),
    abandonedChatsinLast30Mins: maybe(intOrString(0, 5)),
    switchedtoMessagesinLast30Mins: maybe(intOrString(0, 3)),
    visitors: maybe(fc.array(fc.record({ waitTime: maybe(timeSpan) }), { maxLength: 4 })),
    ongoing,
    extra: extraFields,
  })
  .map(({ ongoing: o, extra, ...fields }) => json({ ...extra, ...fields, ...o }));

describe('Comm100 adapter, property-based: payloads in both spellings and both types', () => {
  it('maps every agent row, counts per status adding up, ongoing chats as the vendor gave them', () => {
    const rows = fc.integer({ min: 0, max: 10 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => agentRow(`agent-${i}`))));
    const readable = fc.array(
      fc
        .record({
          id: fc.integer({ min: 0, max: 12 }).map((i) => `AGENT-${i}`),
          status: maybe(fc.constantFrom('Online', 'Away', 'Offline', 'Lunch', '')),
          ongoing,
        })
        .map(({ ongoing: o, ...f }) => json({ ...f, ...o })),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(rows, readable, (list, statuses) => {
        const page = realTimeAgentsPageSchema.parse({ total: String(list.length), list });
        const agents = mapAgents(page.list, indexStatuses(agentStatusesSchema.parse(statuses)));
        expect(agents).toHaveLength(list.length);
        expect(STATES.map((s) => agents.filter((a) => a.state === s).length).reduce((a, b) => a + b, 0)).toBe(agents.length);
        agents.forEach((agent, i) => {
          const row = list[i] as Record<string, unknown>;
          const given = row.ongoingChats ?? row.onGoingChats;
          if (given != null) expect(agent.ongoingChats).toBe(Number(given));
          if (row.intradayChats == null) expect(agent.chatsToday).toBeUndefined();
        });
      }),
      RUNS,
    );
  });

  it("makes a queue whose totals come from its entries, with an average wait between the departments' ones", () => {
    fc.assert(
      fc.property(fc.array(queueEntry, { maxLength: 6 }), (raw) => {
        const entries = queueSchema.parse(raw);
        const snapshot = mapQueue(entries);
        expect(snapshot.totals.waiting).toBe(snapshot.queues.reduce((sum, q) => sum + q.waiting, 0));
        const averages = snapshot.queues.map((q) => q.averageWaitSeconds).filter((v): v is number => v !== undefined);
        if (averages.length === 0) expect(snapshot.totals.averageWaitSeconds).toBeUndefined();
        if (snapshot.totals.averageWaitSeconds !== undefined) {
          expect(snapshot.totals.averageWaitSeconds).toBeGreaterThanOrEqual(Math.min(...averages) - 0.001);
          expect(snapshot.totals.averageWaitSeconds).toBeLessThanOrEqual(Math.max(...averages) + 0.001);
        }
        if (snapshot.queues.every((q) => q.abandonedLast30m === undefined)) expect(snapshot.totals.abandonedLast30m).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('reads RightNow and Today with strings for numbers and leaves out what they do not say', () => {
    const counts = fc.dictionary(
      fc.constantFrom(
        'currentQueueLength',
        'onGoingChats',
        'ongoingChats',
        'loggedInAgents',
        'totalChats',
        'chats',
        'missedChats',
        'abandondedChats',
        'avgWaitingTime',
      ),
      maybe(intOrString(0, 400)),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(counts, (raw) => {
        const body = json(raw);
        const rightNow = rightNowSchema.parse(body);
        const today = mapToday(todaySchema.parse(body), '2024-03-05');
        if (body.missedChats == null) expect(today.missed).toBeUndefined();
        if (body.avgWaitingTime == null) expect(today.averageWaitSeconds).toBeUndefined();
        if (body.ongoingChats == null && body.onGoingChats != null) expect(rightNow.ongoingChats).toBe(Number(body.onGoingChats));
      }),
      RUNS,
    );
  });

  it('reads chat messages of either shape into roles, the chatbot never counted as an agent', () => {
    const message = fc.oneof(
      fc.record({
        senderType: maybe(fc.constantFrom('visitor', 'agent', 'chatbot', 'system', 'Bot')),
        displayName: maybe(fc.string({ maxLength: 8 })),
        content: maybe(fc.string({ maxLength: 12 })),
        time: maybe(fc.constantFrom('2024-03-05T14:01:25Z', 'bad')),
      }),
      fc.record({
        type: maybe(fc.constantFrom('visitor', 'agent', 'chatbot', 'system', 'note')),
        senderName: maybe(fc.string({ maxLength: 8 })),
        content: maybe(fc.string({ maxLength: 12 })),
        sentTime: maybe(fc.constantFrom('2024-03-05T14:02:00Z', '')),
        attachmentUrl: maybe(fc.constant('https://files.example.com/a.png')),
      }),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), extraFields, (messages, extra) => {
        const raw = json(messages);
        const transcript = mapChat(chatSchema.parse({ ...extra, id: 8815, messages: raw }));
        expect(transcript.messages).toHaveLength(raw.length);
        transcript.messages.forEach((m, i) => {
          expect(ROLES).toContain(m.role);
          const word = ((raw[i] as { senderType?: string; type?: string }).senderType ?? (raw[i] as { type?: string }).type)?.toLowerCase();
          if (word === 'chatbot') expect(m.role).toBe('bot');
        });
        if (!transcript.messages.some((m) => m.role === 'agent')) expect(transcript.firstResponseSeconds).toBeUndefined();
      }),
      RUNS,
    );
  });
});
