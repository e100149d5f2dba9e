import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_SECRETS } from '../support/test-secrets.js';

/**
 * A fake Comm100 Live Chat API v4 on 127.0.0.1 (a real HTTP server on a free port), serving the
 * documented example payloads by default. It enforces the vendor's two ways of authenticating
 * (HTTP Basic `email:apiKey` plus `siteId` in the query, or a Bearer token it issued at its
 * `/oauth/token`), answers 429 past the rate limit, and lets tests change the data and inject
 * failures.
 *
 * @example
 *   const fake = await startFakeComm100({ rateLimit: { max: 5, windowMs: 60_000 } });
 *   const adapter = createComm100Adapter({ ...config, baseUrl: fake.url, id: 'emea' });
 *   fake.controls.setQueueWaiting('Sales', 4, { waitSeconds: [30, 95] });
 *   await adapter.queue!();
 *   expect(fake.controls.calls('livechat/realTime/Queue')).toBe(1);
 *   await fake.close();
 */
export interface FakeComm100 {
  /** API base to use as the source's `baseUrl`, e.g. `http://127.0.0.1:41234/v4/`. */
  url: string;
  /** OAuth token endpoint, e.g. `http://127.0.0.1:41234/oauth/token` (also what the adapter derives from `url`). */
  tokenUrl: string;
  controls: FakeComm100Controls;
  close(): Promise<void>;
}

/** Credentials and limits the fake accepts; every field has a default (see `FAKE_COMM100_DEFAULTS`). */
export interface FakeComm100Options {
  siteId?: string;
  /** The agent whose API key is accepted; `false` refuses Basic auth altogether. */
  apiKey?: { email: string; apiKey: string } | false;
  /** The OAuth client accepted at `/oauth/token`; `false` turns the endpoint off (404). */
  oauth?:
    | {
        clientId: string;
        clientSecret: string;
        /** For the `password` grant. */
        username?: string;
        password?: string;
        /** `expires_in` of issued tokens; the fake refuses a token past it (by `now`). Default 3600. */
        tokenLifetimeSeconds?: number;
      }
    | false;
  /** Calls allowed per window before 429 (vendor: 300 per 5 minutes). `false` disables the limit. */
  rateLimit?: { max: number; windowMs: number } | false;
  /** Largest `realTime/Agents` page served whatever `pageSize` asks, so paging happens. Default 2. */
  agentsMaxPageSize?: number;
  /** Clock in ms for token expiry and the rate-limit window. Default `Date.now`. */
  now?: () => number;
  /** Initial data; missing parts are the documented examples. */
  data?: Partial<FakeComm100Data>;
}

/** A JSON object as the vendor would send it (the fake does not validate what tests put in). */
export type WireObject = Record<string, unknown>;

/** Everything the fake serves. Tests may mutate it directly through `controls.data`. */
export interface FakeComm100Data {
  /** Rows of `realTime/Agents`, served in pages. */
  agents: WireObject[];
  /** `livechat/agents` (readable status per agent id). */
  agentStatuses: WireObject[];
  /** `realTime/Queue` entries. */
  queue: WireObject[];
  /** `realTime/Today` for any window, unless `dayChats` is set. */
  today: WireObject;
  /**
   * The site's chats (start instant, duration, wait): when set, `realTime/Today` counts the ones that
   * started between `startTime` and `endTime` (local times at `utcOffset` minutes), as the vendor does.
   */
  dayChats?: Array<{ start: string; chatSeconds: number; waitSeconds?: number }>;
  rightNow: WireObject;
  /** `livechat/chats/{id}` by id. */
  chats: Record<string, WireObject>;
}

/** A failure to inject: an HTTP status (with optional body and headers), an HTML page, broken JSON, or a delay before the normal answer. */
export type FakeComm100Failure =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'html' }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number };

/** One request the fake received. */
export interface FakeComm100Request {
  method: string;
  /** Path below `/v4/`, e.g. `livechat/chats/8815`, or `oauth/token`. */
  path: string;
  /** Route pattern, e.g. `livechat/chats/{id}`; unknown paths keep their path. */
  route: string;
  query: Record<string, string>;
  auth: 'basic' | 'bearer' | 'none';
  /** Form fields of a token request (secrets included: this is a test fake). */
  form?: Record<string, string>;
  status: number;
}

