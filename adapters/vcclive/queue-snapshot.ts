import type { QueueFigures, QueueSnapshot } from '../../src/domain/types.js';
import { roundedMean } from '../../src/util/rounded-mean.js';
import { isInProgress, isSpam } from './mapping.js';
import { secondsBetween, vccTime } from './time.js';
import type { ChatWire } from './wire.js';

/** A chat in progress that no agent has written to yet: the customer is waiting in a queue. */
export function isWaiting(chat: ChatWire): boolean {
  return isInProgress(chat) && !chat.firstAgentMessageTime?.trim();
}

const NO_QUEUE = 'No queue';

/** The queue a chat reached last, where `/queue` and `/staffing <queue>` count it. */
export function queueOf(chat: ChatWire): string {
  return chat.lastQueueName?.trim() || chat.firstQueueName?.trim() || NO_QUEUE;
}

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
    const name = queueOf(chat);
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
        figures.averageWaitSeconds = roundedMean(waits)!;
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
    totals.averageWaitSeconds = roundedMean(everyWait)!;
  }
  return { queues, totals, averageWaitOver: 'waitingNow' };
}
