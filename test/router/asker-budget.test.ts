import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { buildSources } from '../../src/app/build-sources.js';
import { configSchema } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryAskerLedger, createRedisAskerLedger, type AskerLedger } from '../../src/quota/asker-ledger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { Asker } from '../../src/domain/asker.js';
import type { CommandRouter } from '../../src/router/types.js';
import { renderText } from '../../src/reply/render-text.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis-kit.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { routerOver } from '../support/router-kit.js';

// 15:00 in Bogotá.
const START = Date.parse('2024-05-14T20:00:00Z');
let clock = START;
let fake: FakeWolkvox;
const cleanups: Array<() => Promise<unknown>> = [];

const ana: Asker = { platform: 'slack', userId: 'U0ANA' };
const ben: Asker = { platform: 'slack', userId: 'U0BEN' };

/** The process's own wiring over one wolkvox source at the fake: metered HTTP, gate, router with a ledger. */
function botWith(requestsPerHour: number, ledger: AskerLedger = createMemoryAskerLedger({ now: () => clock })): CommandRouter {
  const config = configSchema.parse({
    sources: { bogota: { vendor: 'wolkvox', server: '0032', token: fake.token, timeZone: 'America/Bogota', baseUrl: fake.url } },
    access: { supervisors: { slackUsers: [ana.userId, ben.userId] }, askerBudget: { requestsPerHour } },
  });
  const gate = createMemoryQuotaGate({ now: () => clock });
  const built = buildSources({ config, gate, logger: silentLogger(), now: () => new Date(clock) });
  cleanups.push(
    () => gate.close(),
    () => Promise.all(built.adapters.map((a) => a.close?.())),
    built.close,
  );
  return routerOver(built.sources, { config, now: () => new Date(clock), askerLedger: ledger });
}

const ask = async (router: CommandRouter, asker: Asker, text: string) => renderText(await router.handle({ text, asker, venue: 'direct' }));

beforeEach(async () => {
  clock = START;
  fake = await startFakeWolkvox();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake.close();
});

describe("each asker's hourly share of vendor requests", () => {
  it('refuses a lookup before any request once the asker spent their share, says when they can ask again, and leaves others and cheap commands alone', async () => {
    const bot = botWith(8);
    // A first lookup of an unknown id: the live list and 7 days of chat_2.
    expect(await ask(bot, ana, '/transcript 111')).toContain('has no chat with id 111');
    expect(fake.state.calls).toHaveLength(8);

    fake.resetCounters();
    const refused = await ask(bot, ana, '/transcript 20240514093000');
    expect(refused).toContain('You can ask again in 60 minutes, at 16:00');
    expect(fake.state.calls).toHaveLength(0);
    expect(await ask(bot, ana, '/handoffs')).toContain('You can ask again');
    expect(fake.state.calls).toHaveLength(0);

    // Someone else still looks up, and the asker still sees the queue.
    expect(await ask(bot, ben, '/transcript 222')).toContain('has no chat with id 222');
    expect(await ask(bot, ana, '/queue')).not.toContain('You can ask again');

    clock += 60 * 60_000 + 1;
    expect(await ask(bot, ana, '/transcript 333')).toContain('has no chat with id 333');
  });

  it("counts what an asker's lookups made the vendor do, not how many lookups they typed", async () => {
    const bot = botWith(10);
    await ask(bot, ana, '/transcript 111');
    // Later misses cost nothing (days remembered, live list cached): the asker keeps asking.
    for (let i = 0; i < 20; i++) expect(await ask(bot, ana, `/transcript ${1000 + i}`)).toContain('has no chat');
    expect(fake.state.calls).toHaveLength(8);
  });

  it('is one count across replicas sharing Redis', async () => {
    const prefix = uniquePrefix('askers');
    const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    cleanups.push(async () => {
      for (const c of clients) c.disconnect();
      await deleteKeys(prefix);
    });
    const [one, two] = clients.map((redis) => createRedisAskerLedger({ redis, prefix, logger: silentLogger(), now: () => clock }));
    await Promise.all(clients.map((c) => c.ping()));
    one!.charge('slack:U0ANA', 8);
    await one!.spent('slack:U0ANA', 8); // the charge is written before this read on the same connection
    expect(await ask(botWith(8, two!), ana, '/transcript 111')).toContain('You can ask again in 60 minutes');
    expect(fake.state.calls).toHaveLength(0);
  });
});
