import type { QueueFigures, QueueSnapshot } from '../domain/types.js';
import { ALL_QUEUES, type Figures, type History } from './history.js';

/**
 * The figures of one queue snapshot as history keeps them: each queue under its name and the
 * totals under `ALL_QUEUES`, named like the alert metrics (`queue.waiting`...). Figures the
 * vendor does not give are left out, never stored as 0.
 *
 * @example
 *   figuresOfSnapshot(snapshot).get('Ventas'); // { 'queue.waiting': 4, 'queue.longest_wait_seconds': 95, ... }
 */
export function figuresOfSnapshot(snapshot: QueueSnapshot): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const q of snapshot.queues) out.set(q.name, figuresOfQueue(q));
  const t = snapshot.totals;
  const longest = t.longestWaitSeconds ?? maxOf(snapshot.queues.map((q) => q.longestWaitSeconds));
  out.set(
    ALL_QUEUES,
    known({
      'queue.waiting': t.waiting,
      'queue.longest_wait_seconds': longest,
      'queue.avg_wait_seconds': t.averageWaitSeconds,
      'queue.abandoned_30m': t.abandonedLast30m,
      'agents.available': t.agentsAvailable,
      'agents.online': t.agentsOnline,
      'chats.ongoing': t.ongoingChats,
    }),
  );
  return out;
}

function figuresOfQueue(q: QueueFigures): Figures {
  return known({
    'queue.waiting': q.waiting,
    'queue.longest_wait_seconds': q.longestWaitSeconds,
    'queue.avg_wait_seconds': q.averageWaitSeconds,
    'queue.abandoned_30m': q.abandonedLast30m,
    'agents.available': q.agentsAvailable,
    'chats.ongoing': q.ongoingChats,
  });
}

/**
 * Records one poll: the queue snapshot when it was read, and the source-wide `extra` figures
 * (agents, today's counts) beside the totals.
 */
export async function recordPoll(history: History, source: string, at: Date, snapshot: QueueSnapshot | undefined, extra: Figures = {}): Promise<void> {
  const byQueue = snapshot ? figuresOfSnapshot(snapshot) : new Map<string, Figures>();
  const totals = { ...extra, ...byQueue.get(ALL_QUEUES) };
  if (Object.keys(totals).length > 0) byQueue.set(ALL_QUEUES, totals);
  else byQueue.delete(ALL_QUEUES);
  await Promise.all([...byQueue].map(([queue, figures]) => history.record(source, queue, at, figures)));
}

function known(figures: Record<string, number | undefined>): Figures {
  const out: Figures = {};
  for (const [name, value] of Object.entries(figures)) if (value !== undefined && Number.isFinite(value)) out[name] = value;
  return out;
}

function maxOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
}
