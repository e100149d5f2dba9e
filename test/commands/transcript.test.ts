import { describe, expect, it } from 'vitest';
import { botsClosedAfterEach, wolkvoxBot, comm100Bot, vccliveBot, demoBot } from './vendors.js';
import { documentedChat, makeChat } from '../fakes/fake-vcclive.js';

/** `/transcript` on every vendor that answers it, each through its real adapter and fake server. */
const opened = botsClosedAfterEach();

describe('/transcript on a wolkvox source (documented payloads, fake wolkvox)', () => {
  it('/transcript of a live chat shows customer, bot and agent with local times, the phone masked', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/transcript 8731245');
    expect(text).toContain('Transcript 8731245 — Bogotá\nIn progress · whatsapp · 3 messages');
    expect(text).toContain('09:12 · Customer\nHola, mi pedido 4411 no ha llegado');
    expect(text).toContain('09:12 · Bot\nGracias por escribirnos.');
    expect(text).toContain('09:14 · Agent\nBuenos días, soy Laura.');
    expect(text).toMatch(/Phone:\s+\*\* \*\*\* \*\*\* \*567/);
    expect(text).not.toContain('573001234567');
  });

  it('/transcript of a finished chat names agent and customer and gives its duration', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/transcript 8730001');
    expect(text).toMatch(/Agent:\s+Laura Gómez/);
    expect(text).toMatch(/Customer:\s+Carlos Pérez/);
    expect(text).toMatch(/Started:\s+14 May 08:02/);
    expect(text).toMatch(/Duration:\s+7m 51s/);
    expect(text).toContain('08:03 · Agent (Laura Gómez)\nHola Carlos, tu pedido sale hoy en la tarde.');
  });

  it("/transcript shows wolkvox's chat_bot messages (from AGENT) as the bot's, and times the handoff from them", async () => {
    const bot = await opened(wolkvoxBot());
    const line = (from: string, fromName: string, toName: string, date: string, message: string) => ({
      channel: 'webchat',
      from,
      from_name: fromName,
      to_name: toName,
      date: `2024-05-14 ${date}`,
      message,
      customer_id: '80123',
      feeling: 'neutral',
    });
    bot.fake.setData('chat_2', [
      {
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
      },
    ]);
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
    const bot = await opened(wolkvoxBot());
    const conversation = Array.from({ length: 40 }, (_, i) => ({
      from: i % 2 ? 'agent' : 'customer',
      msg: i === 20 ? 'Mi número es +57 311 555 1234' : `mensaje ${i + 1}`,
      date: `2024-05-14 09:${String(10 + i).padStart(2, '0')}:00`,
    }));
    bot.fake.setData('chats', [
      { agent_id: '1001', active_chats: [{ conn_id: '9000001', channel: 'whatsapp', connector_id: '702', customer_phone: '+573115551234', conversation }] },
    ]);
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
    const bot = await opened(wolkvoxBot());
    expect(await bot.ask('/transcript 999')).toContain('wolkvox has no chat with id 999');
  });
});

describe('/transcript on a Comm100 source (documented payloads, fake Comm100)', () => {
  it('/transcript shows bot, customer, system and agent messages, wait and duration, with the phone masked', async () => {
    const bot = await opened(comm100Bot());
    const text = await bot.ask('/transcript 8815');
    expect(text).toMatch(/Agent:\s+Walid/);
    expect(text).toMatch(/Customer:\s+Laura Gómez/);
    expect(text).toMatch(/Phone:\s+\+57 \*\*\* \*\*\* \*199/);
    expect(text).toMatch(/Wait:\s+45s/);
    expect(text).toMatch(/Duration:\s+7m 30s/);
    expect(text).toContain('09:01 · Bot (Comm100 Bot)\nHi! How can I help you today?');
    expect(text).toContain('09:01 · Customer (Laura Gómez)\nI want to talk to a person');
    expect(text).toContain('09:02 · System\nAgent Walid has joined the chat.');
    expect(text).toContain('09:03 · Customer (Laura Gómez)\nMy invoice is wrong, here it is\n[attachment: invoice.pdf]');
    expect(text).not.toContain('555 0199');
  });

  it('/transcript of a missed chat says it was missed', async () => {
    const bot = await opened(comm100Bot());
    const text = await bot.ask('/transcript 8816');
    expect(text).toContain('Missed · 0 messages');
    expect(text).toContain('No messages in this chat.');
  });

  it('/transcript of an unknown id says Comm100 has no such chat', async () => {
    const bot = await opened(comm100Bot());
    expect(await bot.ask('/transcript 12')).toContain('comm100 has no chat with id 12');
  });
});

describe('/transcript on a VCC Live source (documented payloads, fake VCC Live)', () => {
  it('/transcript shows the documented chat: queue, agent, first response, duration and each message', async () => {
    const bot = await opened(vccliveBot());
    const text = await bot.ask('/transcript 1');
    expect(text).toContain('Transcript 1 — Budapest\nCompleted · webchat · 3 messages');
    expect(text).toMatch(/Queue:\s+Chat/);
    expect(text).toMatch(/Agent:\s+John Smith/);
    expect(text).toMatch(/First response:\s+7s/);
    expect(text).toMatch(/Duration:\s+3m 18s/);
    expect(text).toContain('12:50 · Customer (Visitor)\nHi there');
    expect(text).toContain('12:52 · Agent (John Smit)\nHow can I help you?');
  });

  it('/transcript masks a phone number used as the visitor name and typed in a message', async () => {
    const bot = await opened(vccliveBot());
    const chat = documentedChat();
    const transcript = (chat.transcript as Array<Record<string, unknown>>).map((m, i) =>
      i === 0 ? { ...m, message: 'call me on +36 20 123 4567', name: '+36 20 123 4567' } : m,
    );
    bot.fake.controls.setChats([makeChat({ ...chat, chatId: 7, visitorName: '+36 20 123 4567', transcript })]);
    const text = await bot.ask('/transcript 7');
    expect(text).toContain('call me on +36 ** *** *567');
    expect(text).not.toContain('123 4567');
  });
});

describe('/transcript on the demo source (simulated contact center)', () => {
  // The demo is a simulation: these tests read the adapter's own answer for the pinned instant and
  // check the rendering shows it the way a supervisor expects.

  it('/transcript of a chat in progress shows who said what, with customer phones masked', async () => {
    const bot = await opened(demoBot());
    const chat = (await bot.adapter.activeChats!()).find((c) => c.customerPhone);
    expect(chat).toBeDefined();
    const text = await bot.ask(`/transcript ${chat!.id}`);
    expect(text).toContain(`Transcript ${chat!.id} — Demo contact center\nIn progress`);
    expect(text).toMatch(/\d\d:\d\d · Customer/);
    expect(text).toMatch(/\d\d:\d\d · Agent/);
    const digits = chat!.customerPhone!.replace(/\D/g, '');
    expect(text).toMatch(new RegExp(`Phone:\\s+[+\\d]*[* ]+\\*${digits.slice(-3)}\\n`));
    expect(text.replace(/\D/g, ' ')).not.toContain(digits.slice(-7));
  });
});
