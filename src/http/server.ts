import http from 'node:http';
import type { Logger } from '../log/logger.js';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, declaredLength, hasBody, refuseAndClose } from './body-limit.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** `POST /slack/events`, `POST /api/messages`, `GET /healthz`… keyed as "METHOD /path". */
  routes: Record<string, RouteHandler>;
  logger: Logger;
  /** Largest body any endpoint accepts; a larger Content-Length is refused (413) before the handler runs. */
  maxBodyBytes?: number;
  /** Server timeouts; tests shorten them. */
  timeouts?: Partial<ServerTimeouts>;
}

export interface ServerTimeouts {
  /** Time to receive the request headers (Node's `headersTimeout`). */
  headersMs: number;
  /** Time to receive the whole request, headers and body (`requestTimeout`): a dribbling body is cut off. */
  requestMs: number;
  /** A socket silent this long during a request is closed (`server.timeout`). */
  idleMs: number;
  /** How often Node looks for requests past their time (`connectionsCheckingInterval`). */
  checkEveryMs: number;
}

/** A dribbling body is closed after 20 s (checked every second), well inside 30 s. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 20_000, idleMs: 60_000, checkEveryMs: 1_000 };

export interface RunningServer {
  port: number;
  /** Stop accepting connections; in-flight requests finish (bounded by `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/**
 * The one HTTP server of the process. Platforms contribute handlers; the server only routes,
 * catches what a handler throws, and drains on shutdown.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { routes, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const server = http.createServer(
    {
      headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      // Judged from the headers alone, before a byte of the body is read.
      if ((declaredLength(req) ?? 0) > maxBodyBytes) return refuseAndClose(res, 413, `Request body larger than ${maxBodyBytes} bytes.\n`);
      // HEAD is GET without the body (Node drops it): link checkers and app validators send it.
      const handler = routes[`${req.method} ${path}`] ?? (req.method === 'HEAD' ? routes[`GET ${path}`] : undefined);
      // A body nobody will read is not read to its end either: the connection closes after the answer.
      if (hasBody(req) && (!handler || req.method === 'GET' || req.method === 'HEAD')) res.setHeader('connection', 'close');
      if (!handler) {
        const allowed = Object.keys(routes)
          .filter((key) => key.endsWith(` ${path}`))
          .map((key) => key.split(' ')[0]!);
        if (allowed.includes('GET')) allowed.push('HEAD');
        if (allowed.length === 0) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
        res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: allowed.join(', ') }).end('Method not allowed\n');
        return;
      }
      Promise.resolve()
        .then(() => handler(req, res))
        .catch((error: unknown) => {
          if (error instanceof BodyTooLargeError) return refuseAndClose(res, 413, `Request body larger than ${error.limit} bytes.\n`);
          logger.error({ err: error, path }, 'request handler failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          if (!res.writableEnded) res.end('Internal error\n');
        });
    },
  );
  server.keepAliveTimeout = 65_000;
  server.timeout = timeouts.idleMs;
  // No 'clientError' listener of our own: Node answers 400/408/431 and closes the socket.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close(graceMs = 10_000) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
