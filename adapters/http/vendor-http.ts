import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { Transform, pipeline, type Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { meterRequest } from '../../src/quota/request-meter.js';
import { VendorError, defaultUserMessage, type VendorErrorReason } from '../../src/domain/errors.js';
import { redactSecrets } from '../../src/log/redact.js';
import { snippet } from '../../src/reply/format.js';
import { peek, type Peeked } from './peek-body.js';

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
  /**
   * Extra attempts after the vendor said "too many simultaneous requests" (another replica or
   * person on the same token). Retried quietly after a short jittered wait; default 4.
   */
  busyRetries?: number;
  /** The wait before a busy retry: a random time up to this, times the attempt. Default 300 ms. */
  busyRetryDelayMs?: number;
  /** A 429/503 whose `Retry-After` is at most this is waited out and retried once. Default 5 s. */
  maxRetryAfterMs?: number;
  /** Values that must never appear in an error or log line (tokens, passwords). */
  secrets?: string[];
  headers?: Record<string, string>;
  /** Vendor-specific reading of a non-2xx answer. Return undefined for the default reading. */
  classifyStatus?: (
    status: number,
    bodyText: string,
  ) => { kind: 'refused' | 'unavailable'; reason: VendorErrorReason; userMessage?: string; detail?: string } | undefined;
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
  /**
   * Reads a vendor's refusal written inside a 2xx JSON body (undefined when the body is an
   * answer), so that it is retried or thrown like the same refusal sent as a status.
   */
  refusal?: (body: unknown) => VendorError | undefined;
  signal?: AbortSignal;
}

export interface StreamOptions extends RequestOptions {
  passStatuses?: number[];
  /**
   * Reads a vendor's refusal from the first bytes of a 2xx body (up to `HEAD_BYTES`; fewer when
   * the body is shorter), so that a refusal written inside a streamed answer is retried or thrown
   * like the same refusal sent as a status. The caller gets the whole body either way.
   */
  refusalInHead?: (head: string) => VendorError | undefined;
}

