/** host:port of a sentinel or a cluster node. */
export interface RedisNode {
  host: string;
  port: number;
}

interface Common {
  /** CHATOPS_REDIS_PREFIX: start of every key (default `chatops`); two deployments with different prefixes share nothing. */
  prefix: string;
  /** REDIS_TLS=true, or a `rediss://` REDIS_URL. */
  tls: boolean;
  /** REDIS_USERNAME / REDIS_PASSWORD: the data nodes' ACL user (Sentinel and Cluster modes; REDIS_URL carries its own). */
  username?: string;
  password?: string;
}

/** Where Redis is, as the environment says: one server, a Sentinel-managed master, or a Cluster. */
export type RedisSettings =
  | (Common & { mode: 'server'; url: string })
  | (Common & { mode: 'sentinel'; sentinels: RedisNode[]; name: string; sentinelPassword?: string })
  | (Common & { mode: 'cluster'; nodes: RedisNode[] });

export const DEFAULT_REDIS_PREFIX = 'chatops';

/**
 * Reads REDIS_URL, REDIS_SENTINELS + REDIS_SENTINEL_NAME (+ REDIS_SENTINEL_PASSWORD), or
 * REDIS_CLUSTER_NODES, with REDIS_TLS, REDIS_USERNAME, REDIS_PASSWORD and CHATOPS_REDIS_PREFIX.
 * Undefined when none is set (memory, one process). Throws on a mistake, naming the variable.
 *
 * @example
 *   redisSettingsOf({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'chatops' })
 *   // { mode: 'sentinel', sentinels: [{ host: 's1', port: 26379 }, ...], name: 'chatops', prefix: 'chatops', tls: false }
 */
export function redisSettingsOf(env: NodeJS.ProcessEnv): RedisSettings | undefined {
  const url = env.REDIS_URL?.trim() || undefined;
  const sentinels = env.REDIS_SENTINELS?.trim() || undefined;
  const cluster = env.REDIS_CLUSTER_NODES?.trim() || undefined;
  const given = [url && 'REDIS_URL', sentinels && 'REDIS_SENTINELS', cluster && 'REDIS_CLUSTER_NODES'].filter(Boolean);
  if (given.length > 1) throw new Error(`Set only one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES (got ${given.join(' and ')})`);
  const prefix = env.CHATOPS_REDIS_PREFIX?.trim() || DEFAULT_REDIS_PREFIX;
  if (!/^[A-Za-z0-9._:-]+$/.test(prefix))
    throw new Error(`CHATOPS_REDIS_PREFIX must be letters, digits and . _ : - only (no braces or spaces), not "${env.CHATOPS_REDIS_PREFIX}"`);
  const tls = flag(env, 'REDIS_TLS');
  const common = { prefix, tls, username: env.REDIS_USERNAME || undefined, password: env.REDIS_PASSWORD || undefined };
  if (url) {
    if (!/^rediss?:\/\//.test(url)) throw new Error(`REDIS_URL must start with redis:// or rediss:// (TLS), not "${url}"`);
    return { ...common, tls: tls || url.startsWith('rediss://'), mode: 'server', url };
  }
  if (sentinels) {
    const name = env.REDIS_SENTINEL_NAME?.trim();
    if (!name) throw new Error('REDIS_SENTINELS needs REDIS_SENTINEL_NAME: the name the sentinels monitor the master under (sentinel monitor <name> ...)');
    return {
      ...common,
      mode: 'sentinel',
      sentinels: nodesOf('REDIS_SENTINELS', sentinels, 26379),
      name,
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD || undefined,
    };
  }
  if (cluster) return { ...common, mode: 'cluster', nodes: nodesOf('REDIS_CLUSTER_NODES', cluster, 6379) };
  return undefined;
}

/** A few words for the start-up lines and /readyz: never a password. */
export function describeRedis(settings: RedisSettings): string {
  const tls = settings.tls ? ', TLS' : '';
  if (settings.mode === 'sentinel')
    return `Sentinel master "${settings.name}" via ${settings.sentinels.length} sentinel${settings.sentinels.length === 1 ? '' : 's'}${tls}`;
  if (settings.mode === 'cluster') return `Cluster (${settings.nodes.length} seed node${settings.nodes.length === 1 ? '' : 's'}${tls})`;
  return `one server${tls}`;
}

function nodesOf(name: string, text: string, defaultPort: number): RedisNode[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\[[^\]]+\]|[^:\s]+)(?::(\d+))?$/.exec(entry);
      const port = Number(match?.[2] ?? defaultPort);
      if (!match || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}: "${entry}" is not host:port`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
    });
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (!value || value === 'false' || value === '0' || value === 'no') return false;
  if (value === 'true' || value === '1' || value === 'yes') return true;
  throw new Error(`${name} must be true or false, not "${env[name]}"`);
}
