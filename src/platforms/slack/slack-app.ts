import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AccessConfig } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { CommandRouter } from '../../router/types.js';
import type { ChatPlatform } from '../../domain/chat-platform.js';
import { platformWithCharts, routerWithCharts } from '../../charts/attach-charts.js';
import type { ReplyChart } from '../../reply/chart.js';
import { createGroupLookup } from './asker.js';
import { createLocaleLookup } from './user-locale.js';
import { attachSlackChart } from './chart-upload.js';
import { boltLogger } from './bolt-logger.js';
import { registerHomeTab, type HomeTabOptions } from './home-tab.js';
import { registerReceivers } from './receive.js';
import { HandlerReceiver } from './receiver.js';
import { createRespond } from './respond.js';
import { createWorkspaceGate, responseUrlAllowList, workspaceOf } from './admission.js';
import { hostOf } from '../../http/outbound-urls.js';
import { SlackPlatform } from './post.js';

/** The posting side: enough to post, update and thread without receiving anything. */
export interface SlackPostOptions {
  /** SLACK_BOT_TOKEN (`xoxb-…`). */
  botToken: string;
  /** SLACK_API_URL: Web API base for proxies and tests (default https://slack.com/api/). */
  apiUrl?: string;
  logger: Logger;
  metrics: Metrics;
  /** Web API and response_url timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /**
   * Draws a reply's chart as PNG. When set, answers and posts with a chart carry it as an image
   * block over a private file upload (no public URL needed).
   */
  renderChart?: (chart: ReplyChart) => Promise<Buffer>;
}

export interface SlackPost {
  client: webApi.WebClient;
  /** Posts, updates and threads by `slack:C…` reference (for the watcher and summaries). */
  platform: ChatPlatform;
}

export interface SlackAppOptions extends SlackPostOptions {
  /** SLACK_SIGNING_SECRET: verifies that requests come from Slack. */
  signingSecret: string;
  /** SLACK_APP_TOKEN (`xapp-…`): when set, `start()` also connects over Socket Mode. */
  appToken?: string;
  /** Every command and button press goes to it (access, limits and audit are decided there). */
  router: CommandRouter;
  /** The posting side, when it was made first (the watcher needs it before the router exists). */
  post?: SlackPost;
  /**
   * An answer ready within this long of the request's arrival is the ack itself; later ones
   * follow via response_url. Default 500 ms, well inside a 1 s ack budget, at most 2000: the rest
   * of Slack's 3 s is margin for a loaded process and the network.
   */
  ackBudgetMs?: number;
  /**
   * The `access` section of the configuration: its `slackGroups` are resolved per user
   * (usergroups.users.list, cached `groupCacheMs`) and passed to the router with each event.
   */
  access?: AccessConfig;
  /** How long user-group membership is cached. Default 5 minutes. */
  groupCacheMs?: number;
  /**
   * SLACK_TEAM_IDS: the workspaces served. Default: the bot token's own (`auth.test`'s team, or
   * its organization for an org-wide Enterprise Grid install). Requests from any other are refused.
   */
  teamIds?: readonly string[];
  /** The App Home tab's live floor (`app_home_opened`); absent: no Home tab. */
  home?: HomeTabOptions;
}

export interface SlackApp {
  /** Mount at `POST /slack/events`: slash commands and button presses, signature-checked. */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Posts, updates and threads by `slack:C…` reference (for the watcher and summaries). */
  platform: ChatPlatform;
  /** Checks the bot token (auth.test) and, with an app token, connects over Socket Mode. */
  start(): Promise<void>;
  /** Disconnects Socket Mode and waits (up to 5 s) for answers still being delivered. */
  stop(): Promise<void>;
}

