import { afterEach, describe, expect, it } from 'vitest';
import type { VendorAdapter } from '../../adapters/port.js';
import { formatCount, formatDuration, formatPercent } from '../../src/reply/format.js';
import { demoBot, type VendorBot } from './vendors.js';

let bot: (VendorBot & { adapter: VendorAdapter }) | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/*
 * The demo is a simulation: its figures are whatever it computes for the pinned instant, so these
 * tests read the adapter's own answer and check the rendering shows it the way a supervisor expects.
 */
describe('commands on the demo source (simulated contact center)', () => {
  it('/queue shows the totals and every queue, most waiting first', async () => {
    bot = await demoBot();
    const { queues, totals } = await bot.adapter.queue!();
    const text = await bot.ask('/queue');
    expect(text).toContain(`Queue — Demo contact center\n${totals.waiting} waiting`);
    expect(text).toMatch(new RegExp(`Waiting now:\\s+${totals.waiting}\\n`));
    const order = [...queues].sort((a, b) => b.waiting - a.waiting || (b.longestWaitSeconds ?? 0) - (a.longestWaitSeconds ?? 0));
    const positions = order.map((q) => text.indexOf(`\n${q.name} `));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('Demo contact center (demo) · as of 11:30');
  });

  it('/agents pages a long roster 15 at a time with "and N more" and a Next page button', async () => {
    bot = await demoBot();
    const agents = await bot.adapter.agents!();
    expect(agents.length).toBeGreaterThan(15);
    const first = await bot.ask('/agents');
    expect(first).toContain(`and ${agents.length - 15} more`);
    expect(first).toContain('[Next page: /agents page:2]');
    const tableRows = (text: string) => text.split('\n').filter((line) => /^\S.*\s(Available|Busy|Away|Offline|Unknown)\b/.test(line));
    expect(tableRows(first)).toHaveLength(15);
    const second = await bot.ask('/agents page:2');
    expect(tableRows(second)).toHaveLength(agents.length - 15);
    expect(second).toContain('page 2 of 2');
  });

  it("/today shows the simulated day's figures", async () => {
    bot = await demoBot();
    const day = await bot.adapter.today!();
    const text = await bot.ask('/today');
    expect(text).toContain(`Today — Demo contact center (Tue 17 Nov)\n${formatCount(day.chats)} chats`);
    expect(text).toMatch(new RegExp(`Average wait:\\s+${formatDuration(day.averageWaitSeconds)}\\n`));
    expect(text).toMatch(new RegExp(`Handoff rate:\\s+${formatPercent(day.handoffRate)}\\n`));
  });

  it('/handoffs yesterday reports the previous local day with its top routing points', async () => {
    bot = await demoBot();
    const text = await bot.ask('/handoffs yesterday');
    expect(text).toContain('Handoffs — Demo contact center, yesterday');
    expect(text).toMatch(/of [\d,]+ bot conversations went to an agent/);
    expect(text).toMatch(/Routing point\s+Handoffs\s+Share/);
  });

  it('/transcript of a chat in progress shows who said what, with customer phones masked', async () => {
    bot = await demoBot();
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
