import type { AgentState, AgentStatus, QueueFigures, QueueSnapshot } from '../../src/domain/types.js';
import type { AgentStatusWire, QueueEntry, RealTimeAgent, RightNowWire } from './wire.js';

/**
 * What each well-known `currentStatusId` GUID of `livechat/realTime/Agents` means.
 * (unknown) Comm100 does not document these values, so this map is empty on purpose: an agent
 * whose readable status is not available shows as "unknown" with the GUID as its label. When a
 * live account shows what a GUID means, add it here (and only here), e.g.
 * `'00000000-0000-0000-0000-000000000000': { state: 'available', label: 'Online' }`.
 */
export const STATUS_ID_MEANINGS: Readonly<Record<string, { state: AgentState; label: string }>> = {};

/**
 * Seconds in a .NET TimeSpan text as Comm100 writes durations: `"HH:MM:SS"`, optionally with
 * days (`"1.02:03:04"`) and a fraction of up to 7 digits (`"06:53:57.0500000"` -> 24837.05).
 * Rounded to the millisecond. `undefined` for missing or unreadable text.
 */
export function parseComm100Duration(text: string | null | undefined): number | undefined {
  if (text == null) return undefined;
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, minus, days, hours, minutes, seconds, fraction] = match;
  const total = Number(days ?? 0) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds) + (fraction ? Number(`0.${fraction}`) : 0);
  const rounded = Math.round(total * 1000) / 1000;
  return minus ? -rounded : rounded;
}

/** The normalised state for a readable `livechat/agents` status. Custom away statuses ("Meeting") are away. */
export function stateFromReadableStatus(status: string, ongoingChats?: number | null, maxChats?: number | null): AgentState {
  const word = status.trim().toLowerCase();
  if (word === 'online' || word === 'available') {
    // A chat limit of 0 means "not limited" (or not said), so such an agent is never full.
    return maxChats && ongoingChats != null && ongoingChats >= maxChats ? 'busy' : 'available';
  }
  if (word === 'busy') return 'busy';
  if (word === 'offline' || word === 'logged out' || word === 'invisible') return 'offline';
  if (word === '') return 'unknown';
  // The API documents only "online", "away" and custom away statuses as settable values.
  return 'away';
}

/**
 * `livechat/realTime/Agents` rows as AgentStatus. The readable status of `livechat/agents`
 * (by agent id) wins; without it the GUID goes through `STATUS_ID_MEANINGS`, else "unknown".
 */
export function mapAgents(rows: readonly RealTimeAgent[], readable?: ReadonlyMap<string, AgentStatusWire>): AgentStatus[] {
  return rows.map((row) => {
    const known = readable?.get(row.agentId.toLowerCase());
    const guid = row.currentStatusId ?? '';
    const meaning = STATUS_ID_MEANINGS[guid.toLowerCase()];
    let state: AgentState;
    let stateLabel: string;
    if (known?.status) {
      state = stateFromReadableStatus(known.status, row.ongoingChats ?? known.ongoingChats, row.maxConcurrentChats);
      stateLabel = known.status;
    } else if (meaning) {
      state = meaning.state;
      stateLabel = meaning.label;
    } else {
      state = 'unknown';
      stateLabel = guid || 'unknown';
    }
    const agent: AgentStatus = { id: row.agentId, name: (row.displayName ?? '').trim() || row.agentId, state, stateLabel };
    const ongoing = row.ongoingChats ?? known?.ongoingChats;
    if (ongoing != null) agent.ongoingChats = ongoing;
    if (row.maxConcurrentChats != null) agent.maxChats = row.maxConcurrentChats;
    if (row.intradayChats != null) agent.chatsToday = row.intradayChats;
    return agent;
  });
}

/** Index `livechat/agents` by lower-cased agent id (GUID case is not guaranteed to match). */
export function indexStatuses(statuses: readonly AgentStatusWire[]): Map<string, AgentStatusWire> {
  return new Map(statuses.map((s) => [s.id.toLowerCase(), s]));
}

/** Supervisor-facing name of a queue entry: its department, else the agent it routes to. */
export function queueName(entry: QueueEntry): string {
  const department = entry.routeToDepartment?.name?.trim();
  if (department) return department;
  const agent = entry.routeToAgent?.displayName?.trim();
  if (agent) return `Agent ${agent}`;
  return entry.routeToDepartmentId || entry.routeToAgentId ? 'Unnamed queue' : 'General queue';
}

