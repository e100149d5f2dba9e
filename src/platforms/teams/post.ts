import type { Activity, TurnContext } from 'botbuilder';
import { PlatformError, type ChatPlatform } from '../../domain/chat-platform.js';
import type { Reply } from '../../reply/reply.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { TeamsCloudAdapter } from './auth.js';
import type { ConversationStore, TeamsConversationRef } from './conversation-store.js';
import { callConnector, conversationsOf, countingRetries, type ConnectorConversations, type RetryPolicy } from './connector.js';
import { cardActivity } from './card-activity.js';
import { toConversationReference } from './conversation-ref.js';
import { STALE_CONVERSATION_CODES } from './errors.js';
import { hostOf } from '../../http/outbound-urls.js';
import { formatMessageRef, parseChannelRef, parseMessageRef, TEAMS_PREFIX } from './refs.js';

export interface TeamsPlatformOptions {
  adapter: TeamsCloudAdapter;
  /** The bot's app id ('' when anonymous): proactive turns are opened in its name. */
  appId: string;
  store: ConversationStore;
  logger: Logger;
  metrics: Metrics;
  retry: RetryPolicy;
  /** Whether a stored reference's `serviceUrl` may be posted to (see admission.ts). */
  allowedServiceUrl: (url: string) => boolean;
}

/**
 * Proactive posts for the watcher and summaries: `teams:<conversation id>` or `teams:<alias>`,
 * through the stored conversation reference. A conversation Teams says is gone
 * (ConversationNotFound, BotNotInConversationRoster) is marked stale and fails permanently.
 *
 * @example
 *   const ref = await platform.post('teams:ops', reply);   // 'teams:19:…@thread.tacv2/1700000000000'
 *   await platform.update(ref, resolvedReply);
 */
export function createTeamsPlatform(options: TeamsPlatformOptions): ChatPlatform {
  const { adapter, appId, store, logger, metrics } = options;
  const retry = countingRetries(options.retry, metrics);

  async function conversationFor(channelRef: string): Promise<TeamsConversationRef> {
    const target = parseChannelRef(channelRef);
    if (!target)
      throw new PlatformError('bad-channel-reference', `"${channelRef}" is not a Teams channel reference (teams:<conversation id> or teams:<alias>)`);
    const id = target.kind === 'conversation' ? target.id : await resolveAlias(target.alias);
    const ref = await store.get(id);
    if (!ref)
      throw new PlatformError(
        'bad-channel-reference',
        `The bot has no stored reference for Teams conversation ${id}: add the bot there (or message it there) first`,
        { platformCode: 'UnknownConversation' },
      );
    if (ref.stale)
      throw new PlatformError(
        'platform-refused',
        `Teams conversation ${id} is no longer reachable (${ref.stale.reason} since ${ref.stale.at}): add the bot there again`,
        { platformCode: ref.stale.reason },
      );
    // A reference saved before the allow-list (or written into Redis by hand) must not send a post elsewhere.
    if (!options.allowedServiceUrl(ref.serviceUrl)) {
      throw new PlatformError(
        'platform-refused',
        `Teams conversation ${id} names a serviceUrl (${hostOf(ref.serviceUrl)}) that is not a Bot Framework host; add the bot there again, or list it in TEAMS_SERVICE_URLS`,
        { platformCode: 'ServiceUrlNotAllowed' },
      );
    }
    return ref;
  }

  async function resolveAlias(alias: string): Promise<string> {
    const id = await store.resolveAlias(alias);
    if (!id)
      throw new PlatformError('bad-channel-reference', `No Teams conversation is linked as "${alias}": mention the bot in that channel with "link ${alias}"`, {
        platformCode: 'UnknownAlias',
      });
    return id;
  }

  /** Runs one connector call in a proactive turn for `ref`, marking the reference stale when Teams says it is gone. */
  async function withConnector<T>(ref: TeamsConversationRef, what: string, call: (conversations: ConnectorConversations) => Promise<T>): Promise<T> {
    let result: T | undefined;
    try {
      await adapter.continueConversationAsync(appId, toConversationReference(ref), async (context: TurnContext) => {
        const conversations = conversationsOf(context);
        result = await callConnector(what, () => call(conversations), retry);
      });
    } catch (err) {
      const code = err instanceof PlatformError ? err.platformCode : undefined;
      if (code && STALE_CONVERSATION_CODES.has(code)) {
        await store.markStale(ref.id, code);
        logger.warn(
          { conversation: ref.id, code },
          `Teams: ${code} — the bot can no longer post in this conversation; its reference is marked stale until the bot is added again`,
        );
      }
      throw err instanceof PlatformError
        ? err
        : new PlatformError('platform-unavailable', `Teams: could not ${what}: ${(err as Error).message}`, { cause: err });
    }
    return result as T;
  }

  const messageTarget = (messageRef: string) => {
    const target = parseMessageRef(messageRef);
    if (!target) throw new PlatformError('bad-channel-reference', `"${messageRef}" is not a Teams message reference (teams:<conversation id>/<activity id>)`);
    return target;
  };

  return {
    name: 'teams',
    handles: (channelRef) => channelRef.startsWith(TEAMS_PREFIX),
    async post(channelRef, reply) {
      const ref = await conversationFor(channelRef);
      const activity = cardActivity(reply);
      const sent = await withConnector(ref, `post to teams:${ref.id}`, (c) => c.sendToConversation(ref.id, activity));
      metrics.posts.inc({ platform: 'teams', kind: 'post' });
      if (!sent.id) throw new PlatformError('platform-refused', 'Teams accepted the post but returned no message id');
      return formatMessageRef(ref.id, sent.id);
    },
    async update(messageRef, reply) {
      const { conversationId, activityId } = messageTarget(messageRef);
      const ref = await conversationFor(`${TEAMS_PREFIX}${conversationId}`);
      const activity: Partial<Activity> = { ...cardActivity(reply), id: activityId };
      await withConnector(ref, `update ${messageRef}`, (c) => c.updateActivity(ref.id, activityId, activity));
      metrics.posts.inc({ platform: 'teams', kind: 'update' });
    },
    async replyInThread(messageRef: string, reply: Reply) {
      const { conversationId, activityId } = messageTarget(messageRef);
      const ref = await conversationFor(`${TEAMS_PREFIX}${conversationId}`);
      await withConnector(ref, `reply to ${messageRef}`, (c) => c.replyToActivity(ref.id, activityId, cardActivity(reply)));
      metrics.posts.inc({ platform: 'teams', kind: 'thread' });
    },
  };
}
