import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Every endpoint's request body cap unless it asks for another: Slack and Teams payloads stay far below. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The body is larger than the endpoint accepts (from Content-Length, or counted while it streamed in). */
export class BodyTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The declared Content-Length, undefined when absent or not a plain non-negative integer. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/** True when the request carries a body at all (a length above 0 or a chunked transfer). */
export function hasBody(req: IncomingMessage): boolean {
  return (declaredLength(req) ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the whole body, refusing more than `limit` bytes: at once when Content-Length says so,
 * otherwise as soon as the count passes it (nothing more is buffered).
 * Rejects with BodyTooLargeError; the caller answers 413 and closes the connection.
 *
 * @example
 *   const body = await readBody(req, 1024 * 1024);
 */
export function readBody(req: IncomingMessage, limit: number = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume(); // the rest is dropped, not buffered, until the refusal closes the socket
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new Error('request aborted by the client'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** After a refusal, how much more of an unread body is taken (and dropped) before the socket is cut. */
const LINGER_BYTES = 2 * 1024 * 1024;
const LINGER_MS = 1_000;

/**
 * Answers a refusal without reading the rest of the body. The connection is closed once the answer
 * is out; for a moment the server keeps reading (and dropping) what the client is still sending,
 * as web servers do, so the client reads the answer instead of a reset. At most LINGER_BYTES or
 * LINGER_MS, whichever comes first.
 */
export function refuseAndClose(res: ServerResponse, status: number, body: string | Record<string, unknown>, headers: Record<string, string> = {}): void {
  const socket = res.req?.socket;
  if (socket && !res.req.complete) socket.destroySoon = () => lingeringClose(socket);
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const json = typeof body !== 'string';
  const text = json ? JSON.stringify(body) : body;
  res.writeHead(status, {
    ...headers,
    connection: 'close',
    'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function lingeringClose(socket: Socket): void {
  if (socket.destroyed) return;
  socket.end();
  let dropped = 0;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) socket.destroy();
  });
  socket.resume();
}
