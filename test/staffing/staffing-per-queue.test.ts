import { afterEach, describe, expect, it } from 'vitest';
import { makeChat } from '../fakes/fake-vcclive.js';
import { comm100Bot, demoBot, vccliveBot, wolkvoxBot, type VendorBot } from '../commands/vendors.js';

let bot: VendorBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** "Soporte needs 3 agents for …" or "Needs 9 agents, 6 available for …". */
const needed = (text: string, who = 'Needs') => {
  const match = new RegExp(`${who} ([\\d,]+) agents?`).exec(text);
  expect(match, text).not.toBeNull();
  return Number(match![1]!.replace(/,/g, ''));
};
const chatsLastHour = (text: string) => Number(/Chats for agents \(last 60 min\):\s+([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));

describe('/staffing <queue> on the demo (busy hour, 11:30 in Bogotá)', () => {
  it('answers for one queue from its own arrivals and chat duration, with no agents shown beside it', async () => {
    bot = await demoBot();
    const text = await bot.ask('/staffing Soporte');
    expect(text).toContain('Staffing — Demo contact center · Soporte');
    const soporte = needed(text, 'Soporte needs');
    expect(soporte).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/Average Soporte chat \(today\):\s+\d+m/);
    expect(text).not.toContain('Agents available');
    expect(text).not.toContain('Within target now');
    const whole = await bot.ask('/staffing');
    expect(soporte).toBeLessThanOrEqual(needed(whole));
  });

  it("the queues' arrivals add up to the whole source's, and a queue needs fewer agents than the whole", async () => {
    bot = await demoBot();
    const whole = await bot.ask('/staffing');
    let sum = 0;
    for (const queue of ['Ventas', 'Soporte', 'Cobranza', 'WhatsApp VIP']) {
      const text = await bot.ask(`/staffing ${queue}`);
      sum += chatsLastHour(text);
      expect(needed(text, `${queue} needs`)).toBeLessThanOrEqual(needed(whole));
    }
    // Each queue's window is rounded on its own: the sum may be off by one per queue.
    expect(Math.abs(sum - chatsLastHour(whole))).toBeLessThanOrEqual(4);
  });

  it('reads the queue name in any case, names of two words included', async () => {
    bot = await demoBot();
    expect(await bot.ask('/staffing whatsapp vip')).toContain('Staffing — Demo contact center · WhatsApp VIP');
  });

  it('a name that is no queue gets the queues there are, and a guess', async () => {
    bot = await demoBot();
    const text = await bot.ask('/staffing Sopporte');
    expect(text).toContain('"Sopporte" is not a queue of Demo contact center (demo) today. Did you mean Soporte?');
    expect(text).toContain('Queues: Ventas, Soporte, Cobranza, WhatsApp VIP.');
    expect(text).toContain('Usage:  /staffing [source] [queue]');
  });
});

describe('/staffing <queue> on each vendor', () => {
  it('VCC Live counts each queue from the chat log (the queue each chat reached)', async () => {
    // Noon in Budapest: chats of the last hour, three in Sales (20 min each) and one in Support (5 min).
    const chat = (chatId: number, queue: string, start: string, duration: number) =>
      makeChat({
        chatId,
        firstQueueName: queue,
        lastQueueName: queue,
        sessionStartTime: `2023-01-20 ${start}`,
        disposition: 'Closed',
        duration,
        slaStatus: 'Within SLA',
      });
    bot = await vccliveBot({
      fake: {
        chats: [
          chat(1, 'Sales', '11:10:00', 1200),
          chat(2, 'Sales', '11:25:00', 1200),
          chat(3, 'Sales', '11:40:00', 1200),
          chat(4, 'Support', '11:45:00', 300),
        ],
      },
    });
    const sales = await bot.ask('/staffing sales');
    expect(sales).toContain('Staffing — Budapest · Sales');
    expect(chatsLastHour(sales)).toBe(3);
    expect(sales).toMatch(/Average Sales chat \(today\):\s+20m/);
    const support = await bot.ask('/staffing Support');
    expect(chatsLastHour(support)).toBe(1);
    expect(support).toMatch(/Average Support chat \(today\):\s+5m/);
    expect(needed(sales, 'Sales needs')).toBeGreaterThanOrEqual(needed(support, 'Support needs'));
  });

  it('wolkvox does not say which queue a chat reached: the whole source only, said plainly', async () => {
    bot = await wolkvoxBot({ skills: [101, 102] });
    expect(await bot.ask('/queue')).toContain('Soporte');
    const text = await bot.ask('/staffing Soporte');
    expect(text).toContain(
      'wolkvox does not say which queue each chat reached, so /staffing answers for the whole source "bogota": run /staffing without "Soporte".',
    );
  });

  it('Comm100 counts its chats for the whole site only: a queue gets "whole source"', async () => {
    const comm100 = await comm100Bot();
    bot = comm100;
    comm100.fake.controls.setQueueWaiting('Sales', 1);
    const text = await bot.ask('/staffing Sales');
    expect(text).toContain('comm100 does not say which queue each chat reached, so /staffing answers for the whole source');
    expect(text).not.toContain('Sales needs');
  });
});
