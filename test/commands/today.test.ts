import { describe, expect, it } from 'vitest';
import { botsClosedAfterEach, wolkvoxBot, comm100Bot, vccliveBot, demoBot } from './vendors.js';
import { generateChats, type FakeChat } from '../fakes/fake-vcclive.js';
import { formatCount, formatDuration, formatPercent } from '../../src/reply/format.js';

/** `/today` on every vendor that answers it, each through its real adapter and fake server. */
const opened = botsClosedAfterEach();

describe('/today on a wolkvox source (documented payloads, fake wolkvox)', () => {
  it('/today gives chats, average wait and the handoff rate of the local day', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Bogotá (Tue 14 May)\n4 chats');
    expect(text).toMatch(/Average wait \(today\):\s+1m 23s/);
    expect(text).toMatch(/Handoff rate:\s+75%/);
  });

  it('says the quota is spent when wolkvox refuses with TOKEN LIMIT EXCEEDED and nothing is cached', async () => {
    const bot = await opened(wolkvoxBot());
    bot.fake.setDailyLimit(0);
    const text = await bot.ask('/today');
    expect(text).toContain('/today: wolkvox refused the request');
    expect(text).toMatch(/quota .*spent for today/);
  });
});

describe('/today on a Comm100 source (documented payloads, fake Comm100)', () => {
  it("/today gives the day's chats, missed, abandoned and waits", async () => {
    const bot = await opened(comm100Bot());
    bot.fake.controls.setToday({
      totalChats: 212,
      chats: 200,
      missedChats: 7,
      abandondedChats: 11,
      avgWaitingTime: 42,
      avgChatTime: 380,
      totalTransferredChats: 5,
    });
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Service desk (Tue 5 Mar)\n212 chats · 7 missed · 11 abandoned');
    expect(text).toMatch(/Average wait \(today\):\s+42s/);
    expect(text).toMatch(/Average chat \(today\):\s+6m 20s/);
    expect(text).toMatch(/Transfers:\s+5/);
  });
});

describe('/today on a VCC Live source (documented payloads, fake VCC Live)', () => {
  /** 23 chats on the example day: the first 4 missed (and out of SLA), the 5th answered late. */
  function dayOf23(): FakeChat[] {
    return generateChats(23, { date: '2023-01-20' }).map((chat, i) => {
      if (i < 4) return { ...chat, disposition: 'Missed', firstAgentMessageTime: null, firstResponseTime: null, slaStatus: 'Out of SLA' };
      if (i === 4) return { ...chat, firstResponseTime: 95, slaStatus: 'Out of SLA' };
      return chat;
    });
  }

  it("/today gives the day's chats and SLA from the chat log", async () => {
    const bot = await opened(vccliveBot());
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Budapest (Fri 20 Jan)\n1 chat · 0 missed · SLA 100%');
    expect(text).toMatch(/First response \(avg, today\):\s+7s/);
    expect(text).toMatch(/SLA:\s+100% \(0 breaches\)/);
  });

  it('/today reads every page of a server that gives at most 10 chats a page', async () => {
    const bot = await opened(vccliveBot({ fake: { chats: dayOf23(), pageSizeCap: 10 } }));
    const text = await bot.ask('/today');
    expect(text).toContain('Today — Budapest (Fri 20 Jan)\n23 chats · 4 missed · SLA 78%');
    expect(text).toMatch(/SLA:\s+78% \(5 breaches\)/);
    expect(text).not.toContain('at least');
    expect(bot.fake.controls.calls.map((c) => c.query.start)).toEqual(['0', '10', '20', '23']);
  });

  it('/today says "at least" when maxPages stops the reading before the end of the day', async () => {
    const bot = await opened(vccliveBot({ fake: { chats: dayOf23(), pageSizeCap: 10 }, config: { maxPages: 2 } }));
    const text = await bot.ask('/today');
    expect(text).toContain('\nat least 20 chats · at least 4 missed');
    expect(text).toMatch(/Chats:\s+at least 20/);
    expect(text).toContain('counts are lower bounds');
  });
});

describe('/today on the demo source (simulated contact center)', () => {
  // The demo is a simulation: these tests read the adapter's own answer for the pinned instant and
  // check the rendering shows it the way a supervisor expects.

  it("/today shows the simulated day's figures", async () => {
    const bot = await opened(demoBot());
    const day = await bot.adapter.today!();
    const text = await bot.ask('/today');
    expect(text).toContain(`Today — Demo contact center (Tue 17 Nov)\n${formatCount(day.chats)} chats`);
    expect(text).toMatch(new RegExp(`Average wait \\(today\\):\\s+${formatDuration(day.averageWaitSeconds)}\\n`));
    expect(text).toMatch(new RegExp(`Handoff rate:\\s+${formatPercent(day.handoffRate)}\\n`));
  });
});
