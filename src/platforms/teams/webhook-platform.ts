import { randomUUID } from 'node:crypto';
import { PlatformError, type ChatPlatform } from '../../domain/chat-platform.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { Reply } from '../../reply/reply.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './card-types.js';
import { callConnector, countingRetries, defaultRetryPolicy, oneAttempt, type RetryPolicy } from './connector.js';
import { parseRetryAfter, type ConnectorFailure } from './errors.js';
import { renderCard } from './render-card.js';
import { snippet } from '../../reply/format.js';

export const TEAMS_WEBHOOK_PREFIX = 'teams-webhook:';

export interface TeamsWebhookPlatformOptions {
  logger: Logger;
  metrics?: Metrics;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/** What a failed webhook call said; `callConnector` reads it to decide on retrying. */
class WebhookFailure extends Error {
  constructor(readonly failure: ConnectorFailure) {
    super(failure.message);
  }
}

/**
 * Alerts-only delivery to a Teams channel through a Workflows ("When a Teams webhook request
 * is received") URL: `teams-webhook:https://…`. No bot install is needed, but nothing comes
 * back: no message id, no buttons (a card posted by the workflow cannot reach this bot, so
 * buttons are left off), and no edits.
 *
 * The URL carries its signature (`sig=`) in the query: it is a secret and is never logged or
 * put in an error message; only its host is.
 *
 * @example
 *   const webhooks = createTeamsWebhookPlatform({ logger });
 *   await webhooks.post('teams-webhook:https://prod-01.westeurope.logic.azure.com/workflows/…', reply);
 */
export function createTeamsWebhookPlatform(options: TeamsWebhookPlatformOptions): ChatPlatform {
  const { logger, metrics } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Alerts only, through the watcher's outbox: one attempt here, the outbox retries.
  const baseRetry = oneAttempt(options.retry ?? defaultRetryPolicy);
  const retry = metrics ? countingRetries(baseRetry, metrics) : baseRetry;

  async function send(channelRef: string, reply: Reply, kind: 'post' | 'update'): Promise<void> {
    const url = webhookUrl(channelRef);
    const label = `teams-webhook:${url.host}`;
    const body = JSON.stringify({
      type: 'message',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: renderCard(reply, { actions: false }) }],
    });
    await callConnector(
      `post to ${label}`,
      () => postOnce(url, body, timeoutMs),
      retry,
      (err) => (err instanceof WebhookFailure ? err.failure : { message: err instanceof Error ? err.name : 'request failed' }),
    );
    metrics?.posts.inc({ platform: 'teams-webhook', kind });
    logger.debug({ webhook: label, kind }, 'Teams webhook: posted');
  }

  return {
    name: 'teams-webhook',
    handles: (channelRef) => channelRef.startsWith(TEAMS_WEBHOOK_PREFIX),
    async post(channelRef, reply) {
      await send(channelRef, reply, 'post');
      // The workflow answers 202 with no message id; the reference only has to lead back to the URL.
      return `${channelRef}#${randomUUID()}`;
    },
    async update(messageRef, reply) {
      // Workflows webhooks cannot edit what they posted: the update (typically "resolved")
      // goes out as a new message in the same channel.
      const hash = messageRef.lastIndexOf('#');
      await send(hash === -1 ? messageRef : messageRef.slice(0, hash), reply, 'update');
    },
  };
}

/** The webhook URL, checked: https, or http to this machine (local tests and proxies). */
function webhookUrl(channelRef: string): URL {
  const raw = channelRef.startsWith(TEAMS_WEBHOOK_PREFIX) ? channelRef.slice(TEAMS_WEBHOOK_PREFIX.length) : '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PlatformError('bad-channel-reference', 'A teams-webhook channel needs a URL: teams-webhook:https://…');
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new PlatformError('bad-channel-reference', `A teams-webhook URL must use https (got ${url.protocol}//${url.host})`);
  }
  return url;
}

async function postOnce(url: URL, body: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    // fetch errors can quote the URL (and its signature); keep only the kind of failure.
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new WebhookFailure({ message: `request failed (${cause})`, code: cause });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return;
  const failure: ConnectorFailure = { status: response.status, message: snippet(text).replace(/sig=[^&\s"]+/g, 'sig=***') || response.statusText };
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (retryAfter !== undefined) failure.retryAfterSeconds = retryAfter;
  throw new WebhookFailure(failure);
}
