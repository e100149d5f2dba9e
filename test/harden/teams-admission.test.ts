import http from 'node:http';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createMemoryConversationStore, type ConversationStore } from '../../src/platforms/teams/conversation-store.js';
import { createTeamsApp } from '../../src/platforms/teams/teams-app.js';
import { UNIDENTIFIED_USER } from '../../src/platforms/teams/asker.js';
import { collectingLogger, type LogLine } from '../support/collecting-logger.js';
import { recordingRouter, startTeamsHarness, type RecordingRouter, type TeamsHarness } from '../teams/harness.js';
import { BOT_FRAMEWORK_ISSUER, startIdentityHost, type IdentityHost } from './identity-host.js';

const APP_ID = '00000000-0000-0000-0000-00000000abcd';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../teams/fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

interface AuthenticatedBot {
  url: string;
  identity: IdentityHost;
  router: RecordingRouter;
  store: ConversationStore;
  lines: LogLine[];
  send(activity: unknown, token?: string): Promise<number>;
  close(): Promise<void>;
}

/** The Teams endpoint with authentication on, trusting a local identity host whose keys the test holds. */
async function startAuthenticated(options: { tenantIds?: string[] } = {}): Promise<AuthenticatedBot> {
  const identity = await startIdentityHost();
  const router = recordingRouter();
  const store = createMemoryConversationStore();
  const { logger, lines } = collectingLogger({ secrets: ['harden-password'] });
  const app = createTeamsApp({
    appId: APP_ID,
    appPassword: 'harden-password',
    tenantId: TENANT,
    openIdMetadataUrl: identity.metadataUrl,
    router,
    store,
    logger,
    metrics: createMetrics(),
    ...options,
  });
  const turns = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const turn = app.handler(req, res);
    turns.add(turn);
    void turn.finally(() => turns.delete(turn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    url,
    identity,
    router,
    store,
    lines,
    async send(activity, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(activity),
      });
      await res.text();
      await Promise.all(turns);
      return res.status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close().catch(() => undefined);
    },
  };
}

const now = () => Math.floor(Date.now() / 1000);
/** A key the identity host never published. */
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
/** The claims the Bot Framework puts on a token for this bot and this activity. */
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: BOT_FRAMEWORK_ISSUER,
  aud: APP_ID,
  serviceurl: SERVICE_URL,
  nbf: now() - 60,
  exp: now() + 600,
  ...extra,
});
/** An install in a team channel: authenticated, it is stored and nothing is sent back. */
const install = () => fixture('conversation-update-bot-added-to-team');

let bot: AuthenticatedBot | undefined;
let harness: TeamsHarness | undefined;
afterEach(async () => {
  await bot?.close();
  await harness?.close();
  bot = harness = undefined;
});

