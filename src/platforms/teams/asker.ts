import { TurnContext, type Activity } from 'botbuilder';
import type { Asker, Venue } from '../../domain/asker.js';
import type { ChatopsSubmitData } from './card-types.js';
import { conversationKind } from './conversation-ref.js';

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The command a user typed: `@Bot queue bogota`, `queue bogota` and `/queue bogota` all give
 * `queue bogota` / `/queue bogota` (the router accepts both). The bot's own mention is
 * removed with the SDK's mention entities; a leftover `<at>…</at>` (a renamed bot, a client
 * that sent no entity) and HTML entities are cleaned up too.
 */
export function commandTextOf(activity: Partial<Activity>): string {
  // removeRecipientMention edits the activity it gets; keep the real one intact.
  const copy = { ...activity, text: activity.text ?? '' } as Activity;
  const text = TurnContext.removeRecipientMention(copy) ?? copy.text ?? '';
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `{ chatops: { action, value } }` a card button sent, from Action.Submit or an invoke. */
export function submitDataOf(value: unknown): ChatopsSubmitData['chatops'] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { chatops?: unknown; action?: { data?: unknown } };
  // adaptiveCard/action invokes carry the button's data under `action.data`.
  const data = (record.chatops ?? (record.action?.data as { chatops?: unknown } | undefined)?.chatops) as { action?: unknown; value?: unknown } | undefined;
  if (!data || typeof data.value !== 'string') return undefined;
  if (data.action !== 'run' && data.action !== 'ack' && data.action !== 'silence' && data.action !== 'form') return undefined;
  return { action: data.action, value: data.value };
}

/** The values a submitted form card carried, by field name (inputs named `chatops-field:<name>`). */
export function formFieldsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown> & { action?: { data?: Record<string, unknown> } };
  const source = { ...(record.action?.data ?? {}), ...record };
  const fields: Record<string, string> = {};
  for (const [key, v] of Object.entries(source)) if (key.startsWith('chatops-field:') && typeof v === 'string') fields[key.slice('chatops-field:'.length)] = v;
  return fields;
}

/** The asker of an activity that names no AAD object id: nobody the access list can name. */
export const UNIDENTIFIED_USER = 'teams:unidentified';

/**
 * Who asked: the AAD object id is the stable id across Teams, Graph and the supervisor list.
 * Without one the asker is nobody in particular, never the channel account id (`from.id`),
 * which anyone talking to an unauthenticated endpoint could set to a supervisor's.
 */
export function askerOf(activity: Partial<Activity>): Asker {
  const from = activity.from;
  const aad = typeof from?.aadObjectId === 'string' && from.aadObjectId.trim() ? from.aadObjectId.trim() : undefined;
  const asker: Asker = { platform: 'teams', userId: aad ?? UNIDENTIFIED_USER };
  if (from?.name) asker.displayName = from.name;
  // The client's language (`es-419`, `de-DE`), sent with every message and card action.
  if (typeof activity.locale === 'string' && activity.locale.trim()) asker.locale = activity.locale.trim();
  return asker;
}

/** A personal (1:1) chat is `direct`; a group chat or a channel is `channel`. */
export function venueOf(activity: Partial<Activity>): Venue {
  return conversationKind(activity) === 'personal' ? 'direct' : 'channel';
}
