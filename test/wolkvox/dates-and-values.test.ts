import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWolkvoxAdapter, type WolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { dayRange, parseVendorDate, splitRange, toWolkvoxDate } from '../../adapters/wolkvox/dates.js';
import { agentState, senderRole } from '../../adapters/wolkvox/mapping.js';
import { readCount, readSeconds, readYes } from '../../adapters/wolkvox/values.js';
import { fakeWolkvoxSource, startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

describe('vendor dates', () => {
  it('writes request dates as YYYYmmddHHiiss in the operation time zone', () => {
    expect(toWolkvoxDate('2024-05-14T20:00:05.000Z', 'America/Bogota')).toBe('20240514150005');
    expect(toWolkvoxDate(new Date('2024-03-31T01:30:00Z'), 'Europe/Madrid')).toBe('20240331033000');
  });

  it('reads local report dates as UTC instants, keeping an offset when one is given', () => {
    expect(parseVendorDate('2024-05-14 09:12:31', 'America/Bogota')).toBe('2024-05-14T14:12:31.000Z');
    expect(parseVendorDate('20240514091231', 'America/Bogota')).toBe('2024-05-14T14:12:31.000Z');
    expect(parseVendorDate('2024-07-01 09:00:00', 'Europe/Madrid')).toBe('2024-07-01T07:00:00.000Z');
    expect(parseVendorDate('2024-05-14T09:12:31-03:00', 'America/Bogota')).toBe('2024-05-14T12:12:31.000Z');
    expect(parseVendorDate('', 'America/Bogota')).toBeUndefined();
    expect(parseVendorDate('0000-00-00 00:00:00', 'America/Bogota')).toBeUndefined();
    expect(parseVendorDate('ayer', 'America/Bogota')).toBeUndefined();
  });

  it('splits a range into contiguous vendor ranges of at most 31 days', () => {
    const ranges = splitRange('2024-01-01T05:00:00.000Z', '2024-03-11T05:00:00.000Z', 'America/Bogota');
    expect(ranges).toEqual([
      { dateIni: '20240101000000', dateEnd: '20240131235959' },
      { dateIni: '20240201000000', dateEnd: '20240302235959' },
      { dateIni: '20240303000000', dateEnd: '20240310235959' },
    ]);
    expect(splitRange('2024-01-01T05:00:00.000Z', '2024-02-01T05:00:00.000Z', 'America/Bogota')).toHaveLength(1);
  });

  it('stops today at the current time and yesterday at its last second', () => {
    const now = new Date('2024-05-14T20:00:00Z');
    expect(dayRange('2024-05-14', 'America/Bogota', now)).toEqual({ dateIni: '20240514000000', dateEnd: '20240514150000' });
    expect(dayRange('2024-05-13', 'America/Bogota', now)).toEqual({ dateIni: '20240513000000', dateEnd: '20240513235959' });
  });
});

describe('vendor figures', () => {
  it('reads durations written as HH:MM:SS, MM:SS or plain seconds', () => {
    expect(readSeconds('00:01:29')).toBe(89);
    expect(readSeconds('1:02:03')).toBe(3723);
    expect(readSeconds('02:05')).toBe(125);
    expect(readSeconds('115')).toBe(115);
    expect(readSeconds('42.6')).toBe(43);
    expect(readSeconds('1:00:00:00')).toBe(86_400);
    expect(readSeconds('')).toBeUndefined();
    expect(readSeconds('-5')).toBeUndefined();
    expect(readSeconds('n/a')).toBeUndefined();
    expect(readSeconds('00:xx:10')).toBeUndefined();
  });

  it('reads counts and yes/no flags defensively', () => {
    expect(readCount('4')).toBe(4);
    expect(readCount(' 12 ')).toBe(12);
    expect(readCount('')).toBeUndefined();
    expect(readCount('-1')).toBeUndefined();
    expect(readCount('cuatro')).toBeUndefined();
    expect(['yes', 'SI', 'sí', '1', 'true'].map(readYes)).toEqual([true, true, true, true, true]);
    expect(['no', '0', '', undefined].map(readYes)).toEqual([false, false, false, false]);
  });

  it('places senders by their word, else by the known names, else as system', () => {
    expect(senderRole('CLIENTE', undefined, {})).toBe('customer');
    expect(senderRole('chatbot', undefined, {})).toBe('bot');
    expect(senderRole('AGENTE_1001', undefined, {})).toBe('agent');
    expect(senderRole('573001234567', undefined, { customerPhone: '573001234567' })).toBe('customer');
    expect(senderRole('x', 'Laura Gómez', { agentName: 'laura gómez' })).toBe('agent');
    expect(senderRole('???', undefined, {})).toBe('system');
  });

  it("reads chat_2's `from: AGENT` with `from_name: chat_bot` as the bot, and a customer writing to the bot as the customer", () => {
    expect(senderRole('AGENT', 'chat_bot', { agentName: 'Laura Gómez' })).toBe('bot');
    expect(senderRole('AGENT', 'Chat Bot', {})).toBe('bot');
    expect(senderRole('AGENT', 'Laura Gómez', { agentName: 'Laura Gómez' })).toBe('agent');
    expect(senderRole('CUSTOMER', 'Pedro', {})).toBe('customer');
    // Only the sender's name counts: a customer calling themselves "bot" stays a customer.
    expect(senderRole('CUSTOMER', 'bot', {})).toBe('customer');
  });

  it('normalises agent states and keeps unknown words as unknown', () => {
    expect(['Disponible', 'Not Ready', 'En chat', 'Desconectado', 'Almuerzo', 'Mystery'].map(agentState)).toEqual([
      'available',
      'away',
      'busy',
      'offline',
      'away',
      'unknown',
    ]);
  });
});

describe('long ranges against the vendor', () => {
  let fake: FakeWolkvox;
  let adapter: WolkvoxAdapter;
  beforeEach(async () => {
    fake = await startFakeWolkvox();
    adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake), { retries: 0 });
  });
  afterEach(async () => {
    await adapter.close();
    await fake.close();
  });

  it('splits a 70-day handoff report into requests the vendor accepts and adds them up', async () => {
    const report = await adapter.handoffs({ from: '2024-01-01T05:00:00.000Z', to: '2024-03-11T05:00:00.000Z', label: 'last 70 days' });
    expect(fake.state.calls.map((c) => [c.query.date_ini, c.query.date_end, c.status])).toEqual([
      ['20240101000000', '20240131235959', 200],
      ['20240201000000', '20240302235959', 200],
      ['20240303000000', '20240310235959', 200],
    ]);
    // The fake answers the 4-row example for each of the three ranges.
    expect(report).toMatchObject({ botConversations: 12, handedToAgent: 9, rate: 0.75 });
  });
});
