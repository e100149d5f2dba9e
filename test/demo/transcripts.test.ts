import { describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import type { TranscriptMessage } from '../../src/domain/types.js';
import { demoAt } from './clock.js';

function inTimeOrder(messages: TranscriptMessage[]): boolean {
  return messages.every((m, i) => i === 0 || Date.parse(m.at!) >= Date.parse(messages[i - 1]!.at!));
}

describe('demo conversations and transcripts', () => {
  it('finds the transcript of a chat listed as active, with customer, bot and agent in time order', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const chats = await demo.activeChats();
    const withAgent = chats.find((c) => c.agentName && c.messages.some((m) => m.role === 'bot'))!;
    expect(withAgent.id).toMatch(/^DEMO-\d+$/);
    const transcript = (await demo.transcript(withAgent.id))!;
    expect(transcript).toMatchObject({ id: withAgent.id, active: true, status: 'with agent', agentName: withAgent.agentName });
    expect(transcript.messages).toEqual(withAgent.messages);
    const roles = transcript.messages.map((m) => m.role);
    expect(roles[0]).toBe('customer');
    expect(roles.indexOf('bot')).toBeLessThan(roles.indexOf('agent'));
    expect(roles).toContain('agent');
    expect(inTimeOrder(transcript.messages)).toBe(true);
    expect(transcript.messages.filter((m) => m.role === 'bot').every((m) => m.name === 'Wolky')).toBe(true);
  });

  it('shows nothing said after now in a live chat', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    for (const chat of await demo.activeChats()) {
      expect(chat.messages.every((m) => Date.parse(m.at!) <= Date.parse('2024-03-18T16:40:00Z'))).toBe(true);
      expect(chat.lastMessageAt).toBe(chat.messages.at(-1)?.at);
    }
  });

  it('lists chats waiting in the queue and with the bot as well as with agents', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const chats = await demo.activeChats();
    const waiting = (await demo.queue()).totals.waiting;
    const statuses = await Promise.all(chats.map(async (c) => (await demo.transcript(c.id))!.status));
    expect(statuses.filter((s) => s === 'waiting in queue')).toHaveLength(waiting);
    expect(statuses.filter((s) => s === 'with agent')).toHaveLength((await demo.queue()).totals.ongoingChats!);
    expect(statuses).toContain('with bot');
  });

  it('gives WhatsApp customers an E.164 phone number, and some chats carry attachments', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const chats = await demo.activeChats();
    const whatsapp = chats.filter((c) => c.channel === 'whatsapp');
    expect(whatsapp.length).toBeGreaterThan(0);
    for (const chat of whatsapp) expect(chat.customerPhone).toMatch(/^\+[1-9]\d{9,13}$/);
    expect(new Set(chats.map((c) => c.channel))).toEqual(new Set(['webchat', 'whatsapp', 'instagram']));
    const attachments = chats.flatMap((c) => c.messages.flatMap((m) => m.attachments));
    expect(attachments.length).toBeGreaterThan(0);
    expect(attachments[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\//), name: expect.any(String) });
  });

  it('finds a chat of three days ago, finished, with the beginning that was seen live', async () => {
    const { demo, setClock } = demoAt('2024-03-15T11:00');
    const live = (await demo.activeChats()).find((c) => c.agentName)!;
    setClock('2024-03-18T11:40');
    const transcript = (await demo.transcript(live.id))!;
    expect(transcript).toMatchObject({ id: live.id, active: false, customerName: live.customerName });
    expect(['completed', 'abandoned', 'missed']).toContain(transcript.status);
    expect(transcript.endedAt).toBeDefined();
    expect(transcript.messages.slice(0, live.messages.length)).toEqual(live.messages);
    expect(transcript.messages.length).toBeGreaterThan(live.messages.length);
    expect(inTimeOrder(transcript.messages)).toBe(true);
    expect(transcript.messages.at(-1)!.role).toBe('system');
  });

  it('answers null for unknown ids, ids older than 7 days, and ids of another seed', async () => {
    const { demo: earlier } = demoAt('2024-03-10T11:00');
    const oldId = (await earlier.activeChats())[0]!.id;
    const { demo: otherSeed } = demoAt('2024-03-18T11:00', 7);
    const otherSeedIds = (await otherSeed.activeChats()).map((c) => c.id);
    const { demo } = demoAt('2024-03-18T11:40');
    const ours = new Set((await demo.activeChats()).map((c) => c.id));
    expect(await demo.transcript(oldId)).toBeNull();
    expect(await demo.transcript('DEMO-24031899990')).toBeNull();
    expect(await demo.transcript('DEMO-24031900011')).toBeNull();
    expect(await demo.transcript('CONN-123')).toBeNull();
    const foreign = otherSeedIds.filter((id) => !ours.has(id));
    const found = await Promise.all(foreign.map((id) => demo.transcript(id)));
    expect(found.filter((t) => t !== null).length).toBeLessThan(foreign.length / 3);
  });

  it('refuses an id with characters no conversation id has, without repeating it', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const error = await demo.transcript('+573001234567').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ kind: 'refused', reason: 'bad-request' });
    expect((error as VendorError).userMessage).not.toContain('3001234567');
    expect((error as VendorError).message).not.toContain('3001234567');
  });
});
