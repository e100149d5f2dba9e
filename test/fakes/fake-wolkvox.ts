import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { wolkvoxSourceSchema, type WolkvoxSourceConfig } from '../../src/config/source-schemas.js';
import { FAKE_SECRETS } from '../support/test-secrets.js';

/**
 * A fake wolkvox API: a real HTTP server on 127.0.0.1 that behaves like the vendor's documented
 * contract (header `wolkvox-token`, 2 simultaneous requests per token, daily quota, 31-day
 * ranges, the documented error sentences) and serves the documented example payloads from
 * `test/fixtures/wolkvox/`. Tests steer it through the returned controls.
 *
 * @example
 *   const fake = await startFakeWolkvox({ delayMs: 50 });
 *   const adapter = createWolkvoxAdapter({ ...wolkvoxConfig(fake), id: 'bogota' });
 *   fake.setData('skills', [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: '9' }]);
 *   fake.failWith('server-error', { times: 1 });
 *   await fake.close();
 */

/** The `api=` values the fake knows. */
export type WolkvoxApi = 'chats' | 'skills' | 'agents' | 'token_info' | 'chat_2' | 'chat_8';

/**
 * Switchable misbehaviour:
 * - `malformed-json`: HTTP 200 with JSON cut in the middle (complete HTTP message);
 * - `html`: HTTP 200 with an HTML page (text/html);
 * - `truncated`: Content-Length of a full body, half of it sent, then the socket closes;
 * - `server-error`: HTTP 500 "Internal Server Error";
 * - `maintenance`: HTTP 403 with an HTML maintenance page (the vendor's body is unknown);
 * - `hang`: never answers (not even headers) until the fake closes;
 * - `reset`: the socket is destroyed without an answer.
 */
export type FailureMode = 'malformed-json' | 'html' | 'truncated' | 'server-error' | 'maintenance' | 'hang' | 'reset' | 'too-many-simultaneous';

/** What a data handler may answer instead of a plain `data` payload. */
export type FakeReply =
  /** A success envelope around `data`. */
  | { data: unknown; msg?: string }
  /** A complete body served from disk as is (a large chat_2 answer). */
  | { file: string }
  /** Any body and status, for shapes the other options do not cover. */
  | { raw: string | Buffer; status?: number; contentType?: string };

/** The request as a data handler sees it. */
export interface FakeRequest {
  api: WolkvoxApi;
  query: URLSearchParams;
  /** `date_ini` / `date_end` of reports, as sent (`YYYYmmddHHiiss`). */
  dateIni?: string;
  dateEnd?: string;
}

/**
 * Data for one api: a plain value is the `data` payload of every answer (for `skills`, a list of
 * rows answers only the rows whose `skill_id` was asked for); a function answers per request.
 * `undefined` or an empty list means "no records": reports answer it as `emptyAs` says, the
 * other apis with `data: []`.
 */
export type FakeDataSource = unknown | ((request: FakeRequest) => FakeReply | undefined);

export interface FakeWolkvoxOptions {
  /** The one token accepted. Default `FAKE_WOLKVOX_TOKEN`. */
  token?: string;
  /** Requests per day before `403 TOKEN LIMIT EXCEEDED`. Default 1000. */
  dailyLimit?: number;
  /** Simultaneous requests per token before `403 EXCEEDS THE LIMIT...`. Default 2. */
  maxConcurrent?: number;
  /** Delay before every accepted answer, ms. Default 0. */
  delayMs?: number;
  /**
   * Type of `code` in envelopes: `documented` (string on real_time/information, number on
   * reports, as in the vendor's examples), or all `string`, or all `number`.
   */
  codeAs?: 'documented' | 'string' | 'number';
  /** Answer errors as HTTP 200 with the status in the envelope's `code`. Default false. */
  errorsInBody?: boolean;
  /** How a report with no records answers: HTTP 404 (default), 200 with a "no data" code 404 inside, or 200 with `data: []`. */
  emptyAs?: 'http-404' | 'code-404' | 'empty-list';
  /** Per-api data overriding the fixtures. */
  data?: Partial<Record<WolkvoxApi, FakeDataSource>>;
}

/** One request the fake received. */
export interface FakeCall {
  api: string | undefined;
  path: string;
  query: Record<string, string>;
  /** Whether the request carried the right token (the token itself is not recorded). */
  authorized: boolean;
  /** HTTP status answered; undefined while pending or when the socket was dropped. */
  status?: number;
}

