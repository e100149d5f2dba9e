import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatPlatform } from '../chat-platform.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { Asker, CommandRouter } from '../../router/types.js';
import type { AlertService } from '../../watcher/alert-service.js';
import { createBotAdapter, type TeamsCredentials } from './auth.js';
import { defaultRetryPolicy, type RetryPolicy } from './connector.js';
import type { ConversationStore } from './conversation-store.js';
import { createMessagesHandler } from './http-handler.js';
import { createTurnLogic } from './receive.js';
import { createTeamsPlatform } from './teams-platform.js';

export interface TeamsAppOptions extends TeamsCredentials {
  /** Runs commands, and the Ack / Silence buttons as `/alerts ack|silence` (so its access rules apply). */
  router: CommandRouter;
  /**
   * @deprecated Ignored: Ack / Silence go through the router's `/alerts`, which holds the alert
   * service. Accepted so callers written to the first version of this contract still compile.
   */
  alerts?: AlertService;
  store: ConversationStore;
  logger: Logger;
  metrics: Metrics;
  /**
   * Accept unsigned requests when no app id is set. Only for local development: set it when
   * NODE_ENV !== 'production' and MICROSOFT_APP_ID is empty. Ignored when an app id is set.
   */
  allowAnonymous?: boolean;
  /** Who may bind a channel alias with `@Bot link <name>`; default everyone. */
  authorizeLink?: (asker: Asker) => boolean | Promise<boolean>;
  /** Connector 429 handling; tests shorten the waits. */
  retry?: Partial<RetryPolicy>;
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
 *     allowAnonymous: env.NODE_ENV !== 'production' && !env.MICROSOFT_APP_ID,
 *     router, store: createMemoryConversationStore(), logger, metrics,
 *   });
 *   // in the node:http server: if (req.method === 'POST' && path === '/api/messages') return teams.handler(req, res);
 */
export function createTeamsApp(options: TeamsAppOptions): TeamsApp {
  const { router, store, logger, metrics } = options;
  const { adapter, mode, appId } = createBotAdapter(options, options.allowAnonymous ?? false, logger);
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const now = options.now ?? (() => new Date());
  const logic = createTurnLogic({
    router,
    store,
    logger,
    metrics,
    retry,
    now,
    ...(options.authorizeLink ? { authorizeLink: options.authorizeLink } : {}),
  });
  return {
    handler: createMessagesHandler({ adapter, mode, logic, logger }),
    platform: createTeamsPlatform({ adapter, appId, store, logger, metrics, retry }),
    anonymous: mode === 'anonymous',
  };
}
