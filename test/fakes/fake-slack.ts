import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../support/eventually.js';

/** One Web API call as the fake received it. `body` is the parsed form or JSON; `blocks`/`attachments` sent as JSON strings are decoded. */
export interface SlackCall {
  method: string;
  /** The bearer token (or the `token` form field). */
  token: string | undefined;
  body: Record<string, unknown>;
  at: number;
  /** What the fake answered (for chat.postMessage, the message's `ts`); unset while failing. */
  answer?: Record<string, unknown>;
}

/** A file uploaded through files.getUploadURLExternal, the upload URL and files.completeUploadExternal. */
export interface FakeUpload {
  id: string;
  filename: string;
  /** The length the bot declared when asking for the upload URL. */
  length: number;
  altText?: string;
  /** The bytes posted to the upload URL (undefined until then). */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal. */
  completed: boolean;
  title?: string;
  /** Channel the completion shared it to, if any. */
  channelId?: string;
}

/** A post to a response_url. `id` is the last path segment of the URL from `responseUrl(id)`. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A failure the fake answers with instead of success:
 * - `rateLimited`: HTTP 429 with `Retry-After: retryAfterSeconds`;
 * - `serverError`: HTTP `status` (default 500);
 * - `error`: HTTP 200 `{ ok: false, error }` (e.g. `channel_not_found`, `not_in_channel`, `invalid_auth`).
 */
export type SlackFailure = { kind: 'rateLimited'; retryAfterSeconds: number } | { kind: 'serverError'; status?: number } | { kind: 'error'; error: string };

export interface FakeSlackOptions {
  /** When set, any other token gets `invalid_auth`. */
  botToken?: string;
  /** When set, posts to any other channel get `channel_not_found`. */
  channels?: string[];
  /** User-group id -> member user ids, for usergroups.users.list. */
  userGroups?: Record<string, string[]>;
  /** User id -> Slack locale (`es-LA`), for users.info with include_locale; default `en-US`. */
  userLocales?: Record<string, string>;
  /** The workspace auth.test names (the one the bot serves); default FAKE_TEAM_ID. */
  teamId?: string;
}

/** The fake's workspace: requests the tests sign come from it unless they say otherwise. */
export const FAKE_TEAM_ID = 'T0TEAM';

/**
 * A fake Slack on 127.0.0.1 (a real HTTP server on a free port) for tests of the Slack side and
 * the watcher. It speaks the Web API methods the bot uses — auth.test, chat.postMessage,
 * chat.update, chat.postEphemeral, users.info, usergroups.users.list, views.open/update/push/publish, and
 * the two-step file upload (files.getUploadURLExternal, a POST of the bytes to the upload URL,
 * files.completeUploadExternal) —
 * records every call, and can fail on demand. It also serves response_url endpoints.
 *
 * Point the bot at it with `apiUrl: fake.apiUrl` (SLACK_API_URL).
 *
 * @example
 *   const fake = await startFakeSlack({ botToken: 'xoxb-test', channels: ['C0123'] });
 *   fake.failNext(1, { kind: 'rateLimited', retryAfterSeconds: 7 }, 'chat.postMessage');
 *   await expect(platform.post('slack:C0123', reply)).rejects.toMatchObject({ options: { retryAfterSeconds: 7 } });
 *   await platform.post('slack:C0123', reply);             // succeeds: the failure was used up
 *   expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
 *   await fake.close();
 */
export interface FakeSlack {
  /** Web API base, with a trailing slash: `http://127.0.0.1:<port>/api/`. */
  apiUrl: string;
  /** A response_url on this fake; posts to it land in `responses` under `id`. */
  responseUrl(id?: string): string;
  /** Every Web API call, oldest first (failed ones included). */
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Every response_url post, oldest first. */
  responses: ResponsePost[];
  responsesTo(id: string): ResponsePost[];
  /** Files by id, as uploaded (bytes) and completed. */
  uploads: Map<string, FakeUpload>;
  /** Answer the next `count` calls (to `method`, or to any method) with `failure`. */
  failNext(count: number, failure: SlackFailure, method?: string): void;
  /** Answer every call (to `method`, or any) with `failure` for the next `ms` milliseconds. */
  failFor(ms: number, failure: SlackFailure, method?: string): void;
  /** Make a response_url answer 404 `expired_url`, as Slack does after 30 minutes or 5 posts. */
  expireResponseUrl(id: string): void;
  /** Resolves when a Web API call matching `predicate` has arrived (test/support/eventually.ts). */
  waitForCall(predicate: (call: SlackCall) => boolean): Promise<SlackCall>;
  /** Resolves when a response_url post matching `predicate` has arrived. */
  waitForResponse(predicate: (post: ResponsePost) => boolean): Promise<ResponsePost>;
  close(): Promise<void>;
}