/** Live counters; read them after the calls under test settle. */
export interface FakeWolkvoxState {
  calls: FakeCall[];
  /** Requests being answered right now. */
  inFlight: number;
  /** Most requests seen in flight at once (rejected ones included). */
  maxConcurrencySeen: number;
  /** Requests counted against the daily quota. */
  usedToday: number;
}

export interface FakeWolkvox {
  /** Base URL to put in the source's `baseUrl`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  token: string;
  state: FakeWolkvoxState;
  /** Calls received, optionally for one api. */
  callCount(api?: WolkvoxApi): number;
  setDelay(ms: number): void;
  setDailyLimit(limit: number): void;
  setUsedToday(used: number): void;
  setCodeAs(codeAs: NonNullable<FakeWolkvoxOptions['codeAs']>): void;
  setErrorsInBody(inBody: boolean): void;
  setEmptyAs(emptyAs: NonNullable<FakeWolkvoxOptions['emptyAs']>): void;
  /** Replaces the data of one api (see `FakeDataSource`). */
  setData(api: WolkvoxApi, source: FakeDataSource): void;
  /**
   * Holds every accepted answer (or one api's) until `release()`, so a test sees what the bot
   * does while a vendor is slow without waiting for a clock; `arrived` resolves when the first
   * held request comes in.
   */
  hold(api?: WolkvoxApi): { arrived: Promise<void>; release(): void };
  /** Misbehave on the next `times` matching requests (all of them when omitted), for one api or all. */
  failWith(mode: FailureMode, options?: { api?: WolkvoxApi; times?: number }): void;
  clearFailures(): void;
  /** Forgets calls and concurrency high-water mark; keeps data and settings. */
  resetCounters(): void;
  close(): Promise<void>;
}

/** The token the fake accepts unless told otherwise (long enough for the config schema). */
export const FAKE_WOLKVOX_TOKEN = FAKE_SECRETS.wolkvoxToken;

/** The vendor's sentences, exactly. */
export const FAKE_MESSAGES = {
  unknownApi: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
  missingParameters: 'SOME PARAMETERS ARE REQUIRED',
  missingToken: 'PLEASE ENTER THE WOLKVOX-TOKEN',
  invalidToken: 'PLEASE VALIDATE TOKEN',
  quotaSpent: 'TOKEN LIMIT EXCEEDED',
  tooManyConcurrent: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
  /** (unknown) the vendor's real words for this one are not documented. */
  rangeTooLong: 'THE DATE RANGE CANNOT EXCEED 31 DAYS',
} as const;

const FIXTURES = new URL('../fixtures/wolkvox/', import.meta.url);

/** The `data` of a fixture envelope in `test/fixtures/wolkvox/`. */
export function wolkvoxFixtureData(name: string): unknown {
  return (JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { data: unknown }).data;
}

const PATHS: Record<WolkvoxApi, string> = {
  chats: '/api/v2/real_time.php',
  skills: '/api/v2/real_time.php',
  agents: '/api/v2/information.php',
  token_info: '/api/v2/information.php',
  chat_2: '/api/v2/reports_manager.php',
  chat_8: '/api/v2/reports_manager.php',
};
const REPORTS = new Set<WolkvoxApi>(['chat_2', 'chat_8']);

function defaultData(): Record<WolkvoxApi, FakeDataSource> {
  const skills = wolkvoxFixtureData('skills.json');
  return {
    chats: wolkvoxFixtureData('real-time-chats.json'),
    agents: wolkvoxFixtureData('agents.json'),
    token_info: wolkvoxFixtureData('token-info.json'),
    chat_2: wolkvoxFixtureData('chat_2.json'),
    chat_8: wolkvoxFixtureData('chat_8.json'),
    skills,
  };
}

