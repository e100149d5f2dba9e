import type { Dispatcher } from 'undici';
import type { Capability, VendorAdapter } from '../port.js';
import { isValidUserId } from '../port.js';
import { VendorError, isVendorError } from '../../src/domain/errors.js';
import type { AgentStatus, DayStats, QueueSnapshot, RecentArrivals, Transcript } from '../../src/domain/types.js';
import type { Comm100SourceConfig } from '../../src/config/source-schemas.js';
import { createComm100Client } from './client.js';
import { readDay, readRecentArrivals, readToday } from './day-stats.js';
import { indexStatuses, mapAgents, mapQueue } from './mapping.js';
import { mapChat } from './transcript.js';
import { agentStatusesSchema, chatSchema, queueSchema, realTimeAgentsPageSchema, rightNowSchema, type AgentStatusWire, type RealTimeAgent } from './wire.js';

/** Most pages of `realTime/Agents` read per question (a runaway `pageCount` must not eat the rate limit). */
export const MAX_AGENT_PAGES = 50;
/** Page size asked of `realTime/Agents`; the server may answer with its own. */
export const AGENT_PAGE_SIZE = 100;

export interface Comm100AdapterDeps {
  /** Clock: "today" and OAuth token expiry are read from it. */
  now?: () => Date;
  dispatcher?: Dispatcher;
  /** First backoff before retrying a 5xx or network failure (tests use a few ms). */
  retryBaseDelayMs?: number;
  /** Extra attempts for failed GETs (shared client default 2). */
  retries?: number;
}

const CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>(['queue', 'agents', 'transcript', 'today', 'recentArrivals', 'dayStats']);

/**
 * The Comm100 Live Chat (API v4) source: queue per department, agents with their readable
 * status, one chat's transcript, and today's figures. Handoffs are left out: the real-time
 * pages give no honest way to count bot-to-agent handoffs.
 *
 * @example
 *   const adapter = createComm100Adapter({ ...comm100SourceSchema.parse(raw), id: 'emea' });
 *   const snapshot = await adapter.queue!();
 */
export function createComm100Adapter(config: Comm100SourceConfig & { id: string }, deps: Comm100AdapterDeps = {}): VendorAdapter {
  const now = deps.now ?? (() => new Date());
  const client = createComm100Client(config, {
    now: () => now().getTime(),
    dispatcher: deps.dispatcher,
    retryBaseDelayMs: deps.retryBaseDelayMs,
    retries: deps.retries,
  });

  async function agentRows(signal?: AbortSignal): Promise<RealTimeAgent[]> {
    const byId = new Map<string, RealTimeAgent>();
    let pageCount = 1;
    for (let pageIndex = 1; pageIndex <= Math.min(pageCount, MAX_AGENT_PAGES); pageIndex++) {
      const page = await client.get('livechat/realTime/Agents', {
        query: { pageIndex, pageSize: AGENT_PAGE_SIZE },
        schema: realTimeAgentsPageSchema,
        signal,
      });
      // Rows can shift between pages while agents log in; the id keeps each agent once.
      for (const row of page.list) byId.set(row.agentId.toLowerCase(), row);
      pageCount = page.pageCount ?? (page.total != null && page.pageSize ? Math.ceil(page.total / page.pageSize) : pageIndex);
      if (page.list.length === 0) break;
    }
    return [...byId.values()];
  }

  async function readableStatuses(signal?: AbortSignal): Promise<AgentStatusWire[] | undefined> {
    try {
      return await client.get('livechat/agents', { schema: agentStatusesSchema, signal });
    } catch (error) {
      // Without readable statuses the GUIDs still say something; a rate limit must still stop us.
      if (isVendorError(error) && error.reason !== 'rate-limited') return undefined;
      throw error;
    }
  }

  return {
    id: config.id,
    vendor: 'comm100',
    timeZone: config.timeZone,
    capabilities: CAPABILITIES,
    quotaKey: `comm100:${config.siteId}`,

    async queue(signal?: AbortSignal): Promise<QueueSnapshot> {
      const [entries, rightNow] = await Promise.all([
        client.get('livechat/realTime/Queue', { schema: queueSchema, signal }),
        client.get('livechat/realTime/RightNow', { schema: rightNowSchema, signal }),
      ]);
      return mapQueue(entries, rightNow);
    },

    async agents(signal?: AbortSignal): Promise<AgentStatus[]> {
      const [rows, statuses] = await Promise.all([agentRows(signal), readableStatuses(signal)]);
      return mapAgents(rows, statuses ? indexStatuses(statuses) : undefined);
    },

    async transcript(id: string, signal?: AbortSignal): Promise<Transcript | null> {
      if (!isValidUserId(id)) {
        throw new VendorError({
          kind: 'refused',
          reason: 'bad-request',
          source: config.id,
          vendor: 'Comm100',
          endpoint: 'livechat/chats/{id}',
          said: { key: 'vendorError.comm100.chatId' },
          detail: `refused a chat id that is not of the allowed form (length ${id.length})`,
        });
      }
      try {
        const chat = await client.get(`livechat/chats/${encodeURIComponent(id)}`, {
          endpoint: 'livechat/chats/{id}',
          schema: chatSchema,
          signal,
        });
        return mapChat(chat);
      } catch (error) {
        // Comm100 chat ids are numbers: an id of another form is answered 400, an unknown one 404.
        if (isVendorError(error) && (error.reason === 'not-found' || (error.reason === 'bad-request' && error.status === 400))) return null;
        throw error;
      }
    },

    today: (signal?: AbortSignal): Promise<DayStats> => readToday(client, now(), config.timeZone, signal),

    recentArrivals: (signal?: AbortSignal): Promise<RecentArrivals> => readRecentArrivals(client, now(), config.timeZone, signal),

    dayStats: (date: string, signal?: AbortSignal): Promise<DayStats> => readDay(client, date, now(), config.timeZone, signal),

    close: () => client.close(),
  };
}
