import { afterEach } from 'vitest';
import type { VendorAdapter } from '../../adapters/port.js';
import { createComm100Adapter } from '../../adapters/comm100/adapter.js';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { createVccliveAdapter } from '../../adapters/vcclive/adapter.js';
import { createWolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { demoSourceSchema, vccliveSourceSchema } from '../../src/config/source-schemas.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Asker } from '../../src/domain/asker.js';
import { createSource } from '../../src/sources/source.js';
import { startFakeComm100, type FakeComm100, type FakeComm100Data } from '../fakes/fake-comm100.js';
import { sourceFor } from '../comm100/setup.js';
import { makeAgent, startFakeVcclive, type FakeVcclive, type FakeVccliveOptions } from '../fakes/fake-vcclive.js';
import { fakeWolkvoxSource, startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { routerOver } from '../support/router-kit.js';

const CONSOLE: Asker = { platform: 'console', userId: 'console' };

/** A bot with one source, the real adapter behind the memory quota gate, and a pinned clock. */
export interface VendorBot {
  /** The plain-text answer to a command, as the console would print it. */
  ask(text: string): Promise<string>;
  /** Moves the bot's clock (cache ages, "as of"); the vendor's own clock stays put. */
  advance(ms: number): void;
  close(): Promise<void>;
}

function botFor(adapter: VendorAdapter, label: string, start: Date, close: () => Promise<void>): VendorBot {
  let now = start;
  const gate = createMemoryQuotaGate({ now: () => now.getTime() });
  const source = createSource({ adapter, gate, label, token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone } });
  const router = routerOver([source], { now: () => now });
  return {
    ask: async (text) => renderText(await router.handle({ text, asker: CONSOLE, venue: 'console' }), { now }),
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    close: async () => {
      await gate.close();
      await adapter.close?.();
      await close();
    },
  };
}

/**
 * Call once at the top of a test file: the returned function hands a bot back when it is ready
 * and closes it (fake server, gate, adapter) after the test that opened it.
 *
 * @example
 *   const opened = botsClosedAfterEach();
 *   it('...', async () => { const bot = await opened(wolkvoxBot()); ... });
 */
export function botsClosedAfterEach(): <B extends VendorBot>(bot: Promise<B>) => Promise<B> {
  const open: VendorBot[] = [];
  afterEach(async () => {
    for (const bot of open.splice(0)) await bot.close();
  });
  return async (pending) => {
    const bot = await pending;
    open.push(bot);
    return bot;
  };
}

/** 15:00 in Bogotá on the day of the wolkvox fixtures. */
export const WOLKVOX_NOW = new Date('2024-05-14T20:00:00Z');

export async function wolkvoxBot(overrides: Record<string, unknown> = {}): Promise<VendorBot & { fake: FakeWolkvox }> {
  const fake = await startFakeWolkvox();
  const adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake, overrides), { now: () => WOLKVOX_NOW, retries: 0, retryBaseDelayMs: 1 });
  return { fake, ...botFor(adapter, 'Bogotá', WOLKVOX_NOW, () => fake.close()) };
}

/** 10:00 in Bogotá on the day of the designed Comm100 chat. */
export const COMM100_NOW = new Date('2024-03-05T15:00:00Z');

export async function comm100Bot(options: { data?: Partial<FakeComm100Data> } = {}): Promise<VendorBot & { fake: FakeComm100 }> {
  const fake = await startFakeComm100({ rateLimit: false, now: () => COMM100_NOW.getTime(), data: options.data });
  const adapter = createComm100Adapter(sourceFor(fake), { now: () => COMM100_NOW, retries: 0, retryBaseDelayMs: 1 });
  return { fake, ...botFor(adapter, 'Service desk', COMM100_NOW, () => fake.close()) };
}

/** Noon in Budapest on the day of the documented VCC Live chat. */
export const VCCLIVE_NOW = new Date('2023-01-20T11:00:00Z');

export async function vccliveBot(options: { fake?: FakeVccliveOptions; config?: Record<string, unknown> } = {}): Promise<VendorBot & { fake: FakeVcclive }> {
  const fake = await startFakeVcclive({
    ...options.fake,
    agents: [
      makeAgent({ userId: 660, username: 'John Smith', state: 'AVAILABLE4CALL', stateChangedAt: '2023-01-20T11:48:00+01:00' }),
      makeAgent({ userId: 661, username: 'Eva Kovács', state: 'BREAK', stateChangedAt: '2023-01-20T11:30:00+01:00' }),
    ],
  });
  const config = vccliveSourceSchema.parse({
    vendor: 'vcclive',
    account: fake.account,
    token: fake.token,
    projectId: fake.projectId,
    baseUrl: fake.url,
    timeZone: 'Europe/Budapest',
    ...options.config,
  });
  const adapter = createVccliveAdapter({ ...config, id: 'emea' }, { now: () => VCCLIVE_NOW, retries: 0, retryBaseDelayMs: 1 });
  return { fake, ...botFor(adapter, 'Budapest', VCCLIVE_NOW, () => fake.close()) };
}

/** 11:30 in Bogotá, the demo's busy hour, on a Tuesday. */
export const DEMO_NOW = new Date('2026-11-17T16:30:00Z');

export async function demoBot(): Promise<VendorBot & { adapter: VendorAdapter }> {
  const config = demoSourceSchema.parse({ vendor: 'demo', seed: 42, timeZone: 'America/Bogota' });
  const adapter = createDemoAdapter({ ...config, id: 'demo' }, { now: () => DEMO_NOW });
  return { adapter, ...botFor(adapter, 'Demo contact center', DEMO_NOW, async () => {}) };
}
