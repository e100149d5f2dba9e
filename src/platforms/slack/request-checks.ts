import type { IncomingHttpHeaders } from 'node:http';

/** Slack's window for a request's timestamp, either side of our clock. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * What is wrong with a request's Slack headers, judged before its body is read; undefined when
 * they may be checked against the body. The signature itself needs the body (Bolt checks it).
 *
 * @example
 *   checkSlackHeaders(req.headers, Date.now()); // "timestamp 360 s in the future"
 */
export function checkSlackHeaders(headers: IncomingHttpHeaders, nowMs: number): string | undefined {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'no x-slack-signature or x-slack-request-timestamp header';
  if (!/^v0=[0-9a-f]{64}$/i.test(signature)) return 'x-slack-signature is not a v0 signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'x-slack-request-timestamp is not a Unix time';
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew > MAX_CLOCK_SKEW_SECONDS) return `timestamp ${skew} s in the future`;
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return `timestamp ${-skew} s old`;
  return undefined;
}

/**
 * The parsed body as the app may see it: a JSON object. `payload=null`, an array or a bare
 * string throw, so the caller answers 400 rather than failing inside Bolt.
 */
export function parseSlackBody(parsed: unknown): Record<string, unknown> {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('the body is not a JSON object');
  const body = parsed as Record<string, unknown>;
  // Interactive payloads and events name their user and team as objects; a string or null
  // there would fail deep inside Bolt.
  if ('user' in body && body.user !== undefined && (typeof body.user !== 'object' || body.user === null)) {
    if (typeof body.user !== 'string') throw new TypeError('"user" is neither an object nor an id');
  }
  if ('type' in body && typeof body.type !== 'string') throw new TypeError('"type" is not a string');
  return body;
}
