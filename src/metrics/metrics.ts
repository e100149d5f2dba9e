import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric the bot exports, in one registry. Created once per process by `main`
 * and passed to whoever records; tests create their own.
 */
export function createMetrics() {
  const registry = new Registry();
  // The conventional names (process_cpu_seconds_total, nodejs_heap_size_used_bytes...) that
  // standard Node.js dashboards look for.
  collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    commands: new Counter({
      name: 'chatops_commands_total',
      help: 'Commands run, by name and outcome (ok, usage, denied, not_available, vendor_error, error).',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    }),
    commandSeconds: new Histogram({
      name: 'chatops_command_duration_seconds',
      help: 'Time from a command arriving to its answer.',
      labelNames: ['command'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
      registers: [registry],
    }),
    vendorCalls: new Counter({
      name: 'chatops_vendor_calls_total',
      help: 'Calls that reached a vendor, by source and endpoint.',
      labelNames: ['source', 'endpoint'],
      registers: [registry],
    }),
    vendorErrors: new Counter({
      name: 'chatops_vendor_errors_total',
      help: 'Vendor calls that failed, by source, endpoint and error kind.',
      labelNames: ['source', 'endpoint', 'kind'],
      registers: [registry],
    }),
    cacheHits: new Counter({
      name: 'chatops_cache_hits_total',
      help: 'Answers served from the shared cache or a joined in-flight fetch.',
      labelNames: ['source', 'endpoint', 'how'],
      registers: [registry],
    }),
    staleServed: new Counter({
      name: 'chatops_stale_answers_total',
      help: 'Answers served stale because the budget was spent or the vendor failed.',
      labelNames: ['source', 'endpoint'],
      registers: [registry],
    }),
    leaseWaiting: new Gauge({
      name: 'chatops_lease_waiting',
      help: 'Vendor requests waiting for a concurrency lease now, by token and priority.',
      labelNames: ['token', 'priority'],
      registers: [registry],
    }),
    leaseWaitSeconds: new Histogram({
      name: 'chatops_lease_wait_seconds',
      help: 'Time spent waiting for a concurrency lease on a vendor token.',
      labelNames: ['token'],
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    quotaUsed: new Gauge({ name: 'chatops_quota_used_today', help: 'Vendor requests spent today per token.', labelNames: ['token'], registers: [registry] }),
    quotaLeft: new Gauge({ name: 'chatops_quota_left_today', help: 'Vendor requests left today per token.', labelNames: ['token'], registers: [registry] }),
    alertsFiring: new Gauge({
      name: 'chatops_alerts_firing',
      help: 'Alerts firing now (not resolved), by severity.',
      labelNames: ['severity'],
      registers: [registry],
    }),
    posts: new Counter({
      name: 'chatops_posts_total',
      help: 'Messages delivered to chat platforms, by platform and kind (post, update, thread).',
      labelNames: ['platform', 'kind'],
      registers: [registry],
    }),
    postRetries: new Counter({
      name: 'chatops_post_retries_total',
      help: 'Delivery attempts retried after 429 or 5xx, by platform.',
      labelNames: ['platform'],
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
