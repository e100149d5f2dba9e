/**
 * Channel and message references for Teams, as the watcher and config write them:
 * - channel: `teams:<conversation id>` or `teams:<alias>` (aliases never contain `:`,
 *   conversation ids always do: `19:…@thread.tacv2`, `a:1…`);
 * - message: `teams:<conversation id>/<activity id>`.
 */
export const TEAMS_PREFIX = 'teams:';

export type ChannelTarget = { kind: 'conversation'; id: string } | { kind: 'alias'; alias: string };

/** Parses a `teams:` channel reference; undefined when it is not one. */
export function parseChannelRef(channelRef: string): ChannelTarget | undefined {
  if (!channelRef.startsWith(TEAMS_PREFIX)) return undefined;
  const rest = channelRef.slice(TEAMS_PREFIX.length).trim();
  if (rest === '') return undefined;
  return rest.includes(':') ? { kind: 'conversation', id: baseConversationId(rest) } : { kind: 'alias', alias: rest };
}

export interface MessageTarget {
  conversationId: string;
  activityId: string;
}

/** Builds the message reference `post` returns. */
export function formatMessageRef(conversationId: string, activityId: string): string {
  return `${TEAMS_PREFIX}${conversationId}/${activityId}`;
}

/**
 * Parses a message reference. Splits at the last `/`: activity ids never contain one, while
 * a conversation id might.
 */
export function parseMessageRef(messageRef: string): MessageTarget | undefined {
  if (!messageRef.startsWith(TEAMS_PREFIX)) return undefined;
  const rest = messageRef.slice(TEAMS_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return { conversationId: rest.slice(0, slash), activityId: rest.slice(slash + 1) };
}

/**
 * A message inside a channel thread arrives with `;messageid=<root>` on the conversation id.
 * The channel itself is the id without it; posting there starts a new thread.
 */
export function baseConversationId(conversationId: string): string {
  const cut = conversationId.indexOf(';messageid=');
  return cut === -1 ? conversationId : conversationId.slice(0, cut);
}
