import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_SECRETS } from '../support/test-secrets.js';

/**
 * A fake VCC Live API on a real HTTP server (127.0.0.1, random port), for tests of the VCC Live
 * adapter and of anything above it (commands, watcher, quota gate).
 *
 * It serves:
 * - `GET /v2/projects/{projectId}/chats`: Get Chat Log, by default the documented example chat.
 *   Honours `startDate` (YYYY-MM-DD prefix of `sessionStartTime`), `userId` (last agent),
 *   `entityId`, `direction` (ASC/DESC by chatId), `start` (offset by default, or a chat id with
 *   `startMeans: 'start-id'`) and the page size from `limit`, else `num` (see `pageSizeFrom`),
 *   capped at `pageSizeCap` (a server giving at most 10 a page: `pageSizeCap: 10`).
 * - `GET /v2/onlineusers[/{projectId}]`: the agents given in options or through controls.
 * Every answer is the `{ response, errors }` envelope. Basic auth (user = account,
 * password = token) is enforced: anything else gets 401 with an errors envelope.
 *
 * @example
 *   const fake = await startFakeVcclive({ chats: generateChats(1203, { date: '2023-01-20' }) });
 *   const adapter = createVccliveAdapter({ id: 'emea', vendor: 'vcclive', account: fake.account,
 *     token: fake.token, projectId: fake.projectId, baseUrl: fake.url, timeZone: 'Europe/Budapest',
 *     maxPages: 20, quota: { reservePercent: 10 } });
 *   // ...
 *   await fake.close();
 */

/** A chat object as VCC Live sends it (the fake does not validate what tests put in). */
export type FakeChat = Record<string, unknown> & { chatId: number };
/** An `onlineusers` entry: userId, username, state, stateDuration, stateChangedAt. */
export type FakeAgent = Record<string, unknown> & { userId: number };

/**
 * Ways the next answers fail:
 * - `server-error`: HTTP 500 with an errors envelope;
 * - `html`: HTTP 200 with an HTML page (a proxy's or the login page);
 * - `malformed`: HTTP 200 with broken JSON;
 * - `errors`: HTTP 200 with a non-empty `errors` (the vendor refusing inside a success);
 * - `unauthorized` (401), `forbidden` (403, the IP-range refusal), `not-found` (404),
 *   `rate-limited` (429 with Retry-After: 30), each with an errors envelope.
 */
export type FakeVccliveFailure = 'server-error' | 'html' | 'malformed' | 'errors' | 'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited';

export interface FakeVccliveOptions {
  /** Default `acme`. */
  account?: string;
  /** Default `vcc-fake-token-7f3a9c`. */
  token?: string;
  /** Default 822 (the documented example's project). */
  projectId?: number;
  /** Chats served; default the documented example chat (chatId 1, 2023-01-20). */
  chats?: FakeChat[];
  /** Online users served; default none. */
  agents?: FakeAgent[];
  /** Largest page the server gives whatever is asked; default 500 (e.g. 10 for a server that caps low). */
  pageSizeCap?: number;
  /**
   * Which query parameter carries the page size for this server: `limit` (else `num`, the
   * default), only `limit`, only `num`, or `neither` (it always gives `defaultPageSize`).
   */
  pageSizeFrom?: 'limit-or-num' | 'limit' | 'num' | 'neither';
  /** Page size when the request does not set one the server reads; default 10 (the CDR log's). */
  defaultPageSize?: number;
  /** What `start` means to this server; default `offset`. */
  startMeans?: 'offset' | 'start-id';
  /**
   * How a page starting past the last record is answered: an empty list (default) or HTTP 404,
   * which public client code suggests some VCC Live list endpoints do.
   */
  pastEnd?: 'empty' | 'not-found';
  /** `errors` entries sent with the `errors` failure; default `['Invalid request']`. */
  errorEntries?: unknown[];
}

/** One request as the fake saw it. */
export interface FakeVccliveCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Whether the Basic credentials matched. */
  authorized: boolean;
  /** The raw Authorization header, for asserting what was sent. */
  authorization?: string;
}

