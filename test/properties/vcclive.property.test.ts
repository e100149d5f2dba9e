import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VccliveClient } from '../../adapters/vcclive/client.js';
import { AGENT_STATES, toAgentStatus } from '../../adapters/vcclive/mapping.js';
import { isLowerBound, readChatLog, type PagingKnowledge } from '../../adapters/vcclive/paging.js';
import { dayStats } from '../../adapters/vcclive/day-stats.js';
import { queueSnapshot } from '../../adapters/vcclive/queue-snapshot.js';
import { chatListSchema, onlineUserListSchema, type ChatWire } from '../../adapters/vcclive/wire.js';
import { VendorError } from '../../src/domain/errors.js';
import { extraFields, intOrString, json, maybe, RUNS } from './arbitraries.js';

const ZONE = 'Europe/Budapest';
const DAY = '2023-01-20';
const STATES = ['available', 'busy', 'away', 'offline', 'unknown'];

const localTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${DAY} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
const startTime = fc.oneof(
  { weight: 6, arbitrary: localTime },
  fc.constant(null),
  fc.constant(''),
  fc.constant('0000-00-00 00:00:00'),
  fc.constant('not a time'),
);

/** One Get Chat Log entry with the variations a live account may send. */
const chat = (chatId: number) =>
  fc
    .record({
      disposition: maybe(fc.constantFrom('Completed', 'Missed', 'In progress', 'MISSED', 'Abandoned', '')),
      slaStatus: maybe(fc.constantFrom('Within SLA', 'Out of SLA', 'within sla', '', 'Pending')),
      sessionStartTime: startTime,
      firstAgentMessageTime: maybe(localTime),
      firstResponseTime: maybe(intOrString(0, 300)),
      duration: maybe(intOrString(0, 4000)),
      transferCount: maybe(intOrString(0, 3)),
      isSPAM: maybe(fc.constantFrom(0, 1, '0', '1')),
      lastQueueName: maybe(fc.constantFrom('Sales', 'Support', '')),
      transcript: maybe(
        fc.array(
          fc.record({
            name: maybe(fc.constantFrom('Visitor', 'John Smith', 'Chatbot', '')),
            message: maybe(fc.string()),
            date: maybe(fc.constant('2023-01-20T12:50:43+01:00')),
          }),
          { maxLength: 3 },
        ),
      ),
      extra: extraFields,
    })
    .map(({ extra, ...fields }) => json({ ...extra, chatId, ...fields }));

const chatDay = fc.integer({ min: 0, max: 24 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => chat(1000 + i))));

const parseChats = (raw: unknown[]): ChatWire[] => chatListSchema.parse(raw);

