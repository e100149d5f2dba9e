import { failureState } from '../../log/failure-state.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import { PlatformError, type ChatPlatform } from '../../domain/chat-platform.js';
import { alertReply } from './alert-replies.js';
import type { WatcherStore } from '../store/store.js';
import type { Delivery } from '../model/types.js';

export interface OutboxOptions {
  store: WatcherStore;
  platforms: readonly ChatPlatform[];
  logger: Logger;
  metrics?: Metrics;
  /** Deliveries happen only while this is true (the leader). */
  isLeader: () => boolean;
  /** The language of a source's alert messages (its `locale` in the configuration); absent: English. */
  localeOf?: (sourceId: string) => string | undefined;
  /** First wait after a 5xx or network failure; doubles each time (default 1 s). */
  retryBaseMs?: number;
  /** Longest wait between two attempts (default 60 s). */
  retryMaxMs?: number;
  /** A delivery still failing this long after it was decided is dropped (default 6 h). */
  maxAgeMs?: number;
  /** How often waiting lanes are looked at even when nothing woke the outbox (default 2 s). */
  tickMs?: number;
}

/** Delivers the store's queued messages to the platforms, in order per channel. */
export interface Outbox {
  /** Sends everything that is due now; resolves when every lane is empty or waiting for a retry. */
  drain(): Promise<void>;
  /** Asks for a drain soon (after a commit). */
  kick(): void;
  start(): void;
  /** Stops the timers, then tries once more to send what is due, for at most `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

type Outcome = 'done' | 'dropped' | { retryInMs: number; reason: string };

/**
 * The durable outbox's sender. Each channel is a lane delivered strictly in order (an update
 * never overtakes its post); a 429 waits the platform's Retry-After, a 5xx or network failure
 * waits with exponential backoff and jitter, a permanent error drops the delivery with a log
 * line that says why. A delivery leaves its lane only once the platform took it, so one decided
 * just before a crash or a change of leader is sent by whoever leads next.
 *
 * @example
 *   const outbox = createOutbox({ store, platforms, logger, isLeader: lease.isLeader });
 *   outbox.start();
 *   outbox.kick();
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store, logger, isLeader } = options;
  const base = options.retryBaseMs ?? 1_000;
  const max = options.retryMaxMs ?? 60_000;
  const maxAge = options.maxAgeMs ?? 6 * 3_600_000;
  const retries = new Map<string, { attempts: number; notBefore: number }>();
  let running: Promise<void> | undefined;
  let again = false;
  let ticker: NodeJS.Timeout | undefined;
  let wake: NodeJS.Timeout | undefined;
  let wakeTime = 0;
  let stopped = true;
  // Set once stop() has given its last drain a chance: nothing may start after that.
  let stoppedHard = false;

  const platformFor = (channel: string) => options.platforms.find((p) => p.handles(channel));

  async function send(d: Delivery): Promise<Outcome> {
    const platform = platformFor(d.channel);
    if (!platform) {
      logger.error(
        { channel: d.channel, kind: d.kind },
        'watcher: dropped a delivery: no chat platform handles this channel (is the platform configured and its credentials set?)',
      );
      return 'dropped';
    }
    if (Date.now() - Date.parse(d.createdAt) > maxAge) {
      logger.error({ channel: d.channel, kind: d.kind, createdAt: d.createdAt }, 'watcher: dropped a delivery that kept failing for too long');
      return 'dropped';
    }
    if (d.kind === 'message') {
      await platform.post(d.channel, d.reply, { mention: d.mention });
      return 'done';
    }
    const refs = await store.messageRefs(d.alertId);
    const ref = refs[d.channel];
    if (d.kind === 'post') {
      // Already posted (by a leader that died before it could mark the delivery done).
      if (ref) return 'done';
      const alert = await store.alert(d.alertId);
      if (!alert) return 'dropped';
      const posted = await platform.post(d.channel, alertReply(alert, await store.ack(d.alertId), options.localeOf?.(alert.source)), { mention: d.mention });
      await store.saveMessageRef(d.alertId, d.channel, posted);
      return 'done';
    }
    if (!ref) {
      logger.warn({ channel: d.channel, alert: d.alertId, kind: d.kind }, 'watcher: skipped an alert update: its message was never posted to this channel');
      return 'dropped';
    }
    if (d.kind === 'update') {
      const alert = await store.alert(d.alertId);
      if (!alert) return 'dropped';
      await platform.update(ref, alertReply(alert, await store.ack(d.alertId), options.localeOf?.(alert.source)));
      return 'done';
    }
    if (!platform.replyInThread) return 'dropped';
    await platform.replyInThread(ref, d.reply);
    return 'done';
  }

  function backoff(d: Delivery, error: unknown): Outcome {
    const attempts = (retries.get(d.id)?.attempts ?? 0) + 1;
    if (error instanceof PlatformError && error.permanent) {
      logger.error(
        { channel: d.channel, kind: d.kind, code: error.code, platformCode: error.platformCode, err: error.message },
        'watcher: dropped a delivery the platform refused for good',
      );
      return 'dropped';
    }
    const retryAfter = error instanceof PlatformError ? error.retryAfterSeconds : undefined;
    const exponential = Math.min(max, base * 2 ** (attempts - 1));
    const wait = retryAfter !== undefined ? retryAfter * 1000 : Math.round(exponential * (0.8 + Math.random() * 0.4));
    return { retryInMs: Math.max(0, wait), reason: error instanceof Error ? error.message : String(error) };
  }

  async function drainLane(lane: string, platformName: string): Promise<void> {
    while (isLeader() && !stoppedHard) {
      const head = await store.peek(lane);
      if (!head) return;
      const waiting = retries.get(head.id);
      if (waiting && waiting.notBefore > Date.now()) return wakeAt(waiting.notBefore);
      let outcome: Outcome;
      try {
        outcome = await send(head);
      } catch (error) {
        outcome = backoff(head, error);
      }
      if (typeof outcome === 'object') {
        const attempts = (waiting?.attempts ?? 0) + 1;
        retries.set(head.id, { attempts, notBefore: Date.now() + outcome.retryInMs });
        options.metrics?.postRetries.inc({ platform: platformName });
        logger.warn({ channel: lane, kind: head.kind, attempts, retryInMs: outcome.retryInMs, err: outcome.reason }, 'watcher: delivery failed; will retry');
        return wakeAt(Date.now() + outcome.retryInMs);
      }
      retries.delete(head.id);
      await store.remove(lane, head.id);
    }
  }

  /** Wakes the outbox at the earliest time some lane asked for (lanes wait on one timer). */
  function wakeAt(at: number): void {
    if (stoppedHard || (wake && wakeTime <= at)) return;
    if (wake) clearTimeout(wake);
    wakeTime = at;
    wake = setTimeout(
      () => {
        wake = undefined;
        void drain();
      },
      Math.max(0, at - Date.now()),
    );
    wake.unref();
  }

  async function drainOnce(): Promise<void> {
    const lanes = await store.lanes();
    await Promise.all(lanes.map((lane) => drainLane(lane, platformFor(lane)?.name ?? 'none')));
  }

  const reading = failureState(logger, {
    failing: 'watcher: could not read the outbox; trying again at every delivery and poll',
    recovered: 'watcher: the outbox can be read again',
  });

  function drain(): Promise<void> {
    if (!isLeader()) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainOnce();
          reading.ok('outbox');
        } catch (error) {
          reading.failed('outbox', { err: (error as Error).message });
        }
      } while (again && isLeader() && !stoppedHard);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    drain,
    kick: () => void drain(),
    start() {
      if (!stopped) return;
      stopped = false;
      stoppedHard = false;
      ticker = setInterval(() => void drain(), options.tickMs ?? 2_000);
      ticker.unref();
    },
    async stop(graceMs = 2_000) {
      stopped = true;
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([drain(), deadline]);
      clearTimeout(timer);
      stoppedHard = true;
      if (wake) clearTimeout(wake);
      wake = undefined;
    },
  };
}
