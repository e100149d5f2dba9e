import type { DayStats, QueueFigures, QueueSnapshot } from '../../src/domain/types.js';
import { dispositionOf, isInProgress, isSpam } from './mapping.js';
import { localHour, secondsBetween, vccTime } from './time.js';
import type { ChatWire } from './wire.js';

/** The `slaStatus` of a chat answered in time; any other non-empty value is a breach. */
const WITHIN_SLA = 'within sla';

const mean = (values: number[]): number | undefined =>
  values.length === 0 ? undefined : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * One local day's figures from that day's chat log (chats started that day, spam left out).
 * Missed = disposition `Missed`; SLA is counted over chats that have an `slaStatus`.
 *
 * @example
 *   dayStats('2023-01-20', chats, 'Europe/Budapest').slaBreaches;
 */
export function dayStats(date: string, chats: readonly ChatWire[], zone: string): DayStats {
  const counted = chats.filter((chat) => !isSpam(chat));
  const chatsByHour = new Array<number>(24).fill(0);
  let missed = 0;
  let withDisposition = 0;
  let rated = 0;
  let within = 0;
  let transfers = 0;
  let withTransfers = 0;
  let placed = 0;
  const firstResponses: number[] = [];
  const durations: number[] = [];

  for (const chat of counted) {
    const disposition = dispositionOf(chat);
    if (disposition !== undefined) withDisposition++;
    if (disposition === 'missed') missed++;
    const sla = chat.slaStatus?.trim().toLowerCase();
    if (sla) {
      rated++;
      if (sla === WITHIN_SLA) within++;
    }
    if (chat.transferCount != null) {
      withTransfers++;
      transfers += chat.transferCount;
    }
    // Only answered chats have a first response; a missed chat's 0 would flatter the average.
    if (finite(chat.firstResponseTime) && chat.firstAgentMessageTime) firstResponses.push(chat.firstResponseTime);
    if (finite(chat.duration) && disposition !== 'missed' && disposition !== 'in progress') durations.push(chat.duration);
    const started = vccTime(chat.sessionStartTime, zone);
    if (started) {
      chatsByHour[localHour(started, zone)]!++;
      placed++;
    }
  }

  // A figure no chat of the day carries is left out rather than shown as 0 (an empty day is all zeros).
  const none = counted.length === 0;
  const stats: DayStats = { date, chats: counted.length };
  if (none || withDisposition > 0) stats.missed = missed;
  if (none || withTransfers > 0) stats.transfers = transfers;
  // Hours only when every chat has one: the hours of a day add up to its chats.
  if (placed === counted.length) stats.chatsByHour = chatsByHour;
  const firstResponse = mean(firstResponses);
  if (firstResponse !== undefined) stats.firstResponseSeconds = firstResponse;
  const averageChat = mean(durations);
  if (averageChat !== undefined) stats.averageChatSeconds = averageChat;
  if (rated > 0) {
    stats.slaBreaches = rated - within;
    stats.slaRate = within / rated;
  } else if (none) {
    stats.slaBreaches = 0;
  }
  return stats;
}

/** A chat in progress that no agent has written to yet: the customer is waiting in a queue. */
export function isWaiting(chat: ChatWire): boolean {
  return isInProgress(chat) && !chat.firstAgentMessageTime?.trim();
}

const NO_QUEUE = 'No queue';

/**
 * `/queue` for VCC Live, derived: VCC Live publishes no chat-queue figures, so the snapshot is
 * built from today's chat log. Waiting = chats `In progress` without `firstAgentMessageTime`,
 * grouped by `lastQueueName`; a wait runs from the session start to `now`. Chats that started
 * before local midnight are not in today's log and so are not counted.
 */
export function queueSnapshot(chats: readonly ChatWire[], zone: string, now: Date): QueueSnapshot {
  const byQueue = new Map<string, { waits: number[]; ongoing: number }>();
  for (const chat of chats) {
    if (isSpam(chat) || !isInProgress(chat)) continue;
    const name = chat.lastQueueName?.trim() || chat.firstQueueName?.trim() || NO_QUEUE;
    const entry = byQueue.get(name) ?? { waits: [], ongoing: 0 };
    byQueue.set(name, entry);
    if (!isWaiting(chat)) {
      entry.ongoing++;
      continue;
    }
    const since = vccTime(chat.sessionStartTime, zone) ?? vccTime(chat.firstVisitorMessageTime, zone);
    entry.waits.push(since ? secondsBetween(since, now) : 0);
  }

  const queues: QueueFigures[] = [...byQueue.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { waits, ongoing }]) => {
      const figures: QueueFigures = { name, waiting: waits.length, ongoingChats: ongoing };
      if (waits.length > 0) {
        figures.longestWaitSeconds = Math.max(...waits);
        figures.averageWaitSeconds = mean(waits)!;
      }
      return figures;
    });

  const everyWait = [...byQueue.values()].flatMap((entry) => entry.waits);
  const totals: QueueSnapshot['totals'] = {
    waiting: everyWait.length,
    ongoingChats: queues.reduce((sum, q) => sum + (q.ongoingChats ?? 0), 0),
  };
  if (everyWait.length > 0) {
    totals.longestWaitSeconds = Math.max(...everyWait);
    totals.averageWaitSeconds = mean(everyWait)!;
  }
  return { queues, totals };
}