export interface FakeVccliveControls {
  /** Every request, oldest first. */
  readonly calls: FakeVccliveCall[];
  /** Requests whose path contains `pathPart` (all when omitted). */
  callCount(pathPart?: string): number;
  setChats(chats: FakeChat[]): void;
  addChats(chats: FakeChat[]): void;
  setAgents(agents: FakeAgent[]): void;
  /** The next `times` requests fail this way (default once). */
  failNext(failure: FakeVccliveFailure, times?: number): void;
  /** Every request fails this way until called with undefined. */
  failAlways(failure: FakeVccliveFailure | undefined): void;
  /** Delay before each answer, for timeout and single-flight tests; 0 by default. */
  setDelay(ms: number): void;
  /** Forget calls and failures (data stays). */
  reset(): void;
}

export interface FakeVcclive {
  /** Base URL to put in the source's `baseUrl`, e.g. `http://127.0.0.1:43121`. */
  url: string;
  account: string;
  token: string;
  projectId: number;
  controls: FakeVccliveControls;
  close(): Promise<void>;
}

const FIXTURE = new URL('../fixtures/vcclive/get-chat-log.json', import.meta.url);

/** A fresh copy of the documented example chat (chatId 1, project 822, 2023-01-20 11:50:43). */
export function documentedChat(): FakeChat {
  const body = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { response: FakeChat[] };
  return body.response[0]!;
}

/** The documented example with fields replaced. */
export function makeChat(overrides: Partial<FakeChat> & { chatId: number }): FakeChat {
  return { ...documentedChat(), ...overrides };
}

/**
 * `count` completed chats on local day `date`, ids from `firstId` (default 1000), one a minute
 * from 08:00, each Within SLA with firstResponseTime 10 and duration 120.
 */