/**
 * The Slack side of the bot over Bolt: one Bolt app fed by the shared HTTP server (through
 * `handler`) and, when `appToken` is set, by Socket Mode as well.
 *
 * @example
 *   const slack = createSlackApp({ signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN,
 *     appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL, router, logger, metrics, access: config.access });
 *   routes['POST /slack/events'] = slack.handler;
 *   platforms.push(slack.platform);
 *   await slack.start();
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  if (!options.signingSecret?.trim()) {
    throw new Error("The Slack signing secret is empty: set SLACK_SIGNING_SECRET to the Signing Secret on your Slack app's Basic Information page");
  }
  if (options.appToken !== undefined && !options.appToken.startsWith('xapp-')) {
    throw new Error('SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope, or unset to receive requests over HTTP');
  }
  const { client, platform } = options.post ?? createSlackPost(options);
  const log = options.logger.child({ platform: 'slack' });
  const bolt = boltLogger(log);
  const clientOptions = slackClientOptions(options, bolt);

  const receiver = new HandlerReceiver({ signingSecret: options.signingSecret, logger: bolt });
  const socket = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger: bolt, installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } })
    : undefined;
  const app = new App({
    receiver: socket ?? receiver,
    logger: bolt,
    clientOptions,
    // A single workspace and a known token: no auth.test on the request path.
    authorize: async () => ({ botToken: options.botToken }),
    ignoreSelf: false,
    // Commands and buttons carry all they need; Bolt's conversation store would only add work.
    convoStore: false,
  });
  // One app, two doors: HTTP always works, Socket Mode when configured.
  if (socket) receiver.init(app);

  // Only the installed workspace, and only Slack's response URLs: judged once per request, before
  // any listener runs, for HTTP and Socket Mode alike.
  const allowedResponseUrl = responseUrlAllowList(options.apiUrl);
  const workspace = createWorkspaceGate({ client, teamIds: options.teamIds, logger: log });
  app.use(async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const responseUrl = body.response_url;
    const refusal =
      responseUrl !== undefined && (typeof responseUrl !== 'string' || !allowedResponseUrl(responseUrl))
        ? `its response_url (${typeof responseUrl === 'string' ? hostOf(responseUrl) : typeof responseUrl}) is not on Slack`
        : await workspace.refusal(workspaceOf(body));
    if (!refusal) return args.next();
    log.warn({ type: body.type ?? (body.command ? 'slash_command' : undefined) }, `Slack request refused: ${refusal}`);
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (ack) await ack(body.command ? { response_type: 'ephemeral', text: 'This app serves only the workspace it is installed in.' } : undefined);
  });

  const supervisors = options.access?.supervisors;
  const deps = {
    // Answers with a chart carry it as an uploaded image (see chart-upload.ts).
    router: options.renderChart ? routerWithCharts(options.router, attachSlackChart(client, options.renderChart, log)) : options.router,
    respond: createRespond({ logger: log, timeoutMs: options.requestTimeoutMs, allowed: allowedResponseUrl }),
    groupsOf: createGroupLookup({ client, groups: supervisors?.slackGroups ?? [], ttlMs: options.groupCacheMs, logger: log }),
    localeOf: createLocaleLookup({ client, logger: log }),
    logger: log,
    // Slack gives up on an ack after 3 s; under load the ack itself needs room to travel.
    ackBudgetMs: Math.min(options.ackBudgetMs ?? 500, 2000),
    // Late answers (response_url) count in the router's in-flight count: shutdown drains them too.
    track: (work: Promise<unknown>) => options.router.track?.(work.catch(() => undefined)),
  };
  registerReceivers(app, deps);
  const stopHome = options.home ? registerHomeTab(app, client, options.home, log) : undefined;
  app.error(async (error) => {
    log.error({ err: error }, 'Slack event handling failed');
  });

  return {
    handler: receiver.handle,
    platform,
    async start() {
      try {
        const who = await client.auth.test();
        workspace.learn(who);
        log.info({ team: who.team, bot: who.user }, 'Slack bot token accepted');
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
          throw new Error(`Slack refused the bot token (${code}): check SLACK_BOT_TOKEN (xoxb-…) and that the app is installed in the workspace`);
        }
        // Slack unreachable at boot is not fatal: commands verify by signature, posts retry.
        log.warn({ err: error }, 'could not reach Slack to check the bot token; carrying on');
      }
      if (socket) {
        await app.start();
        log.info('Slack Socket Mode connected');
      }
    },
    /** Closes Socket Mode. Late answers in flight are the router's to drain (`router.drain`). */
    async stop() {
      stopHome?.();
      if (socket) await app.stop();
    },
  };
}

/**
 * The Web API client and the posting platform, without receiving anything: the watcher posts
 * through it before the router (which needs the watcher's alerts) exists.
 *
 * @example
 *   const post = createSlackPost({ botToken: env.SLACK_BOT_TOKEN, logger, metrics });
 *   platforms.push(post.platform);
 */
export function createSlackPost(options: SlackPostOptions): SlackPost {
  if (!options.botToken?.startsWith('xox')) {
    throw new Error('The Slack bot token is missing or malformed: set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from OAuth & Permissions');
  }
  const client = new webApi.WebClient(options.botToken, slackClientOptions(options, boltLogger(options.logger.child({ platform: 'slack' }))));
  const platform = new SlackPlatform(client, options.metrics);
  if (!options.renderChart) return { client, platform };
  return { client, platform: platformWithCharts(platform, attachSlackChart(client, options.renderChart, options.logger.child({ platform: 'slack' }))) };
}

function slackClientOptions(options: SlackPostOptions, logger: webApi.WebClientOptions['logger']): webApi.WebClientOptions {
  return {
    logger,
    slackApiUrl: withSlash(options.apiUrl ?? 'https://slack.com/api/'),
    // The watcher's outbox owns retrying: a 429 must come back at once with its Retry-After.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.requestTimeoutMs ?? 10_000,
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
