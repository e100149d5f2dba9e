import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { eventually } from './eventually.js';
import type { RedisNode, RedisSettings } from '../../src/redis/redis-settings.js';
import { freePort, startRedis, stopRedis } from './redis-server.js';

// Real Redis topologies for the high-availability tests, each on free ports with its own
// temporary folder, started once per test file and thrown away after it (nothing kept on disk).

/** Answers of one server, by a short-lived client. */
async function ask<T>(port: number, run: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await run(client);
  } finally {
    client.disconnect();
  }
}

function spawnQuiet(args: string[]): ChildProcess {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  child.on('error', () => undefined);
  return child;
}

const DATA_ARGS = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];

export interface SentinelSet {
  /** The name the sentinels monitor the master under. */
  name: string;
  sentinels: RedisNode[];
  /** Settings for the bot's factory (REDIS_SENTINELS + REDIS_SENTINEL_NAME). */
  settings(prefix?: string): RedisSettings;
  /** The port of the master as the sentinels name it now. */
  masterPort(): Promise<number>;
  /** The data servers by port (master and replica at the start). */
  servers: Map<number, ChildProcess>;
  stop(): Promise<void>;
}

/**
 * A master, one replica and three sentinels (quorum 2). The sentinels mark the master down after
 * `downAfterMs` without an answer and then promote the replica. Resolves once the replica is in
 * sync and every sentinel knows the replica and the two other sentinels, so a failover can happen.
 */
export async function startSentinelSet(options: { downAfterMs?: number } = {}): Promise<SentinelSet> {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-sentinel-'));
  const name = 'chatops-test';
  const servers = new Map<number, ChildProcess>();
  const sentinelProcesses: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all([...servers.values(), ...sentinelProcesses].map((child) => stopRedis(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const masterPort = await freePort();
    servers.set(masterPort, await startRedis(masterPort));
    const replicaPort = await freePort();
    const replica = spawnQuiet(['--port', String(replicaPort), ...DATA_ARGS, '--dir', dir, '--replicaof', '127.0.0.1', String(masterPort)]);
    servers.set(replicaPort, replica);
    await eventually(() => ask(replicaPort, async (c) => (await c.info('replication')).includes('master_link_status:up')), 'the replica to be in sync', {
      everyMs: 100,
    });

    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const file = join(dir, `sentinel-${i}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1_000}`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      sentinelProcesses.push(spawn('redis-server', [file, '--sentinel'], { stdio: 'ignore' }));
      sentinels.push({ host: '127.0.0.1', port });
    }
    for (const sentinel of sentinels) {
      await eventually(
        () =>
          ask(sentinel.port, async (c) => {
            const replicas = (await c.call('SENTINEL', 'REPLICAS', name)) as unknown[];
            const others = (await c.call('SENTINEL', 'SENTINELS', name)) as unknown[];
            return replicas.length === 1 && others.length === 2;
          }),
        `sentinel ${sentinel.port} to know the replica and the other sentinels`,
        { everyMs: 100 },
      );
    }
    const masterPortNow = async () => {
      for (const sentinel of sentinels) {
        const answer = await ask(sentinel.port, (c) => c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name) as Promise<[string, string] | null>).catch(
          () => null,
        );
        if (answer) return Number(answer[1]);
      }
      throw new Error('no sentinel answered');
    };
    return {
      name,
      sentinels,
      servers,
      settings: (prefix = 'chatops') => ({ mode: 'sentinel', sentinels, name, prefix, tls: false }),
      masterPort: masterPortNow,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface RedisCluster {
  nodes: RedisNode[];
  settings(prefix?: string): RedisSettings;
  stop(): Promise<void>;
}

/** Three masters (no replicas) sharing the 16384 slots, made by `redis-cli --cluster create`. */
export async function startCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopRedis(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const nodes: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      // The cluster bus gets a free port of its own (the default, port + 10000, may be taken or past 65535).
      const busPort = await freePort();
      children.push(
        spawnQuiet([
          '--port',
          String(port),
          '--cluster-port',
          String(busPort),
          ...DATA_ARGS,
          '--dir',
          dir,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '2000',
        ]),
      );
      nodes.push({ host: '127.0.0.1', port });
    }
    for (const node of nodes) await eventually(() => ask(node.port, async (c) => (await c.ping()) === 'PONG'), `node ${node.port} to answer`, { everyMs: 100 });
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `${n.host}:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      encoding: 'utf8',
    });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (const node of nodes)
      await eventually(
        () => ask(node.port, async (c) => String(await c.call('CLUSTER', 'INFO')).includes('cluster_state:ok')),
        `node ${node.port} to say cluster_state:ok`,
        { everyMs: 100 },
      );
    return { nodes, settings: (prefix = 'chatops') => ({ mode: 'cluster', nodes, prefix, tls: false }), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export { startRedis, stopRedis };
