import { afterEach, describe, expect, it } from 'vitest';
import { vccliveBot, type VendorBot } from './vendors.js';
import { documentedChat, generateChats, makeChat, makeWaitingChat, type FakeChat, type FakeVcclive } from '../fakes/fake-vcclive.js';

let bot: (VendorBot & { fake: FakeVcclive }) | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('commands on a VCC Live source (documented payloads, fake VCC Live)', () => {
  it('/queue counts the chats no agent has answered yet, per queue, longest wait first', async () => {
    bot = await vccliveBot();
    bot.fake.controls.addChats([
      makeWaitingChat({ chatId: 11, queue: 'Support', startedAt: '2023-01-20 11:55:50' }),
      makeWaitingChat({ chatId: 12, queue: 'Sales', startedAt: '2023-01-20 11:50:00' }),
      makeWaitingChat({ chatId: 13, queue: 'Support', startedAt: '2023-01-20 11:58:00' }),
    ]);
    const text = await bot.ask('/queue');
    expect(text).toContain('Queue — Budapest\n3 waiting · longest 10m');
    expect(text).toMatch(/Support\s+2\s+4m 10s/);
    expect(text).toMatch(/Sales\s+1\s+10m/);
    expect(text.indexOf('Support')).toBeLessThan(text.indexOf('Sales'));
    expect(text).toContain('Budapest (vcclive) · as of 12:00');
  });

  it('/agents shows who is online, in which state and for how long', async () => {
    bot = await vccliveBot();
    const text = await bot.ask('/agents');
    expect(text).toMatch(/John Smith\s+Available \(AVAILABLE4CALL\)\s+12m/);
    expect(text).toMatch(/Eva Kovács\s+\S+ \(BREAK\)\s+30m/);
  });

  it('/transcript shows the documented chat: queue, agent, first response, duration and each message', async () => {
    bot = await vccliveBot();
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
    bot = await vccliveBot();
    const chat = documentedChat();
    const transcript = (chat.transcript as Array<Record<string, unknown>>).map((m, i) => (i === 0 ? { ...m, message: 'call me on +36 20 123 4567', name: '+36 20 123 4567' } : m));
    bot.fake.controls.setChats([makeChat({ ...chat, chatId: 7, visitorName: '+36 20 123 4567', transcript })]);
    const text = await bot.ask('/transcript 7');
    expect(text).toContain('call me on +36 ** *** *567');
    expect(text).not.toContain('123 4567');
  });

  it("/today gives the day's chats and SLA from the chat log", async () => {
    bot = await vccliveBot();
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Budapest (Fri 20 Jan)\n1 chat · 0 missed · SLA 100%');
    expect(text).toMatch(/First response:\s+7s/);
    expect(text).toMatch(/SLA:\s+100% \(0 breaches\)/);
  });

  /** 23 chats on the example day: the first 4 missed (and out of SLA), the 5th answered late. */
  function dayOf23(): FakeChat[] {
    return generateChats(23, { date: '2023-01-20' }).map((chat, i) => {
      if (i < 4) return { ...chat, disposition: 'Missed', firstAgentMessageTime: null, firstResponseTime: null, slaStatus: 'Out of SLA' };
      if (i === 4) return { ...chat, firstResponseTime: 95, slaStatus: 'Out of SLA' };
      return chat;
    });
  }

  it('/today reads every page of a server that gives at most 10 chats a page', async () => {
    bot = await vccliveBot({ fake: { chats: dayOf23(), pageSizeCap: 10 } });
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Budapest (Fri 20 Jan)\n23 chats · 4 missed · SLA 78%');
    expect(text).toMatch(/SLA:\s+78% \(5 breaches\)/);
    expect(text).not.toContain('at least');
    expect(bot.fake.controls.calls.map((c) => c.query.start)).toEqual(['0', '10', '20', '23']);
  });

  it('/today says "at least" when maxPages stops the reading before the end of the day', async () => {
    bot = await vccliveBot({ fake: { chats: dayOf23(), pageSizeCap: 10 }, config: { maxPages: 2 } });
    const text = await bot.ask('/today');
    expect(text).toContain('\nat least 20 chats · at least 4 missed');
    expect(text).toMatch(/Chats:\s+at least 20/);
    expect(text).toContain('counts are lower bounds');
  });

  it('/handoffs says it is not available for vcclive, without calling the vendor', async () => {
    bot = await vccliveBot();
    const text = await bot.ask('/handoffs yesterday');
    expect(text).toContain('not available for vcclive');
    expect(bot.fake.controls.callCount()).toBe(0);
  });

  it('says VCC Live refused the bot when its address is not registered (403)', async () => {
    bot = await vccliveBot();
    bot.fake.controls.failNext('forbidden');
    expect(await bot.ask('/agents')).toContain('/agents: VCC Live refused the request');
  });
});
