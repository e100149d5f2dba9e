import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWolkvoxAdapter, wolkvoxQuotaKey, type WolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { fakeWolkvoxSource, startFakeWolkvox, wolkvoxFixtureData, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

// 15:00 in Bogota (UTC-5), the day of the fixtures.
const NOW = new Date('2024-05-14T20:00:00Z');

let fake: FakeWolkvox;
let adapter: WolkvoxAdapter;

function adapterFor(overrides: Record<string, unknown> = {}): WolkvoxAdapter {
  return createWolkvoxAdapter(fakeWolkvoxSource(fake, overrides), { now: () => NOW, retries: 0 });
}

beforeEach(async () => {
  fake = await startFakeWolkvox();
  // The vendor's documented example, not the fake's live count.
  fake.setData('token_info', wolkvoxFixtureData('token-info.json'));
  adapter = adapterFor();
});
afterEach(async () => {
  await adapter.close();
  await fake.close();
});

describe('wolkvox documented examples', () => {
  it('reads the real-time chats example as chats in progress with UTC times and sender roles', async () => {
    const chats = await adapter.activeChats();
    expect(chats.map((c) => c.id)).toEqual(['8731245', '8731302', '8731377']);
    const [first, second] = chats;
    expect(first).toMatchObject({
      id: '8731245',
      channel: 'whatsapp',
      agentId: '1001',
      customerPhone: '573001234567',
      startedAt: '2024-05-14T14:12:31.000Z',
      lastMessageAt: '2024-05-14T14:14:05.000Z',
      lastCustomerMessageAt: '2024-05-14T14:12:31.000Z',
      lastSender: 'agent',
    });
    expect(first!.messages.map((m) => [m.role, m.at, m.text])).toEqual([
      ['customer', '2024-05-14T14:12:31.000Z', 'Hola, mi pedido 4411 no ha llegado'],
      ['bot', '2024-05-14T14:12:33.000Z', 'Gracias por escribirnos. Te comunico con un asesor.'],
      ['agent', '2024-05-14T14:14:05.000Z', 'Buenos días, soy Laura. Reviso tu pedido ya mismo.'],
    ]);
    expect(second).toMatchObject({ channel: 'webchat', agentId: '1001', lastSender: 'customer', lastCustomerMessageAt: '2024-05-14T14:20:10.000Z' });
    expect(chats[2]!.agentId).toBe('1002');
    expect(fake.state.calls[0]).toMatchObject({ path: '/api/v2/real_time.php', api: 'chats', authorized: true });
  });

  it('lists enabled agents with a normalised state and their live chat count', async () => {
    const agents = await adapter.agents();
    expect(agents).toEqual([
      { id: '1001', name: 'Laura Gómez', state: 'available', stateLabel: 'Ready', ongoingChats: 2 },
      { id: '1002', name: 'Andrés Ruiz', state: 'busy', stateLabel: 'Busy', ongoingChats: 1 },
      { id: '1003', name: 'Paola Castro', state: 'away', stateLabel: 'Break', ongoingChats: 0 },
      { id: '1004', name: 'Diego Vargas', state: 'offline', stateLabel: 'Logout', ongoingChats: 0 },
    ]);
    expect(fake.callCount('agents')).toBe(1);
    expect(fake.callCount('chats')).toBe(1);
  });

  it('shows one queue per configured skill with its waiting count', async () => {
    await adapter.close();
    adapter = adapterFor({ skills: ['101', 102] });
    const snapshot = await adapter.queue();
    expect(snapshot).toEqual({
      queues: [
        { name: 'Ventas', waiting: 4 },
        { name: 'Soporte', waiting: 1 },
      ],
      totals: { waiting: 5 },
    });
    expect(fake.state.calls.map((c) => c.query.skill_id)).toEqual(['101', '102']);
  });

  it('derives the queue from live chats when no skill is configured, counting unassigned chats as waiting', async () => {
    fake.setData('chats', [
      {
        agent_id: '1001',
        active_chats: [{ conn_id: '1', channel: 'whatsapp', conversation: [{ from: 'customer', msg: 'hola', date: '2024-05-14 14:58:00' }] }],
      },
      {
        agent_id: '',
        active_chats: [{ conn_id: '2', channel: 'whatsapp', conversation: [{ from: 'customer', msg: '¿hay alguien?', date: '2024-05-14 14:55:30' }] }],
      },
    ]);
    const snapshot = await adapter.queue();
    expect(snapshot.totals).toEqual({ waiting: 1, ongoingChats: 1, longestWaitSeconds: 270 });
  });

  it('answers a live conversation from the real-time report without touching chat_2', async () => {
    const transcript = await adapter.transcript('8731245');
    expect(transcript).toMatchObject({
      id: '8731245',
      active: true,
      channel: 'whatsapp',
      customerPhone: '573001234567',
      startedAt: '2024-05-14T14:12:31.000Z',
    });
    expect(transcript!.messages).toHaveLength(3);
    expect(fake.callCount('chat_2')).toBe(0);
  });

  it('reads the chat_2 example as a finished transcript with names, times and duration', async () => {
    const transcript = await adapter.transcript('8730044');
    expect(transcript).toEqual({
      id: '8730044',
      active: false,
      channel: 'webchat',
      agentName: 'Andrés Ruiz',
      customerName: 'Marta Díaz',
      startedAt: '2024-05-14T15:30:00.000Z',
      endedAt: '2024-05-14T15:31:15.000Z',
      durationSeconds: 75,
      firstResponseSeconds: 75,
      messages: [
        { role: 'customer', name: 'Marta Díaz', at: '2024-05-14T15:30:00.000Z', text: '¿Puedo pagar con tarjeta de crédito?', attachments: [] },
        { role: 'agent', name: 'Andrés Ruiz', at: '2024-05-14T15:31:15.000Z', text: 'Sí, aceptamos todas las tarjetas.', attachments: [] },
      ],
    });
    expect(fake.state.calls.find((c) => c.api === 'chat_2')?.query).toMatchObject({ date_ini: '20240514000000', date_end: '20240514150000' });
  });

  it('turns a message that is only a link into an attachment', async () => {
    const transcript = await adapter.transcript('8730001');
    expect(transcript!.messages[2]).toMatchObject({ role: 'customer', attachments: [{ url: 'https://files.wolkvox.com/media/recibo-4398.jpg' }] });
  });

  it('sums up today from chat_8 and chat_2: chats, handoff rate, wait, length and chats per hour', async () => {
    const today = await adapter.today();
    const byHour = Array.from({ length: 24 }, (_, h) => ([8, 9, 10, 14].includes(h) ? 1 : 0));
    expect(today).toEqual({
      date: '2024-05-14',
      chats: 4,
      handoffRate: 0.75,
      // asa of the three handed chats: 1:29, 1:55 and "45" seconds.
      averageWaitSeconds: 83,
      // total_time 10:30, "115", 10:40, 10:30.
      averageChatSeconds: 504,
      chatsByHour: byHour,
    });
    const reports = fake.state.calls.filter((c) => c.api === 'chat_8' || c.api === 'chat_2');
    expect(reports.map((c) => [c.api, c.query.date_ini, c.query.date_end])).toEqual([
      ['chat_8', '20240514000000', '20240514150000'],
      ['chat_2', '20240514000000', '20240514150000'],
    ]);
  });

  it('asks for the whole local day of a past date', async () => {
    const stats = await adapter.dayStats('2024-05-13');
    expect(stats.date).toBe('2024-05-13');
    expect(fake.state.calls[0]!.query).toMatchObject({ api: 'chat_8', date_ini: '20240513000000', date_end: '20240513235959' });
  });

  it('reads the chat_8 example as a handoff report with rate, bot time, answer time and routing points', async () => {
    const range = { from: '2024-05-14T05:00:00.000Z', to: '2024-05-15T05:00:00.000Z', label: 'today' };
    const report = await adapter.handoffs(range);
    expect(report).toEqual({
      range,
      botConversations: 4,
      handedToAgent: 3,
      rate: 0.75,
      // time_on_chatbot 0:41, "115", 0:35, 1:00.
      averageSecondsOnBot: 63,
      averageSecondsToAgent: 83,
      topRoutingPoints: [
        { name: 'Routing point 12', handoffs: 2 },
        { name: 'Routing point 15', handoffs: 1 },
      ],
    });
    expect(fake.state.calls[0]!.query).toMatchObject({ date_ini: '20240514000000', date_end: '20240514235959' });
  });

  it('reads token_info as the token usage', async () => {
    expect(await adapter.tokenUsage()).toEqual({ limit: 5000, usedToday: 1234, allTokensToday: 2871 });
  });

  it.each(['string', 'number'] as const)('accepts the envelope code as a %s on every endpoint', async (codeAs) => {
    fake.setCodeAs(codeAs);
    expect(await adapter.activeChats()).toHaveLength(3);
    expect((await adapter.today()).chats).toBe(4);
    expect(await adapter.tokenUsage()).toMatchObject({ limit: 5000 });
  });

  it('identifies the token for the quota without revealing it', () => {
    expect(adapter.quotaKey).toBe(wolkvoxQuotaKey('0032', fake.token));
    expect(adapter.quotaKey).toMatch(/^wolkvox:0032:[0-9a-f]{8}$/);
    expect(adapter.quotaKey).not.toContain(fake.token);
    expect([...adapter.capabilities].sort()).toEqual(['activeChats', 'agents', 'dayStats', 'handoffs', 'queue', 'today', 'tokenUsage', 'transcript']);
  });
});
