import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { VccliveSourceConfig } from '../../src/config/source-schemas.js';
import { createVendorHttp, type VendorHttp } from '../http/vendor-http.js';
import { VENDOR_NAME, classifyVccliveStatus, refusalOfErrors } from './errors.js';
import { chatListSchema, envelopeSchema, onlineUserListSchema, type ChatWire, type OnlineUserWire } from './wire.js';

/** Query of one Get Chat Log page. Both `limit` and `num` carry the page size (see paging.ts). */
export interface ChatPageQuery {
  /** Local calendar day of the account, `YYYY-MM-DD`. */
  startDate?: string;
  /** Left out when undefined (see paging.ts for what it means). */
  start?: number;
  pageSize: number;
  direction: 'ASC' | 'DESC';
}

/** The two VCC Live calls the adapter needs, envelope already unwrapped. */
export interface VccliveClient {
  readonly http: VendorHttp;
  chatPage(query: ChatPageQuery, signal?: AbortSignal): Promise<ChatWire[]>;
  onlineUsers(signal?: AbortSignal): Promise<OnlineUserWire[]>;
  close(): Promise<void>;
}

export interface VccliveClientDeps {
  dispatcher?: Dispatcher;
  /** Extra attempts on network errors and 5xx; default 2. */
  retries?: number;
  retryBaseDelayMs?: number;
}

/** Default request time limit; VCC Live documents none. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** `https://{account}.asp.virtual-call-center.eu`, unless the source sets `baseUrl`. */
export function vccliveBaseUrl(config: Pick<VccliveSourceConfig, 'account' | 'baseUrl'>): string {
  return config.baseUrl ?? `https://${config.account}.asp.virtual-call-center.eu`;
}

/**
 * A VCC Live API client for one source: HTTP Basic auth (user = account, password = token),
 * the `{ response, errors }` envelope checked on every answer.
 *
 * @example
 *   const client = createVccliveClient({ id: 'emea', ...config });
 *   const chats = await client.chatPage({ startDate: '2023-01-20', start: 0, pageSize: 500, direction: 'ASC' });
 */
export function createVccliveClient(config: VccliveSourceConfig & { id: string }, deps: VccliveClientDeps = {}): VccliveClient {
  const basic = Buffer.from(`${config.account}:${config.token}`).toString('base64');
  const http = createVendorHttp({
    vendor: VENDOR_NAME,
    source: config.id,
    baseUrl: vccliveBaseUrl(config),
    timeoutMs: config.timeout ?? DEFAULT_TIMEOUT_MS,
    retries: deps.retries,
    retryBaseDelayMs: deps.retryBaseDelayMs,
    // The pair is a secret too: its Base64 form is what travels in the Authorization header.
    secrets: [config.token, `${config.account}:${config.token}`],
    headers: { authorization: `Basic ${basic}` },
    classifyStatus: classifyVccliveStatus({ projectId: config.projectId }),
    dispatcher: deps.dispatcher,
  });

  async function call<S extends z.ZodType>(
    path: string,
    endpoint: string,
    query: Record<string, string | number | undefined>,
    schema: S,
    signal?: AbortSignal,
    long = false,
  ): Promise<z.output<S>> {
    const envelope = await http.json(path, { query, endpoint, long, schema: envelopeSchema, signal });
    if (envelope.errors && envelope.errors.length > 0) {
      const refusal = refusalOfErrors(envelope.errors);
      throw http.error({
        kind: 'refused',
        reason: refusal.reason,
        endpoint,
        status: 200,
        said: refusal.said,
        detail: `${refusal.detail} (${endpoint})`,
      });
    }
    const result = schema.safeParse(envelope.response);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 3)
        .map((i) => `response.${i.path.join('.')}: ${i.message}`)
        .join('; ');
      throw http.error({ kind: 'nonsense', reason: 'schema', endpoint, status: 200, detail: `unexpected shape from ${endpoint}: ${issues}` });
    }
    return result.data;
  }

  const projectId = encodeURIComponent(config.projectId);
  return {
    http,
    chatPage(query, signal) {
      return call(
        `/v2/projects/${projectId}/chats`,
        `projects/${config.projectId}/chats`,
        {
          startDate: query.startDate,
          start: query.start,
          // Which of the two the server honours is unknown (FACTS.md): send both, same value.
          limit: query.pageSize,
          num: query.pageSize,
          direction: query.direction,
        },
        chatListSchema,
        signal,
        true,
      ); // a page of the chat log: a long download
    },
    onlineUsers(signal) {
      return call(`/v2/onlineusers/${projectId}`, `onlineusers/${config.projectId}`, {}, onlineUserListSchema, signal);
    },
    close: () => http.close(),
  };
}
