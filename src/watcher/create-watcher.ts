import type { RedisClient } from '../redis/client.js';
import type { Config } from '../config/schema.js';
import type { History } from '../history/index.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ChatPlatform } from '../domain/chat-platform.js';
import type { Reply } from '../reply/reply.js';
import type { Source } from '../sources/source.js';
import { closeOrphans, type AlertEngineDeps } from './poll/alert-engine.js';
import type { AlertService } from './model/alert-service.js';
import { createAlertService } from './store/alert-service-impl.js';
import { alwaysLeader, createRedisLease, type Leadership, type OutageSignal } from './leader/leader.js';
import { createMemoryWatcherStore } from './store/memory-store.js';
import { createOutbox } from './post/outbox.js';
import { createOutageStore, type OutageStore } from './store/outage-store.js';
import { capabilityGap } from './poll/poll-source.js';
import { createPoller, type PollListener } from './poll/poller.js';
import { watcherKeys } from './store/redis-keys.js';
import { createRedisWatcherStore } from './store/redis-store.js';
import { resolveRules, type WatchRule } from './model/rules.js';
import { randomUUID } from 'node:crypto';
import { failureState } from '../log/failure-state.js';
import { createRuleEditing, type RuleEditing } from '../rules/rule-service.js';
import { createMemoryRuleStore, type RuleStore } from '../rules/rule-store.js';
import { createRedisRuleStore } from '../rules/redis-rule-store.js';
import { figuresRuleId } from './evaluate/source-figures.js';
import { defaultPollCron, isValidCron, onClockCron, onCron, onInterval, type Scheduled } from './poll/schedules.js';
import type { WatcherStore } from './store/store.js';
import { resolveSummaries, runSummaryNow } from './summaries/summaries.js';
import type { PollStatus } from './model/types.js';

/** Shorter schedules for tests and benches; production leaves them unset. */
export interface WatcherSchedule {
  /** Poll every source this often (real ms) instead of its cron `poll`. */
  pollIntervalMs?: number;
  /** Leader lease length (default 15 s); a dead leader is replaced within about this long. */
  leaseTtlMs?: number;
  /** Lease renewal and takeover attempts (default ttl / 3). */
  leaseRenewMs?: number;
  /** Outbox: first wait after a 5xx or network failure (default 1 s), longest wait (default 60 s), idle look (default 2 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  outboxTickMs?: number;
  /** Deliveries failing this long are dropped (default 6 h). */
  maxDeliveryAgeMs?: number;
  /** Check summaries against the injected clock this often (real ms) instead of node-cron's real time. */
  summaryTickMs?: number;
  /** How long `stop()` tries to deliver what is due (default 2 s). */
  flushMs?: number;
}

export interface WatcherOptions {
  config: Config;
  sources: Source[];
  platforms: ChatPlatform[];
  /** Shared state and leader election across replicas; absent: memory, always leader. */
  redis?: RedisClient;
  /** Start of every Redis key (default `chatops`). */
  prefix?: string;
  logger: Logger;
  metrics?: Metrics;
  /** Clock for rules, active hours and summaries (default real time). Leases and retries use real time. */
  now?: () => Date;
  schedule?: WatcherSchedule;
  /** Where the leader records every figure it polls, per source and queue (absent: nowhere). */
  history?: History;
  /** Where rule changes made in chat are kept (default: Redis when given, else memory). */
  ruleStore?: RuleStore;
  /**
   * With Redis: the quota gate's outage signal and replica roster. While Redis is down, the first
   * replica of the last roster leads alone (alert state in memory) and writes it back when Redis
   * returns. Absent: nobody leads while Redis is down.
   */
  outage?: OutageSignal;
  /** Called on the leader after each poll (the live floor's publisher). */
  onPolled?: PollListener;
}

export interface Watcher {
  /** Schedules polls and summaries and joins the leader election. */
  start(): Promise<void>;
  /** Stops polling, delivers what is due (best effort, `flushMs`), releases the lease. */
  stop(): Promise<void>;
  alerts: AlertService;
  /** Rule changes from the chat (`/alerts set|on|off|undo|history|rules`). */
  rules: RuleEditing;
  /** Last poll of each watched source (time, ok, error); followers show the leader's. */
  lastPolls(): Record<string, PollStatus>;
  /** Polls every watched source once (as leader) and delivers what became due. */
  pollOnce(): Promise<void>;
  /** Builds a summary now, queues and delivers it; undefined for an unknown id. */
  runSummary(id: string): Promise<Reply | undefined>;
  isLeader(): boolean;
  /** True while Redis is down and this replica leads alone. */
  leadingAlone(): boolean;
  /** Sends what is due in the outbox now (as leader). */
  deliver(): Promise<void>;
  /** Deliveries waiting in the outbox (all replicas see the same in Redis). */
  pendingDeliveries(): Promise<number>;
  readonly store: WatcherStore;
}

