import type { MetricName } from '../../config/schema.js';
import type { ActiveChat, AgentStatus, DayStats, QueueFigures, QueueSnapshot } from '../../domain/types.js';

/**
 * Pure readings of the domain model as named metrics. `undefined` means "the vendor does not
 * say": the rule is not evaluated on this poll rather than compared with a made-up zero.
 * Shares (`agents.utilization`, `handoffs.rate_today`) are 0..1, like the domain model's rates.
 */

/** A queue.* metric for the whole source, or for one queue (by name, case-insensitive). */
export function queueMetric(snapshot: QueueSnapshot, metric: MetricName, queue?: string): number | undefined {
  if (queue !== undefined) {
    const wanted = queue.toLowerCase();
    const figures = snapshot.queues.find((q) => q.name.toLowerCase() === wanted);
    // A queue nobody waits in is often left out of the vendor's list: nobody is waiting there.
    if (!figures) return metric === 'queue.waiting' ? 0 : undefined;
    return ofQueue(figures, metric);
  }
  const t = snapshot.totals;
  switch (metric) {
    case 'queue.waiting':
      return t.waiting;
    case 'queue.longest_wait_seconds':
      return t.longestWaitSeconds ?? maxOf(snapshot.queues.map((q) => q.longestWaitSeconds));
    case 'queue.avg_wait_seconds':
      return t.averageWaitSeconds;
    case 'queue.abandoned_30m':
      return t.abandonedLast30m;
    default:
      return undefined;
  }
}

function ofQueue(q: QueueFigures, metric: MetricName): number | undefined {
  switch (metric) {
    case 'queue.waiting':
      return q.waiting;
    case 'queue.longest_wait_seconds':
      return q.longestWaitSeconds;
    case 'queue.avg_wait_seconds':
      return q.averageWaitSeconds;
    case 'queue.abandoned_30m':
      return q.abandonedLast30m;
    default:
      return undefined;
  }
}

const ONLINE = new Set(['available', 'busy', 'away']);

/** agents.online (signed in: available, busy or away), agents.available, agents.utilization. */
export function agentsMetric(agents: readonly AgentStatus[], metric: MetricName): number | undefined {
  const online = agents.filter((a) => ONLINE.has(a.state));
  switch (metric) {
    case 'agents.online':
      return online.length;
    case 'agents.available':
      return agents.filter((a) => a.state === 'available').length;
    case 'agents.utilization':
      return utilization(online);
    default:
      return undefined;
  }
}

/**
 * Chats in progress over chat capacity when every working agent has a known capacity; else the
 * share of working agents (available or busy) who are busy. No working agent: undefined.
 */
function utilization(online: readonly AgentStatus[]): number | undefined {
  const working = online.filter((a) => a.state === 'available' || a.state === 'busy');
  if (working.length === 0) return undefined;
  if (working.every((a) => (a.maxChats ?? 0) > 0 && a.ongoingChats !== undefined)) {
    const capacity = working.reduce((sum, a) => sum + (a.maxChats ?? 0), 0);
    const ongoing = working.reduce((sum, a) => sum + (a.ongoingChats ?? 0), 0);
    return Math.min(1, ongoing / capacity);
  }
  return working.filter((a) => a.state === 'busy').length / working.length;
}

/**
 * chats.unanswered: chats whose customer wrote last, longer ago than `afterMs`. A chat whose
 * last customer message time is unknown is not counted (nothing says it waits).
 */
export function unansweredChats(chats: readonly ActiveChat[], afterMs: number, now: Date): number {
  const cutoff = now.getTime() - afterMs;
  return chats.filter((chat) => {
    if (!chat.lastCustomerMessageAt) return false;
    const customerAt = Date.parse(chat.lastCustomerMessageAt);
    if (!Number.isFinite(customerAt) || customerAt > cutoff) return false;
    if (chat.lastSender !== undefined) return chat.lastSender === 'customer';
    // Without the last sender, a later message from anyone else means someone answered.
    return !chat.lastMessageAt || Date.parse(chat.lastMessageAt) <= customerAt;
  }).length;
}

/** sla.breaches_today, chats.missed_today, handoffs.rate_today from the day's figures. */
export function todayMetric(stats: DayStats, metric: MetricName): number | undefined {
  switch (metric) {
    case 'sla.breaches_today':
      return stats.slaBreaches;
    case 'chats.missed_today':
      return stats.missed;
    case 'handoffs.rate_today':
      return stats.handoffRate;
    default:
      return undefined;
  }
}

function maxOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
}
