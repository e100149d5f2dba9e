import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import { renderText } from '../../src/reply/render-text.js';

/*
 * A newcomer runs `npm start` with no configuration, at whatever hour it is where they are. The
 * embedded demo must show a working contact center, and a chat id it shows must open.
 */
let app: App | undefined;
afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
});

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

async function embeddedDemoAt(instant: string): Promise<(text: string) => Promise<string>> {
  const settings = await readSettings({ CHATOPS_CONFIG: '' });
  expect(settings.embedded).toBe(true);
  const now = () => new Date(instant);
  app = await createApp({ settings, watch: false, platforms: false, now, logDestination: silent });
  const router = app.router;
  return async (text) => renderText(await router.handle({ text, asker: { platform: 'console', userId: 'console' }, venue: 'console' }), { now: now() });
}

// A Sunday and a Monday (the week's quietest and busiest days), at four hours a world apart.
const INSTANTS = ['2026-11-29', '2026-11-30'].flatMap((day) => ['02:00', '08:00', '14:00', '20:00'].map((hour) => `${day}T${hour}:00Z`));

describe('the embedded demo is alive whenever someone looks', () => {
  it.each(INSTANTS)('at %s, /agents shows agents at work and a chat id that opens its transcript', async (instant) => {
    const ask = await embeddedDemoAt(instant);
    const agents = await ask('/agents');
    const [, available, busy, away] = /^(\d+) free · (\d+) busy · (\d+) away/m.exec(agents)!;
    expect(Number(available) + Number(busy) + Number(away), agents).toBeGreaterThan(0);
    const id = /\bDEMO-\d{11}\b/.exec(agents)?.[0];
    expect(id, agents).toBeDefined();
    expect(agents).toContain(`Open a chat in progress: /transcript ${id}`);
    const transcript = await ask(`/transcript ${id}`);
    expect(transcript).toContain(`Transcript ${id} — Demo contact center\nIn progress`);
    expect(transcript).toMatch(/Agent:\s+\S/);
  });

  it('still has busy and quiet hours: more chats in progress at the busy hour than at night', async () => {
    const inProgress = async (instant: string): Promise<number> => {
      const ask = await embeddedDemoAt(instant);
      const queue = await ask('/queue');
      await app?.stop(1_000);
      app = undefined;
      return Number(/Chats in progress:\s+(\d+)/.exec(queue)![1]);
    };
    // 11:00 and 03:00 in Bogotá, the demo's zone, on a Monday.
    const busy = await inProgress('2026-11-30T16:00:00Z');
    const night = await inProgress('2026-11-30T08:00:00Z');
    expect(night).toBeGreaterThan(0);
    expect(busy).toBeGreaterThan(night * 4);
  });
});
