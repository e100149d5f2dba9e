import type { Activity } from 'botbuilder';
import type { Reply } from '../../reply/reply.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './card-types.js';
import { renderCard, type RenderCardOptions } from './render-card.js';
import { clip } from '../../reply/format.js';

/** What Teams shows of a card in a notification is short anyway. */
const NOTIFICATION_LENGTH = 200;

/**
 * A message activity carrying the reply as an Adaptive Card. `summary` is what Teams shows in
 * notifications and the chat list, where a card has no text of its own.
 */
export function cardActivity(reply: Reply, options: RenderCardOptions = {}): Partial<Activity> {
  const card = renderCard(reply, options);
  return {
    type: 'message',
    summary: clip([reply.title, reply.summary].filter(Boolean).join(' — '), NOTIFICATION_LENGTH),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/** A plain text message (notices such as "Sent to you privately."). */
export function textActivity(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'plain' };
}
