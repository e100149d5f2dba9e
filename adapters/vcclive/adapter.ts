import type { Dispatcher } from 'undici';
import type { VccliveSourceConfig } from '../../src/config/source-schemas.js';
import type { Transcript } from '../../src/domain/types.js';
import { isValidUserId, type Capability, type VendorAdapter } from '../port.js';
import { createVccliveClient } from './client.js';
import { isInProgress, isSpam, toActiveChat, toAgentStatus, toTranscript } from './mapping.js';
import { DEFAULT_MAX_PAGES, isLowerBound, readChatLog, type ChatLogRead, type PagingKnowledge } from './paging.js';
import { dayStats } from './day-stats.js';
import { queueSnapshot } from './queue-snapshot.js';
import { localDate } from '../../src/domain/local-date.js';
import { isCalendarDate } from './time.js';

/**
 * How many local days `/transcript` searches, today included. Get Chat Log has no chat-id filter
 * (its filters are userId, entityId and startDate), so a lookup reads day by day, newest first,
 * and stops at the page that holds the chat: a recent chat costs one or two calls, an unknown id
 * up to this many days x maxPages.
 */
export const TRANSCRIPT_LOOKBACK_DAYS = 7;

/** VCC Live chat ids are integers; 15 digits keep them exact as JavaScript numbers. */
const CHAT_ID = /^\d{1,15}$/;

const CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>(['queue', 'agents', 'activeChats', 'transcript', 'today', 'dayStats']);

export interface VccliveAdapterDeps {
  /** Clock for "today" and waiting times; default `new Date()`. */
  now?: () => Date;
  /** undici dispatcher (tests, proxies); default a keep-alive agent owned by the adapter. */
  dispatcher?: Dispatcher;
  /** Extra attempts on network errors and 5xx (default 2); tests pass 0. */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Told when a chat log read stopped before its end (maxPages hit, `start` ignored). */
  logger?: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * The VCC Live vendor adapter: queue (derived from the chat log), agents (`onlineusers`),
 * chats in progress, transcripts by chat id, today's and a past day's figures.
 *
 * @example
 *   const adapter = createVccliveAdapter({ id: 'emea', ...sourceConfig });
 *   const stats = await adapter.today!();
 */
export function createVccliveAdapter(config: VccliveSourceConfig & { id: string }, deps: VccliveAdapterDeps = {}): VendorAdapter {
  const now = deps.now ?? (() => new Date());
  const zone = config.timeZone;
  const maxPages = config.maxPages ?? DEFAULT_MAX_PAGES;
  const client = createVccliveClient(config, { dispatcher: deps.dispatcher, retries: deps.retries, retryBaseDelayMs: deps.retryBaseDelayMs });
  // What this server's paging has shown (e.g. that it honours the page size asked), kept across reads.
  const knowledge: PagingKnowledge = { honoursPageSize: false };

  function noteIncomplete(read: ChatLogRead, date: string): void {
    if (!isLowerBound(read)) return;
    deps.logger?.warn(
      { source: config.id, vendor: 'vcclive', date, pages: read.pages, chats: read.chats.length, endedBy: read.endedBy },
      read.endedBy === 'max-pages'
        ? 'VCC Live chat log has more pages than maxPages; figures for the day are partial'
        : 'VCC Live repeated a page of the chat log; the paging strategy in adapters/vcclive/paging.ts may be wrong',
    );
  }

  /** One local day's chat log; `lowerBound` when the log may hold more than was read. */
  async function readDay(date: string, signal?: AbortSignal): Promise<{ chats: ChatLogRead['chats']; lowerBound: boolean }> {
    const read = await readChatLog(client, { startDate: date, maxPages, knowledge, signal });
    noteIncomplete(read, date);
    return { chats: read.chats, lowerBound: isLowerBound(read) };
  }

  function marked<T extends object>(value: T, lowerBound: boolean): T {
    return lowerBound ? { ...value, lowerBound: true } : value;
  }

  const today = () => localDate(now(), zone);

  return {
    id: config.id,
    vendor: 'vcclive',
    timeZone: zone,
    capabilities: CAPABILITIES,
    quotaKey: `vcclive:${config.account}`,

    async queue(signal) {
      const day = await readDay(today(), signal);
      return marked(queueSnapshot(day.chats, zone, now()), day.lowerBound);
    },

    async agents(signal) {
      const at = now();
      return (await client.onlineUsers(signal)).map((user) => toAgentStatus(user, zone, at));
    },

    async activeChats(signal) {
      return (await readDay(today(), signal)).chats.filter((chat) => isInProgress(chat) && !isSpam(chat)).map((chat) => toActiveChat(chat, zone));
    },

    async transcript(id, signal): Promise<Transcript | null> {
      const wanted = id.trim();
      if (!isValidUserId(wanted) || !CHAT_ID.test(wanted)) {
        // The id is not echoed: whatever was typed could be a phone number.
        throw client.http.error({
          kind: 'refused',
          reason: 'bad-request',
          endpoint: 'transcript',
          said: { key: 'vendorError.vcclive.chatId' },
          detail: 'rejected a chat id that is not 1-15 digits before calling VCC Live',
        });
      }
      const chatId = Number(wanted);
      const at = now();
      for (let back = 0; back < TRANSCRIPT_LOOKBACK_DAYS; back++) {
        const date = localDate(at, zone, back);
        const read = await readChatLog(client, { startDate: date, maxPages, knowledge, signal, stopAt: (chat) => chat.chatId === chatId });
        const found = read.chats.find((chat) => chat.chatId === chatId);
        if (found) return toTranscript(found, zone);
        noteIncomplete(read, date);
      }
      return null;
    },

    async today(signal) {
      const date = today();
      const day = await readDay(date, signal);
      return marked(dayStats(date, day.chats, zone), day.lowerBound);
    },

    async dayStats(date, signal) {
      if (!isCalendarDate(date)) {
        throw client.http.error({
          kind: 'refused',
          reason: 'bad-request',
          endpoint: 'dayStats',
          said: { key: 'vendorError.vcclive.date' },
          detail: 'rejected a date that is not YYYY-MM-DD before calling VCC Live',
        });
      }
      const day = await readDay(date, signal);
      return marked(dayStats(date, day.chats, zone), day.lowerBound);
    },

    close: () => client.close(),
  };
}
