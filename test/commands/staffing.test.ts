import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { VendorAdapter } from '../../adapters/port.js';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { arrivalsWindow } from '../../commands/staffing.js';
import { commands } from '../../commands/index.js';
import { parseConfigText } from '../../src/config/load.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import { createRouter, createSourceDirectory } from '../../src/router/index.js';
import { createSource } from '../../src/sources/source.js';
import type { DemoSourceConfig } from '../../src/config/source-schemas.js';
import { comm100Bot, DEMO_NOW, demoBot, vccliveBot, wolkvoxBot, type VendorBot } from './vendors.js';

let bot: (VendorBot & { adapter?: VendorAdapter }) | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const needs = (text: string) => {
  const match = /Needs ([\d,]+) agents?, ([\d,]+) available/.exec(text);
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
    const source = createSource({ adapter, gate, label: 'Demo', token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone } });
    const router = createRouter({ commands, config, sources: createSourceDirectory([source]), now: () => DEMO_NOW });
    const strict = renderText(await router.handle({ text: '/staffing', asker: { platform: 'console', userId: 'console' }, venue: 'console' }), { now: DEMO_NOW });
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

  it('Comm100 gives no chats per hour: not available, said plainly', async () => {
    bot = await comm100Bot();
    const text = await bot.ask('/staffing');
    expect(text).toContain('Staffing is not available for comm100');
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
