/**
 * History: the figures the watcher polled, per source and queue, over time. Answers, charts,
 * summaries and early warnings read it; only the watcher's leader (and the demo's backfill)
 * write it. Two implementations behind one contract test: Redis (shared by every replica) and
 * memory (the embedded default, one process).
 *
 * Retention is bounded: every sample for the last day (poll resolution), then one sample per
 * 5 minutes up to 8 days back, so "the same time last week" is always there.
 */

/** Named figures of one poll: metric name (`queue.waiting`, `queue.longest_wait_seconds`...) to value. */
export type Figures = Record<string, number>;

/** One poll's figures of one queue (or of the whole source) at one instant. */
export interface Sample {
  /** Epoch milliseconds. */
  at: number;
  figures: Figures;
}

/** The queue name that stands for the whole source (its totals). */
export const ALL_QUEUES = '*';

/**
 * @example
 *   await history.record('bogota', 'Ventas', new Date(), { 'queue.waiting': 4, 'queue.longest_wait_seconds': 95 });
 *   await history.record('bogota', ALL_QUEUES, new Date(), { 'queue.waiting': 9, 'agents.available': 3 });
 *   const lastHour = await history.range('bogota', 'ventas', new Date(Date.now() - 3_600_000), new Date());
 *   lastHour.map((s) => s.figures['queue.waiting']);
 */
export interface History {
  /**
   * Keeps the figures of one queue (`ALL_QUEUES` for the source's totals) at `at`. A second
   * record at the same instant replaces the first. Queue names are matched case-insensitively.
   */
  record(source: string, queue: string, at: Date, figures: Figures): Promise<void>;
  /** Samples with `from <= at <= to`, oldest first; thinned to 5 minutes beyond the last day. */
  range(source: string, queue: string, from: Date, to: Date): Promise<Sample[]>;
}

/** How long and how finely history is kept. */
export const RETENTION = {
  /** Every sample is kept this long. */
  fineMs: 86_400_000,
  /** Older samples: one per this many milliseconds (the last one recorded in each slot). */
  coarseStepMs: 300_000,
  /** Nothing older than this is kept. */
  keepMs: 8 * 86_400_000,
} as const;

/** The key of a queue name: case-insensitive, trimmed. */
export function queueKey(queue: string | undefined): string {
  return queue === undefined ? ALL_QUEUES : queue.trim().toLowerCase();
}
