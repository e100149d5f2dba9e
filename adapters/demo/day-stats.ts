import type { DayStats, QueueDayStats } from '../../src/domain/types.js';
import type { DaySim } from './day-sim.js';
import { QUEUES, SLA_SECONDS } from './operation.js';

/**
 * `/today` and past days: the figures of one local day as known at `t` seconds after its
 * midnight (the end of the day for a finished one). Only what has happened by `t` counts: a
 * chat still waiting is not yet abandoned, one still open has no duration yet.
 */
export function dayStatsAt(sim: DaySim, date: string, t: number): DayStats {
  const chatsByHour = new Array<number>(24).fill(0);
  const queuedByHour = new Array<number>(24).fill(0);
  let chats = 0;
  let missed = 0;
  let abandoned = 0;
  let waitSum = 0;
  let answered = 0;
  let firstResponseSum = 0;
  let firstResponses = 0;
  let durationSum = 0;
  let finished = 0;
  let botConversations = 0;
  let handedOver = 0;
  let withinSla = 0;
  let slaBreaches = 0;
  let transfers = 0;
  const byQueue = QUEUES.map(() => ({ queuedByHour: new Array<number>(24).fill(0), durationSum: 0, finished: 0 }));

  for (const c of sim.conversations) {
    if (c.start > t) break;
    chats += 1;
    chatsByHour[Math.min(23, Math.floor(c.start / 3600))]! += 1;
    if (c.viaBot) {
      botConversations += 1;
      if (c.wantsAgent && c.enqueueAt !== undefined && c.enqueueAt <= t) handedOver += 1;
    }
    if (c.enqueueAt === undefined || c.enqueueAt > t) continue;
    const queue = byQueue[c.queue]!;
    queuedByHour[Math.min(23, Math.floor(c.enqueueAt / 3600))]! += 1;
    queue.queuedByHour[Math.min(23, Math.floor(c.enqueueAt / 3600))]! += 1;
    if (c.transferredAt !== undefined && c.transferredAt <= t) transfers += 1;
    if (c.assignedAt !== undefined && c.assignedAt <= t) {
      const wait = c.assignedAt - c.enqueueAt;
      answered += 1;
      waitSum += wait;
      if (wait <= SLA_SECONDS) withinSla += 1;
      else slaBreaches += 1;
      if (c.assignedAt + c.firstResponseSeconds <= t) {
        firstResponses += 1;
        firstResponseSum += wait + c.firstResponseSeconds;
      }
      if (c.endAt <= t) {
        finished += 1;
        durationSum += c.endAt - c.assignedAt;
        queue.finished += 1;
        queue.durationSum += c.endAt - c.assignedAt;
      }
      continue;
    }
    const gone = c.endAt <= t;
    if (gone && c.outcome === 'missed') missed += 1;
    if (gone && c.outcome === 'abandoned') abandoned += 1;
    // Customers who left quickly are not counted against the SLA; long waits are, even
    // while the customer is still in the queue.
    const waited = (gone ? c.endAt : t) - c.enqueueAt;
    if (waited > SLA_SECONDS) slaBreaches += 1;
  }

  const queues = byQueue.map((q, i): QueueDayStats => {
    const figures: QueueDayStats = { name: QUEUES[i]!.name, queuedByHour: q.queuedByHour };
    if (q.finished > 0) figures.averageChatSeconds = Math.round(q.durationSum / q.finished);
    return figures;
  });
  const stats: DayStats = { date, chats, missed, abandoned, slaBreaches, transfers, chatsByHour, queuedByHour, queues };
  if (answered > 0) stats.averageWaitSeconds = Math.round(waitSum / answered);
  if (firstResponses > 0) stats.firstResponseSeconds = Math.round(firstResponseSum / firstResponses);
  if (finished > 0) stats.averageChatSeconds = Math.round(durationSum / finished);
  if (botConversations > 0) stats.handoffRate = handedOver / botConversations;
  if (withinSla + slaBreaches > 0) stats.slaRate = withinSla / (withinSla + slaBreaches);
  return stats;
}
