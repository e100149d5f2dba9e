import { createHash } from 'node:crypto';
import type { Said } from '../../src/domain/said.js';
import type { Dispatcher } from 'undici';
import { isValidUserId, type Capability, type LiveChats, type VendorAdapter } from '../port.js';
import type { WolkvoxSourceConfig } from '../../src/config/source-schemas.js';
import type { ActiveChat, AgentStatus, DateRange, DayStats, HandoffReport, QueueSnapshot, TokenUsage, Transcript } from '../../src/domain/types.js';
import { createWolkvoxClient } from './client.js';
import { tallyConversations } from './conversation-tally.js';
import { buildDayStats } from './day-stats.js';
import { buildHandoffReport } from './handoff-report.js';
import { localDate } from '../../src/domain/local-date.js';
import { dayRange, isLocalDate, MAX_RANGE_DAYS, splitRange } from './dates.js';
import { finishedTranscript, liveTranscript, mapActiveChats, mapAgents, mapQueueFromLiveChats, mapSkillQueues, mapTokenUsage } from './mapping.js';
import { createMemoryDayIndex, type ConversationDayIndex } from '../../src/domain/day-index.js';
import type { DayCut } from './day-cuts.js';
import { searchFinishedConversation, type DayRead } from './transcript-search.js';
import type { Chat8RowWire, SkillWire } from './wire.js';

/** Injected for tests and benchmarks; production passes none of these. */
export interface WolkvoxAdapterDeps {
  /** Clock: "today" and the transcript search window are read from it. */
  now?: () => Date;
  /** An undici dispatcher shared with other sources, or a test's. */
  dispatcher?: Dispatcher;
  /** Body cap in bytes (default 256 MiB, the vendor's maximum). */
  maxBytes?: number;
  /** Extra attempts for GETs that failed on the network or with 5xx (default 2). */
  retries?: number;
  /** First retry delay in ms (default 250). */
  retryBaseDelayMs?: number;
  /**
   * Called before each vendor request (retries not included) with the endpoint's name: one
   * adapter method may cost several requests (a transcript search up to 1 + lookback days).
   */
  onRequest?: (endpoint: string) => void;
  /**
   * Which conversation ids each day's `chat_2` holds, shared by lookups (and, through Redis, by
   * replicas). Default: this adapter's own memory.
   */
  dayIndex?: ConversationDayIndex;
}

/** A wolkvox source: every capability of the port is present. */
export type WolkvoxAdapter = VendorAdapter &
  Required<Pick<VendorAdapter, 'queue' | 'agents' | 'activeChats' | 'transcript' | 'today' | 'dayStats' | 'handoffs' | 'tokenUsage' | 'close'>>;

const CAPABILITIES: ReadonlySet<Capability> = new Set(['queue', 'agents', 'activeChats', 'transcript', 'today', 'dayStats', 'handoffs', 'tokenUsage']);

