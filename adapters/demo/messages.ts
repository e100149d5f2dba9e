import type { Attachment, SenderRole } from '../../src/domain/types.js';
import type { DaySim, SimConversation } from './day-sim.js';
import type { DemoCustomer } from './customer.js';
import { BOT_NAME, QUEUES } from './operation.js';
import { rngFor, type Rng } from './random.js';
import {
  AGENT_ANYTHING_ELSE,
  AGENT_GOODBYE,
  AGENT_GREETING,
  BOT_HANDOFF,
  BOT_MENU,
  CUSTOMER_NOTHING_ELSE,
  CUSTOMER_STILL_THERE,
  CUSTOMER_THANKS,
  SCRIPTS,
} from './scripts.js';

/** A message of the simulated chat, `at` in seconds after the day's midnight. */
export interface TimedMessage {
  at: number;
  role: SenderRole;
  name?: string;
  text: string;
  attachments: Attachment[];
}

const FILE_TYPES: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' };

/**
 * The whole conversation, including what will be said after now: callers cut it at their
 * instant. Pure in (seed, day, conversation), so a transcript reads the same every time.
 */
export function conversationMessages(seed: number, sim: DaySim, c: SimConversation, id: string, customer: DemoCustomer): TimedMessage[] {
  const rng = rngFor(seed, sim.dayNumber, c.seq, 0x3e55);
  const script = SCRIPTS[c.queue]!;
  const agentName = (index: number | undefined): string => (index === undefined ? '' : sim.agents[index]!.agent.name);
  const amount = pesos(rng.int(35, 240) * 1000 - 100);
  const fill = (text: string, agent = ''): string =>
    text
      .replaceAll('{first}', customer.first)
      .replaceAll('{last}', customer.last)
      .replaceAll('{agent}', agent.split(' ')[0] ?? '')
      .replaceAll('{phone}', customer.phone ?? 'este mismo número')
      .replaceAll('{queue}', QUEUES[c.queue]!.name)
      .replaceAll('{amount}', amount)
      .replaceAll('{ref}', String(c.seq * 7919 + sim.dayNumber));
  const messages: TimedMessage[] = [];
  const say = (at: number, role: SenderRole, text: string, file?: string, name?: string): void => {
    const message: TimedMessage = { at, role, text, attachments: [] };
    const who = name ?? (role === 'customer' ? customer.name : role === 'bot' ? BOT_NAME : undefined);
    if (who) message.name = who;
    if (file) message.attachments.push({ url: `https://files.demo.example/${id}/${file}`, type: FILE_TYPES[file.split('.').pop() ?? ''], name: file });
    messages.push(message);
  };

  const dialogue = rng.pick(script.dialogues);
  const settledByBot = c.viaBot && !c.wantsAgent;
  say(c.start, 'customer', rng.pick(settledByBot ? script.botOnly.openers : dialogue.openers));
  if (c.viaBot) botPhase(c, rng, script, say, fill);
  if (c.enqueueAt === undefined) return messages.sort(byTime);

  const taken = c.assignedAt;
  const waitedUntil = taken ?? c.endAt;
  if (waitedUntil - c.enqueueAt > 90) say(c.enqueueAt + Math.round((waitedUntil - c.enqueueAt) * 0.7), 'customer', rng.pick(CUSTOMER_STILL_THERE));
  if (taken === undefined) {
    say(
      c.endAt,
      'system',
      c.outcome === 'abandoned' ? 'El cliente abandonó la conversación en la cola.' : 'Sin asesores disponibles: la conversación se cerró sin atender.',
    );
    return messages.sort(byTime);
  }

  const first = agentName(c.agent);
  const second = c.transferTo === undefined ? undefined : agentName(c.transferTo);
  const speakerAt = (at: number): string => (second !== undefined && at >= c.transferredAt! ? second : first);
  say(taken, 'system', `Asignada a ${first} (${QUEUES[c.queue]!.name}).`);
  if (second !== undefined) say(c.transferredAt!, 'system', `${first} transfirió la conversación a ${second}.`);
  const greetAt = taken + c.firstResponseSeconds;
  say(greetAt, 'agent', fill(AGENT_GREETING, first), undefined, first);
  const closingAt = c.endAt - 40;
  // As many turns as the chat's length allows, spread evenly between greeting and goodbye.
  const turns = Math.max(1, Math.min(dialogue.turns.length, Math.floor((closingAt - greetAt) / 50)));
  const step = (closingAt - greetAt) / (turns + 1);
  for (let i = 0; i < turns; i += 1) {
    const at = Math.round(greetAt + step * (i + 1) - rng.int(0, Math.floor(step / 3)));
    const [role, text, file] = dialogue.turns[i]!;
    const speaker = speakerAt(at);
    say(at, role, fill(text, speaker), file, role === 'agent' ? speaker : undefined);
  }
  say(closingAt, 'agent', AGENT_ANYTHING_ELSE, undefined, speakerAt(closingAt));
  say(closingAt + 25, 'customer', rng.pick(CUSTOMER_NOTHING_ELSE));
  say(c.endAt - 5, 'agent', fill(AGENT_GOODBYE, speakerAt(c.endAt - 5)), undefined, speakerAt(c.endAt - 5));
  say(c.endAt, 'system', 'Conversación finalizada.');
  return messages.sort(byTime);
}

/** `189.900`: Colombian thousands separators, without the cost of Intl on every message. */
function pesos(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function byTime(a: TimedMessage, b: TimedMessage): number {
  return a.at - b.at;
}

type Say = (at: number, role: SenderRole, text: string, file?: string) => void;

function botPhase(c: SimConversation, rng: Rng, script: (typeof SCRIPTS)[number], say: Say, fill: (text: string) => string): void {
  const end = c.start + c.botSeconds;
  say(c.start + 2, 'bot', fill(BOT_MENU));
  // Queues without a question (direct ones) never get past the menu.
  const asked = script.botQuestion !== '';
  if (asked) {
    say(c.start + Math.round(c.botSeconds * 0.3), 'customer', String((c.queue % 3) + 1));
    say(c.start + Math.round(c.botSeconds * 0.3) + 2, 'bot', fill(script.botQuestion));
    say(c.start + Math.round(c.botSeconds * 0.7), 'customer', fill(rng.pick(script.botAnswer)));
  }
  // The bot's last word comes after the customer's answer, however short the exchange.
  const lastWord = Math.max(c.start + Math.round(c.botSeconds * 0.7) + 3, end - 12);
  if (!c.wantsAgent) {
    say(lastWord, 'bot', fill(rng.pick(script.botOnly.answers)));
    say(end, 'customer', rng.pick(CUSTOMER_THANKS));
  } else {
    say(end, 'bot', fill(BOT_HANDOFF));
  }
}
