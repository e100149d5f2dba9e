import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisClient } from './client.js';
import type { RedisSettings } from './redis-settings.js';

/**
 * Client options for Redis that fail at once while it is down (no offline queue, short
 * timeouts), so callers fall back to local behaviour instead of hanging. Every client the
 * process makes uses them, in each mode.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 2_000,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
};

/**
 * The one place the process opens Redis: a server (`REDIS_URL`, `rediss://` for TLS), the master
 * a set of sentinels names (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`, followed through
 * failovers), or a Redis Cluster (`REDIS_CLUSTER_NODES`). Every client fails fast while Redis is
 * unreachable (see FAIL_FAST_REDIS_OPTIONS); modules that need a second connection (pub/sub) call
 * `duplicate()` on it, which keeps the mode.
 *
 * @example
 *   const redis = connectRedis(redisSettingsOf(process.env)!);
 */
export function connectRedis(settings: RedisSettings, overrides: RedisOptions = {}): RedisClient {
  const auth = { username: settings.username, password: settings.password };
  const tls = settings.tls ? { tls: {} } : {};
  if (settings.mode === 'server') {
    // ioredis reads credentials, database and TLS (rediss://) from the URL itself.
    return new Redis(settings.url, { ...FAIL_FAST_REDIS_OPTIONS, ...(settings.tls && !settings.url.startsWith('rediss://') ? tls : {}), ...overrides });
  }
  if (settings.mode === 'sentinel') {
    return new Redis({
      ...FAIL_FAST_REDIS_OPTIONS,
      ...auth,
      ...tls,
      sentinels: settings.sentinels,
      name: settings.name,
      sentinelPassword: settings.sentinelPassword,
      ...(settings.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      sentinelCommandTimeout: 2_000,
      ...overrides,
    });
  }
  const { enableOfflineQueue, retryStrategy: _nodeRetry, ...nodeOptions } = FAIL_FAST_REDIS_OPTIONS;
  const options: ClusterOptions = {
    enableOfflineQueue,
    clusterRetryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    slotsRefreshTimeout: 2_000,
    redisOptions: { ...nodeOptions, ...auth, ...tls, ...overrides },
    // TLS certificates name hosts, not the addresses CLUSTER SLOTS answers with.
    ...(settings.tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
  };
  return new Cluster(settings.nodes, options);
}

/**
 * Resolves once the client is connected (Sentinel: it found the master; Cluster: it read the
 * slots), or gave up, or after `timeoutMs`: start-up work that writes at once (the demo's history
 * backfill) then does not meet a client still connecting, which fails fast by design.
 */
export function firstConnection(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready' || client.status === 'end') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      client.off('end', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    client.once('ready', done);
    client.once('end', done);
  });
}