/** `wolkvox:<server>:<first 8 hex of sha256(token)>`: names the token's budget without revealing it. */
export function wolkvoxQuotaKey(server: string, token: string): string {
  return `wolkvox:${server}:${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

/** Names one operation's conversations in the day index: a server's data, whichever token reads it. */
export function wolkvoxDataScope(server: string): string {
  return `wolkvox:${server}`;
}

/**
 * The wolkvox vendor adapter. Calls within one method run one after another, so a method never
 * holds more than one of the token's two simultaneous requests.
 *
 * @example
 *   const adapter = createWolkvoxAdapter({ id: 'bogota', ...parsedSourceConfig });
 *   const snapshot = await adapter.queue();
 *   const chat = await adapter.transcript('8731245');   // null when not found
 */
export function createWolkvoxAdapter(config: WolkvoxSourceConfig & { id: string }, deps: WolkvoxAdapterDeps = {}): WolkvoxAdapter {
  const zone = config.timeZone;
  const now = deps.now ?? (() => new Date());
  const lookbackDays = Math.min(MAX_RANGE_DAYS, Math.max(1, config.transcriptLookbackDays ?? 7));
  const client = createWolkvoxClient({
    source: config.id,
    server: config.server,
    token: config.token,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeout,
    maxBytes: deps.maxBytes,
    retries: deps.retries,
    retryBaseDelayMs: deps.retryBaseDelayMs,
    dispatcher: deps.dispatcher,
    onRequest: deps.onRequest,
  });

  const dayIndex = deps.dayIndex ?? createMemoryDayIndex({ now: () => now().getTime() });
  const scans = new Map<string, Promise<DayRead>>();
  const cuts = new Map<string, DayCut>();
  async function liveChats(known: LiveChats | undefined, signal?: AbortSignal): Promise<LiveChats> {
    if (known) return known;
    const chats = mapActiveChats(await client.liveChats(signal), zone);
    return { chats, asOf: now().getTime() };
  }

  function refuse(endpoint: string, key: Said['key'], detail: string): never {
    throw client.http.error({ kind: 'refused', reason: 'bad-request', endpoint, said: { key }, detail });
  }

  async function chat8Rows(from: Date | string, to: Date | string, signal?: AbortSignal): Promise<Chat8RowWire[]> {
    const rows: Chat8RowWire[] = [];
    for (const range of splitRange(from, to, zone)) rows.push(...(await client.chat8(range, signal)));
    return rows;
  }

  async function statsOf(date: string, signal?: AbortSignal): Promise<DayStats> {
    const range = dayRange(date, zone, now());
    const rows = await client.chat8(range, signal);
    const tally = await tallyConversations(client, range, signal);
    return buildDayStats(date, rows, tally, zone);
  }

  return {
    id: config.id,
    vendor: 'wolkvox',
    timeZone: zone,
    capabilities: CAPABILITIES,
    quotaKey: wolkvoxQuotaKey(config.server, config.token),
    // wolkvox asks integrators to poll every 5 minutes at most.
    defaultPoll: '*/5 * * * *',

    async queue(signal): Promise<QueueSnapshot> {
      if (config.skills.length === 0) return mapQueueFromLiveChats(await client.liveChats(signal), zone, now());
      const rows: SkillWire[] = [];
      for (const skillId of config.skills) rows.push(...(await client.skill(skillId, signal)));
      return mapSkillQueues(rows);
    },

    async agents(signal): Promise<AgentStatus[]> {
      const agents = await client.agents(signal);
      const live = await client.liveChats(signal);
      return mapAgents(agents, live);
    },

    async activeChats(signal): Promise<ActiveChat[]> {
      return mapActiveChats(await client.liveChats(signal), zone);
    },

    transcriptUsesLiveChats: true,

    async transcript(id, signal, known): Promise<Transcript | null> {
      if (typeof id !== 'string' || !isValidUserId(id)) {
        refuse('transcript', 'vendorError.wolkvox.conversationId', 'conversation id refused before any request: not 1-64 of [A-Za-z0-9_-]');
      }
      const { chats, asOf } = await liveChats(known?.liveChats, signal);
      const live = chats.find((c) => c.id === id);
      if (live) return liveTranscript(live);
      const record = await searchFinishedConversation(client, id, {
        timeZone: zone,
        now: now(),
        lookbackDays,
        index: dayIndex,
        scope: wolkvoxDataScope(config.server),
        liveAsOf: asOf,
        scans,
        cuts,
        clock: () => now().getTime(),
        signal,
      });
      return record ? finishedTranscript(record, zone) : null;
    },

    async today(signal): Promise<DayStats> {
      return statsOf(localDate(now(), zone), signal);
    },

    async dayStats(date, signal): Promise<DayStats> {
      if (!isLocalDate(date)) refuse('dayStats', 'vendorError.wolkvox.day', 'day refused before any request: not YYYY-MM-DD');
      return statsOf(date, signal);
    },

    async handoffs(range: DateRange, signal): Promise<HandoffReport> {
      if (!(Date.parse(range.from) < Date.parse(range.to))) {
        refuse('handoffs', 'vendorError.wolkvox.range', `range refused before any request: ${range.label}`);
      }
      return buildHandoffReport(range, await chat8Rows(range.from, range.to, signal));
    },

    async tokenUsage(signal): Promise<TokenUsage> {
      const usage = mapTokenUsage(await client.tokenInfo(signal));
      if (!usage) {
        throw client.http.error({
          kind: 'nonsense',
          reason: 'schema',
          endpoint: 'information.php?api=token_info',
          detail: 'token_info answered without token_limit or token_use_today',
        });
      }
      return usage;
    },

    close: () => client.close(),
  };
}
