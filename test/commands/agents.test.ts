import { describe, expect, it } from 'vitest';
import { botsClosedAfterEach, wolkvoxBot, comm100Bot, vccliveBot, demoBot } from './vendors.js';

/** `/agents` on every vendor that answers it, each through its real adapter and fake server. */
const opened = botsClosedAfterEach();

describe('/agents on a wolkvox source (documented payloads, fake wolkvox)', () => {
  it('/agents gives the totals by status first, then each enabled agent with ongoing chats', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/agents');
    expect(text).toContain('1 free · 1 busy · 1 away · 1 offline');
    expect(text).toMatch(/Laura Gómez\s+Free \(Ready\)\s+2/);
    expect(text).toMatch(/Andrés Ruiz\s+Busy\s+1/);
    expect(text).toMatch(/Paola Castro\s+Away \(Break\)/);
    expect(text).not.toContain('Usuario Retirado');
    expect(text.indexOf('Laura Gómez')).toBeLessThan(text.indexOf('Andrés Ruiz'));
  });

  it('/agents busy lists only the busy agents, keeping the totals', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/agents busy');
    expect(text).toContain('Agents: Busy — Bogotá');
    expect(text).toContain('Andrés Ruiz');
    expect(text).not.toContain('Laura Gómez');
    expect(text).toContain('1 free · 1 busy');
  });
});

describe('/agents on a Comm100 source (documented payloads, fake Comm100)', () => {
  it('/agents reads the readable status of each agent, custom away statuses included', async () => {
    const bot = await opened(comm100Bot());
    const text = await bot.ask('/agents');
    expect(text).toContain('2 free · 0 busy · 2 away · 1 offline');
    expect(text).toMatch(/srita2 chen\s+Free \(Online\)\s+1/);
    expect(text).toMatch(/1 1\s+Away \(Meeting\)/);
    expect(text).toMatch(/1000 1\s+Offline/);
  });

  it('/agents away lists only the agents away', async () => {
    const bot = await opened(comm100Bot());
    const text = await bot.ask('/agents away');
    expect(text).toContain('frank 10001');
    expect(text).not.toContain('srita');
  });

  it('says Comm100 asked to slow down when it answers 429', async () => {
    const bot = await opened(comm100Bot());
    bot.fake.controls.fail({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const text = await bot.ask('/agents');
    expect(text).toContain('/agents: Comm100 refused the request');
    expect(text).toContain('asked the bot to slow down');
  });
});

describe('/agents on a VCC Live source (documented payloads, fake VCC Live)', () => {
  it('/agents shows who is online, in which state and for how long', async () => {
    const bot = await opened(vccliveBot());
    const text = await bot.ask('/agents');
    expect(text).toMatch(/John Smith\s+Free \(AVAILABLE4CALL\)\s+12m/);
    expect(text).toMatch(/Eva Kovács\s+\S+ \(BREAK\)\s+30m/);
  });

  it('says VCC Live refused the bot when its address is not registered (403)', async () => {
    const bot = await opened(vccliveBot());
    bot.fake.controls.failNext('forbidden');
    expect(await bot.ask('/agents')).toContain('/agents: VCC Live refused the request');
  });
});

describe('/agents on the demo source (simulated contact center)', () => {
  // The demo is a simulation: these tests read the adapter's own answer for the pinned instant and
  // check the rendering shows it the way a supervisor expects.

  it('/agents pages a long roster 15 at a time with "and N more" and a Next page button', async () => {
    const bot = await opened(demoBot());
    const agents = await bot.adapter.agents!();
    expect(agents.length).toBeGreaterThan(15);
    const first = await bot.ask('/agents');
    expect(first).toContain(`and ${agents.length - 15} more`);
    expect(first).toContain('[Next page: /agents page:2]');
    const tableRows = (text: string) => text.split('\n').filter((line) => /^\S.*\s(Free|Busy|Away|Offline|Unknown)\b/.test(line));
    expect(tableRows(first)).toHaveLength(15);
    const second = await bot.ask('/agents page:2');
    expect(tableRows(second)).toHaveLength(agents.length - 15);
    expect(second).toContain('page 2 of 2');
  });
});