/** How much of a streamed body `refusalInHead` sees: enough for any vendor's error envelope. */
export const HEAD_BYTES = 4096;

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
  stream(path: string, options: StreamOptions): Promise<StreamResponse>;
  /** Build a VendorError of this source, with secrets redacted. */
  error(init: {
    kind: VendorError['kind'];
    reason: VendorErrorReason;
    endpoint: string;
    status?: number;
    userMessage?: string;
    detail: string;
    retryAfterSeconds?: number;
    cause?: unknown;
  }): VendorError;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const retries = options.retries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 250;
  const busyRetries = options.busyRetries ?? 4;
  const busyDelay = options.busyRetryDelayMs ?? 300;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
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

  /** One request, admitted by the quota gate's meter as it leaves (the vendor counts each one). */
  async function sendOnce(path: string, opts: RequestOptions): Promise<{ res: Dispatcher.ResponseData; release: () => void }> {
    const release = await meterRequest({ endpoint: opts.endpoint, long: opts.long, signal: opts.signal });
    try {
      const res = await request(buildUrl(path, opts.query), {
        method: opts.method ?? 'GET',
        dispatcher,
        headers: { accept: 'application/json', ...options.headers, ...opts.headers },
        body: opts.body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: opts.signal,
      });
      return { res, release };
    } catch (error) {
      release();
      if (opts.signal?.aborted) throw error;
      throw networkError(error, opts.endpoint);
    }
  }

  /**
   * Runs `attempt` (one request and the reading of its answer) until it succeeds or fails for
   * good. Three kinds of retry, each with its own allowance: a GET that failed on the network or
   * with 5xx (exponential backoff, full jitter); the vendor's "too many simultaneous requests"
   * (a short jittered wait, never shown to the asker); a 429/503 with a short `Retry-After`
   * (waited out once). Attempts give their lease back before any wait.
   * Own loop rather than p-retry or undici's RetryAgent: every attempt must pass the quota meter
   * and the decision depends on the vendor's body.
   */
  async function withRetries<T>(opts: RequestOptions, attempt: () => Promise<T>): Promise<T> {
    const left = { failures: (opts.method ?? 'GET') === 'GET' ? retries : 0, busy: busyRetries, retryAfter: 1 };
    for (;;) {
      let failure: VendorError;
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof VendorError) || opts.signal?.aborted) throw error;
        failure = error;
      }
      const retryAfterMs = failure.retryAfterSeconds === undefined ? undefined : failure.retryAfterSeconds * 1000;
      let waitMs: number;
      if (failure.reason === 'too-many-concurrent' && left.busy > 0) {
        left.busy -= 1;
        waitMs = Math.random() * busyDelay * (busyRetries - left.busy);
      } else if (retryAfterMs !== undefined && retryAfterMs <= maxRetryAfterMs && left.retryAfter > 0) {
        left.retryAfter -= 1;
        waitMs = retryAfterMs;
      } else if (
        failure.kind === 'unavailable' &&
        (failure.status === undefined || failure.status >= 500) &&
        failure.reason !== 'truncated' &&
        left.failures > 0
      ) {
        left.failures -= 1;
        waitMs = Math.random() * baseDelay * 2 ** (retries - left.failures - 1);
      } else {
        throw failure;
      }
      await sleep(waitMs, opts.signal);
    }
  }

  function networkError(error: unknown, endpoint: string): VendorError {
    const timeout =
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError ||
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

  /** The VendorError for a non-2xx answer: the vendor's own reading first, then the status's. */
  function statusError(status: number, headers: Dispatcher.ResponseData['headers'], text: string, endpoint: string): VendorError {
    const refined = options.classifyStatus?.(status, text);
    const retryAfter = Number(headers['retry-after']);
    const reason: VendorErrorReason =
      refined?.reason ??
      (status >= 500
        ? 'server-error'
        : status === 401 || status === 403
          ? 'auth'
          : status === 404
            ? 'not-found'
            : status === 429
              ? 'rate-limited'
              : 'bad-request');
    return makeError({
      kind: refined?.kind ?? (status >= 500 ? 'unavailable' : 'refused'),
      reason,
      endpoint,
      status,
      userMessage: refined?.userMessage,
      detail: refined?.detail ?? `HTTP ${status} from ${endpoint}: ${bodySnippet(text)}`,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    });
  }

  async function failOnStatus(res: Dispatcher.ResponseData, endpoint: string): Promise<never> {
    throw statusError(res.statusCode, res.headers, await readCapped(res.body, 64 * 1024).catch(() => ''), endpoint);
  }

  function json(path: string, opts: RequestOptions & { schema?: z.ZodType }): Promise<unknown> {
    return withRetries(opts, () => jsonOnce(path, opts));
  }

  async function jsonOnce(path: string, opts: RequestOptions & { schema?: z.ZodType }): Promise<unknown> {
    const { res, release } = await sendOnce(path, opts);
    let text: string;
    try {
      if (res.statusCode < 200 || res.statusCode >= 300) await failOnStatus(res, opts.endpoint);
      text = await readCapped(res.body, maxBytes);
    } catch (error) {
      if (error instanceof VendorError) throw error;
      if (error instanceof TooLarge) {
        throw makeError({
          kind: 'nonsense',
          reason: 'too-large',
          endpoint: opts.endpoint,
          status: res.statusCode,
          detail: `body of ${opts.endpoint} exceeds ${maxBytes} bytes`,
        });
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
      throw makeError({
        kind: 'nonsense',
        reason: 'html',
        endpoint: opts.endpoint,
        status: res.statusCode,
        detail: `HTML page instead of JSON from ${opts.endpoint}: ${bodySnippet(text)}`,
      });
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
    if (!opts.schema) return refusedInBody(parsed, opts);
    const result = opts.schema.safeParse(parsed);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw makeError({
        kind: 'nonsense',
        reason: 'schema',
        endpoint: opts.endpoint,
        status: res.statusCode,
        detail: `unexpected shape from ${opts.endpoint}: ${issues}`,
      });
    }
    return refusedInBody(result.data, opts);
  }

  /** Throws the error a vendor wrote inside a 2xx body (wolkvox's envelope `code`), so it is retried like a status. */
  function refusedInBody<T>(body: T, opts: RequestOptions): T {
    const refusal = opts.refusal?.(body);
    if (refusal) throw refusal;
    return body;
  }

  async function stream(path: string, opts: StreamOptions): Promise<StreamResponse> {
    const { res, release } = await withRetries(opts, async () => {
      const sent = await sendOnce(path, opts);
      const ok = sent.res.statusCode >= 200 && sent.res.statusCode < 300;
      if (!ok && !opts.passStatuses?.includes(sent.res.statusCode)) await failOnStatus(sent.res, opts.endpoint).finally(sent.release);
      if (!ok || !opts.refusalInHead) return sent;
      // Read inside the attempt, so that a refusal in the head is retried like its status would be.
      let peeked: Peeked;
      try {
        peeked = await peek(sent.res.body, HEAD_BYTES);
      } catch (error) {
        sent.release();
        const timedOut = error instanceof undiciErrors.BodyTimeoutError;
        throw makeError({
          kind: timedOut ? 'unavailable' : 'nonsense',
          reason: timedOut ? 'timeout' : 'truncated',
          endpoint: opts.endpoint,
          status: sent.res.statusCode,
          detail: `body of ${opts.endpoint} ended early: ${(error as Error).message}`,
          cause: error,
        });
      }
      const refusal = opts.refusalInHead(peeked.head.toString('utf8'));
      if (refusal) {
        peeked.body.destroy();
        sent.release();
        throw refusal;
      }
      return { res: { ...sent.res, body: peeked.body } as Dispatcher.ResponseData, release: sent.release };
    });
    // The cap sits in a Transform rather than a 'data' listener on the body: a listener would
    // switch the body to flowing mode and drop chunks emitted before the caller starts reading.
    let seen = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > maxBytes) {
          done(
            makeError({
              kind: 'nonsense',
              reason: 'too-large',
              endpoint: opts.endpoint,
              status: res.statusCode,
              detail: `body of ${opts.endpoint} exceeds ${maxBytes} bytes`,
            }),
          );
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

/** A body in a detail line: one line, cut at the shared length, and said when empty. */
function bodySnippet(text: string): string {
  return snippet(text) || '(empty body)';
}

/**
 * A backoff pause that ends early when `signal` aborts. node's timers/promises removes its abort
 * listener when the pause ends, so a long-lived signal shared by many requests does not collect
 * one listener per retry (the 11th used to print MaxListenersExceededWarning).
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}
