import type { AgentStatus, QueueFigures, QueueSnapshot } from '../../src/domain/types.js';
import type { AgentSegment, DaySim, SimConversation } from './day-sim.js';
import { QUEUES } from './operation.js';

/** Window of "recent" figures (average wait, abandons), as the vendors report them. */
const RECENT_SECONDS = 30 * 60;

/** The segment in force at `t` (seconds after local midnight). */
export function segmentAt(segments: readonly AgentSegment[], t: number): AgentSegment {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid]!.at <= t) low = mid;
    else high = mid - 1;
  }
  return segments[low]!;
}

/** In the queue at `t`: handed over, not yet taken, not yet gone. */
export function isWaitingAt(c: SimConversation, t: number): boolean {
  return c.enqueueAt !== undefined && c.enqueueAt <= t && t < (c.assignedAt ?? c.endAt);
}

/**
 * `/queue` at `t` seconds after local midnight. Totals add the queues up, except agents:
 * an agent who serves two queues counts in both queues but once in the totals.
 */
export function queueSnapshotAt(sim: DaySim, t: number): QueueSnapshot {
  const rows = QUEUES.map(() => ({ waiting: 0, longest: 0, waitSum: 0, answered: 0, abandoned: 0, ongoing: 0, available: 0 }));
  for (const c of sim.conversations) {
    // Conversations come in order of start: none after this one has begun yet.
    if (c.start > t) break;
    if (c.enqueueAt === undefined || c.enqueueAt > t) continue;
    const row = rows[c.queue]!;
    if (isWaitingAt(c, t)) {
      row.waiting += 1;
      row.longest = Math.max(row.longest, t - c.enqueueAt);
    }
    if (c.assignedAt !== undefined && c.assignedAt <= t && c.assignedAt > t - RECENT_SECONDS) {
      row.answered += 1;
      row.waitSum += c.assignedAt - c.enqueueAt;
    }
    if (c.assignedAt !== undefined && c.assignedAt <= t && t < c.endAt) row.ongoing += 1;
    if (c.outcome === 'abandoned' && c.endAt <= t && c.endAt > t - RECENT_SECONDS) row.abandoned += 1;
  }
  let agentsAvailable = 0;
  let agentsOnline = 0;
  for (const { agent, segments } of sim.agents) {
    const segment = segmentAt(segments, t);
    if (segment.state !== 'offline') agentsOnline += 1;
    if (segment.state !== 'available') continue;
    agentsAvailable += 1;
    for (const q of agent.skills) rows[q]!.available += 1;
  }
  const queues: QueueFigures[] = rows.map((row, q) => ({
    name: QUEUES[q]!.name,
    waiting: row.waiting,
    longestWaitSeconds: Math.round(row.longest),
    averageWaitSeconds: row.answered > 0 ? Math.round(row.waitSum / row.answered) : 0,
    abandonedLast30m: row.abandoned,
    agentsAvailable: row.available,
    ongoingChats: row.ongoing,
  }));
  const answered = rows.reduce((sum, row) => sum + row.answered, 0);
  return {
    queues,
    averageWaitOver: 'last30m',
    totals: {
      waiting: sum(queues, (q) => q.waiting),
      longestWaitSeconds: Math.max(0, ...queues.map((q) => q.longestWaitSeconds ?? 0)),
      averageWaitSeconds: answered > 0 ? Math.round(rows.reduce((s, row) => s + row.waitSum, 0) / answered) : 0,
      abandonedLast30m: sum(queues, (q) => q.abandonedLast30m ?? 0),
      agentsAvailable,
      agentsOnline,
      ongoingChats: sum(queues, (q) => q.ongoingChats ?? 0),
    },
  };
}

/**
 * `/agents` at `t`: the whole team, offline members included, in roster order, each with the
 * ids of the chats in progress (`idOf` turns a conversation into its id).
 */
export function agentsAt(sim: DaySim, t: number, dayStartMs: number, idOf: (c: SimConversation) => string): AgentStatus[] {
  const chatIds = sim.agents.map((): string[] => []);
  for (const c of sim.conversations) {
    if (c.start > t) break;
    if (c.assignedAt === undefined || c.assignedAt > t || t >= c.endAt) continue;
    const holder = c.transferredAt !== undefined && c.transferredAt <= t ? c.transferTo! : c.agent!;
    chatIds[holder]!.push(idOf(c));
  }
  return sim.agents.map(({ agent, segments }, a) => {
    const segment = segmentAt(segments, t);
    const status: AgentStatus = {
      id: agent.id,
      name: agent.name,
      state: segment.state,
      stateLabel: segment.label,
      ongoingChats: segment.ongoing,
      maxChats: agent.maxChats,
      chatsToday: segment.chatsTaken,
    };
    if (chatIds[a]!.length > 0) status.chatIds = chatIds[a];
    // The first segment is "offline since before midnight": its start is not known.
    if (segment.at > 0) status.since = new Date(dayStartMs + segment.since * 1000).toISOString();
    return status;
  });
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
