import type {
  ActiveChat,
  AgentState,
  AgentStatus,
  Attachment,
  QueueFigures,
  QueueSnapshot,
  SenderRole,
  TokenUsage,
  Transcript,
  TranscriptMessage,
} from '../../src/domain/types.js';
import { conversationFigures } from '../../src/domain/conversation-figures.js';
import { parseVendorDate } from './dates.js';
import { readCount, readNumber } from './values.js';
import type { AgentWire, Chat2RecordWire, LiveAgentChatsWire, LiveChatWire, SkillWire, TokenInfoWire } from './wire.js';

/**
 * (unknown) The vendor does not document the words of `from`. These cover the English and
 * Spanish words a contact-center platform uses; a value matching none is compared with the
 * conversation's known names and otherwise shown as `system`, so that an unrecognised sender
 * never counts as a customer waiting for an answer.
 */
const SENDER_WORDS: Array<[RegExp, SenderRole]> = [
  [/\b(bot|chatbot|ivr|robot|virtual|ia|ai)\b/i, 'bot'],
  [/\b(agent|agente|asesor|advisor|operator|operador|supervisor)\b/i, 'agent'],
  [/\b(customer|client|cliente|user|usuario|contact|contacto)\b/i, 'customer'],
  [/\b(system|sistema|wolkvox|notification|notificacion)\b/i, 'system'],
];

/** What is known about a conversation's participants, to place a sender the words missed. */
interface Participants {
  agentName?: string;
  agentId?: string;
  customerName?: string;
  customerPhone?: string;
}

/**
 * A `from_name` that names the bot. wolkvox writes the bot's messages as `from: AGENT` with
 * `from_name: chat_bot`, and addresses the customer's messages to it as `to_name: chat bot`
 * (help center, FACTS.md): the name, not `from`, tells the bot from an agent.
 */
const BOT_SENDER_NAME = /^(chat ?bot|bot|virtual agent|agente virtual)$/i;

/** Reads a message's `from` (and `from_name`) as a role. */
export function senderRole(from: string | undefined, fromName: string | undefined, who: Participants): SenderRole {
  const word = from?.replace(/[_-]+/g, ' ').trim() ?? '';
  const name = fromName?.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() ?? '';
  let byWord: SenderRole | undefined;
  for (const [pattern, role] of SENDER_WORDS) {
    if (pattern.test(word)) {
      byWord = role;
      break;
    }
  }
  // A customer is a customer whatever name they give; the bot speaks as an AGENT (or unmarked).
  if (byWord !== 'customer' && BOT_SENDER_NAME.test(name)) return 'bot';
  if (byWord) return byWord;
  const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
  if (same(from, who.agentId) || same(fromName, who.agentName) || same(from, who.agentName)) return 'agent';
  if (same(from, who.customerPhone) || same(fromName, who.customerName) || same(from, who.customerName)) return 'customer';
  return 'system';
}

const URL_ONLY = /^https?:\/\/\S+$/i;

function message(role: SenderRole, text: string | undefined, at: string | undefined, name: string | undefined, zone: string): TranscriptMessage {
  const body = text ?? '';
  // Media arrive as a bare link to the file.
  const attachments: Attachment[] = URL_ONLY.test(body.trim()) ? [{ url: body.trim() }] : [];
  return { role, ...(name ? { name } : {}), ...optional('at', parseVendorDate(at, zone)), text: body, attachments };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Messages of a live chat (`real_time.php?api=chats`). */
function liveMessages(chat: LiveChatWire, agentId: string | undefined, zone: string): TranscriptMessage[] {
  const who: Participants = { agentId, customerPhone: chat.customer_phone };
  return chat.conversation.map((m) => message(senderRole(m.from, undefined, who), m.msg, m.date, undefined, zone));
}

/** A chat counts as waiting while no agent holds it (empty or zero `agent_id`). */
export function isUnassigned(agentId: string | undefined): boolean {
  return !agentId || /^0*$/.test(agentId.trim());
}

/** `real_time.php?api=chats` -> the chats in progress now. */
export function mapActiveChats(data: LiveAgentChatsWire[], zone: string): ActiveChat[] {
  const chats: ActiveChat[] = [];
  for (const group of data) {
    for (const chat of group.active_chats) {
      if (!chat.conn_id) continue;
      const messages = liveMessages(chat, group.agent_id, zone);
      const times = messages.map((m) => m.at).filter((t): t is string => t !== undefined);
      const fromCustomer = messages.filter((m) => m.role === 'customer' && m.at).map((m) => m.at!);
      const last = messages[messages.length - 1];
      chats.push({
        id: chat.conn_id,
        ...optional('channel', chat.channel || undefined),
        ...optional('agentId', isUnassigned(group.agent_id) ? undefined : group.agent_id),
        ...optional('customerPhone', chat.customer_phone || undefined),
        ...optional('startedAt', times.length ? times.reduce((a, b) => (a < b ? a : b)) : undefined),
        ...optional('lastMessageAt', times.length ? times.reduce((a, b) => (a > b ? a : b)) : undefined),
        ...optional('lastCustomerMessageAt', fromCustomer.length ? fromCustomer.reduce((a, b) => (a > b ? a : b)) : undefined),
        ...optional('lastSender', last?.role),
        messages,
      });
    }
  }
  return chats;
}

/** A chat in progress as a transcript. */
export function liveTranscript(chat: ActiveChat): Transcript {
  return {
    id: chat.id,
    active: true,
    ...optional('channel', chat.channel),
    ...optional('customerPhone', chat.customerPhone),
    ...optional('startedAt', chat.startedAt),
    ...conversationFigures(chat.messages),
    messages: chat.messages,
  };
}

/** A `chat_2` record (finished conversation) as a transcript. */
export function finishedTranscript(record: Chat2RecordWire, zone: string): Transcript {
  const who: Participants = { agentName: record.agent_name, customerName: record.customer_name };
  const messages = record.conversation.map((m) => message(senderRole(m.from, m.from_name, who), m.message, m.date, m.from_name, zone));
  const times = messages
    .map((m) => m.at)
    .filter((t): t is string => t !== undefined)
    .sort();
  const startedAt = times[0];
  const endedAt = times[times.length - 1];
  return {
    ...conversationFigures(messages),
    id: record.conn_id ?? '',
    active: false,
    ...optional('channel', record.conversation.find((m) => m.channel)?.channel),
    ...optional('agentName', record.agent_name || undefined),
    ...optional('customerName', record.customer_name || undefined),
    ...optional('startedAt', startedAt),
    ...optional('endedAt', endedAt),
    ...optional('durationSeconds', startedAt && endedAt ? Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000) : undefined),
    messages,
  };
}

