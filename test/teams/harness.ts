import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/log/logger.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import type { Reply } from '../../src/reply/reply.js';
import type { CommandInput, CommandRouter } from '../../src/router/types.js';
import { createTeamsApp, type TeamsApp } from '../../src/platforms/teams/teams-app.js';
import { createMemoryConversationStore, type ConversationStore } from '../../src/platforms/teams/conversation-store.js';
import type { RetryPolicy } from '../../src/platforms/teams/connector.js';
import { startFakeBotConnector, type FakeBotConnector } from '../fakes/fake-bot-connector.js';

/** A router standing in for the real one: answers a few commands and records what it was asked. */
export interface RecordingRouter extends CommandRouter {
  inputs: CommandInput[];
}

export function recordingRouter(): RecordingRouter {
  const inputs: CommandInput[] = [];
  const replies: Record<string, (args: string[]) => Reply> = {
    queue: (args) => ({
      title: `Queue${args[0] ? ` — ${args[0]}` : ''}`,
      summary: '12 waiting · longest 4m 10s',
      table: {
        columns: ['Queue', 'Waiting', 'Longest'],
        rows: [
          ['Sales', '8', '4m 10s'],
          ['Support', '4', '1m 02s'],
        ],
      },
      buttons: [
        { label: 'Refresh', action: 'run', value: '/queue' },
        { label: 'Share', action: 'share', value: '/queue' },
      ],
      context: { source: 'Demo', asOf: new Date().toISOString() },
    }),
    agents: () => ({
      title: 'Agents',
      fields: [
        { label: 'Online', value: '7' },
        { label: 'Busy', value: '5' },
      ],
    }),
    transcript: (args) => ({
      title: `Transcript ${args[0] ?? ''}`.trim(),
      sections: [{ heading: '14:02 Customer', text: 'Hola, necesito ayuda' }],
      visibility: 'private',
    }),
    help: () => ({ title: 'Commands', sections: [{ text: '*queue* — waiting chats now' }] }),
  };
  return {
    inputs,
    async handle(input) {
      inputs.push(input);
      const [name = '', ...args] = input.text.replace(/^\//, '').split(/\s+/);
      // As the link command does (commands/link.ts): through the conversation port the platform gives.
      if (name === 'link' && input.conversation) return { title: `Linked as ${await input.conversation.link(args[0] ?? '')}` };
      return replies[name]?.(args) ?? { title: 'Unknown command', summary: `Try help (you wrote "${input.text}")`, tone: 'warning' };
    },
    commandsFor: () => [],
  };
}

export interface HarnessOptions {
  appId?: string;
  appPassword?: string;
  allowAnonymous?: boolean;
  router?: CommandRouter;
  store?: ConversationStore;
  retry?: Partial<RetryPolicy>;
  /** Connector bases the bot may post to besides this harness's own fake (another replica's). */
  serviceUrls?: string[];
}

export interface TeamsHarness {
  /** The /api/messages URL. */
  url: string;
  connector: FakeBotConnector;
  app: TeamsApp;
  store: ConversationStore;
  metrics: ReturnType<typeof createMetrics>;
  /** Parsed log lines. */
  logs: Array<Record<string, any>>;
  /** A fixture activity from test/teams/fixtures, pointed at the fake connector. */
  fixture(name: string, overrides?: Record<string, unknown>): Record<string, any>;
  /** POSTs an activity to /api/messages and waits for the bot to finish the turn. */
  send(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The Teams app behind a real node:http server, talking to a fake Bot Connector. */
export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const connector = await startFakeBotConnector();
  const logs: Array<Record<string, any>> = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(JSON.parse(line)) } });
  const metrics = createMetrics();
  const store = options.store ?? createMemoryConversationStore();
  const app = createTeamsApp({
    router: options.router ?? recordingRouter(),
    store,
    logger,
    metrics,
    allowAnonymous: options.allowAnonymous ?? true,
    // The fake connector is on 127.0.0.1: the one host besides the Bot Framework's the bot may post to.
    serviceUrls: [connector.serviceUrl, ...(options.serviceUrls ?? [])],
    ...(options.appId ? { appId: options.appId, appPassword: options.appPassword ?? 'not-a-real-password' } : {}),
    retry: { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...options.retry },
  });
  // The handler answers before the turn ends; `send` waits for the turn, as a test wants to.
  const turns = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    if (req.url !== '/api/messages') return void res.writeHead(404).end();
    const turn = app.handler(req, res);
    turns.add(turn);
    void turn.finally(() => turns.delete(turn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    url,
    connector,
    app,
    store,
    metrics,
    logs,
    fixture(name, overrides = {}) {
      const activity = JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
      return { ...activity, serviceUrl: connector.serviceUrl, ...overrides };
    },
    async send(activity, headers = {}) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      await Promise.all(turns);
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}

/** The Adaptive Card in a captured message, if any. */
export function cardOf(activity: Record<string, any>): any {
  return activity.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
