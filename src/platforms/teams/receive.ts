import type { Activity, TurnContext } from 'botbuilder';
import type { Reply } from '../../reply/reply.js';
import type { CommandRouter, ConversationPort } from '../../router/types.js';
import { askerOf, commandTextOf, formFieldsOf, submitDataOf, venueOf } from './asker.js';
import { formSubmission } from '../../reply/form.js';
import { requireAlias } from './conversation-store.js';
import { refFromActivity } from './conversation-ref.js';
import { deliver, invokeMessage, type DeliveryServices } from './deliver.js';
import { baseConversationId } from './refs.js';
import { typingIndicator } from './typing.js';
import type { ChatopsSubmitData } from './card-types.js';

export interface TurnDeps extends DeliveryServices {
  router: CommandRouter;
}

/**
 * The bot's turn: commands typed in messages, card buttons (Action.Submit messages and
 * adaptiveCard/action invokes), and installs/removals, which keep the conversation store
 * current. Never throws: a failure is logged and, where someone is waiting, answered.
 */
export function createTurnLogic(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const { activity } = context;
    try {
      if (activity.type === 'message') {
        await remember(activity, deps);
        return await onMessage(context, deps);
      }
      if (activity.type === 'invoke') return await onInvoke(context, deps);
      if (activity.type === 'conversationUpdate') return await onConversationUpdate(activity, deps);
      if (activity.type === 'installationUpdate') return await onInstallationUpdate(activity, deps);
    } catch (err) {
      // Commands never land here (the router answers every failure); this is delivery or the store.
      deps.logger.error({ err, type: activity.type }, 'Teams: failed to handle an activity');
      if (activity.type === 'invoke') await invokeMessage(context, 'The answer could not be delivered; try again in a minute.').catch(() => undefined);
    }
  };
}

async function onMessage(context: TurnContext, deps: TurnDeps): Promise<void> {
  const { activity } = context;
  const submit = submitDataOf(activity.value);
  if (submit) return onButton(context, submit, 'message', deps);
  if (activity.value !== undefined && !activity.text) return; // another app's card; not ours to answer
  const text = commandTextOf(activity) || 'help';
  // A slow answer shows "typing…" in the conversation while the work goes on.
  const typing = typingIndicator(context, deps.logger);
  let reply: Reply;
  try {
    reply = await deps.router.handle({
      text,
      asker: askerOf(activity),
      venue: venueOf(activity),
      progress: typing.start,
      conversation: linkable(activity, deps),
    });
  } finally {
    typing.stop();
  }
  return deliver(context, reply, 'reply', deps);
}

async function onInvoke(context: TurnContext, deps: TurnDeps): Promise<void> {
  if (context.activity.name !== 'adaptiveCard/action') return; // the adapter answers 501 for invokes we do not handle
  const submit = submitDataOf(context.activity.value);
  if (!submit) return invokeMessage(context, 'This button does not belong to this bot.');
  return onButton(context, submit, 'invoke', deps);
}

async function onButton(context: TurnContext, submit: ChatopsSubmitData['chatops'], via: 'message' | 'invoke', deps: TurnDeps): Promise<void> {
  const { activity } = context;
  if (submit.action === 'form') {
    // A submitted form runs its command like typed text; the answer (the form again, with what did not check) replaces the card.
    const values = formFieldsOf(activity.value);
    const text = formSubmission({ submit: submit.value, fields: Object.keys(values).map((name) => ({ name, label: name })) }, values);
    const answer = await deps.router.handle({ text, asker: askerOf(activity), venue: venueOf(activity) });
    return deliver(context, answer, via === 'invoke' ? 'invoke' : 'replace', deps);
  }
  const reply = await deps.router.handle({ action: submit.action, text: submit.value, asker: askerOf(activity), venue: venueOf(activity) });
  // Refresh and paging replace the pressed card, so the conversation keeps one current answer.
  if (submit.action === 'run') return deliver(context, reply, via === 'invoke' ? 'invoke' : 'replace', deps);
  // An alert card stays as it is (the watcher updates it); the presser gets a short answer.
  if (via === 'invoke' && reply.visibility !== 'private') return invokeMessage(context, [reply.title, reply.summary].filter(Boolean).join(' — '));
  return deliver(context, reply, via === 'invoke' ? 'invoke' : 'reply', deps);
}

/** `link <name>` binds the name to this conversation (the base id: a thread's channel). */
function linkable(activity: Activity, deps: TurnDeps): ConversationPort {
  return {
    async link(name) {
      const alias = requireAlias(name);
      await deps.store.alias(alias, baseConversationId(activity.conversation.id));
      return alias;
    },
  };
}

async function onConversationUpdate(activity: Activity, deps: TurnDeps): Promise<void> {
  const botId = activity.recipient?.id;
  if (activity.membersAdded?.some((m) => m.id === botId)) {
    await remember(activity, deps);
    deps.logger.info(
      { conversation: baseConversationId(activity.conversation.id), kind: activity.conversation.conversationType },
      'Teams: bot added to a conversation',
    );
  }
  if (activity.membersRemoved?.some((m) => m.id === botId)) await forget(activity, 'BotRemoved', deps);
}

async function onInstallationUpdate(activity: Activity, deps: TurnDeps): Promise<void> {
  if (activity.action === 'add' || activity.action === 'add-upgrade') return remember(activity, deps);
  if (activity.action === 'remove') return forget(activity, 'BotUninstalled', deps);
}

/** Saves the reference; a store failure must not keep the user from an answer. */
async function remember(activity: Activity, deps: TurnDeps): Promise<void> {
  const ref = refFromActivity(activity, deps.now());
  if (!ref) return;
  try {
    await deps.store.save(ref);
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, conversation: ref.id }, 'Teams: could not save the conversation reference');
  }
}

async function forget(activity: Activity, reason: string, deps: TurnDeps): Promise<void> {
  const id = baseConversationId(activity.conversation.id);
  await deps.store.markStale(id, reason);
  deps.logger.warn({ conversation: id, reason }, 'Teams: bot removed; alerts to this conversation will fail until it is added again');
}
