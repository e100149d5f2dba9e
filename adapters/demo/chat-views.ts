import type { ActiveChat, Transcript, TranscriptMessage } from '../../src/domain/types.js';
import { formatConversationId } from './conversation-id.js';
import { customerOf } from './customer.js';
import type { DaySim, SimConversation } from './day-sim.js';
import type { LocalDay } from './local-day.js';
import { conversationMessages } from './messages.js';
import { QUEUES } from './operation.js';

/** A conversation of a simulated day, seen at `t` seconds after that day's midnight. */
interface Seen {
  seed: number;
  day: LocalDay;
  sim: DaySim;
  c: SimConversation;
  t: number;
}

/** In progress at `t`: started, not yet closed. */
export function isActiveAt(c: SimConversation, t: number): boolean {
  return c.start <= t && t < c.endAt;
}

/** `/transcript` of one conversation as it stands at `t`. */
export function transcriptOf({ seed, day, sim, c, t }: Seen): Transcript {
  const id = formatConversationId(seed, day.dayNumber, day.date, c.seq);
  const customer = customerOf(seed, day.dayNumber, c.seq, c.channel);
  const iso = isoOf(day);
  const active = isActiveAt(c, t);
  const transcript: Transcript = {
    id,
    active,
    channel: c.channel,
    customerName: customer.name,
    status: statusAt(c, t),
    startedAt: iso(c.start),
    messages: messagesAt(seed, sim, c, id, customer, iso, t),
  };
  if (customer.phone) transcript.customerPhone = customer.phone;
  const agent = agentAt(sim, c, t);
  if (agent) transcript.agentName = agent.name;
  if (c.enqueueAt !== undefined && c.enqueueAt <= t) {
    transcript.queue = QUEUES[c.queue]!.name;
    const taken = c.assignedAt !== undefined && c.assignedAt <= t ? c.assignedAt : Math.min(c.endAt, t);
    transcript.waitSeconds = Math.round(taken - c.enqueueAt);
    if (c.assignedAt !== undefined && c.assignedAt + c.firstResponseSeconds <= t) {
      transcript.firstResponseSeconds = c.assignedAt + c.firstResponseSeconds - c.enqueueAt;
    }
  }
  if (active) transcript.durationSeconds = Math.round(t - c.start);
  else {
    transcript.endedAt = iso(c.endAt);
    transcript.durationSeconds = c.endAt - c.start;
  }
  return transcript;
}

/** One entry of `activeChats()`. */
export function activeChatOf({ seed, day, sim, c, t }: Seen): ActiveChat {
  const id = formatConversationId(seed, day.dayNumber, day.date, c.seq);
  const customer = customerOf(seed, day.dayNumber, c.seq, c.channel);
  const iso = isoOf(day);
  const messages = messagesAt(seed, sim, c, id, customer, iso, t);
  const chat: ActiveChat = { id, channel: c.channel, customerName: customer.name, startedAt: iso(c.start), messages };
  if (customer.phone) chat.customerPhone = customer.phone;
  const agent = agentAt(sim, c, t);
  if (agent) {
    chat.agentId = agent.id;
    chat.agentName = agent.name;
  }
  const last = messages[messages.length - 1];
  if (last) {
    chat.lastMessageAt = last.at;
    chat.lastSender = last.role;
  }
  const lastFromCustomer = messages.findLast((m) => m.role === 'customer');
  if (lastFromCustomer) chat.lastCustomerMessageAt = lastFromCustomer.at;
  return chat;
}

function messagesAt(
  seed: number,
  sim: DaySim,
  c: SimConversation,
  id: string,
  customer: ReturnType<typeof customerOf>,
  iso: (s: number) => string,
  t: number,
): TranscriptMessage[] {
  const out: TranscriptMessage[] = [];
  for (const m of conversationMessages(seed, sim, c, id, customer)) {
    if (m.at > t) break;
    const message: TranscriptMessage = { role: m.role, at: iso(m.at), text: m.text, attachments: m.attachments };
    if (m.name) message.name = m.name;
    out.push(message);
  }
  return out;
}

function agentAt(sim: DaySim, c: SimConversation, t: number): { id: string; name: string } | undefined {
  if (c.assignedAt === undefined || c.assignedAt > t) return undefined;
  const index = c.transferTo !== undefined && c.transferredAt! <= t ? c.transferTo : c.agent!;
  return sim.agents[index]!.agent;
}

function statusAt(c: SimConversation, t: number): string {
  if (isActiveAt(c, t)) {
    if (c.enqueueAt === undefined || c.enqueueAt > t) return 'with bot';
    return c.assignedAt !== undefined && c.assignedAt <= t ? 'with agent' : 'waiting in queue';
  }
  switch (c.outcome) {
    case 'answered':
      return 'completed';
    case 'abandoned':
      return 'abandoned';
    case 'missed':
      return 'missed';
    case 'bot':
      return 'resolved by bot';
  }
}

function isoOf(day: LocalDay): (seconds: number) => string {
  return (seconds) => new Date(day.startMs + seconds * 1000).toISOString();
}
