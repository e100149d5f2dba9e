import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, stopRedis } from '../support/redis-server.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

// A redis-server that speaks only TLS, with a certificate from a private authority made here
// (openssl); the bot is given `rediss://` and the authority through Node's own NODE_EXTRA_CA_CERTS.

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
let dir: string;
let server: ChildProcess | undefined;
let port: number;

function openssl(...args: string[]): void {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
}

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(join(tmpdir(), 'chatops-tls-'));
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=chatops test authority');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '1',
    '-extfile',
    'ext.cnf',
  );
  port = await freePort();
  server = spawn(
    'redis-server',
    [
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--tls-cert-file',
      'server.crt',
      '--tls-key-file',
      'server.key',
      '--tls-ca-cert-file',
      'ca.crt',
      '--tls-auth-clients',
      'no',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const probe = tlsClient();
  try {
    await vi.waitFor(async () => expect(await probe.ping()).toBe('PONG'), { timeout: 30_000, interval: 100 });
  } finally {
    probe.disconnect();
  }
});

afterAll(async () => {
  if (server) await stopRedis(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function tlsClient(): Redis {
  const client = new Redis(port, '127.0.0.1', { tls: { ca: readFileSync(join(dir, 'ca.crt')) }, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  client.on('error', () => undefined);
  return client;
}

describe.skipIf(!hasOpenssl)('Redis over TLS (rediss://)', () => {
  it('is where `chatops ask` keeps its cache when REDIS_URL says rediss://', async () => {
    const prefix = `test-tls-${randomUUID().slice(0, 8)}`;
    const run = runCli(['ask', '/queue'], {
      env: cleanEnv({ REDIS_URL: `rediss://127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: join(dir, 'ca.crt'), CHATOPS_REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' }),
    });
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/waiting|queue/i);
    const check = tlsClient();
    try {
      const keys = await check.keys(`${prefix}:*`);
      expect(keys.some((k) => k.startsWith(`${prefix}:quota:{`) && k.includes(':cache:'))).toBe(true);
    } finally {
      check.disconnect();
    }
  });
});
