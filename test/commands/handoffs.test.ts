import { describe, expect, it } from 'vitest';
import { botsClosedAfterEach, wolkvoxBot, comm100Bot, vccliveBot, demoBot } from './vendors.js';

/** `/handoffs` on every vendor that answers it, each through its real adapter and fake server. */
const opened = botsClosedAfterEach();

describe('/handoffs on a wolkvox source (documented payloads, fake wolkvox)', () => {
  it('/handoffs gives the rate, time on the bot, time to an agent and the top routing points', async () => {
    const bot = await opened(wolkvoxBot());
    const text = await bot.ask('/handoffs');
    expect(text).toContain('Handoffs — Bogotá, today\n75% of 4 bot conversations went to an agent');
    expect(text).toMatch(/Time on bot \(avg\):\s+1m 03s/);
    expect(text).toMatch(/Time to agent \(avg\):\s+1m 23s/);
    expect(text).toMatch(/Routing point 12\s+2\s+67%/);
  });

  it('/handoffs 7d asks the vendor for the last seven local days', async () => {
    const bot = await opened(wolkvoxBot());
    expect(await bot.ask('/handoffs 7d')).toContain('Handoffs — Bogotá, last 7 days');
    const dates = bot.fake.state.calls.filter((c) => c.api === 'chat_8').map((c) => c.query.date_ini);
    expect(dates).toContain('20240508000000');
  });
});

describe('/handoffs on a Comm100 source (documented payloads, fake Comm100)', () => {
  it('/handoffs says it is not available for comm100, without calling the vendor', async () => {
    const bot = await opened(comm100Bot());
    const text = await bot.ask('/handoffs');
    expect(text).toContain('not available for comm100');
    expect(bot.fake.controls.calls()).toBe(0);
  });
});

describe('/handoffs on a VCC Live source (documented payloads, fake VCC Live)', () => {
  it('/handoffs says it is not available for vcclive, without calling the vendor', async () => {
    const bot = await opened(vccliveBot());
    const text = await bot.ask('/handoffs yesterday');
    expect(text).toContain('not available for vcclive');
    expect(bot.fake.controls.callCount()).toBe(0);
  });
});

describe('/handoffs on the demo source (simulated contact center)', () => {
  // The demo is a simulation: these tests read the adapter's own answer for the pinned instant and
  // check the rendering shows it the way a supervisor expects.

  it('/handoffs yesterday reports the previous local day with its top routing points', async () => {
    const bot = await opened(demoBot());
    const text = await bot.ask('/handoffs yesterday');
    expect(text).toContain('Handoffs — Demo contact center, yesterday');
    expect(text).toMatch(/of [\d,]+ bot conversations went to an agent/);
    expect(text).toMatch(/Routing point\s+Handoffs\s+Share/);
  });
});
