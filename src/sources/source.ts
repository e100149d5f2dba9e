import type { Capability, VendorAdapter } from '../../adapters/port.js';
import type {
  ActiveChat,
  AgentStatus,
  DateRange,
  DayStats,
  HandoffReport,
  Instant,
  QueueSnapshot,
  RecentArrivals,
  TokenUsage,
  Transcript,
  VendorKind,
} from '../domain/types.js';
import { BotError } from '../domain/errors.js';
import type { Said } from '../domain/said.js';
import { maskActiveChats, maskTranscript } from '../privacy/at-rest.js';
import type { QuotaGate, TokenPolicy } from '../quota/quota-gate.js';

/** A value from a vendor with its age. */
export interface Fetched<T> {
  value: T;
  /** When the vendor answered. */
  asOf: Instant;
  /** True when the value is older than asked for because the vendor or quota refused. */
  stale: boolean;
  staleReason?: string;
  /** Set when the value stands in because the vendor had no slot in time: about when to ask again. */
  retryInSeconds?: number;
  /** `staleReason` as a message key, to say it in the asker's language. */
  staleSaid?: Said;
}

/** Thrown when a source lacks what a command needs: the bot's answer, not a vendor failure. */
export class CapabilityMissingError extends BotError {
  constructor(
    readonly capability: Capability,
    readonly sourceLabel: string,
    vendor: VendorKind,
  ) {
    super('capability-missing', `${capability} not available for ${vendor}`, { key: 'vendorError.notAvailable', values: { vendor, source: sourceLabel } });
    this.name = 'CapabilityMissingError';
  }
}

/** Milliseconds each capability's answer stays fresh in the shared cache. */
export const DEFAULT_TTL_MS: Record<Capability, number> = {
  queue: 20_000,
  agents: 20_000,
  activeChats: 20_000,
  transcript: 120_000,
  today: 60_000,
  recentArrivals: 60_000,
  dayStats: 6 * 3_600_000,
  handoffs: 300_000,
  tokenUsage: 0,
};

export type Priority = 'interactive' | 'background';

/**
 * Who asks, and how old an answer they accept: a watcher poll every 5 s asks for data at most
 * 5 s old, while a person's question takes the cache's usual freshness.
 */
export type Ask = Priority | { priority: Priority; maxAgeMs?: number };

/**
 * A configured source as commands and the watcher see it: the adapter behind the quota gate.
 * Commands never call an adapter directly.
 */
export interface Source {
  readonly id: string;
  readonly label: string;
  readonly vendor: VendorKind;
  readonly timeZone: string;
  readonly token: TokenPolicy;
  /** The poll schedule (cron) the vendor advises, when it says one. */
  readonly defaultPoll?: string;
  has(capability: Capability): boolean;
  queue(ask?: Ask): Promise<Fetched<QueueSnapshot>>;
  agents(ask?: Ask): Promise<Fetched<AgentStatus[]>>;
  activeChats(ask?: Ask): Promise<Fetched<ActiveChat[]>>;
  transcript(id: string, ask?: Ask): Promise<Fetched<Transcript | null>>;
  today(ask?: Ask): Promise<Fetched<DayStats>>;
  recentArrivals(ask?: Ask): Promise<Fetched<RecentArrivals>>;
  dayStats(date: string, ask?: Ask): Promise<Fetched<DayStats>>;
  handoffs(range: DateRange, ask?: Ask): Promise<Fetched<HandoffReport>>;
  tokenUsage(ask?: Ask): Promise<Fetched<TokenUsage>>;
  /**
   * The last agents answer in the shared cache, whatever its age, without calling the vendor;
   * undefined when none is cached or the source has no agents. For figures other answers lack
   * (agents available in `/queue`).
   */
  cachedAgents(): Promise<Fetched<AgentStatus[]> | undefined>;
  /** The last answer for today in the shared cache, whatever its age, without calling the vendor (the wallboard's service level and staffing). */
  cachedToday(): Promise<Fetched<DayStats> | undefined>;
}

export interface SourceOptions {
  adapter: VendorAdapter;
  gate: QuotaGate;
  token: TokenPolicy;
  label?: string;
  ttlMs?: Partial<Record<Capability, number>>;
}

