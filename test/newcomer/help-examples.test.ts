import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import { parseConfigText } from '../../src/config/load.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Asker } from '../../src/domain/asker.js';

let app: App | undefined;
afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
});

const CONSOLE: Asker = { platform: 'console', userId: 'console' };
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

/** The bot as `npm start` builds it, on the given configuration, at 11:30 in Bogotá on a Monday. */
async function botOn(configText?: string) {
  const settings = await readSettings({ CHATOPS_CONFIG: '' });
  if (configText) settings.loaded = parseConfigText(configText, {}, 'test.yaml');
  const now = () => new Date('2026-11-30T16:30:00Z');
  app = await createApp({ settings, watch: true, platforms: false, now, logDestination: silent, write: () => undefined });
  const router = app.router;
  return {
    run: (text: string) => router.run!({ text, asker: CONSOLE, venue: 'console' }),
    ask: async (text: string) => renderText(await router.handle({ text, asker: CONSOLE, venue: 'console' }), { now: now() }),
  };
}

function examplesIn(help: string): string[] {
  return help
    .split('\n')
    .filter((line) => line.startsWith('Examples: '))
    .flatMap((line) => line.slice('Examples: '.length).split(' · '));
}

const TWO_DEMOS = `
sources:
  bogota: { vendor: demo, label: Bogotá, seed: 7 }
  lima: { vendor: demo, label: Lima, seed: 8, timeZone: America/Lima }
channels: { terminal: console }
alerts:
  - { id: lima-queue, metric: queue.waiting, source: lima, above: 12, channels: [terminal] }
`;

describe('/help shows examples that run here', () => {
  it.each([
    ['the embedded demo', undefined],
    ['two configured sources', TWO_DEMOS],
  ])('on %s, every example /help shows answers without a usage error, and the chat id opens', async (_name, config) => {
    const bot = await botOn(config);
    const help = await bot.ask('/help');
    const examples = examplesIn(help);
    expect(examples.length).toBeGreaterThan(10);
    expect(examples.some((e) => /^\/transcript \S+$/.test(e))).toBe(true);
    for (const example of examples) {
      const { reply, outcome } = await bot.run(example);
      expect({ example, outcome }).toEqual({ example, outcome: 'ok' });
      expect(reply.summary ?? '', example).not.toMatch(/has no chat|no command|not a source/);
    }
  });

  it('names the sources and rules of the configuration, never a made-up one', async () => {
    const bot = await botOn(TWO_DEMOS);
    const help = await bot.ask('/help');
    expect(help).toContain('/queue lima');
    expect(help).toContain('/alerts silence lima-queue 30m');
    expect(help).not.toMatch(/bogota 7d|queue-long/);
  });
});

describe('near misses get a suggestion', () => {
  it('"/queu" suggests /queue in one short answer with a button that runs it', async () => {
    const bot = await botOn();
    const { reply, outcome } = await bot.run('/queu');
    expect(outcome).toBe('usage');
    expect(reply.summary).toContain('Did you mean /queue?');
    expect(reply.sections).toBeUndefined();
    expect(reply.buttons).toEqual([expect.objectContaining({ action: 'run', value: '/queue' })]);
    expect((await bot.run('/agnets busy')).reply.buttons?.[0]?.value).toBe('/agents busy');
  });

  it('suggests a source, a status, a rule and a help topic for a typo', async () => {
    const bot = await botOn(TWO_DEMOS);
    expect(await bot.ask('/queue lmia')).toContain('Did you mean lima?');
    expect(await bot.ask('/today source:bogot')).toContain('Did you mean bogota?');
    expect(await bot.ask('/agents bsuy')).toContain('Did you mean busy?');
    expect(await bot.ask('/alerts silence lima-queu 30m')).toContain('Did you mean lima-queue?');
    expect(await bot.ask('/help trnscript')).toContain('Did you mean /help transcript?');
  });

  it('lists every command when nothing is close', async () => {
    const bot = await botOn();
    const text = await bot.ask('/weather');
    expect(text).toContain('There is no command "weather"');
    expect(text).not.toContain('Did you mean');
    expect(text).toContain('/transcript <conn_id> [source]');
  });
});
