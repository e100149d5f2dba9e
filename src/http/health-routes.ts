import { Gauge } from 'prom-client';
import type { RouteHandler } from './server.js';
import type { Metrics } from '../metrics/metrics.js';

/** One line of `/readyz`: a named check with its state. */
export interface ReadinessCheck {
  name: string;
  /**
   * `ok: false` on a required check makes `/readyz` answer 503. A check that is not ok but not
   * required either (Redis down while the replica still answers on its own limits) leaves it
   * 200 and `degraded`, with the check's detail as the reason.
   */
  check: () => Promise<{ ok: boolean; detail: string; required?: boolean }>;
}

export interface Readiness {
  status: 'ready' | 'not ready' | 'shutting down';
  /** Present while the replica answers with less than it should: the reasons, in words. */
  degraded?: string[];
  checks: Array<{ name: string; ok: boolean; detail: string; required?: boolean }>;
}

/** Runs every check (each bounded to 2 s; a check that throws counts as required and failed). */
export async function evaluateReadiness(checks: ReadinessCheck[], accepting: boolean): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        return { name, ...(await withTimeout(check(), 2_000)) };
      } catch (error) {
        return { name, ok: false, required: true, detail: (error as Error).message };
      }
    }),
  );
  const ready = accepting && results.every((r) => r.ok || r.required === false);
  const degraded = results.filter((r) => !r.ok && r.required === false).map((r) => `${r.name}: ${r.detail}`);
  return { status: ready ? 'ready' : accepting ? 'not ready' : 'shutting down', ...(degraded.length > 0 ? { degraded } : {}), checks: results };
}

export interface HealthRoutesOptions {
  metrics: Metrics;
  checks: ReadinessCheck[];
  /** False once shutdown began: readiness fails so load balancers stop sending requests. */
  accepting: () => boolean;
}

/** `GET /healthz` (the process is alive), `GET /readyz` (it can serve), `GET /metrics`. */
export function healthRoutes({ metrics, checks, accepting }: HealthRoutesOptions): Record<string, RouteHandler> {
  // 1 per check that is degraded (not ok, not required) or failing, read on each scrape.
  if (!metrics.registry.getSingleMetric('chatops_readiness_degraded')) {
    new Gauge({
      name: 'chatops_readiness_degraded',
      help: 'Readiness checks not ok right now (1), by check: Redis unreachable, a watched source failing...',
      labelNames: ['check'],
      registers: [metrics.registry],
      async collect() {
        for (const result of (await evaluateReadiness(checks, true)).checks) this.set({ check: result.name }, result.ok ? 0 : 1);
      },
    });
  }
  return {
    'GET /healthz': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    },
    'GET /readyz': async (_req, res) => {
      const readiness = await evaluateReadiness(checks, accepting());
      res.writeHead(readiness.status === 'ready' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(readiness, null, 2));
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
