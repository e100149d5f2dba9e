import { DateTime } from 'luxon';
import type { Capability } from '../../../adapters/port.js';
import type { MetricName } from '../../config/schema.js';
import type { QueueSnapshot } from '../../domain/types.js';
import type { Ask, Fetched, Source } from '../../sources/source.js';
import { agentsMetric, queueMetric, todayMetric, unansweredChats } from './metric-values.js';
import { seriesKey, type WatchRule } from '../model/rules.js';

/** The named metrics one poll of one source produced, keyed by `seriesKey`. */
export interface SourceSnapshot {
  source: string;
  at: Date;
  values: Map<string, number>;
  /** Capabilities that failed on this poll, with a message safe to log. */
  failures: Array<{ capability: Capability; message: string }>;
  /** The queue snapshot when it was read (for history). */
  queue?: QueueSnapshot;
  /** Capabilities read with a fresh answer on this poll. */
  read: Capability[];
  /** When the oldest of those answers left the vendor (ISO), for `/readyz`'s data age. */
  dataAsOf?: string;
}

/** Capabilities a metric can be read from, in order of preference. */
const READS: Record<MetricName, Capability[]> = {
  'queue.waiting': ['queue'],
  'queue.longest_wait_seconds': ['queue'],
  'queue.avg_wait_seconds': ['queue'],
  'queue.abandoned_30m': ['queue'],
  'agents.online': ['agents', 'queue'],
  'agents.available': ['agents', 'queue'],
  'agents.utilization': ['agents'],
  'chats.ongoing': ['queue', 'activeChats'],
  'chats.unanswered': ['activeChats'],
  'sla.breaches_today': ['today'],
  'chats.missed_today': ['today'],
  'handoffs.rate_today': ['today', 'handoffs'],
};

/** Why a rule can never get a value from its source (none of the capabilities it reads exist). */
export function capabilityGap(rule: Pick<WatchRule, 'metric'>, source: Pick<Source, 'has' | 'vendor'>): string | undefined {
  const reads = READS[rule.metric];
  if (reads.some((c) => source.has(c))) return undefined;
  return `${rule.metric} is not available for ${source.vendor} (needs ${reads.join(' or ')})`;
}

/**
 * Polls one source for the series its rules watch, calling each capability at most once and
 * only when a rule needs it, always at background priority (the watcher never spends the
 * interactive reserve). A failed or stale capability leaves its metrics out of the snapshot;
 * nothing here throws.
 *
 * @example
 *   const snapshot = await pollSource(source, rulesOf(source.id), new Date());
 *   snapshot.values.get('queue.waiting|'); // 12
 */
export async function pollSource(
  source: Source,
  rules: readonly WatchRule[],
  now: Date,
  options: { readQueue?: boolean; maxAgeMs?: number } = {},
): Promise<SourceSnapshot> {
  const failures: SourceSnapshot['failures'] = [];
  const memo = new Map<Capability, Promise<unknown>>();
  const fresh: Capability[] = [];
  let oldest: string | undefined;
  // A poll wants data no older than its own interval: a cached answer older than that is fetched again.
  const ask: Ask = { priority: 'background', maxAgeMs: options.maxAgeMs };

  function read<T>(capability: Capability, call: () => Promise<Fetched<T>>): Promise<T | undefined> {
    if (!source.has(capability)) return Promise.resolve(undefined);
    let pending = memo.get(capability) as Promise<T | undefined> | undefined;
    if (!pending) {
      pending = call().then(
        (fetched) => {
          if (!fetched.stale) {
            fresh.push(capability);
            if (oldest === undefined || fetched.asOf < oldest) oldest = fetched.asOf;
            return fetched.value;
          }
          failures.push({ capability, message: `stale answer (${fetched.staleReason ?? 'vendor unavailable'})` });
          return undefined;
        },
        (error: unknown) => {
          failures.push({ capability, message: describe(error) });
          return undefined;
        },
      );
      memo.set(capability, pending);
    }
    return pending;
  }

  const queue = () => read('queue', () => source.queue(ask));
  const agents = () => read('agents', () => source.agents(ask));
  const chats = () => read('activeChats', () => source.activeChats(ask));
  const today = () => read('today', () => source.today(ask));
  const handoffs = () => read('handoffs', () => source.handoffs(todayRange(now, source.timeZone), ask));

  async function valueOf(rule: WatchRule): Promise<number | undefined> {
    switch (rule.metric) {
      case 'queue.waiting':
      case 'queue.longest_wait_seconds':
      case 'queue.avg_wait_seconds':
      case 'queue.abandoned_30m': {
        const snapshot = await queue();
        return snapshot && queueMetric(snapshot, rule.metric, rule.queue);
      }
      case 'agents.online':
      case 'agents.available': {
        if (source.has('agents')) {
          const list = await agents();
          return list && agentsMetric(list, rule.metric);
        }
        const totals = (await queue())?.totals;
        return rule.metric === 'agents.online' ? totals?.agentsOnline : totals?.agentsAvailable;
      }
      case 'agents.utilization': {
        const list = await agents();
        return list && agentsMetric(list, rule.metric);
      }
      case 'chats.ongoing': {
        const ongoing = (await queue())?.totals.ongoingChats;
        if (ongoing !== undefined) return ongoing;
        return (await chats())?.length;
      }
      case 'chats.unanswered': {
        const list = await chats();
        return list && unansweredChats(list, rule.unansweredAfterMs, now);
      }
      case 'handoffs.rate_today': {
        const rate = todayMetric((await today()) ?? { date: '', chats: 0 }, rule.metric);
        if (rate !== undefined) return rate;
        return (await handoffs())?.rate;
      }
      default: {
        const stats = await today();
        return stats && todayMetric(stats, rule.metric);
      }
    }
  }

  const values = new Map<string, number>();
  await Promise.all(
    rules.map(async (rule) => {
      const value = await valueOf(rule);
      if (value !== undefined && Number.isFinite(value)) values.set(seriesKey(rule), value);
    }),
  );
  // History wants the queues on every poll, even when no rule reads them (one call, often cached).
  const snapshot = options.readQueue || rules.some((r) => r.metric.startsWith('queue.')) ? await queue() : undefined;
  return { source: source.id, at: now, values, failures, queue: snapshot, read: fresh, dataAsOf: oldest };
}

/** From local midnight of the source to now, for handoff rates "today". */
export function todayRange(now: Date, zone: string): { from: string; to: string; label: string } {
  const local = DateTime.fromJSDate(now, { zone });
  return { from: local.startOf('day').toUTC().toISO() ?? now.toISOString(), to: now.toISOString(), label: 'today' };
}

/** A failure in words fit for a log line or /readyz: the user message of vendor errors (never secrets). */
export function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { userMessage?: unknown; message?: unknown; name?: unknown };
    if (typeof e.userMessage === 'string') return e.userMessage;
    if (typeof e.message === 'string') return `${typeof e.name === 'string' ? `${e.name}: ` : ''}${e.message}`;
  }
  return String(error);
}
