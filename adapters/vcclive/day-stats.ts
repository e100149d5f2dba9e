import type { DayStats, QueueDayStats } from '../../src/domain/types.js';
import { roundedMean } from '../../src/util/rounded-mean.js';
import { dispositionOf, isSpam } from './mapping.js';
import { queueOf } from './queue-snapshot.js';
import { localHour, vccTime } from './time.js';
import type { ChatWire } from './wire.js';

/** The `slaStatus` of a chat answered in time; any other non-empty value is a breach. */
const WITHIN_SLA = 'within sla';

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
  const byQueue = new Map<string, { queuedByHour: number[]; durations: number[] }>();

  for (const chat of counted) {
    const queue = byQueue.get(queueOf(chat)) ?? { queuedByHour: new Array<number>(24).fill(0), durations: [] };
    byQueue.set(queueOf(chat), queue);
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
    if (finite(chat.duration) && disposition !== 'missed' && disposition !== 'in progress') {
      durations.push(chat.duration);
      queue.durations.push(chat.duration);
    }
    const started = vccTime(chat.sessionStartTime, zone);
    if (started) {
      chatsByHour[localHour(started, zone)]!++;
      queue.queuedByHour[localHour(started, zone)]!++;
      placed++;
    }
  }

  // A figure no chat of the day carries is left out rather than shown as 0 (an empty day is all zeros).
  const none = counted.length === 0;
  const stats: DayStats = { date, chats: counted.length };
  if (none || withDisposition > 0) stats.missed = missed;
  if (none || withTransfers > 0) stats.transfers = transfers;
  // Hours only when every chat has one: the hours of a day add up to its chats.
  if (placed === counted.length) {
    stats.chatsByHour = chatsByHour;
    // Every chat of the log names the queue it reached: /staffing can answer per queue.
    stats.queues = [...byQueue.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, queue]) => {
        const figures: QueueDayStats = { name, queuedByHour: queue.queuedByHour };
        const averageChat = roundedMean(queue.durations);
        if (averageChat !== undefined) figures.averageChatSeconds = averageChat;
        return figures;
      });
  }
  const firstResponse = roundedMean(firstResponses);
  if (firstResponse !== undefined) stats.firstResponseSeconds = firstResponse;
  const averageChat = roundedMean(durations);
  if (averageChat !== undefined) stats.averageChatSeconds = averageChat;
  if (rated > 0) {
    stats.slaBreaches = rated - within;
    stats.slaRate = within / rated;
  } else if (none) {
    stats.slaBreaches = 0;
  }
  return stats;
}
