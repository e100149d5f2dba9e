import type { Capability, VendorAdapter } from '../port.js';
import type { Said } from '../../src/domain/said.js';
import { isValidUserId } from '../port.js';
import { VendorError, type VendorErrorReason } from '../../src/domain/errors.js';
import type { DemoSourceConfig } from '../../src/config/source-schemas.js';
import type { ActiveChat, DateRange, DayStats, HandoffReport, TokenUsage, Transcript } from '../../src/domain/types.js';
import { activeChatOf, isActiveAt, transcriptOf } from './chat-views.js';
import { checkDigit, formatConversationId, parseConversationId } from './conversation-id.js';
import { dayStatsAt } from './day-stats.js';
import { createDayCache } from './day-cache.js';
import { addTally, emptyTally, handoffReportOf } from './handoff-tally.js';
import { addDays, localDayAt, localDayOfDate, type LocalDay } from './local-day.js';
import { agentsAt, queueSnapshotAt } from './queue-snapshot.js';
import { createRequestCounter } from './token-usage.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import { lastChatsAt, type LastChat } from './last-chats.js';

/** How far back `/transcript` finds finished demo chats. */
export const DEMO_TRANSCRIPT_DAYS = 7;
/** Longest `/handoffs` range, as on wolkvox. */
export const DEMO_MAX_RANGE_DAYS = 31;

const CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'queue',
  'agents',
  'activeChats',
  'transcript',
  'today',
  'dayStats',
  'handoffs',
  'tokenUsage',
]);
const VENDOR = 'demo';

/** The demo answers every capability, so its methods are not optional. */
export type DemoAdapter = VendorAdapter &
  Required<
    Omit<VendorAdapter, 'close' | 'id' | 'vendor' | 'timeZone' | 'capabilities' | 'quotaKey' | 'transcriptUsesLiveChats' | 'recentArrivals' | 'defaultPoll'>
  >;

export interface DemoAdapterDeps {
  /** The clock; the simulation's state is a pure function of (seed, now()). */
  now?: () => Date;
}

/**
 * The simulated contact center of the embedded default: four queues (Ventas, Soporte, Cobranza,
 * WhatsApp VIP), a bot (Wolky) handing over to a day team of 14-18 agents on shifts and a night
 * desk of five, a busy hour around 11:00 local and quiet nights: someone answers at any hour. Every answer is a pure function of the seed and the clock: two calls
 * at the same instant agree, and the operation moves on minute by minute. No timers, no I/O.
 *
 * @example
 *   const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed: 42, timeZone: 'America/Bogota', quota: { reservePercent: 10 } });
 *   const snapshot = await demo.queue();
 */
