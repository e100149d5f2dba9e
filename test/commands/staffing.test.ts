import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { VendorAdapter } from '../../adapters/port.js';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { arrivalsWindow } from '../../commands/staffing.js';
import { staffingFor } from '../../src/staffing/erlang-c.js';
import { parseConfigText } from '../../src/config/load.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import { createSource } from '../../src/sources/source.js';
import type { DemoSourceConfig } from '../../src/config/source-schemas.js';
import { comm100Bot, DEMO_NOW, demoBot, vccliveBot, wolkvoxBot, type VendorBot } from './vendors.js';
import { routerOver } from '../support/router-kit.js';

let bot: (VendorBot & { adapter?: VendorAdapter }) | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const needs = (text: string) => {
  const match = /Needs ([\d,]+) agents?, ([\d,]+) signed in/.exec(text);
  expect(match, text).not.toBeNull();
  return { needed: Number(match![1]), available: Number(match![2]) };
};

describe('/staffing on the demo (busy hour, 11:30 in Bogotá)', () => {
  it('says how many agents the last hour needs beside how many are working, and the share within target now', async () => {
    bot = await demoBot();
    const text = await bot.ask('/staffing');
    const { needed, available } = needs(text);
    const working = (await bot.adapter!.agents!()).filter((a) => a.state === 'available' || a.state === 'busy');
    expect(available).toBe(working.length);
    // The demo's busy hour is understaffed: fewer agents than needed, and under 80% within 20 s.
    expect(needed).toBeGreaterThan(available);
    const within = /Within target now:\s+about (\d+)%/.exec(text);
    expect(Number(within![1])).toBeLessThan(80);
    expect(text).toContain('for 80% answered within 20s');
    expect(text).toMatch(/Chats per agent:\s+3\n/);
  });

  it('a stricter target in the config needs more agents', async () => {
    const config = parseConfigText(
      `
sources:
  demo: { vendor: demo, label: Demo, timeZone: America/Bogota, staffing: { target: 95, answerWithin: 10s } }
`,
      {},
    ).config;
    const adapter = createDemoAdapter({ ...(config.sources.demo as DemoSourceConfig), id: 'demo' }, { now: () => DEMO_NOW });
    const gate = createMemoryQuotaGate({ now: () => DEMO_NOW.getTime() });
    const source = createSource({
      adapter,
      gate,
      label: 'Demo',
      token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone },
    });
    const router = routerOver([source], { config, now: () => DEMO_NOW });
    const strict = renderText(await router.handle({ text: '/staffing', asker: { platform: 'console', userId: 'console' }, venue: 'console' }), {
      now: DEMO_NOW,
    });
    await gate.close();
    bot = await demoBot();
    const usual = await bot.ask('/staffing');
    expect(strict).toContain('for 95% answered within 10s');
    expect(needs(strict).needed).toBeGreaterThan(needs(usual).needed);
  });
});

describe('/staffing on each vendor', () => {
  it('wolkvox answers from its chats per hour and average chat time', async () => {
    bot = await wolkvoxBot();
    const text = await bot.ask('/staffing');
    expect(needs(text).needed).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Bogotá (wolkvox)');
    expect(text).toMatch(/Average chat \(today\):\s+\d+m/);
  });

  it('VCC Live answers from its chat log', async () => {
    bot = await vccliveBot();
    const text = await bot.ask('/staffing');
    expect(needs(text).needed).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Budapest (vcclive)');
  });

  it("Comm100 answers from its own count of the last hour and the day's average chat time", async () => {
    // 10:00 in Bogotá. In the last hour 24 chats of 10 min; before it, 40 chats of 5 min (one of them
    // 61 minutes ago, just outside the hour).
    const at = (iso: string, plusSeconds: number) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
    const lastHour = Array.from({ length: 24 }, (_, i) => ({ start: at('2024-03-05T14:00:30Z', i * 150), chatSeconds: 600 }));
    const earlier = Array.from({ length: 40 }, (_, i) => ({ start: at('2024-03-05T13:59:00Z', -i * 180), chatSeconds: 300 }));
    bot = await comm100Bot({ data: { dayChats: [...earlier, ...lastHour] } });
    const text = await bot.ask('/staffing');
    expect(text).toMatch(/Chats for agents \(last 60 min\):\s+24\n/);
    // The day's average: (24 x 10 min + 40 x 5 min) / 64 = 412.5 s.
    expect(text).toMatch(/Average chat \(today\):\s+6m 5[23]s/);
    const perAgent = Number(/Chats per agent:\s+(\d+)/.exec(text)![1]);
    const expected = staffingFor({ arrivals: 24, periodSeconds: 3600, handleSeconds: 412.5, target: 0.8, targetSeconds: 20, concurrency: perAgent });
    expect(needs(text).needed).toBe(expected.agents);
    expect(text).toContain('Service desk (comm100)');
  });

  it('Comm100 before any chat has finished today says so, not that the vendor cannot', async () => {
    bot = await comm100Bot();
    const text = await bot.ask('/staffing');
    expect(text).toContain('No chat has finished today yet');
    expect(text).not.toContain('not available');
    expect(text).not.toContain('Needs');
  });
});

describe('the last hour from counts per hour', () => {
  const byHour = Array.from({ length: 24 }, (_, h) => (h === 10 ? 60 : h === 11 ? 30 : 0));
  const day = { date: '2026-11-17', chats: 90, chatsByHour: byHour };
  it('at 11:30 takes this hour so far and the second half of the previous one', () => {
    const at = DateTime.fromISO('2026-11-17T11:30:00', { zone: 'America/Bogota' });
    expect(arrivalsWindow(day, at)).toEqual({ arrivals: 60, minutes: 60 });
  });
  it('just after midnight counts only the minutes of today', () => {
    const at = DateTime.fromISO('2026-11-17T00:20:00', { zone: 'America/Bogota' });
    expect(arrivalsWindow({ ...day, chatsByHour: [12, ...byHour.slice(1)] }, at)).toEqual({ arrivals: 12, minutes: 20 });
  });
  it('prefers chats that reached the agents over every chat the bot took', () => {
    const at = DateTime.fromISO('2026-11-17T12:00:00', { zone: 'America/Bogota' });
    const queuedByHour = byHour.map((n) => n / 2);
    expect(arrivalsWindow({ ...day, queuedByHour }, at)).toEqual({ arrivals: 15, minutes: 60 });
  });
  it('no counts per hour: no window', () => {
    expect(arrivalsWindow({ date: '2026-11-17', chats: 3 }, DateTime.now())).toBeUndefined();
  });
});
