import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isBodyTimeout } from '../http/read-capped.js';
import { VendorError } from '../../src/domain/errors.js';
import type { RequestOptions, VendorHttp } from '../http/vendor-http.js';
import { classifyWolkvoxAnswer, isNoDataAnswer, vendorSentence } from './errors.js';

/** How a streamed report ended: read to the end, stopped by the reader, or no records at all. */
export type ReportOutcome = 'complete' | 'stopped' | 'empty';

/** Receives the body chunk by chunk with each chunk's absolute offset. Return true to stop. */
export type ReportSink = (chunk: Buffer, offset: number) => boolean | void;

/** Bodies up to this size are validated as a whole (envelope, code) before the sink sees them. */
const SMALL_BODY_BYTES = 64 * 1024;
/** Give the event loop a turn at least this often, whatever the network's pace. */
const YIELD_EVERY_BYTES = 2 * 1024 * 1024;

/**
 * Streams a report body (up to 256 MB) to `sink` without holding it. The envelope of a small
 * answer is checked whole (so "no data", error codes inside HTTP 200 and malformed JSON are read
 * like any other answer); a large answer is checked by its head (`{` and `code`) and its last
 * byte (`}`: anything else means the body was cut).
 */
export async function streamReport(http: VendorHttp, path: string, options: RequestOptions, reader: ReportSink): Promise<ReportOutcome> {
  const { endpoint } = options;
  // The reader's own failures must not be mistaken for a broken body below.
  const sink: ReportSink = (chunk, offset) => {
    try {
      return reader(chunk, offset);
    } catch (error) {
      throw new ReaderFailed(error);
    }
  };
  const res = await http.stream(path, { ...options, passStatuses: [404], refusalInHead: (head) => refusalInHead(http, head, endpoint) });
  const body = res.body;
  let finished = false;
  try {
    if (res.status === 404) return 'empty';
    if (String(res.headers['content-type'] ?? '').includes('text/html')) {
      const snippet = await firstBytes(body, 2048);
      throw http.error({
        kind: 'nonsense',
        reason: 'html',
        endpoint,
        status: res.status,
        detail: `HTML page instead of JSON from ${endpoint}: ${vendorSentence(snippet)}`,
      });
    }
    const early: Buffer[] = [];
    let total = 0;
    let streaming = false;
    let lastByte: number | undefined;
    let sinceYield = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        lastByte = lastNonSpace(chunk) ?? lastByte;
        const offset = total;
        total += chunk.length;
        if (!streaming) {
          early.push(chunk);
          if (total <= SMALL_BODY_BYTES) continue;
          checkHead(http, Buffer.concat(early), endpoint, res.status);
          streaming = true;
          let at = 0;
          for (const piece of early.splice(0)) {
            if (sink(piece, at) === true) return 'stopped';
            at += piece.length;
          }
        } else if (sink(chunk, offset) === true) {
          return 'stopped';
        }
        sinceYield += chunk.length;
        if (sinceYield >= YIELD_EVERY_BYTES) {
          sinceYield = 0;
          await yieldToLoop();
        }
      }
    } catch (error) {
      throw bodyError(http, error, endpoint, res.status, options.signal);
    }
    finished = true;
    if (!streaming) {
      const whole = Buffer.concat(early);
      if (!checkSmallBody(http, whole.toString('utf8'), endpoint, res.status)) return 'empty';
      reader(whole, 0);
      return 'complete';
    }
    if (lastByte !== 0x7d) {
      throw http.error({
        kind: 'nonsense',
        reason: 'truncated',
        endpoint,
        status: res.status,
        detail: `answer of ${endpoint} stops after ${total} bytes without closing its JSON`,
      });
    }
    return 'complete';
  } finally {
    if (!finished) body.destroy();
  }
}

/**
 * A refusal in the envelope's `code` at the head of an HTTP 200 ("too many simultaneous requests",
 * quota spent): read before the body is streamed, so that it is retried like its HTTP status.
 * A report's "no data" is no refusal.
 */
function refusalInHead(http: VendorHttp, head: string, endpoint: string): VendorError | undefined {
  const code = envelopeCode(head);
  if (code === undefined || code === 200 || isNoDataAnswer(code, head)) return undefined;
  return codeError(http, code, head.slice(0, 2048), endpoint);
}

