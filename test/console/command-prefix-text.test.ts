import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import { renderText } from '../../src/reply/render-text.js';

/*
 * With SLACK_COMMAND_PREFIX=cc- a person types /cc-queue, /cc-transcript…: every command the bot
 * shows in its text rendering (button hints, an answer that names another command) is one they
 * can type as shown, not the plain name another app may own.
 */
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
const AT = new Date('2026-11-30T16:00:00Z');

let app: App | undefined;
afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
});

async function consoleWith(env: Record<string, string>): Promise<(text: string) => Promise<string>> {
  const settings = await readSettings({ CHATOPS_CONFIG: '', ...env });
  app = await createApp({ settings, watch: false, platforms: false, now: () => AT, logDestination: silent });
  const { router, asTyped } = app;
  // As the prompt and `chatops ask` render an answer.
  return async (text) => renderText(await router.handle({ text, asker: { platform: 'console', userId: 'console' }, venue: 'console' }), { now: AT, asTyped });
}

describe('SLACK_COMMAND_PREFIX=cc- in the text rendering', () => {
  it('suggests /cc-queue with a [Run it: /cc-queue] hint that runs', async () => {
    const ask = await consoleWith({ SLACK_COMMAND_PREFIX: 'cc-' });
    const answer = await ask('/cc-queu');
    expect(answer).toContain('Did you mean /cc-queue?');
    expect(answer).toContain('[Run it: /cc-queue]');
    expect(await ask('/cc-queue')).toContain('[Refresh: /cc-queue]');
  });

  it('/cc-agents names the chat to open as /cc-transcript, and that runs', async () => {
    const ask = await consoleWith({ SLACK_COMMAND_PREFIX: 'cc-' });
    const agents = await ask('/cc-agents');
    expect(agents).toContain('[Refresh: /cc-agents]');
    const typed = /^Open a chat in progress: (\/\S+ DEMO-\d{11})$/m.exec(agents)?.[1];
    expect(typed, agents).toMatch(/^\/cc-transcript /);
    const transcript = await ask(typed!);
    expect(transcript).toMatch(/^Transcript DEMO-\d{11} — Demo contact center/);
    expect(transcript).toContain(`[Refresh: ${typed}]`);
    expect(transcript).not.toMatch(/(^|[^-\w])\/(transcript|agents|queue)\b/m);
  });

  it('shows the alert buttons as /cc-alerts commands', async () => {
    await consoleWith({ SLACK_COMMAND_PREFIX: 'cc-' });
    const alert = {
      title: 'Warning · Chats waiting 12',
      buttons: [
        { label: 'Ack', action: 'ack' as const, value: 'queue-long:1' },
        { label: 'Silence 1h', action: 'silence' as const, value: 'queue-long:1h' },
      ],
    };
    expect(renderText(alert, { asTyped: app!.asTyped })).toContain('[Ack: /cc-alerts ack queue-long:1] [Silence 1h: /cc-alerts silence queue-long 1h]');
  });

  it('keeps the plain names without a prefix', async () => {
    const ask = await consoleWith({});
    expect(await ask('/queu')).toContain('[Run it: /queue]');
    expect(await ask('/agents')).toMatch(/^Open a chat in progress: \/transcript DEMO-\d{11}$/m);
  });
});
