import type { ActiveChat, Transcript, TranscriptMessage } from '../domain/types.js';
import { maskPhone } from './mask-phone.js';
import { maskContacts } from './mask-email.js';

/**
 * What the bot keeps is what it may show: vendor answers holding customer details are masked
 * before they reach the shared cache (Redis or memory), so a cached transcript or live-chat list
 * holds no phone number or e-mail address the bot would not post. Masking twice changes nothing, so commands still
 * mask what they render.
 *
 * @example
 *   maskTranscript({ id: '1', active: true, customerPhone: '+573001234412', messages: [] }).customerPhone; // "+57 *** *** *412"
 */
export function maskTranscript(transcript: Transcript | null): Transcript | null {
  if (!transcript) return transcript;
  return { ...transcript, ...maskedPeople(transcript), messages: transcript.messages.map(maskMessage) };
}

/** The live-chat list with every customer detail masked (see maskTranscript). */
export function maskActiveChats(chats: ActiveChat[]): ActiveChat[] {
  return chats.map((chat) => ({ ...chat, ...maskedPeople(chat), messages: chat.messages.map(maskMessage) }));
}

function maskedPeople(who: { customerPhone?: string; customerName?: string; agentName?: string }): Partial<Transcript> {
  const out: Partial<Transcript> = {};
  if (who.customerPhone !== undefined) out.customerPhone = maskPhone(who.customerPhone);
  if (who.customerName !== undefined) out.customerName = maskContacts(who.customerName);
  if (who.agentName !== undefined) out.agentName = maskContacts(who.agentName);
  return out;
}

function maskMessage(message: TranscriptMessage): TranscriptMessage {
  return {
    ...message,
    text: maskContacts(message.text),
    ...(message.name !== undefined ? { name: maskContacts(message.name) } : {}),
    attachments: message.attachments.map((a) => ({ ...a, ...(a.name !== undefined ? { name: maskContacts(a.name) } : {}) })),
  };
}
