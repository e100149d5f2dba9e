import { PlatformError } from '../../domain/chat-platform.js';

/** Codes with which the connector says the bot can no longer post in a conversation. */
export const STALE_CONVERSATION_CODES: ReadonlySet<string> = new Set(['ConversationNotFound', 'BotNotInConversationRoster']);

/** Used when a 429 carries no Retry-After: Teams asks for backoff without saying how long. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** What the connector (or the network) said, read off whatever the SDK threw. */
export interface ConnectorFailure {
  status?: number;
  /** The connector's error code (`ConversationNotFound`, `Throttled`...) or a network code. */
  code?: string;
  message: string;
  retryAfterSeconds?: number;
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: { error?: { code?: string; message?: string } };
  response?: { status?: number; headers?: { get(name: string): string | undefined } };
}

/** Reads status, error code and Retry-After from an SDK (azure core) RestError or a plain error. */
export function describeConnectorError(err: unknown): ConnectorFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as RestErrorLike;
  const status = e.statusCode ?? e.response?.status;
  const code = e.details?.error?.code ?? e.code;
  const message = e.details?.error?.message ?? e.message ?? String(err);
  const failure: ConnectorFailure = { message };
  if (status !== undefined) failure.status = status;
  if (code !== undefined) failure.code = code;
  const retryAfter = parseRetryAfter(e.response?.headers?.get('retry-after'));
  if (retryAfter !== undefined) failure.retryAfterSeconds = retryAfter;
  return failure;
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

/** True when Teams said the conversation is gone or the bot is no longer in it. */
export function isStaleConversation(failure: ConnectorFailure): boolean {
  return failure.code !== undefined && STALE_CONVERSATION_CODES.has(failure.code);
}

/**
 * Turns a connector failure into the outbox's terms: throttling and server or network trouble
 * are worth retrying; a refused request (bad card, gone conversation, bad credentials) is not.
 * `what` names the attempted action ("post to teams:19:…") and never holds secrets.
 */
export function toPlatformError(failure: ConnectorFailure, what: string): PlatformError {
  const { status, code } = failure;
  const said = `${status ?? 'network'}${code ? ` ${code}` : ''}: ${failure.message}`;
  if (status === 429) {
    const retryAfterSeconds = failure.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    return new PlatformError('platform-throttled', `Teams is throttling the bot (${what}); retry after ${retryAfterSeconds}s`, {
      retryAfterSeconds,
      platformCode: code ?? 'Throttled',
    });
  }
  if (isStaleConversation(failure)) {
    return new PlatformError(
      'platform-refused',
      `Teams can no longer post there (${what}): ${said}. Add the bot to that conversation again or message it there.`,
      { platformCode: code! },
    );
  }
  if (status === undefined || status >= 500 || status === 408) {
    return new PlatformError('platform-unavailable', `Teams did not take the message (${what}): ${said}`, { platformCode: code });
  }
  return new PlatformError('platform-refused', `Teams refused the message (${what}): ${said}`, { platformCode: code });
}