/**
 * (unknown) `agent_status` words are not documented; these cover the usual English and Spanish
 * ones. Anything else is `unknown`, with the vendor's word kept in `stateLabel`.
 */
const AGENT_STATE_WORDS: Array<[RegExp, AgentState]> = [
  [/log ?out|logged ?out|offline|disconnected|desconectad|fuera de linea|no conectad/i, 'offline'],
  [/not ?ready|no disponible|break|descanso|pausa|pause|aux|lunch|almuerzo|away|ausente|ba[nñ]o|training|capacitaci/i, 'away'],
  // TALK, ACW and RING are the words of wolkvox's own agent reports (FACTS.md).
  [/busy|ocupad|\btalk|on ?call|in ?chat|en ?chat|chatting|acw|wrap|\bring(ing)?\b|hablando|llamada|atendiendo/i, 'busy'],
  [/ready|available|disponible|idle|libre|online|conectad/i, 'available'],
];

export function agentState(label: string | undefined): AgentState {
  const word = label?.trim() ?? '';
  if (!word) return 'unknown';
  for (const [pattern, state] of AGENT_STATE_WORDS) if (pattern.test(word)) return state;
  return 'unknown';
}

/**
 * `information.php?api=agents` joined with the live chat counts. Agents disabled in wolkvox
 * (`enabled: no`) hold no license and are left out.
 */
export function mapAgents(agents: AgentWire[], live: LiveAgentChatsWire[]): AgentStatus[] {
  const chatsByAgent = new Map<string, number>();
  for (const group of live) {
    if (!group.agent_id) continue;
    chatsByAgent.set(group.agent_id, (chatsByAgent.get(group.agent_id) ?? 0) + group.active_chats.length);
  }
  return agents
    .filter((a) => a.agent_id && !/^(no|n|0|false)$/i.test(a.enabled?.trim() ?? ''))
    .map((a) => ({
      id: a.agent_id!,
      name: a.agent_name || a.agent_id!,
      state: agentState(a.agent_status),
      stateLabel: a.agent_status ?? '',
      ongoingChats: chatsByAgent.get(a.agent_id!) ?? 0,
    }));
}

/** `real_time.php?api=skills` rows -> one queue per skill. */
export function mapSkillQueues(skills: SkillWire[]): QueueSnapshot {
  const queues: QueueFigures[] = skills.map((s) => ({
    name: s.skill_name || `Skill ${s.skill_id ?? '?'}`,
    waiting: readCount(s.calls_in_queue_now) ?? 0,
  }));
  return { queues, totals: { waiting: queues.reduce((sum, q) => sum + q.waiting, 0) } };
}

/**
 * Without configured skills the only live figures are the chats in progress. A chat that no
 * agent holds yet is the best available reading of "waiting"; wolkvox may not list such chats
 * at all, in which case `waiting` stays 0. Longest wait is measured from the first message of a
 * waiting chat. Said plainly: this is an approximation, configure `skills` for real queue figures.
 */
export function mapQueueFromLiveChats(live: LiveAgentChatsWire[], zone: string, now: Date): QueueSnapshot {
  const chats = mapActiveChats(live, zone);
  const waiting = chats.filter((c) => c.agentId === undefined);
  const ongoing = chats.length - waiting.length;
  const waits = waiting
    .map((c) => (c.startedAt ? Math.max(0, Math.round((now.getTime() - Date.parse(c.startedAt)) / 1000)) : undefined))
    .filter((w): w is number => w !== undefined);
  const longest = waits.length ? Math.max(...waits) : undefined;
  const figures: QueueFigures = { name: 'All chats', waiting: waiting.length, ongoingChats: ongoing, ...optional('longestWaitSeconds', longest) };
  return {
    queues: [figures],
    totals: { waiting: waiting.length, ongoingChats: ongoing, ...optional('longestWaitSeconds', longest) },
  };
}

/** `information.php?api=token_info`. */
export function mapTokenUsage(info: TokenInfoWire | undefined): TokenUsage | undefined {
  const limit = readNumber(info?.token_limit);
  const used = readNumber(info?.token_use_today);
  if (limit === undefined || used === undefined) return undefined;
  return { limit, usedToday: used, ...optional('allTokensToday', readNumber(info?.all_token_today)) };
}
