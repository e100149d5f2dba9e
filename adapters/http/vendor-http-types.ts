import type { Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { VendorError, VendorErrorReason } from '../../src/domain/errors.js';
import type { Said } from '../../src/domain/said.js';

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
  ) => { kind: 'refused' | 'unavailable'; reason: VendorErrorReason; userMessage?: string; said?: Said; detail?: string } | undefined;
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
    said?: Said;
    detail: string;
    retryAfterSeconds?: number;
    cause?: unknown;
  }): VendorError;
  close(): Promise<void>;
}
