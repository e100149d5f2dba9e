import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { isVendorError } from '../../src/domain/errors.js';
import { createVendorHttp, type VendorHttp } from '../http/vendor-http.js';
import type { Comm100SourceConfig } from '../../src/config/source-schemas.js';
import { configuredSecrets, createComm100Auth, type Comm100Auth } from './auth.js';
import { classifyComm100Status, redactVendorError } from './errors.js';

/** Default per-request time limit when the source sets none. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** `https://api{N}.comm100.io/v4/` for the source's data center, unless `baseUrl` overrides it. */
export function comm100BaseUrl(config: Pick<Comm100SourceConfig, 'dataCenter' | 'baseUrl'>): string {
  return config.baseUrl ?? `https://api${config.dataCenter}.comm100.io/v4/`;
}

/**
 * The OAuth token endpoint: the configured `tokenUrl`, else `/oauth/token` on the host of an
 * overriding `baseUrl` (proxies and tests serve both), else `https://dash{N}.comm100.io/oauth/token`.
 */
export function comm100TokenUrl(config: Pick<Comm100SourceConfig, 'dataCenter' | 'baseUrl' | 'auth'>): string {
  if (config.auth.type === 'oauth' && config.auth.tokenUrl) return config.auth.tokenUrl;
  if (config.baseUrl) return new URL('/oauth/token', config.baseUrl).toString();
  return `https://dash${config.dataCenter}.comm100.io/oauth/token`;
}

export interface Comm100GetOptions<S extends z.ZodType> {
  query?: Record<string, string | number | undefined>;
  schema: S;
  /** Name for messages and metrics, without ids (`livechat/chats/{id}`). Defaults to the path. */
  endpoint?: string;
  signal?: AbortSignal;
}

/**
 * Authenticated GETs against one Comm100 site: adds credentials and `siteId`, retries 5xx and
 * network failures (shared client), refreshes the OAuth token once on a 401, and redacts every
 * secret (including tokens issued along the way) from the errors it throws.
 *
 * @example
 *   const client = createComm100Client({ ...config, id: 'emea' });
 *   const rightNow = await client.get('livechat/realTime/RightNow', { schema: rightNowSchema });
 */
export interface Comm100Client {
  get<S extends z.ZodType>(path: string, options: Comm100GetOptions<S>): Promise<z.output<S>>;
  close(): Promise<void>;
}

export interface Comm100ClientDeps {
  /** Clock in milliseconds, for token expiry. */
  now?: () => number;
  dispatcher?: Dispatcher;
  /** First retry backoff for 5xx and network failures (shared client default 250 ms). */
  retryBaseDelayMs?: number;
  retries?: number;
}

export function createComm100Client(config: Comm100SourceConfig & { id: string }, deps: Comm100ClientDeps = {}): Comm100Client {
  const http: VendorHttp = createVendorHttp({
    vendor: 'Comm100',
    source: config.id,
    baseUrl: comm100BaseUrl(config),
    timeoutMs: config.timeout ?? DEFAULT_TIMEOUT_MS,
    maxBytes: 32 * 1024 * 1024,
    retries: deps.retries,
    retryBaseDelayMs: deps.retryBaseDelayMs,
    secrets: configuredSecrets(config.auth),
    classifyStatus: classifyComm100Status,
    dispatcher: deps.dispatcher,
  });
  const auth: Comm100Auth = createComm100Auth({
    auth: config.auth,
    siteId: config.siteId,
    http,
    tokenUrl: comm100TokenUrl(config),
    now: deps.now ?? Date.now,
  });

  async function get<S extends z.ZodType>(path: string, options: Comm100GetOptions<S>): Promise<z.output<S>> {
    const endpoint = options.endpoint ?? path;
    try {
      for (let attempt = 0; ; attempt++) {
        const credentials = await auth.credentials(options.signal);
        try {
          return await http.json(path, {
            query: { ...options.query, ...credentials.query },
            headers: credentials.headers,
            endpoint,
            schema: options.schema,
            signal: options.signal,
          });
        } catch (error) {
          // A token may be revoked before its announced expiry: one fresh token, one more try.
          if (attempt === 0 && auth.kind === 'oauth' && isVendorError(error) && error.status === 401) {
            auth.invalidate(credentials);
            continue;
          }
          throw error;
        }
      }
    } catch (error) {
      throw isVendorError(error) ? redactVendorError(error, auth.secrets()) : error;
    }
  }

  return { get, close: () => http.close() };
}
