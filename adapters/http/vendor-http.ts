import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { Transform, pipeline } from 'node:stream';
import type { z } from 'zod';
import { meterRequest } from '../../src/quota/request-meter.js';
import { VendorError, type VendorErrorReason } from '../../src/domain/errors.js';
import type { Said } from '../../src/domain/said.js';
import { redactSecrets } from '../../src/log/redact.js';
import { peek, type Peeked } from './peek-body.js';
import { TooLarge, bodySnippet, readCapped } from './read-capped.js';
import { withVendorRetries, type RetryPolicy } from './vendor-retries.js';
import { HEAD_BYTES, type RequestOptions, type StreamOptions, type StreamResponse, type VendorHttp, type VendorHttpOptions } from './vendor-http-types.js';

export type { RequestOptions, StreamOptions, StreamResponse, VendorHttp, VendorHttpOptions } from './vendor-http-types.js';

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
      userMessage: init.userMessage === undefined ? undefined : redactSecrets(init.userMessage, secrets),
      said: init.said && redactSaid(init.said, secrets),
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

  const retryPolicy: RetryPolicy = { retries, baseDelayMs: baseDelay, busyRetries, busyDelayMs: busyDelay, maxRetryAfterMs };
  const withRetries = <T>(opts: RequestOptions, attempt: () => Promise<T>) => withVendorRetries(retryPolicy, opts, attempt);

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
      said: refined?.said,
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

/** A sentence's values with any secret taken out (the vendor's own words may echo a token). */
export function redactSaid(said: Said, secrets: readonly string[]): Said {
  if (!said.values || secrets.length === 0) return said;
  const values = Object.fromEntries(Object.entries(said.values).map(([k, v]) => [k, typeof v === 'string' ? redactSecrets(v, secrets) : v]));
  return { key: said.key, values };
}
