import { afterEach, describe, expect, it } from 'vitest';
import { comm100Bot, type VendorBot } from './vendors.js';
import type { FakeComm100 } from '../fakes/fake-comm100.js';

let bot: (VendorBot & { fake: FakeComm100 }) | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('commands on a Comm100 source (documented payloads, fake Comm100)', () => {
  it('/queue shows each department worst first with its longest and average wait', async () => {
    bot = await comm100Bot();
    bot.fake.controls.setQueueWaiting('Billing', 1, { waitSeconds: [30], abandoned: 0 });
    bot.fake.controls.setQueueWaiting('Sales', 4, { waitSeconds: [30, 250, 60, 45], abandoned: 2, averageWaitSeconds: 95 });
    const text = await bot.ask('/queue');
    expect(text).toContain('Queue — Service desk\n5 waiting · longest 4m 10s');
    expect(text).toMatch(/Sales\s+4\s+4m 10s\s+1m 35s\s+2/);
    expect(text.indexOf('Sales')).toBeLessThan(text.indexOf('Billing'));
    expect(text).toContain('Service desk (comm100) · as of 10:00');
  });

  it('/queue gives an overall average wait from the departments\' ones, weighted by the chats behind each', async () => {
    bot = await comm100Bot();
    // Sales: 2 waiting + 5 in progress + 1 abandoned behind 2m; Support: 1 waiting + 1 in progress behind 30s.
    bot.fake.controls.setQueueWaiting('Sales', 2, { waitSeconds: [100, 140], abandoned: 1, ongoingChats: 5, averageWaitSeconds: 120 });
    bot.fake.controls.setQueueWaiting('Support', 1, { waitSeconds: [20], ongoingChats: 1, averageWaitSeconds: 30 });
    const text = await bot.ask('/queue');
    // (8 x 120 + 2 x 30) / 10 = 102 s.
    expect(text).toMatch(/Average wait:\s+1m 42s/);
  });

  it('/agents reads the readable status of each agent, custom away statuses included', async () => {
    bot = await comm100Bot();
    const text = await bot.ask('/agents');
    expect(text).toContain('2 available · 0 busy · 2 away · 1 offline');
    expect(text).toMatch(/srita2 chen\s+Available \(Online\)\s+1/);
    expect(text).toMatch(/1 1\s+Away \(Meeting\)/);
    expect(text).toMatch(/1000 1\s+Offline/);
  });

  it('/agents away lists only the agents away', async () => {
    bot = await comm100Bot();
    const text = await bot.ask('/agents away');
    expect(text).toContain('frank 10001');
    expect(text).not.toContain('srita');
  });

  it('/transcript shows bot, customer, system and agent messages, wait and duration, with the phone masked', async () => {
    bot = await comm100Bot();
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
    bot = await comm100Bot();
    const text = await bot.ask('/transcript 8816');
    expect(text).toContain('Missed · 0 messages');
    expect(text).toContain('No messages in this chat.');
  });

  it('/transcript of an unknown id says Comm100 has no such chat', async () => {
    bot = await comm100Bot();
    expect(await bot.ask('/transcript 12')).toContain('comm100 has no chat with id 12');
  });

  it("/today gives the day's chats, missed, abandoned and waits", async () => {
    bot = await comm100Bot();
    bot.fake.controls.setToday({ totalChats: 212, chats: 200, missedChats: 7, abandondedChats: 11, avgWaitingTime: 42, avgChatTime: 380, totalTransferredChats: 5 });
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Service desk (Tue 5 Mar)\n212 chats · 7 missed · 11 abandoned');
    expect(text).toMatch(/Average wait:\s+42s/);
    expect(text).toMatch(/Average chat:\s+6m 20s/);
    expect(text).toMatch(/Transfers:\s+5/);
  });

  it('/handoffs says it is not available for comm100, without calling the vendor', async () => {
    bot = await comm100Bot();
    const text = await bot.ask('/handoffs');
    expect(text).toContain('not available for comm100');
    expect(bot.fake.controls.calls()).toBe(0);
  });

  it('says Comm100 asked to slow down when it answers 429', async () => {
    bot = await comm100Bot();
    bot.fake.controls.fail({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const text = await bot.ask('/agents');
    expect(text).toContain('/agents: Comm100 refused the request');
    expect(text).toContain('asked the bot to slow down');
  });
});
