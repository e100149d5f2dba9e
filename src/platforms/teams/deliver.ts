import { ActivityTypes, type Activity, type ConversationParameters, type TurnContext } from 'botbuilder';
import type { Reply } from '../../reply/reply.js';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { ConversationStore } from './conversation-store.js';
import { callConnector, conversationsOf, countingRetries, type RetryPolicy } from './connector.js';
import { cardActivity, textActivity } from './card-activity.js';
import { conversationKind, tenantOf } from './conversation-ref.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './card-types.js';

/** What answering inside a turn needs. */
export interface DeliveryServices {
  store: ConversationStore;
  logger: Logger;
  metrics: Metrics;
  retry: RetryPolicy;
  now: () => Date;
}

/**
 * How an answer goes back:
 * - `reply`: a new message answering the user's (in a channel, in its thread);
 * - `replace`: the card whose button was pressed is updated in place (refresh, next page);
 * - `invoke`: the body of the invoke response (adaptiveCard/action).
 */
export type Delivery = 'reply' | 'replace' | 'invoke';

export const SENT_PRIVATELY = 'Sent to you privately.';

/**
 * Sends a reply for the turn. Teams has no ephemeral messages, so a private reply asked for
 * outside a 1:1 chat goes to the asker's 1:1 chat and the conversation gets a short notice.
 */
export async function deliver(context: TurnContext, reply: Reply, delivery: Delivery, services: DeliveryServices): Promise<void> {
  if (reply.visibility === 'private' && conversationKind(context.activity) !== 'personal') {
    const notice = await sendPrivately(context, cardActivity(reply), services);
    if (delivery === 'invoke') return invokeMessage(context, notice);
    return replyWith(context, textActivity(notice), services);
  }
  const activity = cardActivity(reply);
  if (delivery === 'invoke') return invokeCard(context, activity);
  if (delivery === 'replace' && context.activity.replyToId) {
    try {
      return await updateCard(context, context.activity.replyToId, activity, services);
    } catch (err) {
      // The card may be gone or too old to edit; a fresh answer is the next best thing.
      services.logger.info({ err: (err as Error).message }, 'Teams: could not update the card in place; replying instead');
    }
  }
  return replyWith(context, activity, services);
}

/** A message in reply to the turn's activity (threaded in channels). */
export async function replyWith(context: TurnContext, activity: Partial<Activity>, services: DeliveryServices): Promise<void> {
  const { conversation, id } = context.activity;
  const conversations = conversationsOf(context);
  const send = id ? () => conversations.replyToActivity(conversation.id, id, activity) : () => conversations.sendToConversation(conversation.id, activity);
  await callConnector('reply in Teams', send, countingRetries(services.retry, services.metrics));
  services.metrics.posts.inc({ platform: 'teams', kind: 'thread' });
}

async function updateCard(context: TurnContext, activityId: string, activity: Partial<Activity>, services: DeliveryServices): Promise<void> {
  const conversationId = context.activity.conversation.id;
  const conversations = conversationsOf(context);
  await callConnector(
    'update a Teams card',
    () => conversations.updateActivity(conversationId, activityId, { ...activity, id: activityId }),
    countingRetries(services.retry, services.metrics),
  );
  services.metrics.posts.inc({ platform: 'teams', kind: 'update' });
}

/**
 * Opens (or reopens: Teams returns the same id) the asker's 1:1 chat with the bot and posts
 * there. Returns the notice for the conversation where it was asked.
 */
async function sendPrivately(context: TurnContext, activity: Partial<Activity>, services: DeliveryServices): Promise<string> {
  const { from, recipient, serviceUrl, channelId } = context.activity;
  const tenantId = tenantOf(context.activity);
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: { id: recipient.id, name: recipient.name ?? '' },
    members: [{ id: from.id, name: from.name ?? '' }],
    channelData: tenantId ? { tenant: { id: tenantId } } : {},
    ...(tenantId ? { tenantId } : {}),
  };
  try {
    const conversations = conversationsOf(context);
    const retry = countingRetries(services.retry, services.metrics);
    const created = await callConnector('open a 1:1 chat in Teams', () => conversations.createConversation(parameters), retry);
    if (!created.id) throw new Error('Teams created no conversation id');
    const personalId = created.id;
    await callConnector('post in a 1:1 chat in Teams', () => conversations.sendToConversation(personalId, activity), retry);
    services.metrics.posts.inc({ platform: 'teams', kind: 'post' });
    // Kept so proactive posts can reach this person later; not worth failing the answer over.
    await services.store
      .save({
        id: personalId,
        kind: 'personal',
        serviceUrl,
        channelId,
        bot: { id: recipient.id, ...(recipient.name ? { name: recipient.name } : {}) },
        user: { id: from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}), ...(from.name ? { name: from.name } : {}) },
        savedAt: services.now().toISOString(),
        ...(tenantId ? { tenantId } : {}),
      })
      .catch((err: unknown) => services.logger.warn({ err: (err as Error).message }, 'Teams: could not save the 1:1 conversation reference'));
    return SENT_PRIVATELY;
  } catch (err) {
    services.logger.warn({ err: (err as Error).message }, 'Teams: could not open a 1:1 chat for a private answer');
    return "I couldn't send this to you privately. Open a chat with me (search for the app, then say hi) and ask there.";
  }
}

async function invokeCard(context: TurnContext, activity: Partial<Activity>): Promise<void> {
  const card = activity.attachments?.[0]?.content;
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } },
  });
}

/** An invoke answered with a short message instead of a new card (the pressed card stays as it was). */
export async function invokeMessage(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } },
  });
}
