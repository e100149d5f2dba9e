import type { Activity, ConversationReference } from 'botbuilder';
import type { TeamsConversationRef } from './conversation-store.js';
import { baseConversationId } from './refs.js';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/** `personal`, `groupChat` or `channel`, from the activity; an unknown type counts as a group chat. */
export function conversationKind(activity: Partial<Activity>): TeamsConversationRef['kind'] {
  const type = activity.conversation?.conversationType;
  if (type === 'personal') return 'personal';
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as TeamsChannelData | undefined)?.tenant?.id;
}

/**
 * The part of an incoming activity needed to post there later. A channel message keeps the
 * channel (not its thread); the user is kept only for personal chats.
 */
export function refFromActivity(activity: Partial<Activity>, savedAt: Date): TeamsConversationRef | undefined {
  const conversationId = activity.conversation?.id;
  if (!conversationId || !activity.serviceUrl || !activity.recipient?.id) return undefined;
  const channelData = activity.channelData as TeamsChannelData | undefined;
  const kind = conversationKind(activity);
  const tenantId = tenantOf(activity);
  const name = channelData?.channel?.name ?? channelData?.team?.name ?? activity.conversation?.name;
  const ref: TeamsConversationRef = {
    id: baseConversationId(conversationId),
    kind,
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId ?? 'msteams',
    bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
    savedAt: savedAt.toISOString(),
    ...(tenantId ? { tenantId } : {}),
    ...(name ? { name } : {}),
    ...(channelData?.team?.id ? { teamId: channelData.team.id } : {}),
  };
  if (kind === 'personal' && activity.from?.id) {
    ref.user = {
      id: activity.from.id,
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      ...(activity.from.name ? { name: activity.from.name } : {}),
    };
  }
  return ref;
}

/** The SDK's reference for `continueConversationAsync`, without an activity id (a new post, not a reply). */
export function toConversationReference(ref: TeamsConversationRef): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    conversation: {
      id: ref.id,
      isGroup: ref.kind !== 'personal',
      conversationType: ref.kind,
      name: ref.name ?? '',
      ...(ref.tenantId ? { tenantId: ref.tenantId } : {}),
    },
    ...(ref.user ? { user: { id: ref.user.id, name: ref.user.name ?? '', ...(ref.user.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}) } } : {}),
  };
}
