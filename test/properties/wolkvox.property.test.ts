import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import type { ConversationTally } from '../../adapters/wolkvox/conversation-tally.js';
import { buildDayStats } from '../../adapters/wolkvox/day-stats.js';
import { finishedTranscript, mapAgents } from '../../adapters/wolkvox/mapping.js';
import { agentsDataSchema, chat2DataSchema, chat8DataSchema, realTimeChatsDataSchema } from '../../adapters/wolkvox/wire.js';
import { fakeWolkvoxSource, startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { extraFields, intOrString, json, maybe, RUNS } from './arbitraries.js';

const ZONE = 'America/Bogota';
const STATES = ['available', 'busy', 'away', 'offline', 'unknown'];
/** The words the agent reports use (FACTS.md); each operation adds its own custom ones. */
const DOCUMENTED_STATES = ['READY', 'TALK', 'ACW', 'RING'];

const vendorDate = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `2024-05-14 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
const someDate = fc.oneof({ weight: 5, arbitrary: vendorDate }, fc.constant(''), fc.constant('0000-00-00 00:00:00'), fc.constant('ayer'));
const duration = fc.oneof(fc.constantFrom('00:01:10', '1:05', '95', '95.4', '', '-', 'n/a'), intOrString(0, 900));

const agentRow = fc
  .record({
    agent_id: maybe(fc.integer({ min: 1000, max: 1030 }).map(String)),
    agent_name: maybe(fc.constantFrom('Laura Gómez', 'Andrés', '')),
    agent_status: maybe(fc.constantFrom(...DOCUMENTED_STATES, 'Ready', 'Break', 'Almuerzo', 'Capacitación', 'Offline', 'Something new', '')),
    enabled: maybe(fc.constantFrom('yes', 'no', 'YES', '')),
    extra: extraFields,
  })
  .map(({ extra, ...fields }) => json({ ...extra, ...fields }));

const liveGroup = fc.record({
  agent_id: maybe(fc.integer({ min: 1000, max: 1030 }).map(String)),
  active_chats: fc.oneof(
    fc.array(fc.record({ conn_id: fc.integer({ min: 1, max: 999 }).map(String), conversation: fc.constant([]) }), { maxLength: 3 }),
    fc.constant(null),
    fc.constant(''),
  ),
});

const chat8Row = fc
  .record({
    conn_id: maybe(fc.integer({ min: 1, max: 60 }).map(String)),
    start_date: maybe(someDate),
    go_to_agent: maybe(fc.constantFrom('yes', 'no', 'SI', '1', '0', '')),
    asa: maybe(duration),
    total_time: maybe(duration),
    time_on_chatbot: maybe(duration),
    rp_id: maybe(fc.constantFrom('1', '2', '')),
    extra: extraFields,
  })
  .map(({ extra, ...fields }) => json({ ...extra, ...fields }));

const tally = fc
  .dictionary(fc.integer({ min: 1, max: 80 }).map(String), fc.option(someDate, { nil: undefined }), { maxKeys: 25 })
  .map((entries): ConversationTally => ({ firstMessage: new Map(Object.entries(entries)) }));

describe('wolkvox adapter, property-based: payloads as an operation may send them', () => {
  it('lists every enabled agent once, with a state for each and the documented words understood', () => {
    fc.assert(
      fc.property(fc.array(agentRow, { maxLength: 15 }), fc.array(liveGroup, { maxLength: 5 }), (rows, groups) => {
        const agents = mapAgents(agentsDataSchema.parse(rows), realTimeChatsDataSchema.parse(groups));
        const enabled = agentsDataSchema.parse(rows).filter((a) => a.agent_id && !/^(no|n|0|false)$/i.test(a.enabled?.trim() ?? ''));
        expect(agents).toHaveLength(enabled.length);
        // Counts per status add up to the agents listed.
        expect(STATES.map((s) => agents.filter((a) => a.state === s).length).reduce((a, b) => a + b, 0)).toBe(agents.length);
        for (const agent of agents) {
          if (DOCUMENTED_STATES.includes(agent.stateLabel)) expect(agent.state).not.toBe('unknown');
          expect(agent.ongoingChats).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('makes a day whose chats are its distinct conversations, the sum of its hours, with no figure the reports lack', () => {
    fc.assert(
      fc.property(fc.array(chat8Row, { maxLength: 25 }), tally, (raw, conversations) => {
        const rows = chat8DataSchema.parse(raw);
        const stats = buildDayStats('2024-05-14', rows, conversations, ZONE);
        const ids = new Set([...rows.map((r, i) => r.conn_id || `chat_8 row ${i}`), ...conversations.firstMessage.keys()]);
        expect(stats.chats).toBe(ids.size);
        if (stats.chatsByHour) expect(stats.chatsByHour.reduce((a, b) => a + b, 0)).toBe(stats.chats);
        if (rows.length === 0) expect(stats.handoffRate).toBeUndefined();
        else expect(stats.handoffRate).toBeGreaterThanOrEqual(0);
        if (!rows.some((r) => r.asa?.trim())) expect(stats.averageWaitSeconds).toBeUndefined();
        if (!rows.some((r) => r.total_time?.trim())) expect(stats.averageChatSeconds).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("reads chat_2 conversations with the bot's messages as the bot's and no figure without times", () => {
    const message = fc
      .record({
        from: maybe(fc.constantFrom('AGENT', 'CUSTOMER', 'agent', 'customer', 'SYSTEM', '')),
        from_name: maybe(fc.constantFrom('chat_bot', 'chat bot', 'Laura Gómez', 'Carlos', '')),
        to_name: maybe(fc.constantFrom('chat bot', 'Laura Gómez', 'Carlos')),
        date: maybe(someDate),
        message: maybe(fc.string({ maxLength: 20 })),
        extra: extraFields,
      })
      .map(({ extra, ...fields }) => json({ ...extra, ...fields }));
    const record = fc.record({
      conn_id: fc.constant('8730001'),
      agent_name: maybe(fc.constant('Laura Gómez')),
      customer_name: maybe(fc.constant('Carlos')),
      conversation: fc.oneof(fc.array(message, { maxLength: 8 }), fc.constant(null)),
    });
    fc.assert(
      fc.property(record, (raw) => {
        const [parsed] = chat2DataSchema.parse([json(raw)]);
        const transcript = finishedTranscript(parsed!, ZONE);
        parsed!.conversation.forEach((m, i) => {
          const role = transcript.messages[i]!.role;
          if (m.from?.toUpperCase() === 'AGENT' && /^chat[ _]?bot$/i.test(m.from_name ?? '')) expect(role).toBe('bot');
          if (m.from?.toUpperCase() === 'CUSTOMER') expect(role).toBe('customer');
        });
        if (!transcript.messages.some((m) => m.at)) {
          expect(transcript.firstResponseSeconds).toBeUndefined();
          expect(transcript.durationSeconds).toBeUndefined();
        }
        if (transcript.firstResponseSeconds !== undefined) expect(transcript.firstResponseSeconds).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe('wolkvox adapter over HTTP, property-based: "no records" however the vendor says it', () => {
  let fake: FakeWolkvox;
  beforeAll(async () => {
    fake = await startFakeWolkvox();
  });
  afterAll(() => fake.close());

  it('answers a day from empty or filled reports, 404 for none included, without throwing', async () => {
    const adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake), { now: () => new Date('2024-05-14T20:00:00Z'), retries: 0 });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('http-404' as const, 'code-404' as const, 'empty-list' as const),
          fc.array(chat8Row, { maxLength: 6 }),
          fc.boolean(),
          async (emptyAs, rows, noConversations) => {
            fake.setEmptyAs(emptyAs);
            fake.setData('chat_8', rows);
            fake.setData('chat_2', noConversations ? [] : undefined);
            const stats = await adapter.today();
            expect(stats.date).toBe('2024-05-14');
            if (stats.chatsByHour) expect(stats.chatsByHour.reduce((a, b) => a + b, 0)).toBe(stats.chats);
            if (rows.length === 0) expect(stats.handoffRate).toBeUndefined();
          },
        ),
        { numRuns: 6 },
      );
    } finally {
      await adapter.close();
    }
  });
});
