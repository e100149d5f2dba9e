import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatPlatform } from '../../domain/chat-platform.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { CommandRouter } from '../../router/types.js';
import { createBotAdapter, type TeamsAuthMode, type TeamsCloudAdapter, type TeamsCredentials } from './auth.js';
import { defaultRetryPolicy, oneAttempt, type RetryPolicy } from './connector.js';
import type { ConversationStore } from './conversation-store.js';
import { createMessagesHandler } from './receiver.js';
import { createTurnLogic } from './receive.js';
import { createTeamsPlatform } from './post.js';
import { serviceUrlAllowList, tenantAllowed } from './admission.js';

/** The posting side: the authenticated adapter and proactive delivery, without receiving anything. */
export interface TeamsPostOptions extends TeamsCredentials {
  store: ConversationStore;
  logger: Logger;
  metrics: Metrics;
  /**
   * Accept unsigned requests when no app id is set: the Bot Framework Emulator on a laptop,
   * asked for by name (TEAMS_ALLOW_ANONYMOUS=true). Ignored when an app id is set.
   */
  allowAnonymous?: boolean;
  /** Connector 429 handling; tests shorten the waits. */
  retry?: Partial<RetryPolicy>;
  /**
   * TEAMS_SERVICE_URLS: connector bases the bot may post to besides the Bot Framework's own
   * (`http://localhost:3978`-style origins, or host names): the Emulator, a proxy, a test's fake.
   */
  serviceUrls?: readonly string[];
  /** TEAMS_TENANT_IDS: the tenants served; default MICROSOFT_APP_TENANT_ID when set, else any. */
  tenantIds?: readonly string[];
}

export interface TeamsPost {
  adapter: TeamsCloudAdapter;
  mode: TeamsAuthMode;
  /** Proactive delivery to `teams:<conversation id>` / `teams:<alias>` for the watcher and summaries. */
  platform: ChatPlatform;
}

export interface TeamsAppOptions extends TeamsPostOptions {
  /** Every message and card action goes to it (access, limits and audit are decided there). */
  router: CommandRouter;
  /** The posting side, when it was made first (the watcher needs it before the router exists). */
  post?: TeamsPost;
  now?: () => Date;
}

export interface TeamsApp {
  /** Serve `POST /api/messages` with it. Never throws. */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Proactive delivery to `teams:<conversation id>` / `teams:<alias>` for the watcher and summaries. */
  platform: ChatPlatform;
  /** True when requests are accepted without a Bot Framework token (no app id, local development). */
  anonymous: boolean;
}

/**
 * The Microsoft Teams side of the bot over botbuilder's CloudAdapter. Commands come as
 * messages (`@Bot queue`, `queue`, `/queue`) in 1:1 chats, group chats and channels, and as
 * card buttons; answers are Adaptive Cards. Conversation references are saved on install and
 * on every message so that `platform` can post later.
 *
 * Throws TeamsConfigError at start for inconsistent credentials (the message names the variable).
 *
 * @example
 *   const teams = createTeamsApp({
 *     appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD,
 *     tenantId: env.MICROSOFT_APP_TENANT_ID, appType: env.MICROSOFT_APP_TYPE,
 *     allowAnonymous: env.TEAMS_ALLOW_ANONYMOUS === 'true' && !env.MICROSOFT_APP_ID,
 *     router, store: createMemoryConversationStore(), logger, metrics,
 *   });
 *   // in the node:http server: if (req.method === 'POST' && path === '/api/messages') return teams.handler(req, res);
 */
export function createTeamsApp(options: TeamsAppOptions): TeamsApp {
  const { router, store, logger, metrics } = options;
  const { adapter, mode, platform } = options.post ?? createTeamsPost(options);
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const now = options.now ?? (() => new Date());
  const logic = createTurnLogic({
    router,
    store,
    logger,
    metrics,
    retry,
    now,
  });
  const tenants = options.tenantIds?.length ? options.tenantIds : options.tenantId ? [options.tenantId] : [];
  return {
    handler: createMessagesHandler({
      adapter,
      mode,
      logic,
      logger,
      allowedServiceUrl: serviceUrlAllowList(options.serviceUrls),
      allowedTenant: tenantAllowed(tenants),
    }),
    platform,
    anonymous: mode === 'anonymous',
  };
}

/**
 * The authenticated adapter and proactive delivery, without receiving anything: the watcher
 * posts through it before the router (which needs the watcher's alerts) exists.
 * Throws TeamsConfigError for inconsistent credentials (the message names the variable).
 */
export function createTeamsPost(options: TeamsPostOptions): TeamsPost {
  const { store, logger, metrics } = options;
  const { adapter, mode, appId } = createBotAdapter(options, options.allowAnonymous ?? false, logger);
  const retry = oneAttempt({ ...defaultRetryPolicy, ...options.retry });
  const allowedServiceUrl = serviceUrlAllowList(options.serviceUrls);
  return { adapter, mode, platform: createTeamsPlatform({ adapter, appId, store, logger, metrics, retry, allowedServiceUrl }) };
}