export interface FakeComm100Controls {
  /** Live data; changes apply to the next request. */
  readonly data: FakeComm100Data;
  /** Requests so far (API and token endpoint), oldest first. */
  readonly requests: readonly FakeComm100Request[];
  /**
   * How many API requests were received: all, or those whose route or path is `path`
   * (`'livechat/realTime/Agents'`, `'livechat/chats/{id}'`, `'livechat/chats/8815'`).
   */
  calls(path?: string): number;
  /** Token requests received (any grant, granted or not). */
  tokenRequests(): number;
  /** Access tokens issued so far (to check they never show up in an error). */
  issuedTokens(): string[];
  /** Forget the request log and counters (the rate-limit window is kept: see `resetRateLimit`). */
  resetCalls(): void;
  /**
   * Inject a failure for the next `times` requests (default: until `clearFailures`) whose route
   * or path is `path` (default: every API path; `'oauth/token'` targets the token endpoint).
   */
  fail(failure: FakeComm100Failure, options?: { path?: string; times?: number }): void;
  clearFailures(): void;
  /** Make every issued token answer 401 (a revoked token before its expiry). */
  revokeTokens(): void;
  resetRateLimit(): void;
  setAgents(rows: WireObject[]): void;
  setAgentStatuses(statuses: WireObject[]): void;
  setQueue(entries: WireObject[]): void;
  /**
   * Replace the queue with one department entry per call (kept by name): `waiting` visitors
   * whose waits are `waitSeconds` (default 60 s each); RightNow's queue length follows the total.
   */
  setQueueWaiting(
    department: string,
    waiting: number,
    options?: { waitSeconds?: number[]; abandoned?: number; ongoingChats?: number; averageWaitSeconds?: number },
  ): void;
  setToday(today: WireObject): void;
  setRightNow(rightNow: WireObject): void;
  /** Serve a chat at `livechat/chats/{id}`; `undefined` removes it (404). */
  setChat(id: string, chat: WireObject | undefined): void;
}

