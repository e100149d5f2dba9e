import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../../log/logger.js';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readBody, refuseAndClose } from '../../http/body-limit.js';
import { isAuthenticationError, type TeamsAuthMode, type TeamsCloudAdapter } from './auth.js';
import { tokenShapeProblem } from './admission.js';
import { tenantOf } from './conversation-ref.js';
import { hostOf } from '../../http/outbound-urls.js';

/** Teams activities are small; a card submit with its data stays well under this. */
const MAX_BODY_BYTES = DEFAULT_MAX_BODY_BYTES;

export interface MessagesHandlerOptions {
  adapter: TeamsCloudAdapter;
  mode: TeamsAuthMode;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** Whether the bot may post to an activity's `serviceUrl` (see admission.ts). */
  allowedServiceUrl: (url: string) => boolean;
  /** Whether the activity's tenant is served. */
  allowedTenant: (tenantId: string | undefined) => boolean;
}

const UNAUTHORIZED = { error: 'Unauthorized: a valid Bot Framework token is required.' };

/**
 * The `POST /api/messages` handler on plain node:http: reads and parses the body, lets the
 * CloudAdapter authenticate and run the turn, and answers. Never throws; every failure
 * becomes a status code and a log line.
 *
 * Once a non-invoke activity is authenticated, the 200 goes out at once and the turn goes on
 * (answers travel by separate connector calls anyway): the Bot Connector gives up after about
 * 15 s and sends the activity again, which would run a slow command twice. Invokes wait, since
 * their answer is the response body. The returned promise settles when the turn is over, so a
 * server can wait for turns in progress when it shuts down.
 *
 * Every authentication failure is a 401 and one warn line, whatever the SDK threw (a token that
 * fails before the turn starts is an authentication failure). An activity naming a `serviceUrl`
 * outside the Bot Framework (or the configured ones) is refused before anything is sent there,
 * in every mode; so is one from a tenant the bot does not serve.
 */
export function createMessagesHandler(options: MessagesHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { adapter, mode, logic, logger, allowedServiceUrl, allowedTenant } = options;
  return async (req, res) => {
    try {
      if (req.method !== 'POST') return send(res, 405, { error: 'Use POST for Bot Framework activities.' }, { allow: 'POST' });
      // Refusals judged from the headers go out before the body is read, and close the connection.
      if (mode === 'disabled') return refuseAndClose(res, 401, { error: 'Teams is not configured on this bot: MICROSOFT_APP_ID is not set.' });
      const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      if (mode === 'authenticated') {
        const problem = tokenShapeProblem(authHeader);
        if (problem) {
          logger.warn({ reason: problem }, 'Teams: refused a request without a valid Bot Framework token');
          return refuseAndClose(res, 401, UNAUTHORIZED);
        }
      }
      let body: Buffer;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return refuseAndClose(res, 413, { error: `Activity larger than ${MAX_BODY_BYTES} bytes.` });
        throw err;
      }
      const activity = parseActivity(body);
      if (!activity) return send(res, 400, { error: 'Body is not a Bot Framework activity (a JSON object with "type", "serviceUrl" and "conversation.id").' });
      if (!allowedServiceUrl(activity.serviceUrl)) {
        logger.warn(
          { serviceUrl: hostOf(activity.serviceUrl) },
          'Teams: refused an activity whose serviceUrl is not a Bot Framework host (add it to TEAMS_SERVICE_URLS if it is yours)',
        );
        return send(res, 403, { error: 'The activity names a serviceUrl this bot does not post to.' });
      }
      let accepted: () => void = () => undefined;
      const turnStarted = new Promise<'started'>((resolve) => (accepted = () => resolve('started')));
      // Whatever fails before this is set failed authenticating the request.
      let authenticated = false;
      let foreignTenant: string | undefined;
      const turn = adapter.runActivity(authHeader, activity, async (context) => {
        authenticated = true;
        const tenant = tenantOf(context.activity);
        if (!allowedTenant(tenant)) {
          foreignTenant = tenant ?? '(none)';
          return;
        }
        if (context.activity.type !== 'invoke') accepted();
        await logic(context);
      });
      let result: Awaited<typeof turn>;
      try {
        if ((await Promise.race([turn.then(() => 'done' as const), turnStarted])) === 'started') send(res, 200);
        result = await turn;
      } catch (err) {
        if (authenticated && !isAuthenticationError(err)) throw err;
        if (keysUnavailable(err)) {
          // The caller may be fine: the Bot Framework's keys could not be fetched. It retries a 503.
          logger.warn({ reason: reasonOf(err) }, 'Teams: could not fetch the Bot Framework signing keys to check a token');
          return send(res, 503, { error: 'The bot cannot check tokens right now; try again.' });
        }
        logger.warn({ reason: reasonOf(err) }, 'Teams: refused a request without a valid Bot Framework token');
        return send(res, 401, UNAUTHORIZED);
      }
      if (foreignTenant) {
        logger.warn({ tenant: foreignTenant }, 'Teams: refused an activity from a tenant this bot does not serve');
        return send(res, 403, { error: 'This bot does not serve your organization.' });
      }
      return send(res, result?.status ?? 200, result?.body);
    } catch (err) {
      logger.error({ err }, 'Teams: failed to process an activity');
      return send(res, 500, { error: 'The bot failed to process this activity.' });
    }
  };
}

/** The SDK's "Failed to load openID config / Keys" (an AuthenticationError carrying a 500), or the fetch of them failing. */
function keysUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'FetchError') return true;
  return err.constructor.name === 'AuthenticationError' && (err as { statusCode?: unknown }).statusCode === 500;
}

/** One short line about why a token failed: the SDK's message, never the token. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '<token>').slice(0, 200);
}

function parseActivity(body: Buffer): Activity | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const activity = value as Activity & { timestamp?: unknown };
  if (typeof activity.type !== 'string') return undefined;
  // What the adapter and the turn read without checking: a missing one would fail deep inside.
  if (typeof activity.serviceUrl !== 'string' || !isObject(activity.conversation) || typeof activity.conversation.id !== 'string') return undefined;
  for (const key of ['from', 'recipient', 'channelData'] as const) {
    if (activity[key] !== undefined && !isObject(activity[key])) return undefined;
  }
  if (activity.text !== undefined && typeof activity.text !== 'string') return undefined;
  if (activity.entities !== undefined && !Array.isArray(activity.entities)) return undefined;
  if (activity.membersAdded !== undefined && !Array.isArray(activity.membersAdded)) return undefined;
  if (activity.membersRemoved !== undefined && !Array.isArray(activity.membersRemoved)) return undefined;
  // The SDK's own entry point turns these into Dates; its code expects that.
  if (typeof activity.timestamp === 'string') activity.timestamp = new Date(activity.timestamp);
  return activity;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
