import { describe, expect, it } from 'vitest';
import { botsClosedAfterEach, wolkvoxBot, comm100Bot, vccliveBot, demoBot } from './vendors.js';
import { makeWaitingChat } from '../fakes/fake-vcclive.js';

/** `/queue` on every vendor that answers it, each through its real adapter and fake server. */
const opened = botsClosedAfterEach();

describe('/queue on a wolkvox source (documented payloads, fake wolkvox)', () => {
  it('/queue shows the configured skills worst first with their waiting chats', async () => {
    const bot = await opened(wolkvoxBot({ skills: ['102', '101'] }));
    const text = await bot.ask('/queue');
    expect(text).toContain('Queue — Bogotá\n5 waiting');
    expect(text.indexOf('Ventas')).toBeLessThan(text.indexOf('Soporte'));
    expect(text).toMatch(/Ventas\s+4/);
    expect(text).toMatch(/Soporte\s+1/);
    expect(text).toContain('Bogotá (wolkvox) · as of 15:00');
    expect(text).toContain('[Refresh: /queue]');
  });

  it('/queue without skills counts the chats in progress from the live chats report', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/queue');
    expect(text).toContain('Nobody waiting');
    expect(text).toMatch(/Chats in progress:\s+3/);
  });

  it('/queue gives agents available from the agents answer already cached, without asking wolkvox for it again', async () => {
    const bot = await opened(wolkvoxBot({ skills: ['102', '101'] }));
    expect(await bot.ask('/queue')).toMatch(/Agents free:\s+—/);
    await bot.ask('/agents');
    const agentCalls = () => bot!.fake.state.calls.filter((c) => c.api === 'agents').length;
    const before = agentCalls();
    const text = await bot.ask('/queue');
    expect(text).toContain('5 waiting · 1 agent free');
    expect(text).toMatch(/Agents free:\s+1\n/);
    // A minute later and more, the figure says when it was true; past 5 minutes it is not used.
    bot.advance(2 * 60_000);
    expect(await bot.ask('/queue')).toMatch(/Agents free:\s+1 \(as of 15:00\)/);
    bot.advance(4 * 60_000);
    expect(await bot.ask('/queue')).toMatch(/Agents free:\s+—/);
    expect(agentCalls()).toBe(before);
  });

  it('shows the last answer with its age and the reason when the vendor fails later', async () => {
    const bot = await opened(wolkvoxBot({ skills: ['101'] }));
    await bot.ask('/queue');
    bot.advance(5 * 60_000);
    bot.fake.failWith('server-error');
    const text = await bot.ask('/queue');
    expect(text).toMatch(/Ventas\s+4/);
    expect(text).toMatch(/Bogotá \(wolkvox\) · as of 15:00 \(5 min ago\) — .+/);
  });
});

describe('/queue on a Comm100 source (documented payloads, fake Comm100)', () => {
  it('/queue shows each department worst first with its longest and average wait', async () => {
    const bot = await opened(comm100Bot());
    bot.fake.controls.setQueueWaiting('Billing', 1, { waitSeconds: [30], abandoned: 0 });
    bot.fake.controls.setQueueWaiting('Sales', 4, { waitSeconds: [30, 250, 60, 45], abandoned: 2, averageWaitSeconds: 95 });
    const text = await bot.ask('/queue');
    expect(text).toContain('Queue — Service desk\n5 waiting · longest 4m 10s');
    expect(text).toMatch(/Sales\s+4\s+4m 10s\s+1m 35s\s+2/);
    expect(text.indexOf('Sales')).toBeLessThan(text.indexOf('Billing'));
    expect(text).toContain('Service desk (comm100) · as of 10:00');
  });

  it("/queue gives an overall average wait from the departments' ones, weighted by the chats behind each", async () => {
    const bot = await opened(comm100Bot());
    // Sales: 2 waiting + 5 in progress + 1 abandoned behind 2m; Support: 1 waiting + 1 in progress behind 30s.
    bot.fake.controls.setQueueWaiting('Sales', 2, { waitSeconds: [100, 140], abandoned: 1, ongoingChats: 5, averageWaitSeconds: 120 });
    bot.fake.controls.setQueueWaiting('Support', 1, { waitSeconds: [20], ongoingChats: 1, averageWaitSeconds: 30 });
    const text = await bot.ask('/queue');
    // (8 x 120 + 2 x 30) / 10 = 102 s.
    expect(text).toMatch(/Avg wait \(last 30 min\):\s+1m 42s/);
  });
});

describe('/queue on a VCC Live source (documented payloads, fake VCC Live)', () => {
  it('/queue counts the chats no agent has answered yet, per queue, longest wait first', async () => {
    const bot = await opened(vccliveBot());
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
});

describe('/queue on the demo source (simulated contact center)', () => {
  // The demo is a simulation: these tests read the adapter's own answer for the pinned instant and
  // check the rendering shows it the way a supervisor expects.

  it('/queue shows the totals and every queue, most waiting first', async () => {
    const bot = await opened(demoBot());
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
});
