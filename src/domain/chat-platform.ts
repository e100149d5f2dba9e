import { BotError, PLATFORM_ERROR_CODES, type PlatformErrorCode } from './errors.js';
import type { Reply } from '../reply/reply.js';

/**
 * The outbound side of a chat platform, for the watcher and summaries: post by channel
 * reference without any request in hand.
 *
 * Channel references: `slack:C0123ABC`, `teams:<conversation id>`, `teams-webhook:https://…`,
 * `console`. Message references are opaque strings returned by `post`.
 */
export interface ChatPlatform {
  readonly name: string;
  /** True when this platform delivers to that channel reference. */
  handles(channelRef: string): boolean;
  post(channelRef: string, reply: Reply, options?: PostOptions): Promise<string>;
  update(messageRef: string, reply: Reply): Promise<void>;
  /** A short reply under the message (Slack thread, Teams reply chain). */
  replyInThread?(messageRef: string, reply: Reply): Promise<void>;
}

export interface PostOptions {
  /** "@here", "@channel", a Slack user-group id ("S0123") or a user id. */
  mention?: string;
}

/**
 * A delivery failure, with its code from the bot's one list. The outbox retries unless
 * `permanent` (a `give-up` code), after `retryAfterSeconds` when the platform named a pause.
 *
 * @example
 *   throw new PlatformError('platform-refused', 'Slack chat.postMessage to C0123 failed (not_in_channel): invite the bot', { platformCode: 'not_in_channel' });
 */
export class PlatformError extends BotError {
  declare readonly code: PlatformErrorCode;
  /** True when retrying cannot help. */
  readonly permanent: boolean;
  /** Seconds the platform asked to wait before the next try, when it said. */
  readonly retryAfterSeconds?: number;
  /** The platform's own word for the failure (Slack `channel_not_found`, Teams `ConversationNotFound`), for logs. */
  readonly platformCode?: string;

  constructor(code: PlatformErrorCode, message: string, details: { retryAfterSeconds?: number; platformCode?: string; cause?: unknown } = {}) {
    super(code, message, message, { cause: details.cause });
    this.name = 'PlatformError';
    this.permanent = PLATFORM_ERROR_CODES[code] === 'give-up';
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.platformCode !== undefined) this.platformCode = details.platformCode;
  }
}