export function generateChats(count: number, options: { date: string; firstId?: number } & Partial<FakeChat>): FakeChat[] {
  const { date, firstId = 1000, ...overrides } = options;
  return Array.from({ length: count }, (_, i) => {
    const minutes = 8 * 60 + (i % (16 * 60));
    const time = `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
    return makeChat({
      chatId: firstId + i,
      sessionStartTime: time,
      sessionCloseTime: time,
      firstVisitorMessageTime: time,
      firstAgentMessageTime: time,
      firstResponseTime: 10,
      duration: 120,
      transcript: [],
      ...overrides,
    });
  });
}

/**
 * A chat in progress that no agent has answered yet: what the VCC Live `/queue` counts as waiting.
 * `startedAt` is the account's local time, `YYYY-MM-DD HH:mm:ss`.
 */
export function makeWaitingChat(options: { chatId: number; queue: string; startedAt: string; visitorName?: string }): FakeChat {
  return makeChat({
    chatId: options.chatId,
    visitorName: options.visitorName ?? '',
    sessionStartTime: options.startedAt,
    sessionCloseTime: null,
    firstVisitorMessageTime: options.startedAt,
    lastVisitorMessageTime: options.startedAt,
    firstAgentMessageTime: null,
    lastAgentMessageTime: null,
    firstAgent: null,
    lastAgent: null,
    firstAgentName: null,
    lastAgentName: null,
    firstQueueName: options.queue,
    lastQueueName: options.queue,
    disposition: 'In progress',
    slaStatus: null,
    firstResponseTime: null,
    duration: 0,
    transcript: [{ attachments: null, date: null, id: `w${options.chatId}`, message: 'Hello?', name: 'Visitor', pageUrl: '', pageTitle: '' }],
  });
}

/** An online user; `stateChangedAt` is ISO with offset as VCC Live sends it. */
export function makeAgent(options: { userId: number; username: string; state?: string; stateDuration?: number; stateChangedAt?: string }): FakeAgent {
  return { state: 'AVAILABLE4CALL', stateDuration: 60, stateChangedAt: '2023-01-20T12:49:43+01:00', ...options };
}

/**
 * Starts the fake on 127.0.0.1 with a random port.
 *
 * @example
 *   const fake = await startFakeVcclive();
 *   fake.controls.failNext('server-error');
 */
export async function startFakeVcclive(options: FakeVccliveOptions = {}): Promise<FakeVcclive> {
  const account = options.account ?? 'acme';
  const token = options.token ?? FAKE_SECRETS.vccliveToken;
  const projectId = options.projectId ?? 822;
  const cap = options.pageSizeCap ?? 500;
  const expectedAuth = `Basic ${Buffer.from(`${account}:${token}`).toString('base64')}`;
  let chats: FakeChat[] = options.chats ?? [documentedChat()];
  let agents: FakeAgent[] = options.agents ?? [];
  const calls: FakeVccliveCall[] = [];
  const queued: FakeVccliveFailure[] = [];
  let always: FakeVccliveFailure | undefined;
  let delayMs = 0;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  function fail(res: ServerResponse, failure: FakeVccliveFailure): void {
    switch (failure) {
      case 'server-error':
        return send(res, 500, { response: null, errors: ['Internal Server Error'] });
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<!DOCTYPE html><html><body><h1>VCC Live</h1><p>Please log in</p></body></html>');
      case 'malformed':
        return send(res, 200, '{"response": [{"chatId": 1, "projectId": 8');
      case 'errors':
        return send(res, 200, { response: [], errors: options.errorEntries ?? ['Invalid request'] });
      case 'unauthorized':
        return send(res, 401, { response: null, errors: ['Authentication failed'] });
      case 'forbidden':
        return send(res, 403, { response: null, errors: ['Access denied from this IP address'] });
      case 'not-found':
        return send(res, 404, { response: null, errors: ['Not found'] });
      case 'rate-limited':
        return send(res, 429, { response: null, errors: ['Too many requests'] }, { 'retry-after': '30' });
    }
  }

  function chatLog(query: URLSearchParams): FakeChat[] {
    let rows = chats.slice();
    const startDate = query.get('startDate');
    if (startDate) rows = rows.filter((c) => String(c.sessionStartTime ?? '').startsWith(startDate));
    const userId = query.get('userId');
    if (userId) rows = rows.filter((c) => String(c.lastAgent) === userId);
    const entityId = query.get('entityId');
    if (entityId) rows = rows.filter((c) => String(c.entityId) === entityId);
    const descending = query.get('direction')?.toUpperCase() === 'DESC';
    rows.sort((a, b) => (descending ? b.chatId - a.chatId : a.chatId - b.chatId));
    const from = options.pageSizeFrom ?? 'limit-or-num';
    const said =
      from === 'neither' ? null : from === 'limit' ? query.get('limit') : from === 'num' ? query.get('num') : (query.get('limit') ?? query.get('num'));
    const asked = said === null ? (options.defaultPageSize ?? 10) : Number(said);
    const size = Math.min(Number.isFinite(asked) && asked > 0 ? asked : cap, cap);
    const start = query.get('start');
    if (start !== null) {
      const n = Number(start);
      if (options.startMeans === 'start-id') rows = rows.filter((c) => (descending ? c.chatId <= n : c.chatId >= n));
      else rows = rows.slice(Math.max(0, n));
    }
    return rows.slice(0, size);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorization = req.headers.authorization;
    const authorized = authorization === expectedAuth;
    calls.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), authorized, authorization });
    const failure = queued.shift() ?? always;
    if (failure) return fail(res, failure);
    if (!authorized) return fail(res, 'unauthorized');
    if (req.method !== 'GET') return send(res, 405, { response: null, errors: ['Method not allowed'] });

    const chatPath = /^\/v2\/projects\/(\d+)\/chats\/?$/.exec(url.pathname);
    if (chatPath) {
      if (Number(chatPath[1]) !== projectId) return fail(res, 'not-found');
      const page = chatLog(url.searchParams);
      if (page.length === 0 && Number(url.searchParams.get('start') ?? 0) > 0 && options.pastEnd === 'not-found') return fail(res, 'not-found');
      return send(res, 200, { response: page, errors: [] });
    }
    const usersPath = /^\/v2\/onlineusers(?:\/(\d+))?\/?$/.exec(url.pathname);
    if (usersPath) {
      if (usersPath[1] && Number(usersPath[1]) !== projectId) return fail(res, 'not-found');
      return send(res, 200, { response: agents, errors: [] });
    }
    return fail(res, 'not-found');
  }

  const server = createServer((req, res) => {
    req.resume();
    if (delayMs > 0) setTimeout(() => handle(req, res), delayMs);
    else handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const controls: FakeVccliveControls = {
    calls,
    callCount: (pathPart) => (pathPart ? calls.filter((c) => c.path.includes(pathPart)).length : calls.length),
    setChats: (next) => void (chats = next.slice()),
    addChats: (more) => void chats.push(...more),
    setAgents: (next) => void (agents = next.slice()),
    failNext: (failure, times = 1) => void queued.push(...Array.from({ length: times }, () => failure)),
    failAlways: (failure) => void (always = failure),
    setDelay: (ms) => void (delayMs = ms),
    reset: () => {
      calls.length = 0;
      queued.length = 0;
      always = undefined;
    },
  };

  return {
    url: `http://127.0.0.1:${port}`,
    account,
    token,
    projectId,
    controls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