/**
 * The watcher: polls the sources the alert rules name, evaluates the rules, keeps alert state
 * (Redis, or memory for the embedded default), posts and updates alert messages through the
 * chat platforms via a durable outbox, and posts daily summaries. With Redis, one replica leads
 * at a time (a lease); the others answer `/alerts` from the shared state and take over when the
 * leader goes away, without posting again what is already firing.
 *
 * @example
 *   const watcher = createWatcher({ config, sources, platforms: [createConsolePlatform()], logger, metrics });
 *   await watcher.start();
 *   router = createRouter({ ..., alerts: watcher.alerts });
 */
export function createWatcher(options: WatcherOptions): Watcher {
  const { config, logger, metrics } = options;
  const schedule = options.schedule ?? {};
  const now = options.now ?? (() => new Date());
  const prefix = options.prefix ?? 'chatops';
  const shared = options.redis ? createRedisWatcherStore({ redis: options.redis, prefix, now: () => now().getTime() }) : undefined;
  // Leading through a Redis outage needs the state in memory too (see outage-store.ts).
  const outageStore: OutageStore | undefined = shared && options.outage ? createOutageStore({ shared, now: () => now().getTime() }) : undefined;
  const store: WatcherStore = outageStore ?? shared ?? createMemoryWatcherStore({ now: () => now().getTime() });

  const { rules, problems } = resolveRules(config, new Set(options.sources.map((s) => s.id)));
  const { summaries, problems: summaryProblems } = resolveSummaries(config, options.sources);
  const ruleIds = new Set(rules.map((r) => r.id));

  let leadership: Leadership;
  // Posts about a source speak its `locale` (English when it has none).
  const localeOf = (sourceId: string) => config.sources[sourceId]?.locale;
  const outbox = createOutbox({
    store,
    platforms: options.platforms,
    logger,
    metrics,
    isLeader: () => leadership.isLeader(),
    retryBaseMs: schedule.retryBaseMs,
    retryMaxMs: schedule.retryMaxMs,
    tickMs: schedule.outboxTickMs,
    maxAgeMs: schedule.maxDeliveryAgeMs,
    localeOf,
  });
  const engine: AlertEngineDeps = {
    store,
    logger,
    metrics,
    now,
    fence: () => leadership.token(),
    onQueued: () => outbox.kick(),
    history: options.history,
    localeOf,
  };
  const onLeadership = (leader: boolean) => {
    if (!leader) return;
    closeOrphans(engine, watchedIds).catch((error: unknown) =>
      logger.warn({ err: (error as Error).message }, 'watcher: could not check for alerts of removed rules'),
    );
    outbox.kick();
  };
  leadership = options.redis
    ? createRedisLease({
        redis: options.redis,
        key: watcherKeys(prefix).leaderLease,
        ttlMs: schedule.leaseTtlMs,
        renewMs: schedule.leaseRenewMs,
        logger,
        onChange: onLeadership,
        outage: outageStore &&
          options.outage && { signal: options.outage, goAlone: outageStore.goAlone, writeBack: outageStore.writeBack, drop: outageStore.drop },
      })
    : alwaysLeader();
  const isLeader = () => leadership.isLeader();
  // Followers keep a copy of what they would need to lead alone through an outage.
  const follow = async () => {
    await poller.follow();
    await outageStore?.refresh([...watchedIds]);
    // Followers learn the rules created in chat too (a Silence pressed on any replica names them).
    await currentRules();
  };
  // Rules changed in chat are versions over the file's: every poll reads the current ones.
  const ruleStore = options.ruleStore ?? (options.redis ? createRedisRuleStore({ redis: options.redis, prefix }) : createMemoryRuleStore());
  const zoneOf = (sourceId: string) => options.sources.find((s) => s.id === sourceId)?.timeZone ?? 'UTC';
  const announce = async (channels: readonly string[], reply: Reply) => {
    const createdAt = new Date().toISOString();
    await store.enqueue(channels.map((channel) => ({ kind: 'message' as const, id: randomUUID(), channel, reply, createdAt })));
    outbox.kick();
  };
  const ruleEditing = createRuleEditing({
    config,
    store: ruleStore,
    history: options.history,
    announce,
    now,
    zoneOf,
    localeOf,
    watchedSources: new Set(rules.map((r) => r.source)),
  });
  const knownSources = new Set(options.sources.map((s) => s.id));
  let lastRules: readonly WatchRule[] = rules;
  const reading = failureState(logger, {
    failing: 'watcher: could not read the rules changed in chat; polling with the last ones read (logged again when it recovers)',
    recovered: 'watcher: the rules changed in chat can be read again',
  });
  async function currentRules(): Promise<readonly WatchRule[]> {
    try {
      const next = (await ruleEditing.watched()).filter((r) => knownSources.has(r.source));
      reading.ok('rules');
      const before = new Set(lastRules.map((r) => r.id));
      lastRules = next;
      // Rules created in chat may be silenced like the file's.
      for (const rule of next) ruleIds.add(rule.id);
      // A rule turned off in chat: its open alert ends, its message updated in place.
      if (next.some((r) => !before.has(r.id)) || before.size !== next.length) {
        const ids = new Set([...next.map((r) => r.id), ...poller.watched.map((s) => figuresRuleId(s.id))]);
        if (isLeader()) await closeOrphans(engine, ids);
      }
    } catch (error) {
      reading.failed('rules', { err: (error as Error).message });
    }
    return lastRules;
  }
  const poller = createPoller({
    sources: options.sources,
    rules,
    currentRules,
    store,
    logger,
    isLeader,
    engine,
    history: options.history,
    onPolled: options.onPolled,
  });
  // What may have open alerts: the rules, and each watched source's own "no figures" alert.
  const watchedIds = new Set([...ruleIds, ...poller.watched.map((s) => figuresRuleId(s.id))]);
  const alerts = createAlertService({ store, ruleIds, now, kick: () => outbox.kick() });
  const scheduled: Scheduled[] = [];
  let started = false;

  function announceProblems(): void {
    for (const p of problems) logger.warn({ rule: p.ruleId }, `watcher: ${p.message}`);
    for (const p of summaryProblems) logger.warn(`watcher: ${p}`);
    for (const rule of rules) {
      const source = options.sources.find((s) => s.id === rule.source);
      const gap = source && capabilityGap(rule, source);
      if (gap) logger.warn({ rule: rule.id, source: rule.source }, `watcher: rule ${rule.id} will never fire: ${gap}`);
    }
  }

  function schedulePolls(): void {
    for (const source of poller.watched) {
      const tick = async () => (isLeader() ? poller.poll(source.id) : follow());
      if (schedule.pollIntervalMs) {
        scheduled.push(onInterval({ intervalMs: schedule.pollIntervalMs, name: `poll:${source.id}`, run: tick, logger }));
        continue;
      }
      const configured = config.sources[source.id]?.poll;
      let expression = configured ?? defaultPollCron(source);
      if (!isValidCron(expression)) {
        logger.error(
          { source: source.id, poll: configured },
          `watcher: poll schedule "${configured}" of source ${source.id} is not a cron expression; polling on the default instead`,
        );
        expression = defaultPollCron(source);
      }
      scheduled.push(onCron({ expression, timeZone: source.timeZone, name: `poll:${source.id}`, run: tick, logger }));
    }
  }

  function scheduleSummaries(): void {
    for (const summary of summaries) {
      if (!isValidCron(summary.cron)) {
        logger.error(
          { summary: summary.id, cron: summary.cron },
          `watcher: summary ${summary.id} has cron "${summary.cron}", which is not a cron expression; it will not run`,
        );
        continue;
      }
      const run = async (at: Date) => {
        // One post per slot, even if leadership moved around the minute it was due.
        if (!isLeader() || !(await store.claim(`summary:${summary.id}:${at.toISOString()}`, 2 * 86_400_000))) return;
        await runSummaryNow({ summary, store, now: now(), logger });
        outbox.kick();
      };
      const common = { expression: summary.cron, timeZone: summary.timeZone, name: `summary:${summary.id}`, run, logger };
      scheduled.push(schedule.summaryTickMs ? onClockCron({ ...common, tickMs: schedule.summaryTickMs, now }) : onCron(common));
    }
  }

  return {
    alerts,
    rules: ruleEditing,
    store,
    isLeader,
    leadingAlone: () => leadership.leadingAlone(),
    lastPolls: () => poller.lastPolls(),
    async start() {
      if (started) return;
      started = true;
      announceProblems();
      await leadership.start();
      if (!options.redis) onLeadership(true);
      outbox.start();
      schedulePolls();
      scheduleSummaries();
      logger.info(
        { rules: rules.length, sources: poller.watched.map((s) => s.id), summaries: summaries.length, shared: Boolean(options.redis) },
        'watcher: started',
      );
    },
    async stop() {
      for (const s of scheduled.splice(0)) s.stop();
      // A vendor call can take up to its timeout; do not hold shutdown that long.
      await Promise.race([poller.idle(), new Promise((resolve) => setTimeout(resolve, schedule.flushMs ?? 2_000).unref())]);
      await outbox.stop(schedule.flushMs ?? 2_000);
      await leadership.stop();
      started = false;
    },
    async pollOnce() {
      if (!isLeader()) return follow();
      await poller.pollAll();
      await outbox.drain();
    },
    async runSummary(id) {
      const summary = summaries.find((s) => s.id === id);
      if (!summary) return undefined;
      const reply = await runSummaryNow({ summary, store, now: now(), logger });
      await outbox.drain();
      return reply;
    },
    deliver: () => outbox.drain(),
    pendingDeliveries: () => store.pendingCount(),
  };
}
