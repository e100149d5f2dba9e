import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';

const ACTIVITY = readFileSync(new URL('../teams/fixtures/message-personal.json', import.meta.url), 'utf8');

let app: App | undefined;
afterEach(async () => {
  await app?.stop(100);
  app = undefined;
});

/** The bot as `chatops start` builds it from this environment, with its log lines kept. */
async function start(env: Record<string, string>): Promise<{ url: string; logs: string[] }> {
  const logs: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
  const settings = await readSettings({ PORT: '0', LOG_LEVEL: 'info', ...env });
  app = await createApp({ settings, watch: false, logDestination: destination as never });
  const port = await app.serve();
  return { url: `http://127.0.0.1:${port}/api/messages`, logs };
}

describe('anonymous Teams only when asked for by name', () => {
  it.each(['Production', 'PRODUCTION', ' production ', 'prod', 'staging', ''])(
    'NODE_ENV=%j without an app id refuses an unsigned activity',
    async (nodeEnv) => {
      const { url } = await start({ NODE_ENV: nodeEnv });
      expect(app!.describe().join('\n')).not.toMatch(/UNAUTHENTICATED/);
      const res = await request(url, { method: 'POST', body: ACTIVITY, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(401);
      await res.body.dump();
    },
  );

  it('TEAMS_ALLOW_ANONYMOUS=true (the emulator) turns it on, and says so loudly at start', async () => {
    const { logs } = await start({ NODE_ENV: 'development', TEAMS_ALLOW_ANONYMOUS: 'true' });
    expect(app!.describe().join('\n')).toMatch(/UNAUTHENTICATED/);
    expect(logs.some((line) => /"level":50/.test(line) && /AUTHENTICATION IS OFF/.test(line))).toBe(true);
  });

  it('an app id wins over TEAMS_ALLOW_ANONYMOUS: tokens are still required', async () => {
    const { url } = await start({
      TEAMS_ALLOW_ANONYMOUS: 'true',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000abcd',
      MICROSOFT_APP_PASSWORD: 'harden-password',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-00000000beef',
    });
    const res = await request(url, { method: 'POST', body: ACTIVITY, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(401);
    await res.body.dump();
  });

  it('refuses to start on a TEAMS_ALLOW_ANONYMOUS it cannot read', async () => {
    await expect(readSettings({ TEAMS_ALLOW_ANONYMOUS: 'maybe' })).rejects.toThrow(/TEAMS_ALLOW_ANONYMOUS must be true or false/);
  });
});
