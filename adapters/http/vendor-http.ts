import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { Transform, pipeline, type Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { meterRequest } from '../../src/quota/request-meter.js';
import { VendorError, defaultUserMessage, type VendorErrorReason } from '../../src/domain/errors.js';
import { redactSecrets } from '../../src/log/redact.js';

/**
 * The HTTP client every vendor adapter shares. It knows timeouts, retries, size caps and the
 * three error kinds; it knows nothing about any vendor's envelope. Vendors refine the error for
 * a non-2xx answer with `classifyStatus`.
 *
 * @example
 *   const http = createVendorHttp({ vendor: 'wolkvox', source: 'bogota',
 *     baseUrl: 'https://wv0032.wolkvox.com', timeoutMs: 60_000, secrets: [token] });
 *   const body = await http.json('/api/v2/information.php', { query: { api: 'agents' },
 *     headers: { 'wolkvox-token': token }, endpoint: 'information.php?api=agents', schema: AgentsAnswer });
 */
export interface VendorHttpOptions {
  vendor: string;
  source: string;
  baseUrl: string;
  /** Per-request time limit (headers and body). wolkvox allows 60 s at most. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. Default 256 MiB (wolkvox's documented maximum). */
  maxBytes?: number;
  /** Extra attempts for GETs that failed on the network or with 5xx. Default 2. */
  retries?: number;
  /** First backoff delay; doubles each attempt, with full jitter. Default 250 ms. */
  retryBaseDelayMs?: number;
  /** Values that must never appear in an error or log line (tokens, passwords). */
  secrets?: string[];
  headers?: Record<string, string>;
  /** Vendor-specific reading of a non-2xx answer. Return undefined for the default reading. */
  classifyStatus?: (status: number, bodyText: string) => { kind: 'refused' | 'unavailable'; reason: VendorErrorReason; userMessage?: string; detail?: string } | undefined;
  dispatcher?: Dispatcher;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: string;
  /** Name of the endpoint for messages and metrics, without secrets. */
  endpoint: string;
  /** A long download (report, page of a log): the quota gate never gives it a token's last lease. */
  long?: boolean;
  signal?: AbortSignal;
}

export interface StreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, capped at `maxBytes` (the stream errors with a `too-large` VendorError past it). */
  body: Readable;
}

export interface VendorHttp {
  readonly vendor: string;
  readonly source: string;
  /** GET or POST, parse JSON, validate with `schema` if given. Non-2xx becomes a VendorError. */
  json<S extends z.ZodType>(path: string, options: RequestOptions & { schema: S }): Promise<z.output<S>>;
  json(path: string, options: RequestOptions): Promise<unknown>;
  /**
   * A streamed 2xx body for large reports. Non-2xx answers are read (small) and thrown as
   * VendorError, except statuses listed in `passStatuses`, which are returned as they are.
   */
  stream(path: string, options: RequestOptions & { passStatuses?: number[] }): Promise<StreamResponse>;
  /** Build a VendorError of this source, with secrets redacted. */
  error(init: { kind: VendorError['kind']; reason: VendorErrorReason; endpoint: string; status?: number; userMessage?: string; detail: string; retryAfterSeconds?: number; cause?: unknown }): VendorError;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const retries = options.retries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 250;
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const ownDispatcher = options.dispatcher ? undefined : new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const dispatcher = options.dispatcher ?? ownDispatcher!;

  const makeError: VendorHttp['error'] = (init) =>
    new VendorError({
      kind: init.kind,
      reason: init.reason,
      source: options.source,
      vendor: options.vendor,
      endpoint: init.endpoint,
      status: init.status,
      userMessage: redactSecrets(init.userMessage ?? defaultUserMessage(options.vendor, init.reason), secrets),
      detail: redactSecrets(init.detail, secrets),
      retryAfterSeconds: init.retryAfterSeconds,
      cause: init.cause instanceof Error ? new Error(redactSecrets(init.cause.message, secrets)) : undefined,
    });

