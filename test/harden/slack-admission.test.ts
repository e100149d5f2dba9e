import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createSlackApp } from '../../src/platforms/slack/index.js';
import type { CommandInput, CommandRouter } from '../../src/router/types.js';
import { FAKE_TEAM_ID, signSlackRequest, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { collectingLogger, type LogLine } from '../support/collecting-logger.js';
import { blockActionsBody, slashCommandBody } from '../fakes/slack-payloads.js';

const SECRET = 'harden-admission-secret-77';
const BOT_TOKEN = 'xoxb-harden-admission';

/** Records what reached it: a refused request must never get this far. */
function recordingRouter(): CommandRouter & { inputs: CommandInput[] } {
  const inputs: CommandInput[] = [];
  return {
    inputs,
    commandsFor: () => [],
    handle: async (input) => {
      inputs.push(input);
      return { title: 'Transcript 42', summary: 'Customer said hello', visibility: 'private' };
    },
  };
}

/** A server standing where a forged response_url points: it records anything the bot sends it. */
async function trap(): Promise<{ url: (path: string) => string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: (path) => `http://127.0.0.1:${port}${path}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Bot {
  fake: FakeSlack;
  router: ReturnType<typeof recordingRouter>;
  lines: LogLine[];
  post(body: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

async function startBot(options: { teamIds?: string[] } = {}): Promise<Bot> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN });
  const router = recordingRouter();
  const { logger, lines } = collectingLogger({ secrets: [SECRET, BOT_TOKEN] });
  const slack = createSlackApp({ signingSecret: SECRET, botToken: BOT_TOKEN, apiUrl: fake.apiUrl, router, logger, metrics: createMetrics(), ...options });
  const server = http.createServer((req, res) => void slack.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    fake,
    router,
    lines,
    async post(body) {
      const res = await fetch(url, { method: 'POST', body, headers: signSlackRequest(SECRET, body) });
      return { status: res.status, text: await res.text() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

const refusals = (lines: LogLine[]) => lines.filter((l) => l.level === 40 && /Slack request refused/.test(l.msg));

let bot: Bot | undefined;
let forged: Awaited<ReturnType<typeof trap>> | undefined;
afterEach(async () => {
  await bot?.close();
  await forged?.close();
  bot = forged = undefined;
});

describe('Slack: answers go only to Slack', () => {
  it('refuses a signed button press whose response_url is on this machine: nothing is run, nothing is posted, one warn line', async () => {
    bot = await startBot();
    forged = await trap();
    const res = await bot.post(blockActionsBody({ actionId: 'chatops:run:0', value: '/transcript 42', responseUrl: forged.url('/steal') }));
    expect(res.status).toBe(200);
    // The refusal is decided before the ack: by now the listener has not run and never will.
    expect(refusals(bot.lines)).toHaveLength(1);
    expect(refusals(bot.lines)[0]!.msg).toMatch(/response_url \(http:\/\/127\.0\.0\.1:\d+\) is not on Slack/);
    expect(bot.router.inputs).toEqual([]);
    expect(forged.hits).toEqual([]);
  });

  it.each([
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'http://[::1]:8080/x'],
    ['a file', 'file:///etc/passwd'],
    ['a lookalike host', 'https://hooks.slack.com.evil.example/commands/1'],
    ['user info before the host', 'https://hooks.slack.com@evil.example/commands/1'],
    ['plain http to Slack', 'http://hooks.slack.com/commands/1'],
    ['another port on Slack', 'https://hooks.slack.com:8443/commands/1'],
    ['not a URL', 'javascript:alert(1)'],
  ])('refuses a slash command whose response_url is %s', async (_label, responseUrl) => {
    bot = await startBot();
    const res = await bot.post(slashCommandBody({ command: '/transcript', text: '42', user_id: 'U0SUP', response_url: responseUrl }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/serves only/) });
    expect(bot.router.inputs).toEqual([]);
    expect(refusals(bot.lines)).toHaveLength(1);
  });

  it('still answers through a response_url on the configured Slack API host', async () => {
    bot = await startBot();
    await bot.post(blockActionsBody({ actionId: 'chatops:run:0', value: '/transcript 42', responseUrl: bot.fake.responseUrl('ok') }));
    const answer = await bot.fake.waitForResponse((p) => p.id === 'ok');
    expect(JSON.stringify(answer.body)).toContain('Transcript 42');
    expect(refusals(bot.lines)).toEqual([]);
  });
});

describe('Slack: only the installed workspace is served', () => {
  it('refuses a signed /transcript from team T0OTHER: the router never sees it', async () => {
    bot = await startBot();
    const res = await bot.post(
      slashCommandBody({ command: '/transcript', text: '42', user_id: 'U0SUP', team_id: 'T0OTHER', response_url: bot.fake.responseUrl('other') }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/serves only the workspace it is installed in/);
    expect(res.text).not.toContain('Transcript 42');
    expect(bot.router.inputs).toEqual([]);
    expect(refusals(bot.lines).map((l) => l.msg)).toEqual([expect.stringMatching(/workspace T0OTHER .*is not the one this bot is installed in/)]);
  });

  it('refuses a Silence pressed from team T0OTHER', async () => {
    bot = await startBot();
    await bot.post(
      blockActionsBody({
        actionId: 'chatops:silence:0',
        value: 'queue-long:1h',
        isEphemeral: false,
        teamId: 'T0OTHER',
        responseUrl: bot.fake.responseUrl('mute'),
      }),
    );
    expect(bot.router.inputs).toEqual([]);
    expect(refusals(bot.lines)).toHaveLength(1);
  });

  it('serves the workspace auth.test names, asking it once for many requests', async () => {
    bot = await startBot();
    await Promise.all(
      [1, 2, 3].map((i) =>
        bot!.post(
          slashCommandBody({ command: '/transcript', text: '42', user_id: 'U0SUP', team_id: FAKE_TEAM_ID, response_url: bot!.fake.responseUrl(`own${i}`) }),
        ),
      ),
    );
    expect(bot.router.inputs).toHaveLength(3);
    expect(bot.fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('serves exactly the SLACK_TEAM_IDS list when one is configured', async () => {
    bot = await startBot({ teamIds: ['T0EAST', 'T0WEST'] });
    await bot.post(slashCommandBody({ command: '/queue', team_id: 'T0WEST', response_url: bot.fake.responseUrl('west') }));
    await bot.post(slashCommandBody({ command: '/queue', team_id: FAKE_TEAM_ID, response_url: bot.fake.responseUrl('fake') }));
    expect(bot.router.inputs).toHaveLength(1);
    expect(refusals(bot.lines)).toHaveLength(1);
  });

  it('refuses rather than trusts when the workspace cannot be learnt (Slack unreachable)', async () => {
    bot = await startBot();
    const { logger, lines } = collectingLogger();
    const slack = createSlackApp({
      signingSecret: SECRET,
      botToken: BOT_TOKEN,
      apiUrl: 'http://127.0.0.1:9/api/',
      router: bot.router,
      logger,
      metrics: createMetrics(),
      requestTimeoutMs: 500,
    });
    const server = http.createServer((req, res) => void slack.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const body = slashCommandBody({ command: '/queue', team_id: FAKE_TEAM_ID, response_url: 'https://hooks.slack.com/commands/1/2/3' });
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'POST', body, headers: signSlackRequest(SECRET, body) });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/serves only/);
      expect(bot.router.inputs).toEqual([]);
      expect(refusals(lines)[0]!.msg).toMatch(/not known yet/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