/** Starts the fake on 127.0.0.1 (a free port). Close it in `afterEach`/`afterAll`. */
export async function startFakeWolkvox(options: FakeWolkvoxOptions = {}): Promise<FakeWolkvox> {
  const token = options.token ?? FAKE_WOLKVOX_TOKEN;
  const settings = {
    dailyLimit: options.dailyLimit ?? 1000,
    maxConcurrent: options.maxConcurrent ?? 2,
    delayMs: options.delayMs ?? 0,
    codeAs: options.codeAs ?? 'documented',
    errorsInBody: options.errorsInBody ?? false,
    emptyAs: options.emptyAs ?? 'http-404',
  };
  const data: Record<WolkvoxApi, FakeDataSource> = { ...defaultData(), ...options.data };
  const failures: Array<{ mode: FailureMode; api?: WolkvoxApi; left: number }> = [];
  const state: FakeWolkvoxState = { calls: [], inFlight: 0, maxConcurrencySeen: 0, usedToday: 0 };
  // token_info answers the fake's live count against its daily limit, as the vendor counts (FACTS.md);
  // a test that wants the documented example sets it with setData.
  if (!options.data?.token_info)
    data.token_info = () => ({
      data: { token_limit: String(settings.dailyLimit), token_use_today: String(state.usedToday), all_token_today: String(state.usedToday) },
    });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const holds: Array<{ api?: WolkvoxApi; arrive: () => void; released: Promise<void> }> = [];

  function code(api: WolkvoxApi, status: number): string | number {
    const asString = settings.codeAs === 'string' || (settings.codeAs === 'documented' && !REPORTS.has(api));
    return asString ? String(status) : status;
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function sendError(res: ServerResponse, api: WolkvoxApi | undefined, status: number, message: string): void {
    const envelope = { code: api ? code(api, status) : status, error: message, msg: message, data: null };
    sendJson(res, settings.errorsInBody ? 200 : status, envelope);
  }

  function sendEmpty(res: ServerResponse, api: WolkvoxApi): void {
    if (settings.emptyAs === 'empty-list') return sendJson(res, 200, { code: code(api, 200), error: null, msg: '0 records were found', data: [] });
    const body = { code: code(api, 404), error: 'NO DATA', msg: 'no data', data: [] };
    sendJson(res, settings.emptyAs === 'http-404' ? 404 : 200, body);
  }

  function sendReply(res: ServerResponse, api: WolkvoxApi, reply: FakeReply): void {
    if ('file' in reply) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': statSync(reply.file).size });
      createReadStream(reply.file).pipe(res);
      return;
    }
    if ('raw' in reply) {
      const body = typeof reply.raw === 'string' ? Buffer.from(reply.raw) : reply.raw;
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json', 'content-length': body.length });
      res.end(body);
      return;
    }
    const count = Array.isArray(reply.data) ? reply.data.length : 1;
    sendJson(res, 200, { code: code(api, 200), error: null, msg: reply.msg ?? `${count} records were found`, data: reply.data });
  }

  function fail(mode: FailureMode, res: ServerResponse, req: IncomingMessage): void {
    const sample = '{"code":"200","error":null,"msg":"2 records were found","data":[{"agent_id":"1001","active_chats":[{"conn_id":"87';
    switch (mode) {
      case 'malformed-json':
        return sendReply(res, 'chats', { raw: sample });
      case 'html':
        return sendReply(res, 'chats', {
          raw: '<!DOCTYPE html><html><body><h1>Error</h1><p>Servicio no disponible</p></body></html>',
          contentType: 'text/html',
        });
      case 'maintenance':
        return sendReply(res, 'chats', { raw: '<html><body><h1>Sitio en mantenimiento</h1></body></html>', status: 403, contentType: 'text/html' });
      case 'server-error':
        return sendReply(res, 'chats', { raw: 'Internal Server Error', status: 500, contentType: 'text/plain' });
      case 'truncated': {
        const full = JSON.stringify({ code: '200', error: null, msg: '1 records were found', data: [{ agent_id: '1001', active_chats: [] }] });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full) });
        res.write(full.slice(0, Math.floor(full.length / 2)));
        setImmediate(() => req.socket.destroy());
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'too-many-simultaneous':
        // As if another client of the same token held both slots (not counted against the quota).
        return sendError(res, undefined, 403, FAKE_MESSAGES.tooManyConcurrent);
    }
  }

  function takeFailure(api: string | undefined): FailureMode | undefined {
    const index = failures.findIndex((f) => !f.api || f.api === api);
    if (index < 0) return undefined;
    const failure = failures[index]!;
    failure.left -= 1;
    if (failure.left <= 0) failures.splice(index, 1);
    return failure.mode;
  }

  function validate(api: WolkvoxApi, url: URL): string | undefined {
    if (api === 'skills' && !/^\d+$/.test(url.searchParams.get('skill_id') ?? '')) return FAKE_MESSAGES.missingParameters;
    if (!REPORTS.has(api)) return undefined;
    const ini = url.searchParams.get('date_ini') ?? '';
    const end = url.searchParams.get('date_end') ?? '';
    const start = parseVendorDate(ini);
    const stop = parseVendorDate(end);
    if (start === undefined || stop === undefined || stop < start) return FAKE_MESSAGES.missingParameters;
    if (stop - start > 31 * 86_400_000) return FAKE_MESSAGES.rangeTooLong;
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const apiParam = url.searchParams.get('api') ?? undefined;
    const given = req.headers['wolkvox-token'];
    const call: FakeCall = { api: apiParam, path: url.pathname, query: Object.fromEntries(url.searchParams), authorized: given === token };
    state.calls.push(call);
    res.on('finish', () => (call.status = res.statusCode));

    const failure = takeFailure(apiParam);
    if (failure) return fail(failure, res, req);

    if (given === undefined || given === '') return sendError(res, undefined, 401, FAKE_MESSAGES.missingToken);
    if (given !== token) return sendError(res, undefined, 403, FAKE_MESSAGES.invalidToken);
    if (state.inFlight > settings.maxConcurrent) return sendError(res, undefined, 403, FAKE_MESSAGES.tooManyConcurrent);
    if (state.usedToday >= settings.dailyLimit) return sendError(res, undefined, 403, FAKE_MESSAGES.quotaSpent);
    state.usedToday += 1;

    const api = apiParam as WolkvoxApi | undefined;
    if (!api || !(api in PATHS) || PATHS[api] !== url.pathname) return sendError(res, undefined, 400, FAKE_MESSAGES.unknownApi);
    const invalid = validate(api, url);
    if (invalid) return sendError(res, api, 400, invalid);

    if (settings.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), settings.delayMs);
        timers.add(timer);
      });
      if (res.destroyed) return;
    }

    const held = holds.find((h) => h.api === undefined || h.api === api);
    if (held) {
      held.arrive();
      await held.released;
      if (res.destroyed) return;
    }

    const source = data[api];
    const request: FakeRequest = {
      api,
      query: url.searchParams,
      dateIni: url.searchParams.get('date_ini') ?? undefined,
      dateEnd: url.searchParams.get('date_end') ?? undefined,
    };
    let reply =
      typeof source === 'function' ? (source as (r: FakeRequest) => FakeReply | undefined)(request) : source === undefined ? undefined : { data: source };
    // A list of skills answers only the skill asked for, as the vendor does.
    if (api === 'skills' && reply && 'data' in reply && Array.isArray(reply.data)) {
      reply = { data: (reply.data as Array<{ skill_id?: unknown }>).filter((row) => String(row.skill_id) === url.searchParams.get('skill_id')) };
    }
    const nothing = reply === undefined || ('data' in reply && Array.isArray(reply.data) && reply.data.length === 0);
    if (nothing && REPORTS.has(api)) return sendEmpty(res, api);
    return sendReply(res, api, reply ?? { data: [] });
  }

  const server = createServer((req, res) => {
    state.inFlight += 1;
    state.maxConcurrencySeen = Math.max(state.maxConcurrencySeen, state.inFlight);
    let counted = true;
    const done = () => {
      if (counted) state.inFlight -= 1;
      counted = false;
    };
    res.on('close', done);
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    callCount: (api) => (api ? state.calls.filter((c) => c.api === api).length : state.calls.length),
    setDelay: (ms) => void (settings.delayMs = ms),
    setDailyLimit: (limit) => void (settings.dailyLimit = limit),
    setUsedToday: (used) => void (state.usedToday = used),
    setCodeAs: (codeAs) => void (settings.codeAs = codeAs),
    setErrorsInBody: (inBody) => void (settings.errorsInBody = inBody),
    setEmptyAs: (emptyAs) => void (settings.emptyAs = emptyAs),
    setData: (api, source) => void (data[api] = source),
    hold: (api) => {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = { api, arrive, released };
      holds.push(held);
      return {
        arrived,
        release: () => {
          holds.splice(holds.indexOf(held), 1);
          release();
        },
      };
    },
    failWith: (mode, opts = {}) => void failures.push({ mode, api: opts.api, left: opts.times ?? Number.POSITIVE_INFINITY }),
    clearFailures: () => void failures.splice(0),
    resetCounters: () => {
      state.calls = [];
      state.maxConcurrencySeen = state.inFlight;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      holds.splice(0);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A validated wolkvox source configuration pointing at `fake` (server 0032, America/Bogota,
 * source id `bogota`), with any field overridden.
 *
 * @example
 *   const adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake, { skills: ['101'] }));
 */
export function fakeWolkvoxSource(
  fake: Pick<FakeWolkvox, 'url' | 'token'>,
  overrides: Record<string, unknown> & { id?: string } = {},
): WolkvoxSourceConfig & { id: string } {
  const { id = 'bogota', ...fields } = overrides;
  const config = wolkvoxSourceSchema.parse({ vendor: 'wolkvox', server: '0032', token: fake.token, timeZone: 'America/Bogota', baseUrl: fake.url, ...fields });
  return { ...config, id };
}

/** `YYYYmmddHHiiss` as a comparable number of ms (zone-free: only differences matter). */
function parseVendorDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}