/** One `livechat/realTime/Queue` entry as queue figures; longest wait from the waiting visitors. */
export function mapQueueEntry(entry: QueueEntry): QueueFigures {
  const waits = (entry.visitors ?? []).map((v) => parseComm100Duration(v.waitTime)).filter((s): s is number => s !== undefined);
  const figures: QueueFigures = { name: queueName(entry), waiting: entry.currentQueueLength ?? entry.visitors?.length ?? 0 };
  if (waits.length > 0) figures.longestWaitSeconds = Math.max(...waits);
  else if (figures.waiting === 0) figures.longestWaitSeconds = 0;
  const average = parseComm100Duration(entry.avgWaitTimeinLast30Mins);
  if (average !== undefined) figures.averageWaitSeconds = average;
  if (entry.abandonedChatsinLast30Mins != null) figures.abandonedLast30m = entry.abandonedChatsinLast30Mins;
  if (entry.ongoingChats != null) figures.ongoingChats = entry.ongoingChats;
  return figures;
}

/**
 * The chats behind a queue's 30-minute average wait, as far as its entry tells (inferred: the
 * vendor does not say which chats the average is over): those waiting now, in progress, and
 * abandoned or switched to messages in the last 30 minutes.
 */
export function chatsBehindAverage(entry: QueueEntry): number {
  const parts = [
    entry.currentQueueLength ?? entry.visitors?.length,
    entry.ongoingChats,
    entry.abandonedChatsinLast30Mins,
    entry.switchedtoMessagesinLast30Mins,
  ];
  return parts.reduce<number>((sum, n) => sum + (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0), 0);
}

/**
 * The site's average wait from the per-queue ones, each weighted by the chats behind it. None when
 * a queue with chats behind it gives no average; one queue with an average gives it as is; queues
 * with averages but no chats behind any of them give one only when their averages agree.
 */
export function overallAverageWait(entries: readonly QueueEntry[], queues: readonly QueueFigures[]): number | undefined {
  const rows = queues.map((q, i) => ({ average: q.averageWaitSeconds, weight: chatsBehindAverage(entries[i]!) }));
  // A queue with chats behind it but no average leaves the overall one unknown.
  if (rows.some((row) => row.average === undefined && row.weight > 0)) return undefined;
  const known = rows.filter((row): row is { average: number; weight: number } => row.average !== undefined);
  if (known.length === 0) return undefined;
  if (known.length === 1) return known[0]!.average;
  const weight = known.reduce((sum, k) => sum + k.weight, 0);
  if (weight > 0) return Math.round((known.reduce((sum, k) => sum + k.average * k.weight, 0) / weight) * 1000) / 1000;
  return known.every((k) => k.average === known[0]!.average) ? known[0]!.average : undefined;
}

/**
 * The queue snapshot: one figure per Queue entry, totals from RightNow where it says (site-wide
 * queue length, ongoing chats, logged-in agents) and from the entries otherwise.
 */
export function mapQueue(entries: readonly QueueEntry[], rightNow?: RightNowWire): QueueSnapshot {
  const queues = entries.map(mapQueueEntry);
  const sum = (pick: (q: QueueFigures) => number | undefined) => {
    const values = queues.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  const longest = queues.map((q) => q.longestWaitSeconds).filter((v): v is number => v !== undefined);
  const totals: QueueSnapshot['totals'] = { waiting: rightNow?.currentQueueLength ?? sum((q) => q.waiting) ?? 0 };
  if (longest.length) totals.longestWaitSeconds = Math.max(...longest);
  const average = overallAverageWait(entries, queues);
  if (average !== undefined) totals.averageWaitSeconds = average;
  const abandoned = sum((q) => q.abandonedLast30m);
  if (abandoned !== undefined) totals.abandonedLast30m = abandoned;
  const ongoing = rightNow?.ongoingChats ?? sum((q) => q.ongoingChats);
  if (ongoing != null) totals.ongoingChats = ongoing;
  if (rightNow?.loggedInAgents != null) totals.agentsOnline = rightNow.loggedInAgents;
  return { queues, totals, averageWaitOver: 'last30m' };
}
