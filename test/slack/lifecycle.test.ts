import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { silentLogger } from '../../src/log/logger.js';
import { createSlackApp, type SlackAppOptions } from '../../src/platforms/slack/index.js';
import type { CommandRouter } from '../../src/router/types.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startHarness, type Harness } from './harness.js';
import { blockActionsBody, slashCommandBody } from '../fakes/slack-payloads.js';

const router: CommandRouter & { calls: number } = { calls: 0, commandsFor: () => [], handle: async () => (router.calls++, { title: 'ok' }) };
const base = (over: Partial<SlackAppOptions> = {}): SlackAppOptions => ({
  signingSecret: 'secret',
  botToken: 'xoxb-good',
  router,
  logger: silentLogger(),
  metrics: createMetrics(),
  ...over,
});

let fake: FakeSlack | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await fake?.close();
  await h?.close();
  fake = h = undefined;
});

describe('creating and starting the Slack app', () => {
  it('says which setting to fix when a secret or token is missing or malformed', () => {
    expect(() => createSlackApp(base({ signingSecret: ' ' }))).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createSlackApp(base({ botToken: '' }))).toThrow(/SLACK_BOT_TOKEN.*xoxb-/);
    expect(() => createSlackApp(base({ appToken: 'xoxb-wrong-kind' }))).toThrow(/SLACK_APP_TOKEN.*xapp-/);
  });

  it('checks the bot token with Slack on start', async () => {
    fake = await startFakeSlack({ botToken: 'xoxb-good' });
    await createSlackApp(base({ apiUrl: fake.apiUrl })).start();
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('refuses to start with a token Slack rejects, saying what to check, without printing the token', async () => {
    fake = await startFakeSlack({ botToken: 'xoxb-good' });
    const failure = createSlackApp(base({ apiUrl: fake.apiUrl, botToken: 'xoxb-revoked-123' })).start();
    await expect(failure).rejects.toThrow(/invalid_auth.*SLACK_BOT_TOKEN/);
    await expect(failure).rejects.not.toThrow(/xoxb-revoked-123/);
  });

  it('starts anyway when Slack cannot be reached, since commands do not need it', async () => {
    await expect(createSlackApp(base({ apiUrl: 'http://127.0.0.1:9/api/', requestTimeoutMs: 500 })).start()).resolves.toBeUndefined();
  });
});

describe('requests the bot does not handle', () => {
  it("acknowledges a press on a button that is not the bot's at once", async () => {
    h = await startHarness({ router });
    const res = await h.post(blockActionsBody({ actionId: 'someone-elses-button', value: 'x', responseUrl: h.fake.responseUrl('other') }));
    expect(res.status).toBe(200);
    expect(router.calls).toBe(0);
    expect(h.fake.responses).toEqual([]);
  });
});

describe('Socket Mode', () => {
  it('still serves signed HTTP requests when an app token is set (Socket Mode is a second door)', async () => {
    h = await startHarness({ router, appToken: 'xapp-1-A0001-1-abcdef' });
    const res = await h.post(slashCommandBody({ command: '/queue', text: '', response_url: h.fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(res.json?.text).toBe('ok');
  });
});

describe('the Slack SDK boundary', () => {
  it('keeps every @slack import inside src/platforms/slack', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|js|mjs)$/.test(name) && /from\s+['"]@slack\/|import\(\s*['"]@slack\//.test(readFileSync(path, 'utf8')))
          offenders.push(relative(root, path));
      }
    };
    for (const dir of ['src', 'commands', 'adapters']) walk(join(root, dir));
    expect(offenders.filter((p) => !p.startsWith('src/platforms/slack/'))).toEqual([]);
  });
});
