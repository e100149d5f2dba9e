import type { Dispatcher } from 'undici';
import type { ConversationDayIndex } from '../src/domain/day-index.js';
import type { Logger } from '../src/log/logger.js';
import type {
  ActiveChat,
  AgentStatus,
  DateRange,
  DayStats,
  HandoffReport,
  QueueSnapshot,
  RecentArrivals,
  TokenUsage,
  Transcript,
  VendorKind,
} from '../src/domain/types.js';

/** What a source can answer. A command whose capability is missing says so, never crashes. */
export type Capability = 'queue' | 'agents' | 'activeChats' | 'transcript' | 'today' | 'recentArrivals' | 'dayStats' | 'handoffs' | 'tokenUsage';

/**
 * The vendor port. One instance per configured source. Every method may throw a `VendorError`
 * (see `src/domain/errors.ts`); nothing else should escape.
 *
 * @example
 *   if (adapter.queue) { const snapshot = await adapter.queue(); }
 */
export interface VendorAdapter {
  /** The source id from configuration (`bogota`, `emea`). */
  readonly id: string;
  readonly vendor: VendorKind;
  /** IANA zone of the operation; "today" and local vendor times are read in it. */
  readonly timeZone: string;
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Identifies the API token for quota purposes, without revealing it (e.g. `wolkvox:0032:ab12cd`).
   * Two sources that share a token share this key and so one budget.
   */
  readonly quotaKey: string;
  /** The poll schedule (cron) the vendor advises for the watcher; default every minute. */
  readonly defaultPoll?: string;

  queue?(signal?: AbortSignal): Promise<QueueSnapshot>;
  agents?(signal?: AbortSignal): Promise<AgentStatus[]>;
  activeChats?(signal?: AbortSignal): Promise<ActiveChat[]>;
  /**
   * `null` when no chat with that id exists within the search window. `known` carries what the
   * caller already has, so the adapter need not ask the vendor again (see `transcriptUsesLiveChats`).
   */
  transcript?(id: string, signal?: AbortSignal, known?: TranscriptKnown): Promise<Transcript | null>;
  /**
   * True when `transcript()` looks at the live chats first: the caller then hands it the live-chat
   * list from the shared answer cache (`known.liveChats`) instead of letting every lookup fetch it.
   */
  readonly transcriptUsesLiveChats?: boolean;
  today?(signal?: AbortSignal): Promise<DayStats>;
  /**
   * Chats that arrived over the last hour, from vendors that count any stretch of the day rather
   * than each hour (Comm100): what `/staffing` reads where `today()` has no counts per hour.
   */
  recentArrivals?(signal?: AbortSignal): Promise<RecentArrivals>;
  /**
   * A local day (`YYYY-MM-DD`) with its chats per hour: a past one for comparisons in summaries,
   * or today so far where `today()` has no counts per hour (Comm100).
   */
  dayStats?(date: string, signal?: AbortSignal): Promise<DayStats>;
  handoffs?(range: DateRange, signal?: AbortSignal): Promise<HandoffReport>;
  tokenUsage?(signal?: AbortSignal): Promise<TokenUsage>;
  /**
   * The queues as they were at a past instant. Only a simulation can answer (the demo): history
   * is backfilled from it so trends show from the first minute. Vendors leave it out.
   */
  queueAt?(at: Date): Promise<QueueSnapshot>;
  /** Release sockets and timers. */
  close?(): Promise<void>;
}

/** The live chats with the time they were read (ms since epoch). */
export interface LiveChats {
  chats: ActiveChat[];
  asOf: number;
}

/** What a transcript lookup may be given by its caller. */
export interface TranscriptKnown {
  liveChats?: LiveChats;
}

/** Checks an identifier a user typed (conn_id, chat id) before it goes near a vendor. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidUserId(id: string): boolean {
  return USER_ID_PATTERN.test(id);
}

/** What the process hands a vendor's adapter when it builds one. */
export interface AdapterDeps {
  now?: () => Date;
  dispatcher?: Dispatcher;
  logger: Logger;
  /** Which conversation ids past days hold, shared by replicas when Redis is configured. */
  dayIndex?: ConversationDayIndex;
}

/**
 * A vendor's facts the process needs before any request, kept beside its adapter so the core
 * never switches on vendor names: its limits, how a configured source is described, how its
 * adapter is built. `C` is that vendor's source configuration.
 */
export interface VendorProfile<C> {
  /** Simultaneous requests per token the vendor allows, or that are prudent when it says nothing. */
  readonly concurrency: number;
  /** Requests per day per token when the vendor sets a quota and the configuration names none. */
  dailyBudget?(config: C): number | undefined;
  /** One line for `check-config`: where the source is and how it signs in, never a secret. */
  describe(config: C): string;
  create(id: string, config: C, deps: AdapterDeps): VendorAdapter;
}
