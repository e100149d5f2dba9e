/** Who is asking, in platform terms. */
export interface Asker {
  platform: 'slack' | 'teams' | 'console';
  /** Slack user id (`U0123`), Teams AAD object id, or `console`. */
  userId: string;
  /** Slack user-group ids the user belongs to, when the platform told us. */
  groups?: string[];
  displayName?: string;
  /**
   * The asker's language as the platform told it (Slack `es-LA`, Teams `es-419`, the console's
   * `LANG`); answers resolve it to a supported locale, English when absent or unknown.
   */
  locale?: string;
}

/** Where the command was typed: a direct (1:1) conversation, a channel or group, or the console. */
export type Venue = 'direct' | 'channel' | 'console';
