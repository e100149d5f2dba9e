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

/** A delivery failure. The outbox retries unless `permanent`. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly options: { permanent: boolean; retryAfterSeconds?: number; code?: string },
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