export function createSource({ adapter, gate, token, label, ttlMs }: SourceOptions): Source {
  const ttl = { ...DEFAULT_TTL_MS, ...ttlMs };
  const name = label ?? adapter.id;
  const cacheKey = (capability: Capability, args: string) => `${adapter.id}:${capability}${args ? `:${args}` : ''}`;

  const liveChats = (signal: AbortSignal) => adapter.activeChats?.(signal)?.then(maskActiveChats);

  async function call<T>(capability: Capability, args: string, ask: Ask, fetch: (signal: AbortSignal) => Promise<T> | undefined): Promise<Fetched<T>> {
    if (!adapter.capabilities.has(capability)) throw new CapabilityMissingError(capability, name, adapter.vendor);
    const { priority, maxAgeMs } = typeof ask === 'string' ? { priority: ask, maxAgeMs: undefined } : ask;
    const result = await gate.run({
      token,
      source: adapter.id,
      vendor: adapter.vendor,
      key: cacheKey(capability, args),
      endpoint: capability,
      ttlMs: maxAgeMs === undefined ? ttl[capability] : Math.min(ttl[capability], Math.max(0, maxAgeMs)),
      priority,
      fetch: async (signal) => {
        const pending = fetch(signal);
        if (!pending) throw new CapabilityMissingError(capability, name, adapter.vendor);
        return pending;
      },
    });
    return {
      value: result.value,
      asOf: new Date(result.fetchedAt).toISOString(),
      stale: result.stale,
      staleReason: result.stale ? result.staleReason : undefined,
      ...(result.stale && result.retryInSeconds !== undefined ? { retryInSeconds: result.retryInSeconds } : {}),
      staleSaid: result.stale ? result.staleSaid : undefined,
    };
  }

  async function cached<T>(capability: Capability, args: string): Promise<Fetched<T> | undefined> {
    if (!adapter.capabilities.has(capability)) return undefined;
    const entry = await gate.peek<T>(token, cacheKey(capability, args));
    return entry && { value: entry.value, asOf: new Date(entry.fetchedAt).toISOString(), stale: false };
  }

  return {
    id: adapter.id,
    label: name,
    vendor: adapter.vendor,
    timeZone: adapter.timeZone,
    defaultPoll: adapter.defaultPoll,
    token,
    has: (capability) => adapter.capabilities.has(capability),
    queue: (p = 'interactive') => call('queue', '', p, (s) => adapter.queue?.(s)),
    agents: (p = 'interactive') => call('agents', '', p, (s) => adapter.agents?.(s)),
    activeChats: (p = 'interactive') => call('activeChats', '', p, liveChats),
    async transcript(id, p = 'interactive') {
      // Customer details are masked before the gate caches them (see privacy/at-rest).
      if (!adapter.transcriptUsesLiveChats || !adapter.capabilities.has('activeChats'))
        return call('transcript', id, p, (s) => adapter.transcript?.(id, s)?.then(maskTranscript));
      // The live-chat list comes through the cache like any answer, shared by every lookup. It is
      // read before the lookup's own gate call, never inside it, so a lookup never waits on itself.
      const live = await call('activeChats', '', p, liveChats);
      const chats = { chats: live.value, asOf: Date.parse(live.asOf) };
      return call('transcript', id, p, (s) => adapter.transcript?.(id, s, { liveChats: chats })?.then(maskTranscript));
    },
    today: (p = 'interactive') => call('today', '', p, (s) => adapter.today?.(s)),
    recentArrivals: (p = 'interactive') => call('recentArrivals', '', p, (s) => adapter.recentArrivals?.(s)),
    dayStats: (date, p = 'interactive') => call('dayStats', date, p, (s) => adapter.dayStats?.(date, s)),
    handoffs: (range, p = 'interactive') => call('handoffs', `${range.from}/${range.to}`, p, (s) => adapter.handoffs?.(range, s)),
    tokenUsage: (p = 'background') => call('tokenUsage', '', p, (s) => adapter.tokenUsage?.(s)),
    cachedAgents: () => cached<AgentStatus[]>('agents', ''),
    cachedToday: () => cached<DayStats>('today', ''),
  };
}
