import type { Attachment, Instant, SenderRole, Transcript, TranscriptMessage } from '../../src/domain/types.js';
import { conversationFigures } from '../../src/domain/conversation-figures.js';
import { parseComm100Duration } from './mapping.js';
import type { ChatMessageWire, ChatWire } from './wire.js';

/** Supervisor words for the chat's final status (v4 strings, and 0/1/2 of the older pages). */
const STATUS_WORDS: Record<string, string> = {
  normal: 'completed',
  '0': 'completed',
  refused: 'refused',
  '1': 'refused',
  missed: 'missed',
  '2': 'missed',
  switchedtomessage: 'switched to message',
};

/** Sender kinds as Comm100 spells them across its APIs, to our roles. */
const ROLE_BY_SENDER: Record<string, SenderRole> = {
  visitor: 'customer',
  contact: 'customer',
  customer: 'customer',
  agent: 'agent',
  operator: 'agent',
  bot: 'bot',
  chatbot: 'bot',
  system: 'system',
};

/**
 * Reads a Comm100 datetime as an instant. Values with an offset are taken as written; values
 * without one are read as UTC (inferred: the v4 examples write UTC with `Z`). .NET
 * `/Date(ms)/` values are accepted too.
 */
export function comm100Instant(value: string | number | null | undefined): Instant | undefined {
  if (value == null || value === '') return undefined;
  if (typeof value === 'number') return new Date(value).toISOString();
  const dotNet = /^\/Date\((-?\d+)\)\/$/.exec(value);
  if (dotNet) return new Date(Number(dotNet[1])).toISOString();
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Seconds from a number (already seconds) or a TimeSpan text. */
function seconds(value: number | string | null | undefined): number | undefined {
  if (value == null) return undefined;
  if (typeof value === 'number') return value;
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : parseComm100Duration(value);
}

function roleOf(message: ChatMessageWire): SenderRole {
  const sender = typeof message.sender === 'object' ? message.sender?.type : message.sender;
  for (const raw of [message.senderType, message.sentByType, sender, message.source]) {
    if (raw == null) continue;
    const role = ROLE_BY_SENDER[String(raw).trim().toLowerCase()];
    if (role) return role;
  }
  // `type` is sometimes the sender kind and sometimes the content kind ("text"): only trust a sender word.
  return (message.type && ROLE_BY_SENDER[message.type.trim().toLowerCase()]) || 'system';
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const inner = value as Record<string, unknown>;
    for (const key of ['text', 'message', 'content', 'body']) if (typeof inner[key] === 'string') return inner[key];
  }
  return undefined;
}

function mapMessage(message: ChatMessageWire): TranscriptMessage {
  const senderObject = typeof message.sender === 'object' ? message.sender : undefined;
  const name = message.senderName ?? message.displayName ?? senderObject?.displayName ?? senderObject?.name ?? message.name ?? undefined;
  const text = textOf(message.content) ?? textOf(message.message) ?? textOf(message.text) ?? textOf(message.body) ?? '';
  // The earlier API design gives one file as `attachmentUrl`.
  const files = [
    ...(message.attachments ?? []),
    ...(message.attachment ? [message.attachment] : []),
    ...(message.attachmentUrl ? [{ url: message.attachmentUrl }] : []),
  ];
  const attachments: Attachment[] = [];
  for (const file of files as Array<Partial<NonNullable<ChatMessageWire['attachment']>>>) {
    const url = file.url ?? file.uri;
    if (!url) continue;
    const attachment: Attachment = { url };
    const type = file.contentType ?? file.type;
    const fileName = file.name ?? file.fileName;
    if (type) attachment.type = type;
    if (fileName) attachment.name = fileName;
    attachments.push(attachment);
  }
  const out: TranscriptMessage = { role: roleOf(message), text, attachments };
  if (name?.trim()) out.name = name.trim();
  const at = comm100Instant(message.time ?? message.sentTime ?? message.createdTime ?? message.timestamp);
  if (at) out.at = at;
  return out;
}

/**
 * A transcript given as one text (the page types `messages` "string"; webhooks join lines with
 * "⊙" and write "[hh:mm:ss] Name: text"). Lines by the pre-chat name are the customer's, other
 * named lines the agent's, unnamed lines are system notices.
 */
function mapTextTranscript(text: string, customerName?: string): TranscriptMessage[] {
  return text
    .split(/⊙|\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const said = /^\[(\d\d:\d\d:\d\d)\]\s*([^:]{1,80}):\s?(.*)$/.exec(line);
      if (!said) return { role: 'system' as const, text: line, attachments: [] };
      const name = said[2]!.trim();
      const role: SenderRole = customerName && name === customerName ? 'customer' : 'agent';
      return { role, name, text: said[3]!, attachments: [] };
    });
}

/** `livechat/chats/{id}` as a Transcript. A chat without an end time is still in progress. */
export function mapChat(chat: ChatWire): Transcript {
  const customerName = chat.preChatName?.trim() || chat.visitorName?.trim() || undefined;
  const messages = typeof chat.messages === 'string' ? mapTextTranscript(chat.messages, customerName) : (chat.messages ?? []).map(mapMessage);
  const startedAt = comm100Instant(chat.startTime ?? chat.requestedTime);
  const endedAt = comm100Instant(chat.endTime);
  const transcript: Transcript = { id: chat.id, active: !endedAt, messages };
  const status = chat.status == null ? undefined : String(chat.status);
  if (status) transcript.status = STATUS_WORDS[status.toLowerCase()] ?? status;
  if (startedAt) transcript.startedAt = startedAt;
  if (endedAt) transcript.endedAt = endedAt;
  const wait = seconds(chat.waitingTime);
  if (wait !== undefined) transcript.waitSeconds = wait;
  const duration = seconds(chat.duration) ?? (startedAt && endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : undefined);
  if (duration !== undefined) transcript.durationSeconds = duration;
  const department = typeof chat.department === 'string' ? chat.department : chat.department?.name;
  const queue = chat.departmentName ?? department;
  if (queue?.trim()) transcript.queue = queue.trim();
  const customer = customerName ?? messages.find((m) => m.role === 'customer' && m.name)?.name;
  if (customer) transcript.customerName = customer;
  if (chat.preChatPhone?.trim()) transcript.customerPhone = chat.preChatPhone.trim();
  const agent = chat.agentName?.trim() || messages.find((m) => m.role === 'agent' && m.name)?.name;
  if (agent) transcript.agentName = agent;
  // The chatbot's messages are not the agent's: first response and the handoff follow the roles.
  Object.assign(transcript, conversationFigures(messages));
  return transcript;
}