/** Credentials the fake accepts when not told otherwise. */
export const FAKE_COMM100_DEFAULTS = {
  siteId: '10000',
  email: 'supervisor@example.com',
  apiKey: FAKE_SECRETS.comm100ApiKey,
  clientId: 'fake-comm100-client',
  clientSecret: FAKE_SECRETS.comm100ClientSecret,
  username: 'supervisor@example.com',
  password: FAKE_SECRETS.comm100Password,
  tokenLifetimeSeconds: 3600,
} as const;

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/comm100/${name}`, import.meta.url), 'utf8')) as T;
}

/** Readable statuses for the documented agents (designed: the page's own example names another agent). */
const DESIGNED_STATUSES: Record<string, string> = {
  '51f36e1a-d521-43bf-a0a8-20cbade284e4': 'Online',
  '841d966b-744b-405e-86d1-7e8c573ebc60': 'Online',
  '74ed2bc3-a41f-4dc8-9ae0-f562ebea5943': 'Away',
  '7bf10c1d-2973-4848-b08f-cd5195e6b337': 'Meeting',
  'ed22fff9-5000-4430-8a32-efb530c9f049': 'Offline',
};

/** The documented examples (plus designed statuses and chats), fresh copies. */
export function defaultComm100Data(): FakeComm100Data {
  const agents = fixture<{ list: WireObject[] }>('realtime-agents-page.json').list;
  const documentedStatuses = fixture<WireObject[]>('livechat-agents.json');
  const chat = fixture<WireObject>('chat.json');
  const missed = fixture<WireObject>('chat-missed.json');
  return {
    agents,
    agentStatuses: [
      ...agents.map((a) => ({ id: a.agentId, status: DESIGNED_STATUSES[String(a.agentId)] ?? 'Online', ongoingChats: a.ongoingChats })),
      ...documentedStatuses,
    ],
    queue: fixture<WireObject[]>('realtime-queue.json'),
    today: fixture<WireObject>('realtime-today.json'),
    rightNow: fixture<WireObject>('realtime-right-now.json'),
    chats: { [String(chat.id)]: chat, [String(missed.id)]: missed },
  };
}

const ROUTES: Array<[RegExp, string]> = [
  [/^livechat\/realtime\/agents$/i, 'livechat/realTime/Agents'],
  [/^livechat\/realtime\/queue$/i, 'livechat/realTime/Queue'],
  [/^livechat\/realtime\/today$/i, 'livechat/realTime/Today'],
  [/^livechat\/realtime\/rightnow$/i, 'livechat/realTime/RightNow'],
  [/^livechat\/agents$/i, 'livechat/agents'],
  [/^livechat\/chats\/[^/]+$/i, 'livechat/chats/{id}'],
];

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeComm100(options: FakeComm100Options = {}): Promise<FakeComm100> {
  const d = FAKE_COMM100_DEFAULTS;
  const siteId = options.siteId ?? d.siteId;
  const apiKey = options.apiKey === false ? undefined : (options.apiKey ?? { email: d.email, apiKey: d.apiKey });
  const oauth =
    options.oauth === false
      ? undefined
      : {
          username: d.username,
          password: d.password,
          tokenLifetimeSeconds: d.tokenLifetimeSeconds,
          clientId: d.clientId,
          clientSecret: d.clientSecret,
          ...options.oauth,
        };
  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? { max: 300, windowMs: 5 * 60_000 });
  const maxPageSize = options.agentsMaxPageSize ?? 2;
  const now = options.now ?? Date.now;

  const data: FakeComm100Data = { ...defaultComm100Data(), ...structuredClone(options.data ?? {}) };
  const requests: FakeComm100Request[] = [];
  const windowCalls: number[] = [];
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Set<string>();
  const issued: string[] = [];
  let failures: Array<{ failure: FakeComm100Failure; path?: string; left: number }> = [];
  const timers = new Set<NodeJS.Timeout>();
  const waitingDepartments = new Map<string, WireObject>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: 'fake failure' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const authHeader = String(req.headers.authorization ?? '');
    const auth = /^basic /i.test(authHeader) ? 'basic' : /^bearer /i.test(authHeader) ? 'bearer' : 'none';
    const isToken = url.pathname === '/oauth/token';
    const path = isToken ? 'oauth/token' : url.pathname.replace(/^\/v4\//, '').replace(/^\//, '');
    const route = isToken ? 'oauth/token' : (ROUTES.find(([re]) => re.test(path))?.[1] ?? path);
    const record: FakeComm100Request = { method: req.method ?? 'GET', path, route, query, auth, status: 0 };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      send(res, status, body, headers);
    };

    const failure = takeFailure(path, route, isToken);
    if (failure?.kind === 'delay') await sleep(failure.ms);
    else if (failure) {
      record.status = failure.kind === 'status' ? failure.status : 200;
      return sendFailure(res, failure);
    }

    if (isToken) {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      record.form = form;
      if (!oauth || req.method !== 'POST') return reply(404, { message: 'Not Found' });
      return issueToken(form, reply);
    }
    if (!url.pathname.startsWith('/v4/')) return reply(404, { message: 'Not Found' });
    if (req.method !== 'GET') return reply(405, { message: 'Method Not Allowed' });

    const refusal = checkAuth(authHeader, auth, query);
    if (refusal) return reply(401, { message: refusal });

    if (rateLimit) {
      const t = now();
      while (windowCalls.length && windowCalls[0]! <= t - rateLimit.windowMs) windowCalls.shift();
      if (windowCalls.length >= rateLimit.max) {
        const retryAfter = Math.max(1, Math.ceil((windowCalls[0]! + rateLimit.windowMs - t) / 1000));
        return reply(429, { message: 'API calls quota exceeded' }, { 'retry-after': String(retryAfter) });
      }
      windowCalls.push(t);
    }
    return serveRoute(route, path, query, reply);
  }

  function checkAuth(header: string, auth: string, query: Record<string, string>): string | undefined {
    if (auth === 'basic') {
      if (!apiKey) return 'API key authentication is not enabled';
      const [email, ...rest] = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':');
      if (email !== apiKey.email || rest.join(':') !== apiKey.apiKey) return 'Invalid email or API key';
      if (query.siteId !== siteId) return 'siteId is missing or wrong';
      return undefined;
    }
    if (auth === 'bearer') {
      const expiresAt = accessTokens.get(header.slice(7).trim());
      if (expiresAt === undefined) return 'invalid_token';
      if (now() >= expiresAt) return 'token expired';
      return undefined;
    }
    return 'Authorization required';
  }

  function issueToken(form: Record<string, string>, reply: (status: number, body: unknown) => void): void {
    if (!oauth) return reply(404, { message: 'Not Found' });
    if (form.client_id !== oauth.clientId) return reply(401, { error: 'invalid_client' });
    const secretOk = form.client_secret === undefined || form.client_secret === oauth.clientSecret;
    if (!secretOk) return reply(401, { error: 'invalid_client' });
    switch (form.grant_type) {
      case 'client_credentials':
        if (form.client_secret !== oauth.clientSecret) return reply(401, { error: 'invalid_client' });
        break;
      case 'password':
        if (form.username !== oauth.username || form.password !== oauth.password) return reply(400, { error: 'invalid_grant' });
        break;
      case 'refresh_token':
        if (!form.refresh_token || !refreshTokens.delete(form.refresh_token)) return reply(400, { error: 'invalid_grant' });
        break;
      default:
        return reply(400, { error: 'unsupported_grant_type' });
    }
    const access = randomBytes(24).toString('hex');
    const refresh = randomBytes(24).toString('hex');
    accessTokens.set(access, now() + oauth.tokenLifetimeSeconds * 1000);
    issued.push(access);
    refreshTokens.add(refresh);
    reply(200, { access_token: access, token_type: 'bearer', expires_in: oauth.tokenLifetimeSeconds, refresh_token: refresh });
  }

  function serveRoute(route: string, path: string, query: Record<string, string>, reply: (status: number, body: unknown) => void): void {
    switch (route) {
      case 'livechat/realTime/Agents': {
        const asked = Number(query.pageSize) || 10;
        const pageSize = Math.max(1, Math.min(asked, maxPageSize));
        const pageIndex = Math.max(1, Number(query.pageIndex) || 1);
        const list = data.agents.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
        return reply(200, { total: data.agents.length, pageCount: Math.ceil(data.agents.length / pageSize), list, pageIndex, pageSize });
      }
      case 'livechat/realTime/Queue':
        return reply(200, data.queue);
      case 'livechat/realTime/Today':
        if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(query.startTime ?? '')) {
          return reply(400, { message: 'startTime is required, format yyyy-mm-ddThh:mm:ss' });
        }
        return reply(200, data.dayChats ? todayBetween(data.dayChats, query) : data.today);
      case 'livechat/realTime/RightNow':
        return reply(200, data.rightNow);
      case 'livechat/agents':
        return reply(200, data.agentStatuses);
      case 'livechat/chats/{id}': {
        const id = decodeURIComponent(path.slice('livechat/chats/'.length));
        if (!/^\d+$/.test(id)) return reply(400, { message: 'The id field is invalid.' });
        const chat = data.chats[id];
        return chat ? reply(200, chat) : reply(404, { message: `Chat ${id} not found` });
      }
      default:
        return reply(404, { message: 'Not Found' });
    }
  }

  function takeFailure(path: string, route: string, isToken: boolean): FakeComm100Failure | undefined {
    const match = failures.find((f) => (f.path === undefined ? !isToken : sameRoute(f.path, path, route)));
    if (!match) return undefined;
    match.left -= 1;
    if (match.left <= 0) failures = failures.filter((f) => f !== match);
    return match.failure;
  }

  function sendFailure(res: ServerResponse, failure: FakeComm100Failure): void {
    if (failure.kind === 'status') {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(failure.body ?? JSON.stringify({ message: `fake failure ${failure.status}` }));
    } else if (failure.kind === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>');
    } else if (failure.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"total": 3, "list": [');
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function syncRightNowQueue(): void {
    const total = [...waitingDepartments.values()].reduce((sum, e) => sum + Number(e.currentQueueLength ?? 0), 0);
    data.rightNow = { ...data.rightNow, currentQueueLength: total };
  }

  const controls: FakeComm100Controls = {
    data,
    requests,
    calls: (p) => requests.filter((r) => r.route !== 'oauth/token' && (p === undefined || sameRoute(p, r.path, r.route))).length,
    tokenRequests: () => requests.filter((r) => r.route === 'oauth/token').length,
    issuedTokens: () => [...issued],
    resetCalls: () => void requests.splice(0),
    fail: (failure, opts = {}) => void failures.push({ failure, path: opts.path, left: opts.times ?? Number.POSITIVE_INFINITY }),
    clearFailures: () => void (failures = []),
    revokeTokens: () => accessTokens.clear(),
    resetRateLimit: () => void windowCalls.splice(0),
    setAgents: (rows) => void (data.agents = structuredClone(rows)),
    setAgentStatuses: (statuses) => void (data.agentStatuses = structuredClone(statuses)),
    setQueue: (entries) => {
      waitingDepartments.clear();
      data.queue = structuredClone(entries);
    },
    setQueueWaiting: (department, waiting, o = {}) => {
      const waits = o.waitSeconds ?? Array.from({ length: waiting }, () => 60);
      const departmentId = `00000000-0000-4000-8000-${String(waitingDepartments.size + 1).padStart(12, '0')}`;
      const existing = waitingDepartments.get(department);
      const id = String((existing?.routeToDepartmentId as string | undefined) ?? departmentId);
      waitingDepartments.set(department, {
        routeToDepartmentId: id,
        routeToDepartment: { id, siteId: Number(siteId), name: department },
        ongoingChats: o.ongoingChats ?? 0,
        maxConcurrentChats: 0,
        currentQueueLength: waiting,
        avgWaitTimeinLast30Mins: timeSpan(o.averageWaitSeconds ?? 0),
        avgWaitTimeinLast60Mins: timeSpan(o.averageWaitSeconds ?? 0),
        abandonedChatsinLast30Mins: o.abandoned ?? 0,
        switchedtoMessagesinLast30Mins: 0,
        visitors: waits.map((s, i) => ({ visitorId: `visitor-${i + 1}`, contactIdentityId: `contact-${i + 1}`, waitTime: timeSpan(s) })),
      });
      data.queue = [...waitingDepartments.values()];
      syncRightNowQueue();
    },
    setToday: (today) => void (data.today = structuredClone(today)),
    setRightNow: (rightNow) => void (data.rightNow = structuredClone(rightNow)),
    setChat: (id, chat) => {
      if (chat === undefined) delete data.chats[id];
      else data.chats[id] = structuredClone(chat);
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v4/`,
    tokenUrl: `http://127.0.0.1:${port}/oauth/token`,
    controls,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameRoute(wanted: string, path: string, route: string): boolean {
  const w = wanted.replace(/^\/?(v4\/)?/, '').toLowerCase();
  return w === path.toLowerCase() || w === route.toLowerCase();
}

/** Seconds as the vendor's TimeSpan text ("00:01:35"). */
export function timeSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `realTime/Today` over the chats that started in the asked window (end: the start's day end when not given). */
function todayBetween(chats: NonNullable<FakeComm100Data['dayChats']>, query: Record<string, string>): WireObject {
  const offsetMs = (Number(query.utcOffset) || 0) * 60_000;
  const instant = (local: string) => Date.parse(`${local}Z`) - offsetMs;
  const from = instant(query.startTime!);
  const to = query.endTime ? instant(query.endTime) : instant(`${query.startTime!.slice(0, 10)}T23:59:59`);
  const inside = chats.filter((c) => Date.parse(c.start) >= from && Date.parse(c.start) <= to);
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    ...fixture<WireObject>('realtime-today.json'),
    chatRequests: inside.length,
    totalChats: inside.length,
    chats: inside.length,
    avgChatTime: mean(inside.map((c) => c.chatSeconds)),
    avgWaitingTime: mean(inside.map((c) => c.waitSeconds ?? 0)),
  };
}