export function createDemoAdapter(config: DemoSourceConfig & { id: string }, deps: DemoAdapterDeps = {}): DemoAdapter {
  const { seed, timeZone } = config;
  const now = deps.now ?? (() => new Date());
  const days = createDayCache(seed);
  const requests = createRequestCounter(seed);

  const refuse = (reason: VendorErrorReason, said: Said, detail: string): VendorError =>
    new VendorError({ kind: 'refused', reason, source: config.id, vendor: VENDOR, endpoint: 'simulation', said, detail });

  /** Today's local day, the instant, and that instant in seconds after the day's midnight. */
  const present = (): { day: LocalDay; nowMs: number; t: number } => {
    const nowMs = now().getTime();
    const day = localDayAt(nowMs, timeZone);
    return { day, nowMs, t: (nowMs - day.startMs) / 1000 };
  };

  async function activeChats(): Promise<ActiveChat[]> {
    const { day, nowMs, t } = present();
    const chats: ActiveChat[] = [];
    // Conversations from just before midnight may still be open.
    const looked = t < 3600 ? [addDays(day, -1, timeZone), day] : [day];
    for (const d of looked) {
      const sim = days.sim(d);
      const local = (nowMs - d.startMs) / 1000;
      for (const c of sim.conversations) {
        if (c.start > local) break;
        if (isActiveAt(c, local)) chats.push(activeChatOf({ seed, day: d, sim, c, t: local }));
      }
    }
    return chats;
  }

  async function transcript(id: string): Promise<Transcript | null> {
    if (!isValidUserId(id)) {
      throw refuse('bad-request', { key: 'vendorError.demo.conversationId', values: { example: 'DEMO-24032000417' } }, 'invalid conversation id');
    }
    const key = parseConversationId(id);
    if (!key) return null;
    const { day: today, nowMs } = present();
    const day = localDayOfDate(key.date, timeZone);
    if (!day) return null;
    const age = today.dayNumber - day.dayNumber;
    if (age < 0 || age > DEMO_TRANSCRIPT_DAYS) return null;
    if (checkDigit(seed, day.dayNumber, key.seq) !== key.check) return null;
    const sim = days.sim(day);
    const c = sim.conversations[key.seq - 1];
    const t = (nowMs - day.startMs) / 1000;
    if (!c || c.start > t) return null;
    return transcriptOf({ seed, day, sim, c, t });
  }

  async function dayStats(date: string): Promise<DayStats> {
    const day = localDayOfDate(date, timeZone);
    if (!day) throw refuse('bad-request', { key: 'vendorError.demo.date' }, 'invalid date');
    const { day: today, nowMs } = present();
    if (day.dayNumber > today.dayNumber) return dayStatsAt({ dayNumber: day.dayNumber, weekday: day.weekday, conversations: [], agents: [] }, date, 0);
    return dayStatsAt(days.sim(day), day.date, (nowMs - day.startMs) / 1000);
  }

  async function handoffs(range: DateRange): Promise<HandoffReport> {
    const fromMs = Date.parse(range.from);
    const toMs = Date.parse(range.to);
    if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs > toMs) {
      throw refuse('bad-request', { key: 'vendorError.demo.range' }, 'invalid range');
    }
    if (toMs - fromMs > (DEMO_MAX_RANGE_DAYS + 1) * 86_400_000) {
      throw refuse('range-too-long', { key: 'vendorError.demo.rangeTooLong', values: { days: DEMO_MAX_RANGE_DAYS } }, 'range too long');
    }
    const nowMs = now().getTime();
    const total = emptyTally();
    const last = localDayAt(Math.min(toMs, nowMs), timeZone);
    for (let day = localDayAt(fromMs, timeZone); day.dayNumber <= last.dayNumber; day = addDays(day, 1, timeZone)) {
      addTally(total, days.tally(day, (fromMs - day.startMs) / 1000, (toMs - day.startMs) / 1000, (nowMs - day.startMs) / 1000));
    }
    return handoffReportOf(range, total);
  }

  /**
   * Answers one request as a vendor would: admitted by the bot's meter (inside a quota gate's
   * fetch: a lease and one unit of budget), then counted in the token's day, as any vendor counts
   * the requests it gets. Outside a gate (a test driving the adapter) it is counted all the same.
   */
  function answer<A extends unknown[], T>(endpoint: string, work: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
    return async (...args) => {
      const release = await meterRequest({ endpoint: `simulation:${endpoint}` });
      try {
        requests.count(present().day);
        return await work(...args);
      } finally {
        release();
      }
    };
  }

  return {
    id: config.id,
    vendor: 'demo',
    timeZone,
    capabilities: CAPABILITIES,
    quotaKey: `demo:${seed}`,
    queue: answer('queue', async () => {
      const { day, t } = present();
      return queueSnapshotAt(days.sim(day), t);
    }),
    // The simulation telling its own past (history backfill): no vendor request, not counted.
    queueAt: async (at) => {
      const day = localDayAt(at.getTime(), timeZone);
      return queueSnapshotAt(days.sim(day), (at.getTime() - day.startMs) / 1000);
    },
    agents: answer('agents', async () => {
      const { day, nowMs, t } = present();
      const agents = agentsAt(days.sim(day), t, day.startMs, (c) => formatConversationId(seed, day.dayNumber, day.date, c.seq));
      // Each agent's last finished chat; yesterday's count too (chats may close after midnight, and none may have finished today yet).
      const last = new Map<string, LastChat>();
      for (const d of [addDays(day, -1, timeZone), day]) {
        const found = lastChatsAt(days.sim(d), (nowMs - d.startMs) / 1000, d.startMs, (c) => formatConversationId(seed, d.dayNumber, d.date, c.seq));
        for (const [agentId, chat] of found) if ((last.get(agentId)?.endedMs ?? -Infinity) < chat.endedMs) last.set(agentId, chat);
      }
      for (const agent of agents) {
        const chat = last.get(agent.id);
        if (chat) agent.lastChat = { id: chat.id, endedAt: new Date(chat.endedMs).toISOString() };
      }
      return agents;
    }),
    activeChats: answer('activeChats', activeChats),
    transcript: answer('transcript', (id: string) => transcript(id)),
    today: answer('today', async () => {
      const { day, t } = present();
      return dayStatsAt(days.sim(day), day.date, t);
    }),
    dayStats: answer('dayStats', (date: string) => dayStats(date)),
    handoffs: answer('handoffs', (range: DateRange) => handoffs(range)),
    tokenUsage: answer('tokenUsage', async (): Promise<TokenUsage> => {
      const { day, t } = present();
      return requests.usage(day, t);
    }),
  };
}
