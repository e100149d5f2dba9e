/**
 * The domain model every command, alert and summary works on. Vendor wire formats never leak
 * past an adapter: an adapter's job is to turn its vendor's answer into these shapes.
 *
 * Times are instants: ISO-8601 strings in UTC (`2023-01-20T10:50:43.000Z`). Vendors that answer
 * in local time without an offset are converted with the source's configured time zone inside
 * the adapter. Strings (not `Date`) so that values survive the JSON round trip through the shared
 * Redis cache unchanged.
 */
export type Instant = string;

/** The vendors we speak. `demo` is the simulated contact center of the embedded default. */
export type VendorKind = 'wolkvox' | 'comm100' | 'vcclive' | 'demo';

/** Figures for one queue (wolkvox skill, Comm100 department, VCC Live queue). */
export interface QueueFigures {
  /** Supervisor-facing name ("Sales", "Soporte"). */
  name: string;
  /** Chats waiting for an agent right now. */
  waiting: number;
  longestWaitSeconds?: number;
  averageWaitSeconds?: number;
  /** Chats abandoned in the last 30 minutes. */
  abandonedLast30m?: number;
  agentsAvailable?: number;
  ongoingChats?: number;
}

/** `/queue`: the state of the queues now. Totals are over every queue of the source. */
export interface QueueSnapshot {
  queues: QueueFigures[];
  /**
   * What the average waits cover, as the vendor computes them: chats answered in the last 30
   * minutes (Comm100's `avgWaitTimeinLast30Mins`, the demo), or the chats waiting now (VCC Live).
   */
  averageWaitOver?: 'last30m' | 'waitingNow';
  totals: {
    waiting: number;
    longestWaitSeconds?: number;
    averageWaitSeconds?: number;
    abandonedLast30m?: number;
    agentsAvailable?: number;
    agentsOnline?: number;
    ongoingChats?: number;
  };
  /**
   * Set when the vendor holds more records than the bot read for this answer (VCC Live's chat log
   * past `maxPages`): every count is then a lower bound, shown as "at least".
   */
  lowerBound?: boolean;
}

/** Normalised agent state; the vendor's own word is kept in `stateLabel`. */
export type AgentState = 'available' | 'busy' | 'away' | 'offline' | 'unknown';

export interface AgentStatus {
  id: string;
  name: string;
  state: AgentState;
  /** The vendor's label for the state ("AVAILABLE4CALL", "Away", "Break"). */
  stateLabel: string;
  /** When the agent entered the current state, if the vendor says. */
  since?: Instant;
  ongoingChats?: number;
  /** Concurrent chat capacity; absent or 0 when the vendor does not limit or say. */
  maxChats?: number;
  chatsToday?: number;
  /** Ids of the chats in progress with this agent, when the vendor tells them (`/transcript <id>`). */
  chatIds?: string[];
  /** The agent's most recently finished chat, when the vendor tells it (`/transcript <id>`). */
  lastChat?: { id: string; endedAt: Instant };
}

export type SenderRole = 'customer' | 'bot' | 'agent' | 'system';

export interface Attachment {
  url: string;
  type?: string;
  name?: string;
}

export interface TranscriptMessage {
  role: SenderRole;
  /** Display name of the sender, when known. */
  name?: string;
  at?: Instant;
  text: string;
  attachments: Attachment[];
}

/** A chat in progress now. */
export interface ActiveChat {
  id: string;
  channel?: string;
  agentId?: string;
  agentName?: string;
  customerName?: string;
  /** Raw phone number: mask it before posting anywhere a channel can read. */
  customerPhone?: string;
  startedAt?: Instant;
  lastMessageAt?: Instant;
  /** Last time the customer wrote; drives `chats.unanswered`. */
  lastCustomerMessageAt?: Instant;
  /** Who wrote last. */
  lastSender?: SenderRole;
  messages: TranscriptMessage[];
}

/** `/transcript`: one conversation, live or finished. */
export interface Transcript {
  id: string;
  /** True when the chat is still in progress. */
  active: boolean;
  channel?: string;
  agentName?: string;
  customerName?: string;
  customerPhone?: string;
  queue?: string;
  /** Vendor's final status in supervisor words ("completed", "missed", ...). */
  status?: string;
  startedAt?: Instant;
  endedAt?: Instant;
  waitSeconds?: number;
  durationSeconds?: number;
  firstResponseSeconds?: number;
  /** From the first message to the bot's last one before an agent took over. */
  secondsWithBot?: number;
  /** From the bot's last message before the handoff to the first agent message. */
  secondsToAgent?: number;
  messages: TranscriptMessage[];
}

/** Chats that arrived over the last `minutes` up to now (fewer minutes just after midnight). */
export interface RecentArrivals {
  chats: number;
  minutes: number;
}

/** `/today` and summaries: one local calendar day of one source. */
export interface DayStats {
  /** Local calendar date of the source, `YYYY-MM-DD`. */
  date: string;
  chats: number;
  missed?: number;
  abandoned?: number;
  averageWaitSeconds?: number;
  firstResponseSeconds?: number;
  averageChatSeconds?: number;
  /** Share of bot chats handed to an agent, 0..1. */
  handoffRate?: number;
  /** Share of chats within SLA, 0..1. */
  slaRate?: number;
  slaBreaches?: number;
  transfers?: number;
  /** Chats started per local hour (24 entries) when the vendor lets us count them. */
  chatsByHour?: number[];
  /**
   * Set when the vendor holds more records than the bot read for this answer (VCC Live's chat log
   * past `maxPages`): every count is then a lower bound, shown as "at least".
   */
  lowerBound?: boolean;
  /**
   * Chats that reached the agents' queue per local hour (24 entries), when the vendor's day also
   * counts chats the bot closed on its own: what agents are staffed for (`/staffing`).
   */
  queuedByHour?: number[];
  /**
   * The same day per queue, when the vendor says which queue each chat reached (`/staffing
   * [queue]`). Left out when it does not.
   */
  queues?: QueueDayStats[];
}

/** One queue's share of a day: what `/staffing <queue>` needs. */
export interface QueueDayStats {
  /** The queue's name as `/queue` shows it. */
  name: string;
  /** Chats that reached this queue per local hour (24 entries). */
  queuedByHour: number[];
  /** Average duration of this queue's finished chats, in seconds. */
  averageChatSeconds?: number;
}

export interface DateRange {
  from: Instant;
  to: Instant;
  /** Supervisor words for the range: "today", "yesterday", "last 7 days". */
  label: string;
}

/** `/handoffs`: bot-to-agent handoffs over a range. */
export interface HandoffReport {
  range: DateRange;
  /** Conversations that started with the bot. */
  botConversations: number;
  handedToAgent: number;
  /** handedToAgent / botConversations, 0..1 (0 when there were none). */
  rate: number;
  averageSecondsOnBot?: number;
  /** Time from the handoff (or the start) until an agent answered. */
  averageSecondsToAgent?: number;
  topRoutingPoints: Array<{ name: string; handoffs: number }>;
}

/** What the vendor says about our API token (wolkvox `token_info`). */
export interface TokenUsage {
  limit: number;
  usedToday: number;
  /** Requests of every token of the operation today, when the vendor says. */
  allTokensToday?: number;
}
