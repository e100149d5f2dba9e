import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createMetrics } from '../../src/metrics/metrics.js';
import { silentLogger } from '../../src/log/logger.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/platforms/slack/index.js';
import { signSlackRequest, startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/fake-slack.js';
import { FAKE_SECRETS } from '../support/test-secrets.js';

export const SECRET = FAKE_SECRETS.slackSigningSecret;
export const BOT_TOKEN = 'xoxb-test-token';

export interface Harness {
  fake: FakeSlack;
  slack: SlackApp;
  /** URL of the tiny server that mounts `handler` at /slack/events. */
  url: string;
  /** POSTs a body signed with the test secret (or with `headers` as given). */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> | undefined }>;
  close(): Promise<void>;
}

/**
 * The Slack side as Slack sees it: a node:http server with `handler` at POST /slack/events,
 * pointed at a fake Slack Web API (which also serves the response_urls).
 */
export async function startHarness(options: Partial<SlackAppOptions> & Pick<SlackAppOptions, 'router'>, fakeOptions: FakeSlackOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, ...fakeOptions });
  const slack = createSlackApp({
    signingSecret: SECRET,
    botToken: BOT_TOKEN,
    apiUrl: fake.apiUrl,
    logger: silentLogger(),
    metrics: createMetrics(),
    ...options,
  });
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/slack/events') {
      void slack.handler(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    fake,
    slack,
    url,
    async post(body, headers) {
      const res = await request(url, { method: 'POST', body, headers: headers ?? signSlackRequest(SECRET, body) });
      const text = await res.body.text();
      return { status: res.statusCode, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
    },
    async close() {
      await slack.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}