describe('Teams tokens: every failure is a 401 and one warn line', () => {
  it('accepts a token the identity host signed (the control)', async () => {
    bot = await startAuthenticated();
    const status = await bot.send(install(), bot.identity.token(claims()));
    expect(status, JSON.stringify(bot.lines.filter((l) => l.level >= 40))).toBe(200);
    expect(await bot.store.list()).toHaveLength(1);
    expect(bot.lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  const cases: Array<[string, (id: IdentityHost) => string]> = [
    ['alg none', (id) => id.token(claims(), { key: 'none' })],
    ['HS256 keyed with the public key', (id) => id.token(claims(), { key: { hmac: id.publicPem } })],
    ['RS256 from a random key under the real kid', (id) => id.token(claims(), { key: stranger })],
    ['RS256 from a random key under an unknown kid', (id) => id.token(claims(), { key: stranger, header: { kid: 'nobody' } })],
    ['nbf an hour in the future', (id) => id.token(claims({ nbf: now() + 3600, exp: now() + 7200 }))],
    ['no exp', (id) => id.token({ iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60 })],
    ['exp as a string', (id) => id.token(claims({ exp: String(now() + 600) }))],
    ['expired an hour ago', (id) => id.token(claims({ nbf: now() - 7200, exp: now() - 3600 }))],
    ['another audience', (id) => id.token(claims({ aud: '11111111-1111-1111-1111-111111111111' }))],
    ['another issuer', (id) => id.token(claims({ iss: 'https://evil.example' }))],
    ['a serviceurl claim other than the activity’s', (id) => id.token(claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' }))],
    ['three parts of nothing', () => 'a.b.c'],
    ['a signature cut off', (id) => id.token(claims()).replace(/\.[^.]+$/, '.')],
  ];
  it.each(cases)('refuses %s', async (_label, mint) => {
    bot = await startAuthenticated();
    expect(await bot.send(install(), mint(bot.identity))).toBe(401);
    expect(await bot.store.list()).toEqual([]);
    expect(bot.router.inputs).toEqual([]);
    const complaints = bot.lines.filter((l) => l.level >= 40);
    expect(complaints).toHaveLength(1);
    expect(complaints[0]).toMatchObject({ level: 40, msg: expect.stringMatching(/refused a request without a valid Bot Framework token/) });
    // The token itself is never written down.
    expect(JSON.stringify(bot.lines)).not.toMatch(/eyJ[\w-]{10,}/);
  });

  it('answers 503, not 401 or 500, when the signing keys cannot be fetched', async () => {
    bot = await startAuthenticated();
    const token = bot.identity.token(claims());
    bot.identity.breakKeys();
    expect(await bot.send(install(), token)).toBe(503);
    expect(bot.lines.filter((l) => l.level >= 40).map((l) => l.level)).toEqual([40]);
  });

  it('refuses a message from a tenant the bot does not serve, with a signed token', async () => {
    bot = await startAuthenticated();
    const activity = {
      ...fixture('message-personal'),
      conversation: { ...fixture('message-personal').conversation, tenantId: 'aaaaaaaa-0000-0000-0000-000000000000' },
      channelData: { tenant: { id: 'aaaaaaaa-0000-0000-0000-000000000000' } },
    };
    expect(await bot.send(activity, bot.identity.token(claims()))).toBe(403);
    expect(bot.router.inputs).toEqual([]);
    expect(bot.lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([expect.stringMatching(/tenant this bot does not serve/)]);
  });

  it('refuses an activity naming a serviceUrl outside the Bot Framework, even with a token that names it too', async () => {
    bot = await startAuthenticated();
    const serviceUrl = 'http://169.254.169.254/latest/';
    expect(await bot.send({ ...install(), serviceUrl }, bot.identity.token(claims({ serviceurl: serviceUrl })))).toBe(403);
    expect(await bot.store.list()).toEqual([]);
    expect(bot.lines.filter((l) => l.level >= 40)).toHaveLength(1);
  });
});

describe('anonymous Teams (the emulator) trusts neither serviceUrl nor from.id', () => {
  it('sends nothing to a serviceUrl that is not a Bot Framework host or configured', async () => {
    harness = await startTeamsHarness({ allowAnonymous: true });
    const trapHits: string[] = [];
    const trap = http.createServer((req, res) => (trapHits.push(req.url ?? ''), res.writeHead(200).end('{}')));
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    try {
      const serviceUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/`;
      const res = await harness.send({ ...harness.fixture('message-personal'), serviceUrl });
      expect(res.status).toBe(403);
      expect(trapHits).toEqual([]);
      expect(harness.logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([expect.stringMatching(/serviceUrl is not a Bot Framework host/)]);
    } finally {
      await new Promise<void>((resolve) => trap.close(() => resolve()));
    }
  });

  it('takes an activity without aadObjectId as from nobody, not from whoever from.id names', async () => {
    const router = recordingRouter();
    harness = await startTeamsHarness({ allowAnonymous: true, router });
    const activity = harness.fixture('message-personal', { text: 'transcript 42' });
    // from.id set to a supervisor's object id, aadObjectId left out.
    activity.from = { id: '6b8a4c2e-3f1d-4e5a-9b7c-1d2e3f4a5b6c', name: 'Supervisor, honest' };
    await harness.send(activity);
    expect(router.inputs.map((i) => i.asker.userId)).toEqual([UNIDENTIFIED_USER]);
  });
});

describe('proactive posts go only to the Bot Framework', () => {
  it('refuses to post through a stored reference whose serviceUrl is not allowed, sending nothing there', async () => {
    harness = await startTeamsHarness({ allowAnonymous: true });
    const trapHits: string[] = [];
    const trap = http.createServer((req, res) => (trapHits.push(req.url ?? ''), res.writeHead(200).end('{"id":"1"}')));
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    try {
      // A reference written before the allow-list existed (or by hand into Redis).
      await harness.store.save({
        id: '19:planted@thread.tacv2',
        kind: 'channel',
        serviceUrl: `http://127.0.0.1:${(trap.address() as AddressInfo).port}/`,
        channelId: 'msteams',
        bot: { id: '28:bot' },
        savedAt: new Date().toISOString(),
      });
      await expect(harness.app.platform.post('teams:19:planted@thread.tacv2', { title: 'Queue long' })).rejects.toMatchObject({
        platformCode: 'ServiceUrlNotAllowed',
      });
      expect(trapHits).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => trap.close(() => resolve()));
    }
  });
});