/** The envelope's `code` from the text before `"data"`, when it says one. */
function envelopeCode(text: string): number | undefined {
  const envelopeEnd = text.indexOf('"data"');
  const code = /"code"\s*:\s*"?(\d+)"?/.exec(envelopeEnd >= 0 ? text.slice(0, envelopeEnd) : text)?.[1];
  return code === undefined ? undefined : Number(code);
}

/** First checks on a large body: JSON object, and a `code` of 200 if it says one. */
function checkHead(http: VendorHttp, head: Buffer, endpoint: string, status: number): void {
  const text = head.toString('latin1');
  const first = text.trimStart()[0];
  if (first === '<') {
    throw http.error({
      kind: 'nonsense',
      reason: 'html',
      endpoint,
      status,
      detail: `HTML page instead of JSON from ${endpoint}: ${vendorSentence(text.slice(0, 2048))}`,
    });
  }
  if (first !== '{') {
    throw http.error({ kind: 'nonsense', reason: 'malformed', endpoint, status, detail: `answer of ${endpoint} is not a JSON object` });
  }
  const code = envelopeCode(text);
  if (code !== undefined && code !== 200) throw codeError(http, code, text.slice(0, 2048), endpoint);
}

/** Checks a whole small body; false when it means "no records". */
function checkSmallBody(http: VendorHttp, text: string, endpoint: string, status: number): boolean {
  if (/^\s*</.test(text)) {
    throw http.error({ kind: 'nonsense', reason: 'html', endpoint, status, detail: `HTML page instead of JSON from ${endpoint}: ${vendorSentence(text)}` });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw http.error({ kind: 'nonsense', reason: 'malformed', endpoint, status, detail: `malformed JSON from ${endpoint}: ${(error as Error).message}` });
  }
  const envelope = parsed as { code?: unknown; data?: unknown } | null;
  if (typeof envelope !== 'object' || envelope === null || !('code' in envelope)) {
    throw http.error({ kind: 'nonsense', reason: 'schema', endpoint, status, detail: `answer of ${endpoint} lacks the {code, error, msg, data} envelope` });
  }
  const code = Number(envelope.code);
  if (code !== 200) {
    if (isNoDataAnswer(code, text)) return false;
    throw codeError(http, code, text, endpoint);
  }
  return Array.isArray(envelope.data) ? envelope.data.length > 0 : envelope.data !== null && envelope.data !== undefined && envelope.data !== '';
}

/** A non-200 `code` inside an HTTP 200 answer, read like the same HTTP status. */
export function codeError(http: VendorHttp, code: number, text: string, endpoint: string): VendorError {
  const refined = Number.isFinite(code) ? classifyWolkvoxAnswer(code, text) : undefined;
  const serverSide = code >= 500;
  return http.error({
    kind: refined?.kind ?? (serverSide ? 'unavailable' : Number.isFinite(code) ? 'refused' : 'nonsense'),
    reason: refined?.reason ?? (serverSide ? 'server-error' : code === 404 ? 'not-found' : Number.isFinite(code) ? 'bad-request' : 'schema'),
    endpoint,
    status: Number.isFinite(code) ? code : undefined,
    said: refined?.said,
    detail: `code ${Number.isFinite(code) ? code : '(not a number)'} in the answer of ${endpoint}: ${vendorSentence(text) || '(no message)'}`,
  });
}

class ReaderFailed extends Error {
  constructor(readonly original: unknown) {
    super('report reader failed');
  }
}

function bodyError(http: VendorHttp, error: unknown, endpoint: string, status: number, signal?: AbortSignal): unknown {
  if (error instanceof ReaderFailed) return error.original;
  if (error instanceof VendorError || signal?.aborted) return error;
  if (isBodyTimeout(error)) {
    return http.error({ kind: 'unavailable', reason: 'timeout', endpoint, status, detail: `answer of ${endpoint} stalled mid-body`, cause: error });
  }
  return http.error({
    kind: 'nonsense',
    reason: 'truncated',
    endpoint,
    status,
    detail: `answer of ${endpoint} was cut off: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}

async function firstBytes(body: AsyncIterable<Buffer>, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= max) break;
    }
  } catch {
    // a broken HTML page is still an HTML page
  }
  return Buffer.concat(parts).toString('utf8').slice(0, max);
}

function lastNonSpace(chunk: Buffer): number | undefined {
  for (let i = chunk.length - 1; i >= 0; i--) {
    const b = chunk[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  }
  return undefined;
}
