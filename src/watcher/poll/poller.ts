import { failureState } from '../../log/failure-state.js';
import type { Logger } from '../../log/logger.js';
import type { Source } from '../../sources/source.js';
import { applySnapshot, refreshFiringGauge, type AlertEngineDeps } from './alert-engine.js';
import { recordPoll, type Figures, type History } from '../../history/index.js';
import { pollSource, type SourceSnapshot } from './poll-source.js';
import type { WatchRule } from '../model/rules.js';
import type { WatcherStore } from '../store/store.js';
import type { PollStatus } from '../model/types.js';

export interface PollerOptions {
  sources: readonly Source[];
  rules: readonly WatchRule[];
  /** The rules to evaluate now (changed in chat since the start); absent: always `rules`. */
  currentRules?: () => Promise<readonly WatchRule[]>;
  store: WatcherStore;
  logger: Logger;
  isLeader: () => boolean;
  engine: AlertEngineDeps;
  /** Where every polled figure is kept (absent: nowhere). */
  history?: History;
  /** Called on the leader after each poll is recorded and evaluated (the live floor publishes it); its failure is logged, never thrown. */
  onPolled?: PollListener;
}

/** What the leader saw on one poll: the source, its snapshot and the rules evaluated on it. */
export type PollListener = (source: Source, snapshot: SourceSnapshot, rules: readonly WatchRule[]) => Promise<void>;

/** Polls sources (as leader) and keeps the last poll of each for `/readyz`. */
export interface Poller {
  /** Sources that some rule watches: the only ones polled. */
  readonly watched: readonly Source[];
  /** Polls one source and evaluates its rules; joins a poll of that source already running. */
  poll(sourceId: string): Promise<void>;
  pollAll(): Promise<void>;
  /** The last poll of each source, as this replica last saw it (followers read the leader's). */
  lastPolls(): Record<string, PollStatus>;
  /** Followers: copy the leader's poll record and alert gauge from the store. */
  follow(): Promise<void>;
  /** Resolves when the polls running now are done. */
  idle(): Promise<void>;
}

/**
 * The polling half of the watcher: for each watched source, a snapshot of the metrics its rules
 * need (at background priority), the outcome recorded in the store for every replica's
 * `/readyz`, then the rules evaluated and committed. Only the leader polls; a vendor failure is
 * logged and recorded, never thrown.
 *
 * @example
 *   const poller = createPoller({ sources, rules, store, logger, isLeader, engine });
 *   await poller.pollAll();
 */
export function createPoller(options: PollerOptions): Poller {
  const { store, logger, isLeader } = options;
  const rulesBySource = new Map<string, WatchRule[]>();
  for (const rule of options.rules) rulesBySource.set(rule.source, [...(rulesBySource.get(rule.source) ?? []), rule]);
  const watched = options.sources.filter((s) => rulesBySource.has(s.id));
  const polls: Record<string, PollStatus> = {};
  const running = new Map<string, Promise<void>>();

  // Each failure that repeats every poll is logged when it starts and when it ends.
  const reading = failureState(logger, {
    failing: 'watcher: a metric could not be read; its rules wait until it can (logged again when it recovers)',
    recovered: 'watcher: a metric can be read again',
  });
  const recording = failureState(logger, {
    failing: 'watcher: could not record polls in history (logged again when it recovers)',
    recovered: 'watcher: polls are recorded in history again',
  });
  const saving = failureState(logger, {
    failing: 'watcher: could not save alert state; each poll tries again (logged again when it recovers)',
    recovered: 'watcher: alert state is saved again',
    level: 'error',
  });

  const publishing = failureState(logger, {
    failing: 'watcher: could not publish the poll to the wallboards (logged again when it recovers)',
    recovered: 'watcher: polls reach the wallboards again',
  });

  const lastStarted = new Map<string, number>();

  async function pollNow(source: Source): Promise<void> {
    if (!isLeader()) return;
    const rules = options.currentRules ? (await options.currentRules()).filter((r) => r.source === source.id) : (rulesBySource.get(source.id) ?? []);
    // Figures no older than half the time since this source's previous poll (its interval, whatever
    // the schedule): the previous poll's own answer is fetched again, while a supervisor's question
    // of a moment ago is reused. The first poll takes the cache's usual freshness.
    const started = options.engine.now().getTime();
    const previous = lastStarted.get(source.id);
    lastStarted.set(source.id, started);
    const maxAgeMs = previous === undefined ? undefined : Math.max(1_000, (started - previous) / 2);
    const snapshot = await pollSource(source, rules, options.engine.now(), { readQueue: Boolean(options.history), maxAgeMs });
    const failed = new Set(snapshot.failures.map((f) => f.capability));
    for (const failure of snapshot.failures)
      reading.failed(`${source.id}:${failure.capability}`, { source: source.id, capability: failure.capability, err: failure.message });
    for (const capability of snapshot.read) if (!failed.has(capability)) reading.ok(`${source.id}:${capability}`, { source: source.id, capability });
    const status: PollStatus = {
      at: options.engine.now().toISOString(),
      ok: snapshot.failures.length === 0,
      ...(snapshot.dataAsOf ? { dataAsOf: snapshot.dataAsOf } : {}),
    };
    if (!status.ok) status.error = snapshot.failures.map((f) => `${f.capability}: ${f.message}`).join('; ');
    polls[source.id] = status;
    if (options.history) {
      await recordPoll(options.history, source.id, snapshot.at, snapshot.queue, sourceWide(snapshot.values)).then(
        () => recording.ok(source.id, { source: source.id }),
        (error: unknown) => recording.failed(source.id, { source: source.id, err: (error as Error).message }),
      );
    }
    try {
      await store.savePoll(source.id, status);
      // Leadership may have moved while the vendor answered: the commit is fenced anyway.
      if (isLeader()) await applySnapshot(options.engine, snapshot, rules, { label: source.label, timeZone: source.timeZone });
      saving.ok(source.id, { source: source.id });
    } catch (error) {
      saving.failed(source.id, { source: source.id, err: (error as Error).message });
    }
    if (isLeader() && options.onPolled)
      await options.onPolled(source, snapshot, rules).then(
        () => publishing.ok(source.id, { source: source.id }),
        (error: unknown) => publishing.failed(source.id, { source: source.id, err: (error as Error).message }),
      );
  }

  function poll(sourceId: string): Promise<void> {
    const source = watched.find((s) => s.id === sourceId);
    if (!source) return Promise.resolve();
    const current = running.get(sourceId);
    if (current) return current;
    const pending = pollNow(source).finally(() => running.delete(sourceId));
    running.set(sourceId, pending);
    return pending;
  }

  return {
    watched,
    poll,
    async pollAll() {
      await Promise.all(watched.map((s) => poll(s.id)));
    },
    lastPolls: () => structuredClone(polls),
    async follow() {
      try {
        Object.assign(polls, await store.polls());
        await refreshFiringGauge(options.engine);
      } catch (error) {
        logger.debug({ err: (error as Error).message }, 'watcher: could not read the leader’s poll record');
      }
    },
    async idle() {
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** Source-wide rule values (`agents.available|`) as history figures; per-queue ones come with the snapshot. */
function sourceWide(values: ReadonlyMap<string, number>): Figures {
  const out: Figures = {};
  for (const [key, value] of values) {
    const [metric, queue] = key.split('|');
    if (metric && queue === '' && metric !== 'chats.unanswered') out[metric] = value;
  }
  return out;
}