describe('VCC Live adapter, property-based: chat log payloads as a live account may send them', () => {
  it('reads every generated day without throwing, and its figures add up', () => {
    fc.assert(
      fc.property(chatDay, (raw) => {
        const chats = parseChats(raw);
        const counted = chats.filter((c) => c.isSPAM !== 1);
        const stats = dayStats(DAY, chats, ZONE);
        expect(stats.chats).toBe(counted.length);
        // A day's chats equal the sum of its hours.
        if (stats.chatsByHour) {
          expect(stats.chatsByHour).toHaveLength(24);
          expect(stats.chatsByHour.reduce((a, b) => a + b, 0)).toBe(stats.chats);
        }
        // No figure invented where the vendor gave none.
        // (An empty day is all zeros: that is what the vendor said.)
        const some = counted.length > 0;
        if (some && !counted.some((c) => c.disposition?.trim())) expect(stats.missed).toBeUndefined();
        if (some && !counted.some((c) => c.slaStatus?.trim())) {
          expect(stats.slaRate).toBeUndefined();
          expect(stats.slaBreaches).toBeUndefined();
        }
        if (some && !counted.some((c) => c.transferCount != null)) expect(stats.transfers).toBeUndefined();
        if (!counted.some((c) => c.firstResponseTime != null)) expect(stats.firstResponseSeconds).toBeUndefined();
        if (stats.missed !== undefined) expect(stats.missed).toBeLessThanOrEqual(stats.chats);
        if (stats.slaRate !== undefined) expect(stats.slaRate).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('derives a queue whose totals are the sum of its queues', () => {
    fc.assert(
      fc.property(chatDay, (raw) => {
        const snapshot = queueSnapshot(parseChats(raw), ZONE, new Date('2023-01-20T11:00:00Z'));
        expect(snapshot.totals.waiting).toBe(snapshot.queues.reduce((sum, q) => sum + q.waiting, 0));
        expect(snapshot.totals.ongoingChats).toBe(snapshot.queues.reduce((sum, q) => sum + (q.ongoingChats ?? 0), 0));
        if (snapshot.totals.waiting === 0) expect(snapshot.totals.longestWaitSeconds).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('maps every online user, known state word or not, keeping the word as it came', () => {
    const user = (userId: number) =>
      fc
        .record({
          username: maybe(fc.constantFrom('Eva', 'John Smith', '')),
          state: maybe(fc.oneof(fc.constantFrom(...Object.keys(AGENT_STATES)), fc.constantFrom('aux', 'LUNCH', 'SOMETHING_NEW', ''))),
          stateDuration: maybe(intOrString(0, 9000)),
          stateChangedAt: maybe(fc.constantFrom('2023-01-20T12:49:43+01:00', 'garbage', '')),
          extra: extraFields,
        })
        .map(({ extra, ...fields }) => json({ ...extra, userId, ...fields }));
    const users = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => user(i + 1))));
    fc.assert(
      fc.property(users, (raw) => {
        const agents = onlineUserListSchema.parse(raw).map((u) => toAgentStatus(u, ZONE, new Date('2023-01-20T11:00:00Z')));
        expect(agents).toHaveLength(raw.length);
        // Counts per status add up to the agents listed.
        const counts = STATES.map((s) => agents.filter((a) => a.state === s).length);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(agents.length);
        agents.forEach((agent, i) => {
          const word = (raw[i] as { state?: string | null }).state?.trim();
          if (word) expect(agent.stateLabel).toBe(word);
          if (word && AGENT_STATES[word.toUpperCase()] === undefined) expect(agent.state).toBe('unknown');
          if (agent.since !== undefined) expect(Number.isFinite(Date.parse(agent.since))).toBe(true);
        });
      }),
      RUNS,
    );
  });
});

/** A chat log server in memory, paging by offset as the fake does, with a server's own ways. */
function serverClient(options: {
  total: number;
  cap: number;
  from: 'limit-or-num' | 'limit' | 'num' | 'neither';
  defaultSize: number;
  pastEnd: 'empty' | 'not-found';
}): VccliveClient {
  const rows = Array.from({ length: options.total }, (_, i) => ({ chatId: 1 + i }) as ChatWire);
  return {
    http: undefined as never,
    async chatPage(query) {
      const asked = options.from === 'neither' ? options.defaultSize : query.pageSize;
      const page = rows.slice(query.start ?? 0, (query.start ?? 0) + Math.min(asked, options.cap));
      if (page.length === 0 && (query.start ?? 0) > 0 && options.pastEnd === 'not-found') {
        throw new VendorError({
          kind: 'refused',
          reason: 'not-found',
          source: 'emea',
          vendor: 'VCC Live',
          status: 404,
          userMessage: 'not found',
          detail: 'past the end',
        });
      }
      return page;
    },
    onlineUsers: async () => [],
    close: async () => {},
  };
}

describe('VCC Live paging, property-based: capped pages never read as the end of the log', () => {
  const server = fc.record({
    total: fc.integer({ min: 0, max: 90 }),
    cap: fc.integer({ min: 1, max: 30 }),
    from: fc.constantFrom('limit-or-num' as const, 'limit' as const, 'num' as const, 'neither' as const),
    defaultSize: fc.integer({ min: 1, max: 15 }),
    pastEnd: fc.constantFrom('empty' as const, 'not-found' as const),
  });

  it('reads the whole log when maxPages allows it, and never calls a cut read complete', async () => {
    await fc.assert(
      fc.asyncProperty(
        server,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        async (options, pageSize, maxPages, learnedBefore) => {
          const knowledge: PagingKnowledge = { honoursPageSize: false };
          const client = serverClient(options);
          // A read of another day first, as the adapter does, may have taught the reader something.
          if (learnedBefore) await readChatLog(client, { pageSize, maxPages: 100, knowledge });
          const read = await readChatLog(client, { pageSize, maxPages, knowledge });
          const ids = read.chats.map((c) => c.chatId);
          expect(new Set(ids).size).toBe(ids.length);
          if (!isLowerBound(read)) expect(ids).toHaveLength(options.total);
          if (maxPages >= options.total + 2) {
            expect(isLowerBound(read)).toBe(false);
            expect(ids).toHaveLength(options.total);
          }
        },
      ),
      RUNS,
    );
  });
});
