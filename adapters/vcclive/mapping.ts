import type { ActiveChat, AgentState, AgentStatus, Attachment, SenderRole, Transcript, TranscriptMessage } from '../../src/domain/types.js';
import { conversationFigures } from '../../src/domain/conversation-figures.js';
import { vccTime } from './time.js';
import type { ChatWire, OnlineUserWire, TranscriptMessageWire } from './wire.js';

/** `disposition` of a chat still going on (others seen: `Completed`, `Missed`). */
export const IN_PROGRESS = 'in progress';

/** Lower-cased, trimmed `disposition`, or undefined when the vendor gave none. */
export function dispositionOf(chat: ChatWire): string | undefined {
  const value = chat.disposition?.trim().toLowerCase();
  return value ? value : undefined;
}

export function isInProgress(chat: ChatWire): boolean {
  return dispositionOf(chat) === IN_PROGRESS;
}

/** Spam-flagged chats are left out of every figure: supervisors do not count them as contacts. */
export function isSpam(chat: ChatWire): boolean {
  return chat.isSPAM === 1;
}

const present = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

const BOT_NAME = /(^|[^a-z])(chat ?bot|bot|virtual assistant)([^a-z]|$)/i;
const SYSTEM_NAME = /^system$/i;

/**
 * Who wrote a transcript message. The transcript only names the sender, so: `Visitor` or the
 * chat's `visitorName` is the customer; a name that reads as a bot is the bot; everything else
 * named is an agent (the example itself has an agent signing "John Smit" while `lastAgentName`
 * is "John Smith", so agent names are not matched exactly). An unnamed message is the system's.
 */
export function senderRole(name: string | null | undefined, chat: ChatWire): SenderRole {
  const who = present(name)?.toLowerCase();
  if (!who) return 'system';
  const visitor = present(chat.visitorName)?.toLowerCase();
  if (who === 'visitor' || who === visitor) return 'customer';
  const agents = [chat.firstAgentName, chat.lastAgentName].map((n) => present(n)?.toLowerCase());
  if (agents.includes(who)) return 'agent';
  if (BOT_NAME.test(who)) return 'bot';
  if (SYSTEM_NAME.test(who)) return 'system';
  return 'agent';
}

function attachmentsOf(message: TranscriptMessageWire): Attachment[] {
  const out: Attachment[] = [];
  for (const item of message.attachments ?? []) {
    const url = present(item.payload?.url);
    if (!url) continue;
    const type = present(item.type);
    out.push(type ? { url, type } : { url });
  }
  return out;
}

export function messagesOf(chat: ChatWire, zone: string): TranscriptMessage[] {
  return (chat.transcript ?? []).map((message) => {
    const name = present(message.name);
    const at = vccTime(message.date, zone);
    return {
      role: senderRole(message.name, chat),
      ...(name ? { name } : {}),
      ...(at ? { at } : {}),
      text: message.message ?? '',
      attachments: attachmentsOf(message),
    };
  });
}

const numberOrUndefined = (value: number | null | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Drops keys whose value is undefined, so answers compare and cache cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One Get Chat Log entry as a `/transcript` answer. */
export function toTranscript(chat: ChatWire, zone: string): Transcript {
  const messages = messagesOf(chat, zone);
  return compact({
    // Derived from the roles where VCC Live gives no figure; its own firstResponseTime wins.
    ...conversationFigures(messages),
    id: String(chat.chatId),
    active: isInProgress(chat),
    channel: present(chat.type),
    agentName: present(chat.lastAgentName) ?? present(chat.firstAgentName),
    customerName: present(chat.visitorName),
    queue: present(chat.lastQueueName) ?? present(chat.firstQueueName),
    status: dispositionOf(chat),
    startedAt: vccTime(chat.sessionStartTime, zone),
    endedAt: vccTime(chat.sessionCloseTime, zone),
    durationSeconds: numberOrUndefined(chat.duration),
    firstResponseSeconds: numberOrUndefined(chat.firstResponseTime) ?? conversationFigures(messages).firstResponseSeconds,
    messages,
  });
}

/** A chat in progress as the watcher and `/queue` see it. */
export function toActiveChat(chat: ChatWire, zone: string): ActiveChat {
  const lastCustomer = vccTime(chat.lastVisitorMessageTime, zone);
  const lastAgent = vccTime(chat.lastAgentMessageTime, zone);
  const messages = messagesOf(chat, zone);
  let lastSender = messages.at(-1)?.role;
  if (!lastSender && (lastCustomer || lastAgent)) lastSender = (lastAgent ?? '') > (lastCustomer ?? '') ? 'agent' : 'customer';
  const lastMessageAt = [lastCustomer, lastAgent, ...messages.map((m) => m.at)]
    .filter((t): t is string => !!t)
    .sort()
    .at(-1);
  return compact({
    id: String(chat.chatId),
    channel: present(chat.type),
    agentId: chat.lastAgent != null ? String(chat.lastAgent) : undefined,
    agentName: present(chat.lastAgentName),
    customerName: present(chat.visitorName),
    startedAt: vccTime(chat.sessionStartTime, zone),
    lastMessageAt,
    lastCustomerMessageAt: lastCustomer,
    lastSender,
    messages,
  });
}

/**
 * VCC Live agent states in supervisor words, as FACTS.md lists them (public client code and the
 * help center; the API page documents none): `AVAILABLE4CALL` is the one state the system routes
 * to; the working states (waiting for a call or recall, ringing, in a call, on hold, e-mail,
 * ticket browsing, pre- and after-work) are busy; `AUX` (break codes) and `UNAVAILABLE` (logged
 * in but not in a project) are away. Any other word reads as `unknown` and is shown as it came.
 */
export const AGENT_STATES: Readonly<Record<string, AgentState>> = {
  AVAILABLE4CALL: 'available',
  WAITING4CALL: 'busy',
  WAITING4RECALL: 'busy',
  RINGING: 'busy',
  ORIGINATOR_RINGING: 'busy',
  CALL: 'busy',
  HOLD: 'busy',
  EMAIL: 'busy',
  TICKET_BROWSING: 'busy',
  PREWORK: 'busy',
  AFTERWORK: 'busy',
  AUX: 'away',
  UNAVAILABLE: 'away',
};

/** One `onlineusers` entry as an agent status; `since` from `stateChangedAt`, else `stateDuration`. */
export function toAgentStatus(user: OnlineUserWire, zone: string, now: Date): AgentStatus {
  const label = present(user.state) ?? 'unknown';
  const duration = numberOrUndefined(user.stateDuration);
  const since = vccTime(user.stateChangedAt, zone) ?? (duration !== undefined ? new Date(now.getTime() - duration * 1000).toISOString() : undefined);
  return compact({
    id: String(user.userId),
    name: present(user.username) ?? `User ${user.userId}`,
    state: AGENT_STATES[label.toUpperCase()] ?? 'unknown',
    stateLabel: label,
    since,
  });
}
