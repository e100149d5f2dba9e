import { isVendorError } from '../../src/domain/errors.js';
import type { ChatPageQuery, VccliveClient } from './client.js';
import type { ChatWire } from './wire.js';

/**
 * Page size asked of Get Chat Log (as both `limit` and `num`). Public client code shows VCC Live
 * list endpoints capping pages at 500; a server may cap lower, which the reader survives (a page
 * shorter than asked is only taken as the last one once the server has shown it honours the size).
 */
export const PAGE_SIZE = 500;

/** Default `maxPages` when the source does not set it (config default is the same). */
export const DEFAULT_MAX_PAGES = 20;

type Direction = ChatPageQuery['direction'];

/** How the `start` parameter moves from one page to the next. */
export interface StartStrategy {
  readonly name: 'offset' | 'start-id';
  /** `start` of the first page; undefined leaves it out. */
  first(direction: Direction): number | undefined;
  next(current: number | undefined, page: readonly ChatWire[], direction: Direction): number;
}

/** `start` counts records already read: 0, 500, 1000... */
export const offsetStart: StartStrategy = {
  name: 'offset',
  first: () => 0,
  next: (current, page) => (current ?? 0) + page.length,
};

/** `start` is a chat id: the next page begins just past the last id seen in reading order. */
export const startIdStart: StartStrategy = {
  name: 'start-id',
  // Descending from "id 0" would read nothing; leave `start` out to begin at the newest.
  first: (direction) => (direction === 'ASC' ? 0 : undefined),
  next: (_current, page, direction) => {
    const ids = page.map((chat) => chat.chatId);
    return direction === 'ASC' ? Math.max(...ids) + 1 : Math.min(...ids) - 1;
  },
};

/**
 * The one place that decides what `start` means. FACTS.md leaves it open ("an offset or a start
 * id"); the Get Chat Log page calls it "the start ID for pagination", but public client code for
 * VCC Live's other list endpoints (CDRs, user states) pages with `start = 500, 1000, ...`, i.e. an
 * offset, and calls "start ID" there the index of the first record. So: offset. If a live account
 * shows otherwise, set this to `startIdStart`. Either way the reader below de-duplicates by
 * `chatId` and stops on a page with nothing new, so the wrong guess under-reads instead of
 * looping or double counting.
 */
export const START_STRATEGY: StartStrategy = offsetStart;

/**
 * What the reader has learned about the server's paging, kept by the adapter across reads: once a
 * page comes back exactly as long as asked, the server honours the size asked and a shorter page
 * is the last one. Until then a short page may be the server's own cap (FACTS.md: the CDR log
 * gives 10 without a limit; the largest page is unknown), so the reader asks again.
 */
export interface PagingKnowledge {
  honoursPageSize: boolean;
}

export interface ChatLogOptions {
  /** Local calendar day of the account (`YYYY-MM-DD`): restricts the log to chats started that day. */
  startDate?: string;
  maxPages?: number;
  pageSize?: number;
  direction?: Direction;
  strategy?: StartStrategy;
  /** Shared across reads of one adapter; a fresh one (nothing known) when left out. */
  knowledge?: PagingKnowledge;
  /** Stop after the page holding a chat this accepts (transcript lookup). */
  stopAt?: (chat: ChatWire) => boolean;
  signal?: AbortSignal;
}

/**
 * Why a read ended. `end`: an empty page, a 404 past the first page, or a short page from a
 * server known to honour the size asked. `max-pages` and `repeated-page` (a page with nothing
 * new: the server ignored `start`, or repeats its last page) mean the log may hold more.
 */
export type ChatLogEnd = 'end' | 'found' | 'max-pages' | 'repeated-page';

export interface ChatLogRead {
  chats: ChatWire[];
  pages: number;
  endedBy: ChatLogEnd;
}

/** True when what was read may be less than the log holds: its counts are lower bounds. */
export function isLowerBound(read: Pick<ChatLogRead, 'endedBy'>): boolean {
  return read.endedBy === 'max-pages' || read.endedBy === 'repeated-page';
}

/**
 * Reads `GET /v2/projects/{projectId}/chats` page after page until a page is empty or has nothing
 * new, or `maxPages` pages were read. A page shorter than asked ends the read only once the server
 * has shown it honours the size asked (see `PagingKnowledge`): a server capping pages at 10 is
 * read to its end, ten at a time, instead of being taken at its first page.
 *
 * @example
 *   const { chats, endedBy } = await readChatLog(client, { startDate: '2023-01-20', maxPages: 20 });
 */
export async function readChatLog(client: VccliveClient, options: ChatLogOptions = {}): Promise<ChatLogRead> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const direction = options.direction ?? 'ASC';
  const strategy = options.strategy ?? START_STRATEGY;
  const knowledge = options.knowledge ?? { honoursPageSize: false };
  const seen = new Set<number>();
  const chats: ChatWire[] = [];
  let start = strategy.first(direction);
  let pages = 0;

  while (pages < maxPages) {
    let page: ChatWire[];
    try {
      page = await client.chatPage({ startDate: options.startDate, start, pageSize, direction }, options.signal);
    } catch (error) {
      // Public client code shows VCC Live answering an HTTP error (not an empty list) for a start
      // past the last record; after the first page that can only mean "no more".
      if (pages > 0 && isVendorError(error) && error.status === 404) return { chats, pages, endedBy: 'end' };
      throw error;
    }
    pages++;
    const fresh = page.filter((chat) => !seen.has(chat.chatId));
    for (const chat of fresh) {
      seen.add(chat.chatId);
      chats.push(chat);
    }
    if (options.stopAt && fresh.some(options.stopAt)) return { chats, pages, endedBy: 'found' };
    if (page.length === 0) return { chats, pages, endedBy: 'end' };
    if (fresh.length === 0) return { chats, pages, endedBy: 'repeated-page' };
    if (page.length === pageSize) knowledge.honoursPageSize = true;
    else if (page.length < pageSize && knowledge.honoursPageSize) return { chats, pages, endedBy: 'end' };
    start = strategy.next(start, page, direction);
  }
  return { chats, pages, endedBy: 'max-pages' };
}
