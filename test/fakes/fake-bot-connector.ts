import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../support/eventually.js';

/** A message the bot sent or edited, as the Bot Connector received it. */
export interface CapturedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** POST: the activity replied to (absent for a new post); PUT: the activity updated. */
  activityId?: string;
  /** The id the fake gave the message (PUT: the updated one). */
  id: string;
  activity: Record<string, any>;
}

export interface CreatedConversation {
  id: string;
  parameters: Record<string, any>;
}

export type StaleCode = 'ConversationNotFound' | 'BotNotInConversationRoster';

/**
 * A Bot Connector (`/v3/conversations…`) on 127.0.0.1: use `serviceUrl` as the activities'
 * `serviceUrl`. It records what the bot sends, and answers 429 or "conversation gone" on demand.
 */
export interface FakeBotConnector {
  serviceUrl: string;
  /** Delivered messages and edits, in order. */
  activities: CapturedActivity[];
  created: CreatedConversation[];
  /** Every request, answered or refused, with its arrival time (ms). */
  requests: Array<{ method: string; path: string; status: number; at: number }>;
  /** The next `times` requests answer 429 with this Retry-After (seconds; `null` sends none). */
  throttle(times: number, retryAfterSeconds: number | null): void;
  /** Requests for this conversation answer as Teams does once the bot was removed or the chat deleted. */
  forget(conversationId: string, code?: StaleCode): void;
  /** Messages in one conversation. */
  in(conversationId: string): CapturedActivity[];
  /** Waits until `count` messages were delivered (test/support/eventually.ts). */
  waitForActivities(count: number): Promise<CapturedActivity[]>;
  close(): Promise<void>;
}

const GONE: Record<StaleCode, { status: number; message: string }> = {
  ConversationNotFound: { status: 404, message: 'Conversation not found.' },
  BotNotInConversationRoster: { status: 403, message: 'The bot is not part of the conversation roster.' },
};

/** Starts the fake on a free port. */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const activities: CapturedActivity[] = [];
  const created: CreatedConversation[] = [];
  const requests: FakeBotConnector['requests'] = [];
  const forgotten = new Map<string, StaleCode>();
  let throttled = 0;
  let retryAfter: number | null = 1;
  let nextId = 1_700_000_000_000;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        requests.push({ method: req.method ?? '', path, status, at: Date.now() });
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      };
      let body: Record<string, any> = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        return answer(400, { error: { code: 'BadSyntax', message: 'Body is not JSON.' } });
      }
      if (throttled > 0) {
        throttled--;
        return answer(429, { error: { code: 'Throttled', message: 'Too many requests.' } }, retryAfter === null ? {} : { 'retry-after': String(retryAfter) });
      }
      const m = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
      if (!m) return answer(404, { error: { code: 'NotFound', message: `No route ${req.method} ${path}` } });
      const conversationId = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
      const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);

      if (conversationId === undefined) {
        if (req.method !== 'POST') return answer(405, { error: { code: 'MethodNotAllowed', message: 'POST only' } });
        // Teams answers with the same 1:1 conversation id every time for one user.
        const id = `a:personal-${body.members?.[0]?.id ?? 'unknown'}`;
        created.push({ id, parameters: body });
        return answer(201, { id });
      }
      const gone = forgotten.get(conversationId);
      if (gone) return answer(GONE[gone].status, { error: { code: gone, message: GONE[gone].message } });
      if (req.method === 'POST') {
        const id = String(nextId++);
        activities.push({ method: 'POST', conversationId, ...(activityId ? { activityId } : {}), id, activity: body });
        return answer(200, { id });
      }
      if (req.method === 'PUT' && activityId) {
        activities.push({ method: 'PUT', conversationId, activityId, id: activityId, activity: body });
        return answer(200, { id: activityId });
      }
      return answer(405, { error: { code: 'MethodNotAllowed', message: `${req.method} not supported` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities,
    created,
    requests,
    throttle(times, seconds) {
      throttled = times;
      retryAfter = seconds;
    },
    forget(conversationId, code = 'ConversationNotFound') {
      forgotten.set(conversationId, code);
    },
    in: (conversationId) => activities.filter((a) => a.conversationId === conversationId),
    waitForActivities: (count) => eventually(() => activities.length >= count && activities, `${count} activities at the fake connector`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
