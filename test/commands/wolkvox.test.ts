import { afterEach, describe, expect, it } from 'vitest';
import { wolkvoxBot, type VendorBot } from './vendors.js';
import type { FakeWolkvox } from '../fakes/fake-wolkvox.js';

let bot: (VendorBot & { fake: FakeWolkvox }) | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('commands on a wolkvox source (documented payloads, fake wolkvox)', () => {
  it('/queue shows the configured skills worst first with their waiting chats', async () => {
    bot = await wolkvoxBot({ skills: ['102', '101'] });
    const text = await bot.ask('/queue');
    expect(text).toContain('Queue — Bogotá\n5 waiting');
    expect(text.indexOf('Ventas')).toBeLessThan(text.indexOf('Soporte'));
    expect(text).toMatch(/Ventas\s+4/);
    expect(text).toMatch(/Soporte\s+1/);
    expect(text).toContain('Bogotá (wolkvox) · as of 15:00');
    expect(text).toContain('[Refresh: /queue]');
  });

  it('/queue without skills counts the chats in progress from the live chats report', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/queue');
    expect(text).toContain('Nobody waiting');
    expect(text).toMatch(/Chats in progress:\s+3/);
  });

  it('/queue gives agents available from the agents answer already cached, without asking wolkvox for it again', async () => {
    bot = await wolkvoxBot({ skills: ['102', '101'] });
    expect(await bot.ask('/queue')).toMatch(/Agents available:\s+—/);
    await bot.ask('/agents');
    const agentCalls = () => bot!.fake.state.calls.filter((c) => c.api === 'agents').length;
    const before = agentCalls();
    const text = await bot.ask('/queue');
    expect(text).toContain('5 waiting · 1 agent available');
    expect(text).toMatch(/Agents available:\s+1\n/);
    // A minute later and more, the figure says when it was true; past 5 minutes it is not used.
    bot.advance(2 * 60_000);
    expect(await bot.ask('/queue')).toMatch(/Agents available:\s+1 \(as of 15:00\)/);
    bot.advance(4 * 60_000);
    expect(await bot.ask('/queue')).toMatch(/Agents available:\s+—/);
    expect(agentCalls()).toBe(before);
  });

  it('/agents gives the totals by status first, then each enabled agent with ongoing chats', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/agents');
    expect(text).toContain('1 available · 1 busy · 1 away · 1 offline');
    expect(text).toMatch(/Laura Gómez\s+Available \(Ready\)\s+2/);
    expect(text).toMatch(/Andrés Ruiz\s+Busy\s+1/);
    expect(text).toMatch(/Paola Castro\s+Away \(Break\)/);
    expect(text).not.toContain('Usuario Retirado');
    expect(text.indexOf('Laura Gómez')).toBeLessThan(text.indexOf('Andrés Ruiz'));
  });

  it('/agents busy lists only the busy agents, keeping the totals', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/agents busy');
    expect(text).toContain('Agents busy — Bogotá');
    expect(text).toContain('Andrés Ruiz');
    expect(text).not.toContain('Laura Gómez');
    expect(text).toContain('1 available · 1 busy');
  });

  it('/transcript of a live chat shows customer, bot and agent with local times, the phone masked', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/transcript 8731245');
    expect(text).toContain('Transcript 8731245 — Bogotá\nIn progress · whatsapp · 3 messages');
    expect(text).toContain('09:12 · Customer\nHola, mi pedido 4411 no ha llegado');
    expect(text).toContain('09:12 · Bot\nGracias por escribirnos.');
    expect(text).toContain('09:14 · Agent\nBuenos días, soy Laura.');
    expect(text).toMatch(/Phone:\s+\*\* \*\*\* \*\*\* \*567/);
    expect(text).not.toContain('573001234567');
  });

  it('/transcript of a finished chat names agent and customer and gives its duration', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/transcript 8730001');
    expect(text).toMatch(/Agent:\s+Laura Gómez/);
    expect(text).toMatch(/Customer:\s+Carlos Pérez/);
    expect(text).toMatch(/Started:\s+14 May 08:02/);
    expect(text).toMatch(/Duration:\s+7m 51s/);
    expect(text).toContain('08:03 · Agent (Laura Gómez)\nHola Carlos, tu pedido sale hoy en la tarde.');
  });

  it("/transcript shows wolkvox's chat_bot messages (from AGENT) as the bot's, and times the handoff from them", async () => {
    bot = await wolkvoxBot();
    const line = (from: string, fromName: string, toName: string, date: string, message: string) => ({
      channel: 'webchat', from, from_name: fromName, to_name: toName, date: `2024-05-14 ${date}`, message, customer_id: '80123', feeling: 'neutral',
    });
    bot.fake.setData('chat_2', [{
      conn_id: '8730999',
      agent_name: 'Laura Gómez',
      customer_name: 'Pedro Niño',
      conversation: [
        line('CUSTOMER', 'Pedro Niño', 'chat bot', '09:00:00', 'Hola'),
        line('AGENT', 'chat_bot', 'Pedro Niño', '09:00:05', 'Bienvenido, ¿en qué te ayudo?'),
        line('CUSTOMER', 'Pedro Niño', 'chat bot', '09:00:30', 'Quiero hablar con un asesor'),
        line('AGENT', 'chat_bot', 'Pedro Niño', '09:00:32', 'Te comunico con un asesor'),
        line('AGENT', 'Laura Gómez', 'Pedro Niño', '09:02:02', 'Hola Pedro, soy Laura'),
      ],
    }]);
    const text = await bot.ask('/transcript 8730999');
    expect(text).toContain('09:00 · Bot (chat_bot)\nBienvenido, ¿en qué te ayudo?');
    expect(text).toContain('09:02 · Agent (Laura Gómez)\nHola Pedro, soy Laura');
    expect(text).not.toContain('Agent (chat_bot)');
    // The bot's answer 5 s in is not the agent's first response: Laura's, 2m 2s after "Hola", is.
    expect(text).toMatch(/First response:\s+2m 02s/);
    expect(text).toMatch(/With bot:\s+32s/);
    expect(text).toMatch(/Time to agent:\s+1m 30s/);
  });

  it('/transcript pages a long chat with a Next page button and masks a number the customer typed', async () => {
    bot = await wolkvoxBot();
    const conversation = Array.from({ length: 40 }, (_, i) => ({
      from: i % 2 ? 'agent' : 'customer',
      msg: i === 20 ? 'Mi número es +57 311 555 1234' : `mensaje ${i + 1}`,
      date: `2024-05-14 09:${String(10 + i).padStart(2, '0')}:00`,
    }));
    bot.fake.setData('chats', [{ agent_id: '1001', active_chats: [{ conn_id: '9000001', channel: 'whatsapp', connector_id: '702', customer_phone: '+573115551234', conversation }] }]);
    const first = await bot.ask('/transcript 9000001');
    expect(first).toContain('mensaje 15\n');
    expect(first).not.toContain('mensaje 16\n');
    expect(first).toContain('messages 1–15 of 40 · page 1 of 3');
    expect(first).toContain('[Next page: /transcript 9000001 page:2]');
    const second = await bot.ask('/transcript 9000001 page:2');
    expect(second).toContain('mensaje 16\n');
    expect(second).toContain('Mi número es +57 *** *** *234');
    expect(second).not.toContain('555 1234');
    expect(second).toMatch(/Phone:\s+\+57 \*\*\* \*\*\* \*234/);
  });

  it('/transcript says so when the id is in no report of the days searched', async () => {
    bot = await wolkvoxBot();
    expect(await bot.ask('/transcript 999')).toContain('wolkvox has no chat with id 999');
  });

  it('/today gives chats, average wait and the handoff rate of the local day', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Bogotá (Tue 14 May)\n4 chats');
    expect(text).toMatch(/Average wait:\s+1m 23s/);
    expect(text).toMatch(/Handoff rate:\s+75%/);
  });

  it('/handoffs gives the rate, time on the bot, time to an agent and the top routing points', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/handoffs');
    expect(text).toContain('Handoffs — Bogotá, today\n75% of 4 bot conversations went to an agent');
    expect(text).toMatch(/Time on bot \(avg\):\s+1m 03s/);
    expect(text).toMatch(/Time to agent \(avg\):\s+1m 23s/);
    expect(text).toMatch(/Routing point 12\s+2\s+67%/);
  });

  it('/handoffs 7d asks the vendor for the last seven local days', async () => {
    bot = await wolkvoxBot();
    expect(await bot.ask('/handoffs 7d')).toContain('Handoffs — Bogotá, last 7 days');
    const dates = bot.fake.state.calls.filter((c) => c.api === 'chat_8').map((c) => c.query.date_ini);
    expect(dates).toContain('20240508000000');
  });

  it('shows the last answer with its age and the reason when the vendor fails later', async () => {
    bot = await wolkvoxBot({ skills: ['101'] });
    await bot.ask('/queue');
    bot.advance(5 * 60_000);
    bot.fake.failWith('server-error');
    const text = await bot.ask('/queue');
    expect(text).toMatch(/Ventas\s+4/);
    expect(text).toMatch(/Bogotá \(wolkvox\) · as of 15:00 \(5 min ago\) — .+/);
  });

  it('says the quota is spent when wolkvox refuses with TOKEN LIMIT EXCEEDED and nothing is cached', async () => {
    bot = await wolkvoxBot();
    bot.fake.setDailyLimit(0);
    const text = await bot.ask('/today');
    expect(text).toContain('/today: wolkvox refused the request');
    expect(text).toMatch(/quota .*spent for today/);
  });
});
