import type { RouteHandler } from './server.js';
import type { Metrics } from '../metrics/metrics.js';

/** One line of `/readyz`: a named check with its state. */
export interface ReadinessCheck {
  name: string;
  /** `ok: false` on a required check makes `/readyz` answer 503. */
  check: () => Promise<{ ok: boolean; detail: string; required?: boolean }>;
}

export interface HealthRoutesOptions {
  metrics: Metrics;
  checks: ReadinessCheck[];
  /** False once shutdown began: readiness fails so load balancers stop sending requests. */
  accepting: () => boolean;
}

/** `GET /healthz` (the process is alive), `GET /readyz` (it can serve), `GET /metrics`. */
export function healthRoutes({ metrics, checks, accepting }: HealthRoutesOptions): Record<string, RouteHandler> {
  return {
    'GET /healthz': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    },
    'GET /readyz': async (_req, res) => {
      const results = await Promise.all(
        checks.map(async ({ name, check }) => {
          try {
            return { name, ...(await withTimeout(check(), 2_000)) };
          } catch (error) {
            return { name, ok: false, required: true, detail: (error as Error).message };
          }
        }),
      );
      const shuttingDown = !accepting();
      const ready = !shuttingDown && results.every((r) => r.ok || r.required === false);
      const body = { status: ready ? 'ready' : shuttingDown ? 'shutting down' : 'not ready', checks: results };
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body, null, 2));
    },
    'GET /metrics': async (_req, res) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
