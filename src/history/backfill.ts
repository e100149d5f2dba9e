import type { VendorAdapter } from '../../adapters/port.js';
import type { Logger } from '../log/logger.js';
import { ALL_QUEUES, RETENTION, type History } from './history.js';
import { recordPoll } from './record-snapshot.js';

/** Backfilled samples in the last day: one a minute, as the demo is polled. */
const RECENT_STEP_MS = 60_000;
/** Snapshots computed between two yields to the event loop (the simulation is CPU work). */
const BATCH = 20;

export interface BackfillOptions {
  history: History;
  adapters: readonly VendorAdapter[];
  now: Date;
  /** Only this part of the last 8 days (default all of it). */
  from?: Date;
  to?: Date;
  logger?: Logger;
  /** Stops between batches when aborted. */
  signal?: AbortSignal;
}

/**
 * Fills history from sources that can tell their past (`queueAt`: only the demo simulation),
 * so trends show from the first minute: one sample a minute over the last day and one per
 * 5 minutes before, up to 8 days back, skipping every slot that already holds a sample (a
 * restart or a second replica adds nothing). Deterministic: replicas backfilling at once write
 * the same samples. Returns how many instants were filled.
 *
 * @example
 *   await backfillHistory({ history, adapters, now: new Date(), from: new Date(Date.now() - 2 * 3_600_000) });
 */
export async function backfillHistory(options: BackfillOptions): Promise<number> {
  const { history, now } = options;
  const nowMs = now.getTime();
  const from = Math.max(options.from?.getTime() ?? -Infinity, nowMs - RETENTION.keepMs + RETENTION.coarseStepMs);
  const to = Math.min(options.to?.getTime() ?? nowMs, nowMs);
  let filled = 0;
  for (const adapter of options.adapters) {
    const queueAt = adapter.queueAt?.bind(adapter);
    if (!queueAt || from > to) continue;
    const held = new Set((await history.range(adapter.id, ALL_QUEUES, new Date(from), new Date(to))).map((s) => slotOf(s.at, nowMs)));
    const instants = instantsBetween(from, to, nowMs).filter((at) => !held.has(slotOf(at, nowMs)));
    for (let i = 0; i < instants.length; i += BATCH) {
      if (options.signal?.aborted) break;
      const batch = instants.slice(i, i + BATCH);
      await Promise.all(batch.map(async (at) => recordPoll(history, adapter.id, new Date(at), await queueAt(new Date(at)))));
      filled += batch.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    options.logger?.debug({ source: adapter.id, samples: instants.length }, 'history: backfilled from the simulation');
  }
  return filled;
}

/** The slot a sample falls in: its minute over the last day, its 5 minutes before. */
function slotOf(at: number, nowMs: number): string {
  const step = at >= nowMs - RETENTION.fineMs ? RECENT_STEP_MS : RETENTION.coarseStepMs;
  return `${step}:${Math.floor(at / step)}`;
}

function instantsBetween(from: number, to: number, nowMs: number): number[] {
  const out: number[] = [];
  const recentFrom = nowMs - RETENTION.fineMs;
  for (let at = Math.ceil(from / RETENTION.coarseStepMs) * RETENTION.coarseStepMs; at < Math.min(to + 1, recentFrom); at += RETENTION.coarseStepMs)
    out.push(at);
  for (let at = Math.ceil(Math.max(from, recentFrom) / RECENT_STEP_MS) * RECENT_STEP_MS; at <= to; at += RECENT_STEP_MS) out.push(at);
  return out;
}

/** What the answers read first: the last two hours and the same two hours a week ago. */
const FIRST_WINDOWS_MS: ReadonlyArray<readonly [number, number]> = [
  [2 * 3_600_000, 0],
  [7 * 86_400_000 + 2 * 3_600_000, 7 * 86_400_000 - RETENTION.coarseStepMs],
];

export interface RunningBackfill {
  /** Resolves when the windows the answers read first are filled. */
  ready: Promise<void>;
  /** Stops the rest (the older days) at the next batch. */
  stop(): Promise<void>;
}

/**
 * Backfills in two steps: the windows `/queue` reads (awaited through `ready`), then the rest
 * of the 8 days in the background, yielding to the event loop between batches so answers are
 * not held up. A failure is logged; trends then start with the first poll.
 *
 * @example
 *   const backfill = startBackfill({ history, adapters, now: new Date(), logger });
 *   await backfill.ready;
 */
export function startBackfill(options: Omit<BackfillOptions, 'from' | 'to' | 'signal'>): RunningBackfill {
  const controller = new AbortController();
  const nowMs = options.now.getTime();
  const warn = (error: unknown) =>
    options.logger?.warn({ err: (error as Error).message }, 'history: could not backfill the demo’s past; trends start with the first poll');
  const ready = (async () => {
    for (const [back, until] of FIRST_WINDOWS_MS) {
      await backfillHistory({ ...options, from: new Date(nowMs - back), to: new Date(nowMs - until), signal: controller.signal });
    }
  })().catch(warn);
  const rest = ready.then(() => backfillHistory({ ...options, signal: controller.signal })).catch(warn);
  return {
    ready,
    async stop() {
      controller.abort();
      await rest;
    },
  };
}
