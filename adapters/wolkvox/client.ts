import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { isVendorError } from '../../src/domain/errors.js';
import { createVendorHttp, type VendorHttp } from '../http/vendor-http.js';
import type { WolkvoxRange } from './dates.js';
import { classifyWolkvoxAnswer, isNoDataAnswer } from './errors.js';
import { codeError, streamReport, type ReportOutcome, type ReportSink } from './report-stream.js';
import {
  agentsDataSchema,
  chat8DataSchema,
  envelopeSchema,
  realTimeChatsDataSchema,
  skillsDataSchema,
  tokenInfoDataSchema,
  type AgentWire,
  type Chat8RowWire,
  type LiveAgentChatsWire,
  type SkillWire,
  type TokenInfoWire,
} from './wire.js';

/** The endpoints the adapter reads; `api` is the query parameter that picks the report. */
const ENDPOINTS = {
  chats: { path: '/api/v2/real_time.php', api: 'chats', report: false },
  skills: { path: '/api/v2/real_time.php', api: 'skills', report: false },
  agents: { path: '/api/v2/information.php', api: 'agents', report: false },
  token_info: { path: '/api/v2/information.php', api: 'token_info', report: false },
  chat_2: { path: '/api/v2/reports_manager.php', api: 'chat_2', report: true },
  chat_8: { path: '/api/v2/reports_manager.php', api: 'chat_8', report: true },
} as const;
type EndpointName = keyof typeof ENDPOINTS;

/** wolkvox allows 60 s per request. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface WolkvoxClientOptions {
  /** Source id for messages and logs. */
  source: string;
  /** Server number (`0032`): the host is `https://wv0032.wolkvox.com`. */
  server: string;
  token: string;
  /** Overrides the host (proxies, tests). */
  baseUrl?: string;
  timeoutMs?: number;
  maxBytes?: number;
  retries?: number;
  retryBaseDelayMs?: number;
  dispatcher?: Dispatcher;
  /** Told the endpoint before each request (retries not included). */
  onRequest?: (endpoint: string) => void;
}

/**
 * One method per wolkvox endpoint, answering wire rows (validated, not yet mapped). Reports
 * answer an empty list for "no records" (HTTP 404, or a "no data" message).
 *
 * @example
 *   const client = createWolkvoxClient({ source: 'bogota', server: '0032', token });
 *   const agents = await client.agents();
 */
export interface WolkvoxClient {
  readonly http: VendorHttp;
  liveChats(signal?: AbortSignal): Promise<LiveAgentChatsWire[]>;
  skill(skillId: string, signal?: AbortSignal): Promise<SkillWire[]>;
  agents(signal?: AbortSignal): Promise<AgentWire[]>;
  tokenInfo(signal?: AbortSignal): Promise<TokenInfoWire | undefined>;
  chat8(range: WolkvoxRange, signal?: AbortSignal): Promise<Chat8RowWire[]>;
  /** Streams `chat_2` (up to 256 MB) to `sink` chunk by chunk; see `streamReport`. */
  streamChat2(range: WolkvoxRange, sink: ReportSink, signal?: AbortSignal): Promise<ReportOutcome>;
  close(): Promise<void>;
}

export function wolkvoxBaseUrl(server: string, baseUrl?: string): string {
  return baseUrl ?? `https://wv${server}.wolkvox.com`;
}

export function createWolkvoxClient(options: WolkvoxClientOptions): WolkvoxClient {
  const http = createVendorHttp({
    vendor: 'wolkvox',
    source: options.source,
    baseUrl: wolkvoxBaseUrl(options.server, options.baseUrl),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes,
    retries: options.retries,
    retryBaseDelayMs: options.retryBaseDelayMs,
    secrets: [options.token],
    headers: { 'wolkvox-token': options.token },
    classifyStatus: (status, text) => (status >= 500 || status === 404 ? undefined : classifyWolkvoxAnswer(status, text)),
    dispatcher: options.dispatcher,
  });

  function endpointLabel(name: EndpointName): string {
    const { path, api } = ENDPOINTS[name];
    return `${path.slice(path.lastIndexOf('/') + 1)}?api=${api}`;
  }

  async function get<S extends z.ZodType>(name: EndpointName, schema: S, query: Record<string, string>, signal?: AbortSignal): Promise<z.output<S>> {
    const { path, api, report } = ENDPOINTS[name];
    const endpoint = endpointLabel(name);
    let envelope: z.output<typeof envelopeSchema>;
    options.onRequest?.(endpoint);
    // A refusal inside an HTTP 200 (the envelope's `code`) is read per attempt, so that "too many
    // simultaneous requests" is retried however the vendor sends it.
    const refusal = (body: unknown) => {
      const answer = body as z.output<typeof envelopeSchema>;
      const code = Number(answer.code);
      if (code === 200) return undefined;
      const said = JSON.stringify({ error: answer.error, msg: answer.msg });
      return report && isNoDataAnswer(code, said) ? undefined : codeError(http, code, said, endpoint);
    };
    try {
      // Reports are long downloads: the quota gate never gives them the token's last lease.
      envelope = await http.json(path, { query: { api, ...query }, endpoint, long: report, signal, schema: envelopeSchema, refusal });
    } catch (error) {
      if (report && isVendorError(error) && error.status === 404) return schema.parse([]);
      throw error;
    }
    if (Number(envelope.code) !== 200) return schema.parse([]); // a report's "no data"
    const result = schema.safeParse(envelope.data);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 3)
        .map((i) => `data.${i.path.join('.')}: ${i.message}`)
        .join('; ');
      throw http.error({ kind: 'nonsense', reason: 'schema', endpoint, detail: `unexpected shape from ${endpoint}: ${issues}` });
    }
    return result.data;
  }

  return {
    http,
    liveChats: (signal) => get('chats', realTimeChatsDataSchema, {}, signal),
    skill: (skillId, signal) => get('skills', skillsDataSchema, { skill_id: skillId }, signal),
    agents: (signal) => get('agents', agentsDataSchema, {}, signal),
    tokenInfo: async (signal) => (await get('token_info', tokenInfoDataSchema, {}, signal))[0],
    chat8: (range, signal) => get('chat_8', chat8DataSchema, { date_ini: range.dateIni, date_end: range.dateEnd }, signal),
    streamChat2: (range, sink, signal) => {
      options.onRequest?.(endpointLabel('chat_2'));
      return streamReport(
        http,
        ENDPOINTS.chat_2.path,
        { query: { api: 'chat_2', date_ini: range.dateIni, date_end: range.dateEnd }, endpoint: endpointLabel('chat_2'), long: true, signal },
        sink,
      );
    },
    close: () => http.close(),
  };
}
