import net from 'node:net';
import { createMetrics } from '../../src/metrics/metrics.js';
import { silentLogger } from '../../src/log/logger.js';
import { healthRoutes } from '../../src/http/health-routes.js';
import { startHttpServer, type RunningServer, type ServerTimeouts } from '../../src/http/server.js';
import { createSlackApp, type SlackApp } from '../../src/platforms/slack/index.js';
import { createMemoryConversationStore } from '../../src/platforms/teams/conversation-store.js';
import { createTeamsApp } from '../../src/platforms/teams/teams-app.js';
import type { CommandRouter } from '../../src/router/types.js';

export const SECRET = 'harden-signing-secret-41c9';

/** Answers every command with a fixed public reply; the HTTP surface is what is under test. */
export const fixedRouter: CommandRouter = {
  commandsFor: () => [],
  handle: async () => ({ title: 'Queue', summary: '3 waiting', visibility: 'public' }),
};

export interface Surface {
  url: string;
  port: number;
  slack: SlackApp;
  close(): Promise<void>;
}

/**
 * The bot's one HTTP server as the process builds it: /slack/events (Bolt behind our receiver,
 * pointed at an unreachable Slack API), /api/messages (Teams with a real app id, so tokens are
 * required), /healthz, /readyz, /metrics.
 */
export async function startSurface(options: { timeouts?: Partial<ServerTimeouts>; anonymousTeams?: boolean } = {}): Promise<Surface> {
  const logger = silentLogger();
  const metrics = createMetrics();
  const slack = createSlackApp({ signingSecret: SECRET, botToken: 'xoxb-harden', apiUrl: 'http://127.0.0.1:9/api/', router: fixedRouter, logger, metrics });
  const teams = createTeamsApp({
    // Anonymous (the emulator's mode) lets generated activities reach the turn logic; their
    // answers go to a closed port, once.
    ...(options.anonymousTeams
      ? { allowAnonymous: true, retry: { maxAttempts: 1, sleep: async () => undefined } }
      : { appId: '00000000-0000-0000-0000-00000000abcd', appPassword: 'harden-password', tenantId: '00000000-0000-0000-0000-00000000beef' }),
    router: fixedRouter,
    store: createMemoryConversationStore(),
    logger,
    metrics,
  });
  const routes = {
    'POST /slack/events': slack.handler,
    'POST /api/messages': teams.handler,
    ...healthRoutes({ metrics, checks: [{ name: 'configuration', check: async () => ({ ok: true, detail: 'loaded' }) }], accepting: () => true }),
  };
  const server: RunningServer = await startHttpServer({ port: 0, host: '127.0.0.1', routes, logger, timeouts: options.timeouts });
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    slack,
    async close() {
      await slack.stop();
      await server.close(100);
    },
  };
}

/**
 * A bearer token of the right shape (an RS256 JWS with `exp`) whose signature is nonsense: it
 * passes the checks made from the headers, so the body is read and judged.
 */
export function plausibleToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part({ iss: 'https://api.botframework.com', exp: Math.floor(Date.now() / 1000) + 600 })}.${'A'.repeat(86)}`;
}

/** Resolves when the server closes the socket, with whatever it answered before. */
export function rawRequest(port: number, head: string, body?: (socket: net.Socket) => void): Promise<{ status: number | undefined; text: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('connect', () => {
      socket.write(head);
      body?.(socket);
    });
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, text });
    });
  });
}