  function buildUrl(path: string, query?: RequestOptions['query']): URL {
    const url = new URL(path.replace(/^\//, ''), options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * Sends with retries. Each attempt is one request the vendor counts: the quota gate's meter
   * admits it (lease + budget) as it leaves; `release` gives the lease back once the caller has
   * read or dropped the body.
   */
  async function send(path: string, opts: RequestOptions): Promise<{ res: Dispatcher.ResponseData; release: () => void }> {
    const method = opts.method ?? 'GET';
    const url = buildUrl(path, opts.query);
    const attempts = method === 'GET' ? retries + 1 : 1;
    let lastError: VendorError | undefined;
    // Own loop rather than p-retry: a retry here is decided per answer (status, vendor body), and
    // p-retry keeps an abort listener on the caller's signal after it settles.
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(Math.random() * baseDelay * 2 ** (attempt - 1), opts.signal);
      const release = await meterRequest({ endpoint: opts.endpoint, long: opts.long, signal: opts.signal });
      let handedOver = false;
      try {
        const res = await request(url, {
          method,
          dispatcher,
          headers: { accept: 'application/json', ...options.headers, ...opts.headers },
          body: opts.body,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          signal: opts.signal,
        });
        if (res.statusCode >= 500) {
          const text = await readCapped(res.body, 64 * 1024).catch(() => '');
          const refined = options.classifyStatus?.(res.statusCode, text);
          lastError = makeError({
            kind: refined?.kind ?? 'unavailable',
            reason: refined?.reason ?? 'server-error',
            endpoint: opts.endpoint,
            status: res.statusCode,
            userMessage: refined?.userMessage,
            detail: refined?.detail ?? `HTTP ${res.statusCode} from ${opts.endpoint}: ${snippet(text)}`,
          });
          if (lastError.kind === 'unavailable') continue;
          throw lastError;
        }
        handedOver = true;
        return { res, release };
      } catch (error) {
        if (error instanceof VendorError) throw error;
        if (opts.signal?.aborted) throw error;
        lastError = networkError(error, opts.endpoint);
      } finally {
        if (!handedOver) release();
      }
    }
    throw lastError!;
  }

  function networkError(error: unknown, endpoint: string): VendorError {
    const timeout =
      error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError ||
      (error as { code?: string })?.code === 'UND_ERR_CONNECT_TIMEOUT';
    const message = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
    return makeError({
      kind: 'unavailable',
      reason: timeout ? 'timeout' : 'network',
      endpoint,
      detail: `${timeout ? `no answer within ${options.timeoutMs} ms` : 'request failed'} for ${endpoint}: ${message}`,
      cause: error,
    });
  }

  async function failOnStatus(res: Dispatcher.ResponseData, endpoint: string): Promise<never> {
    const text = await readCapped(res.body, 64 * 1024).catch(() => '');
    const refined = options.classifyStatus?.(res.statusCode, text);
    const retryAfter = Number(res.headers['retry-after']);
    const reason: VendorErrorReason =
      refined?.reason ??
      (res.statusCode === 401 || res.statusCode === 403 ? 'auth' : res.statusCode === 404 ? 'not-found' : res.statusCode === 429 ? 'rate-limited' : 'bad-request');
    throw makeError({
      kind: refined?.kind ?? 'refused',
      reason,
      endpoint,
      status: res.statusCode,
      userMessage: refined?.userMessage,
      detail: refined?.detail ?? `HTTP ${res.statusCode} from ${endpoint}: ${snippet(text)}`,
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    });
  }

  async function json(path: string, opts: RequestOptions & { schema?: z.ZodType }): Promise<unknown> {
    const { res, release } = await send(path, opts);
    let text: string;
    try {
      if (res.statusCode < 200 || res.statusCode >= 300) await failOnStatus(res, opts.endpoint);
      text = await readCapped(res.body, maxBytes);
    } catch (error) {
      if (error instanceof VendorError) throw error;
      if (error instanceof TooLarge) {
        throw makeError({ kind: 'nonsense', reason: 'too-large', endpoint: opts.endpoint, status: res.statusCode, detail: `body of ${opts.endpoint} exceeds ${maxBytes} bytes` });
      }
      const timedOut = error instanceof undiciErrors.BodyTimeoutError;
      throw makeError({
        kind: timedOut ? 'unavailable' : 'nonsense',
        reason: timedOut ? 'timeout' : 'truncated',
        endpoint: opts.endpoint,
        status: res.statusCode,
        detail: `body of ${opts.endpoint} ended early: ${(error as Error).message}`,
        cause: error,
      });
    } finally {
      release();
    }
    const contentType = String(res.headers['content-type'] ?? '');
    if (contentType.includes('text/html') || /^\s*<(!doctype|html)/i.test(text)) {
      throw makeError({ kind: 'nonsense', reason: 'html', endpoint: opts.endpoint, status: res.statusCode, detail: `HTML page instead of JSON from ${opts.endpoint}: ${snippet(text)}` });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const declared = Number(res.headers['content-length']);
      const truncated = Number.isFinite(declared) && Buffer.byteLength(text) < declared;
      throw makeError({
        kind: 'nonsense',
        reason: truncated ? 'truncated' : 'malformed',
        endpoint: opts.endpoint,
        status: res.statusCode,
        detail: `${truncated ? 'truncated' : 'malformed'} JSON from ${opts.endpoint}: ${(error as Error).message}`,
      });
    }
    if (!opts.schema) return parsed;
    const result = opts.schema.safeParse(parsed);
    if (!result.success) {
      const issues = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw makeError({ kind: 'nonsense', reason: 'schema', endpoint: opts.endpoint, status: res.statusCode, detail: `unexpected shape from ${opts.endpoint}: ${issues}` });
    }
    return result.data;
  }

  async function stream(path: string, opts: RequestOptions & { passStatuses?: number[] }): Promise<StreamResponse> {
    const { res, release } = await send(path, opts);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (!ok && !opts.passStatuses?.includes(res.statusCode)) await failOnStatus(res, opts.endpoint).finally(release);
    // The cap sits in a Transform rather than a 'data' listener on the body: a listener would
    // switch the body to flowing mode and drop chunks emitted before the caller starts reading.
    let seen = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > maxBytes) {
          done(makeError({ kind: 'nonsense', reason: 'too-large', endpoint: opts.endpoint, status: res.statusCode, detail: `body of ${opts.endpoint} exceeds ${maxBytes} bytes` }));
          return;
        }
        done(null, chunk);
      },
    });
    // pipeline destroys the socket's body when the caller stops reading early (destroy()), and
    // hands a body error (socket closed, body timeout) on to `capped`.
    // The lease goes back when the body is done: read to the end, failed, or dropped by the caller.
    pipeline(res.body, capped, release);
    return { status: res.statusCode, headers: res.headers, body: capped };
  }

  return {
    vendor: options.vendor,
    source: options.source,
    json: json as VendorHttp['json'],
    stream,
    error: makeError,
    async close() {
      await ownDispatcher?.close();
    },
  };
}

class TooLarge extends Error {}

async function readCapped(body: Readable & AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}

/**
 * A backoff pause that ends early when `signal` aborts. node's timers/promises removes its abort
 * listener when the pause ends, so a long-lived signal shared by many requests does not collect
 * one listener per retry (the 11th used to print MaxListenersExceededWarning).
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}
