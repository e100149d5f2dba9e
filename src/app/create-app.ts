import type { DestinationStream } from 'pino';
import { commands as allCommands } from '../../commands/index.js';
import { commandNaming } from '../router/command-prefix.js';
import { attachChartLink, platformWithCharts, routerWithCharts } from '../charts/attach-charts.js';
import { CHART_ROUTE, chartSecretFrom, createChartLinks } from '../charts/chart-links.js';
import { renderChartPng, warmUpCharts } from '../charts/render-chart.js';
import { startBackfill, createMemoryHistory, createRedisHistory, type History } from '../history/index.js';
import type { AuditSink } from '../audit/audit-sink.js';
import { auditEntryOf } from '../audit/audit-points.js';
import { openAuditSink } from '../audit/json-lines-sink.js';
import { createLogger, type Logger } from '../log/logger.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { createConsolePlatform } from '../platforms/console/console-platform.js';
import type { ChatPlatform } from '../domain/chat-platform.js';
import type { SlackApp } from '../platforms/slack/index.js';
import type { TeamsApp } from '../platforms/teams/index.js';
import { createMemoryQuotaGate, createRedisQuotaGate, startTokenReconciler, type QuotaGate, type TokenReconciler } from '../quota/index.js';
import { createRouter, type Router } from '../router/router.js';
import { answerAfter } from '../router/answer-timer.js';
import { createSourceDirectory } from '../router/source-directory.js';
import { createMemoryAskerLedger, createRedisAskerLedger } from '../quota/asker-ledger.js';
import { createMemoryDayIndex } from '../domain/day-index.js';
import { createRedisDayIndex } from '../sources/redis-day-index.js';
import type { Source } from '../sources/source.js';
import { createWatcher, watcherReadiness, type OutageSignal, type Watcher } from '../watcher/watcher.js';
import { healthRoutes, type ReadinessCheck } from '../http/health-routes.js';
import { policyPages } from '../http/policy-pages.js';
import { startHttpServer, type RouteHandler, type RunningServer } from '../http/server.js';
import { buildSources } from './build-sources.js';
import { createLiveFloor } from './live-floor.js';
import { describeStartup } from './describe-startup.js';
import type { Settings } from './settings.js';
import { connectRedis, firstConnection } from '../redis/connect.js';
import { DEFAULT_REDIS_PREFIX } from '../redis/redis-settings.js';

export interface AppOptions {
  settings: Settings;
  /** Where log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** The audit trail (default: AUDIT_LOG, else standard output). */
  audit?: AuditSink;
  /** Where console alerts and summaries print (default stdout). */
  write?: (text: string) => void;
  /** Run the watcher (alerts and summaries). */
  watch: boolean;
  /** Set up Slack and Teams (false for `chatops ask`, which answers once on the terminal). */
  platforms?: boolean;
  now?: () => Date;
}