/** Starts the fake. Close it in `afterAll`/`afterEach`. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const responses: ResponsePost[] = [];
  const pending: Array<{ left: number; failure: SlackFailure; method?: string }> = [];
  const windows: Array<{ until: number; failure: SlackFailure; method?: string }> = [];
  const expired = new Set<string>();
  const uploads = new Map<string, FakeUpload>();
  let tsCounter = 0;
  let base = '';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
      };
      if (path.startsWith('/upload/')) {
        // Slack's upload URL takes the raw bytes (or a multipart form) and answers 200 "OK - <length>".
        const file = uploads.get(decodeURIComponent(path.slice('/upload/'.length)));
        if (!file || req.method !== 'POST') return send(404, { ok: false, error: 'not_found' });
        if (bytes.length !== file.length) return send(400, { ok: false, error: `length ${bytes.length} is not the ${file.length} declared` });
        file.bytes = bytes;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
        return;
      }
      if (path.startsWith('/response/')) {
        const id = decodeURIComponent(path.slice('/response/'.length));
        if (expired.has(id)) return send(404, { ok: false, error: 'expired_url' });
        responses.push({ id, body: parseBody(raw, req.headers['content-type']), at: Date.now() });
        return send(200, { ok: true });
      }
      if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'not_found' });
      const method = path.slice('/api/'.length);
      const body = parseBody(raw, req.headers['content-type']);
      const token = bearer(req.headers.authorization) ?? (typeof body.token === 'string' ? body.token : undefined);
      const call: SlackCall = { method, token, body, at: Date.now() };
      calls.push(call);

      const failure = takeFailure(method);
      if (failure?.kind === 'rateLimited') return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
      if (failure?.kind === 'serverError') return send(failure.status ?? 500, { ok: false, error: 'internal_error' });
      if (failure?.kind === 'error') return send(200, { ok: false, error: failure.error });
      if (options.botToken && token !== options.botToken) return send(200, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
      call.answer = answer(method, body);
      send(200, call.answer);
    });
  });

  function takeFailure(method: string): SlackFailure | undefined {
    const now = Date.now();
    const window = windows.find((w) => w.until > now && (!w.method || w.method === method));
    if (window) return window.failure;
    const next = pending.find((p) => p.left > 0 && (!p.method || p.method === method));
    if (!next) return undefined;
    next.left--;
    return next.failure;
  }

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = String(body.channel ?? '');
    const knownChannel = !options.channels || options.channels.includes(channel);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake Contact Center',
          user: 'chatops',
          team_id: options.teamId ?? FAKE_TEAM_ID,
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'chat.postMessage': {
        if (!knownChannel) return { ok: false, error: 'channel_not_found' };
        const ts = `${1_700_000_000 + Math.floor(tsCounter / 1000)}.${String(++tsCounter % 1_000_000).padStart(6, '0')}`;
        return { ok: true, channel, ts, message: { type: 'message', text: body.text, blocks: body.blocks, ts, thread_ts: body.thread_ts } };
      }
      case 'chat.update':
        if (!knownChannel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        if (!knownChannel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, message_ts: `${1_700_000_000}.${String(++tsCounter).padStart(6, '0')}` };
      case 'users.info': {
        // As documented: `locale` only with include_locale=true (form-encoded, so the string "true").
        const user = String(body.user ?? '');
        if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: 'user_not_found' };
        const withLocale = body.include_locale === true || body.include_locale === 'true';
        return {
          ok: true,
          user: {
            id: user,
            team_id: options.teamId ?? FAKE_TEAM_ID,
            name: user.toLowerCase(),
            tz: 'America/Bogota',
            ...(withLocale ? { locale: options.userLocales?.[user] ?? 'en-US' } : {}),
          },
        };
      }
      case 'usergroups.users.list': {
        const members = options.userGroups?.[String(body.usergroup)];
        return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(body.length);
        if (typeof body.filename !== 'string' || !body.filename) return { ok: false, error: 'invalid_arguments' };
        if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(++tsCounter).padStart(10, '0')}`;
        uploads.set(id, { id, filename: body.filename, length, altText: typeof body.alt_text === 'string' ? body.alt_text : undefined, completed: false });
        return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as Array<{ id?: string; title?: string }>) : [];
        if (files.length === 0) return { ok: false, error: 'invalid_arguments' };
        for (const f of files) if (!f.id || !uploads.get(f.id)?.bytes) return { ok: false, error: 'file_not_found' };
        const channelId = typeof body.channel_id === 'string' ? body.channel_id : undefined;
        if (channelId && options.channels && !options.channels.includes(channelId)) return { ok: false, error: 'channel_not_found' };
        for (const f of files) Object.assign(uploads.get(f.id!)!, { completed: true, title: f.title, channelId });
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: uploads.get(f.id!)!.filename, mimetype: 'image/png' })) };
      }
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${String(++tsCounter).padStart(8, '0')}`, ...(typeof body.view === 'object' ? body.view : {}) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  let responseIds = 0;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = `r${++responseIds}`) => `${base}/response/${encodeURIComponent(id)}`,
    calls,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responses,
    responsesTo: (id) => responses.filter((r) => r.id === id),
    failNext: (count, failure, method) => void pending.push({ left: count, failure, method }),
    failFor: (ms, failure, method) => void windows.push({ until: Date.now() + ms, failure, method }),
    expireResponseUrl: (id) => void expired.add(id),
    waitForCall: (predicate) => eventually(() => calls.find(predicate), 'a Slack Web API call'),
    waitForResponse: (predicate) => eventually(() => responses.find(predicate), 'a response_url post'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Signs a request body the way Slack does: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}` with
 * the signing secret. Returns the headers to send (timestamp defaults to now, in seconds).
 *
 * @example
 *   // slashCommandBody / blockActionsBody (Slack's documented payloads) are in test/slack/payloads.ts
 *   const body = new URLSearchParams({ command: '/queue', text: '', user_id: 'U1', channel_id: 'C1', response_url: fake.responseUrl('q1') }).toString();
 *   await request(url, { method: 'POST', body, headers: signSlackRequest('secret', body) });
 *   await fake.waitForResponse((r) => r.id === 'q1'); // when the answer came late
 */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'view', 'metadata', 'files']) {
    if (typeof out[key] === 'string') {
      try {
        out[key] = JSON.parse(out[key] as string);
      } catch {
        // Leave it as sent: the test will see what the bot really posted.
      }
    }
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}
