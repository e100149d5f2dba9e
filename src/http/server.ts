import http from 'node:http';
import type { Logger } from '../log/logger.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** `POST /slack/events`, `POST /api/messages`, `GET /healthz`… keyed as "METHOD /path". */
  routes: Record<string, RouteHandler>;
  logger: Logger;
}

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
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      const known = Object.keys(routes).some((key) => key.endsWith(` ${path}`));
      res.writeHead(known ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' }).end(known ? 'Method not allowed\n' : 'Not found\n');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        logger.error({ err: error, path }, 'request handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        if (!res.writableEnded) res.end('Internal error\n');
      });
  });
  server.keepAliveTimeout = 65_000;
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