export interface App {
  router: Router;
  logger: Logger;
  metrics: Metrics;
  sources: Source[];
  /** Start the HTTP server (and Socket Mode); resolves with the port. */
  serve(): Promise<number>;
  /** Lines saying what is on and what is missing. */
  describe(): string[];
  /** A command as people type it here: `/queue` -> `/cc-queue` with SLACK_COMMAND_PREFIX=cc-. */
  asTyped(commandText: string): string;
  /** Stop taking requests, let in-flight commands finish (bounded), release leases, flush. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The watcher's view of a Redis outage: the quota gate's own signal (it works on local limits)
 * and the replica roster it keeps, so the first replica of that roster leads alone meanwhile.
 */
function watcherOutage(gate: QuotaGate): OutageSignal {
  return { redisDown: () => gate.mode() === 'local', roster: () => gate.replicas?.() };
}

/** Builds the whole bot from settings: sources behind the gate, router, platforms, watcher. */
export async function createApp(options: AppOptions): Promise<App> {
  const { settings } = options;
  const config = settings.loaded.config;
  const logger = createLogger({ level: settings.logLevel, secrets: settings.secrets, destination: options.logDestination });
  const metrics = createMetrics();
  const now = options.now;
  const audit = options.audit ?? openAuditSink(settings.auditLog);

  // One client for the gate, the watcher and the Teams store (the gate adds its own subscriber):
  // one server, a Sentinel-managed master or a Cluster, as the environment says.
  const redis = settings.redis ? connectRedis(settings.redis) : undefined;
  // Every key starts with the deployment's prefix: two deployments on one Redis share nothing.
  const prefix = settings.redis?.prefix ?? DEFAULT_REDIS_PREFIX;
  redis?.on('error', () => undefined); // the gate and readiness report outages; avoid an unhandled 'error' event
  const gate: QuotaGate = redis
    ? createRedisQuotaGate({ redis, prefix: `${prefix}:quota`, metrics, logger })
    : createMemoryQuotaGate({ metrics, logger, now: now ? () => now().getTime() : undefined });
  // What past days' reports hold, shared by replicas: a lookup of an id no day has costs nothing twice.
  const dayIndex = redis ? createRedisDayIndex({ redis, prefix: `${prefix}:days`, logger }) : createMemoryDayIndex();
  const { sources, adapters, close: closeSources } = buildSources({ config, gate, logger, now, dayIndex });
  // Each person's costly commands (lookups, long ranges) have an hourly share of vendor requests.
  const askerLedger = redis ? createRedisAskerLedger({ redis, prefix: `${prefix}:askers`, logger }) : createMemoryAskerLedger();
  const history: History = redis ? createRedisHistory({ redis, prefix }) : createMemoryHistory();
  // The demo fills its past from its simulation, so trends show from the first minute: into Redis
  // once connected (a client still connecting refuses writes at once; a Redis that stays away
  // costs at most 2 s here, and the backfill then says it could not write).
  if (redis) await firstConnection(redis, 2_000);
  const backfill = startBackfill({ history, adapters, now: now?.() ?? new Date(), logger });
  await backfill.ready;
  const directory = createSourceDirectory(sources);

  // Posting sides first: the watcher posts through them, and the router needs the watcher's alerts.
  // Commands as people type them here (SLACK_COMMAND_PREFIX), for the text rendering's button hints.
  const naming = commandNaming(
    settings.commandPrefix,
    allCommands.map((c) => c.name.toLowerCase()),
  );
  // Piped or in a container, the console channel's posts are log lines like the rest (JSON), not
  // multi-line text between them; on a terminal they print as text.
  const writeConsole =
    options.write ??
    (process.stdout.isTTY ? undefined : (text: string) => logger.info({ text: text.replace(/^\n+|\n+$/g, '') }, 'posted to the console channel'));
  const platforms: ChatPlatform[] = [createConsolePlatform(writeConsole, { now, asTyped: naming.command })];
  const withPlatforms = options.platforms ?? true;
  const slackModule = withPlatforms && settings.slack ? await import('../platforms/slack/index.js') : undefined;
  const teamsModule = withPlatforms ? await import('../platforms/teams/index.js') : undefined;
  const slackPost =
    slackModule && settings.slack ? slackModule.createSlackPost({ ...settings.slack, logger, metrics, renderChart: renderChartPng }) : undefined;
  const teamsOptions = teamsModule && {
    ...settings.teams,
    store: redis ? teamsModule.createRedisConversationStore({ redis, prefix: `${prefix}:teams:` }) : teamsModule.createMemoryConversationStore(),
    logger,
    metrics,
    // Only when asked for by name (the local emulator), whatever NODE_ENV says.
    allowAnonymous: settings.teams.allowAnonymous && !settings.teams.appId,
  };
  const teamsPost = teamsModule && teamsOptions ? teamsModule.createTeamsPost(teamsOptions) : undefined;
  // Teams shows chart images from a URL: signed, expiring links served by this process.
  const links =
    teamsPost && settings.publicUrl
      ? createChartLinks({ publicUrl: settings.publicUrl, secret: chartSecretFrom(settings.teams.appPassword), redis, prefix, logger })
      : undefined;
  const attachTeams = links ? attachChartLink((chart, options) => links.link(chart, options)) : undefined;
  if (slackPost) platforms.push(slackPost.platform);
  if (teamsModule && teamsPost)
    platforms.push(
      attachTeams ? platformWithCharts(teamsPost.platform, attachTeams) : teamsPost.platform,
      teamsModule.createTeamsWebhookPlatform({ logger, metrics }),
    );

  // The live floor: the leader publishes each poll; every replica relays it to its open wallboards.
  const floor = options.watch && config.watcher.enabled ? createLiveFloor({ settings, redis, prefix, logger, history }) : undefined;
  const watcher: Watcher | undefined =
    options.watch && config.watcher.enabled
      ? createWatcher({
          config,
          sources,
          platforms,
          redis,
          prefix,
          logger,
          metrics,
          now,
          history,
          outage: redis ? watcherOutage(gate) : undefined,
          onPolled: floor?.publisher(() => watcher!.store.openAlerts()),
        })
      : undefined;
  const known = new Set(sources.map((s) => s.id));
  const wallboard = floor?.access(new Set(config.alerts.map((a) => a.source).filter((id) => known.has(id))));
  // Every transcript view, acknowledgement, silence and share goes to the audit sink, whatever LOG_LEVEL says.
  const router = createRouter({
    commands: allCommands,
    config,
    sources: directory,
    logger,
    metrics,
    alerts: watcher?.alerts,
    ruleEditing: watcher?.rules,
    history,
    wallboard,
    now,
    askerLedger,
    commandPrefix: settings.commandPrefix,
    answerTimer: answerAfter(settings.answerWithinMs),
    audit: (entry) => audit.record(auditEntryOf(entry)),
  });

  // The chart renderer loads in the background (seconds of CPU); /readyz waits for it, so a load
  // balancer sends no command to a replica still busy loading it.
  let charts: 'off' | 'loading' | 'ready' | 'failed' = slackPost || links ? 'loading' : 'off';
  if (charts === 'loading') {
    const loading = performance.now();
    warmUpCharts().then(
      () => {
        charts = 'ready';
        logger.info({ ms: Math.round(performance.now() - loading) }, 'charts: the chart renderer is loaded; /readyz says ready');
      },
      (error: unknown) => {
        charts = 'failed';
        logger.warn({ err: (error as Error).message }, 'charts: the chart renderer did not load; answers go without pictures');
      },
    );
  }

  // Receiving sides last: every inbound event goes to the router.
  const routes: Record<string, RouteHandler> = { ...floor?.routes };
  let slack: SlackApp | undefined;
  let teams: TeamsApp | undefined;
  if (slackModule && settings.slack && slackPost) {
    slack = slackModule.createSlackApp({
      ...settings.slack,
      router,
      post: slackPost,
      logger,
      metrics,
      access: config.access,
      renderChart: renderChartPng,
      // The Home tab shows the live floor, with a desk link to the wallboard when links can be made.
      home:
        floor && wallboard
          ? {
              floor: floor.bus,
              sources: [...wallboard.watched],
              link: async () => (wallboard.problem || !settings.publicUrl ? undefined : (await wallboard.link([...wallboard.watched], 'desk')).url),
            }
          : undefined,
    });
    routes['POST /slack/events'] = slack.handler;
  }
  if (teamsModule && teamsOptions && teamsPost) {
    teams = teamsModule.createTeamsApp({
      ...teamsOptions,
      router: attachTeams ? routerWithCharts(router, attachTeams) : router,
      post: teamsPost,
    });
    routes['POST /api/messages'] = teams.handler;
    if (links) routes[`GET ${CHART_ROUTE}`] = links.handler;
    // The personal tab's wallboard link, for a user Teams signed in (SSO token for this app and a tenant served).
    if (wallboard && settings.teams.appId) {
      const tenantIds = settings.teams.tenantIds.length ? settings.teams.tenantIds : settings.teams.tenantId ? [settings.teams.tenantId] : [];
      routes[`POST ${teamsModule.TEAMS_TAB_LINK_ROUTE}`] = teamsModule.teamsTabLink({
        verify: teamsModule.tabTokenVerifier({ appId: settings.teams.appId, tenantIds, keysUrl: settings.teams.keysUrl }),
        link: async () => (wallboard.problem || !settings.publicUrl ? undefined : (await wallboard.link([...wallboard.watched], 'desk')).url),
        logger,
      });
    }
  }

  const reconciler: TokenReconciler | undefined = options.watch ? startTokenReconciler({ gate, sources, logger }) : undefined;
  await watcher?.start();

  let accepting = true;
  let server: RunningServer | undefined;
  const checks: ReadinessCheck[] = [
    // Says what runs, never where the file lives: /readyz is often reachable from outside.
    {
      name: 'configuration',
      check: async () => ({ ok: true, detail: settings.embedded ? 'embedded demo' : `loaded (${sources.length} source${sources.length === 1 ? '' : 's'})` }),
    },
    {
      name: 'quota',
      check: async () => {
        const health = gate.health();
        const shared = health.replicas ? `shared by ${health.replicas} replica${health.replicas === 1 ? '' : 's'}` : health.mode;
        return { ok: !health.degraded, required: false, detail: health.degraded ?? shared };
      },
    },
  ];
  if (redis) {
    // Not required: without Redis every replica keeps answering on its own part of the limits.
    checks.push({
      name: 'redis',
      check: async () => {
        const answering = await redis.ping().then(
          (pong) => pong === 'PONG',
          () => false,
        );
        return {
          ok: answering,
          required: false,
          detail: answering ? 'answering' : 'unreachable: each replica answers on its own part of the vendor limits until it returns',
        };
      },
    });
  }
  if (charts !== 'off') {
    checks.push({
      name: 'charts',
      check: async () => ({
        ok: charts !== 'loading',
        required: true,
        detail: charts === 'loading' ? 'loading the chart renderer' : charts === 'ready' ? 'ready' : 'renderer did not load: answers go without pictures',
      }),
    });
  }
  if (watcher) checks.push(watcherReadiness(watcher));

  return {
    router,
    logger,
    metrics,
    sources,
    async serve() {
      Object.assign(routes, healthRoutes({ metrics, checks, accepting: () => accepting }), policyPages());
      server = await startHttpServer({ port: settings.port, routes, logger });
      await slack?.start();
      return server.port;
    },
    asTyped: naming.command,
    describe: () =>
      describeStartup({
        settings,
        sources,
        gateMode: gate.mode(),
        slack: !!slack,
        teams: teams ? (teams.anonymous ? 'anonymous' : settings.teams.appId ? 'on' : 'off') : 'off',
        watching: !!watcher,
      }),
    async stop(graceMs = 10_000) {
      accepting = false;
      const deadline = Date.now() + graceMs;
      // Open wallboards end first (they reconnect to another replica): the server then drains at once.
      floor?.hub.close();
      await server?.close(graceMs);
      await router.drain(Math.max(0, deadline - Date.now()));
      await slack?.stop();
      reconciler?.stop();
      await backfill.stop();
      await watcher?.stop();
      await floor?.close();
      await gate.close();
      await Promise.all(adapters.map((a) => a.close?.().catch(() => undefined)));
      await closeSources().catch(() => undefined);
      redis?.disconnect();
      await audit.close();
      logger.flush?.();
    },
  };
}
